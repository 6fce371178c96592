/** Property definitions: add one, change a label, and change a type after checking the stored values. */
import { A } from '@solidjs/router';
import { For, Show, createSignal, type JSX } from 'solid-js';
import type { PropertyDefinition, PropertyType } from '../../contract/model.ts';
import { listPropertyDefinitionUses, type PropertyDefinitionUse } from '../../storage/profile-queries.ts';
import { callWorker } from '../bridge.ts';
import { createLive } from '../live.ts';
import { describeError } from '../messages.ts';
import { PROPERTY_TYPES, TYPE_LABELS } from './profile-text.ts';
import { TypeChangePanel } from './TypeChangePanel.tsx';

export function PropertiesPage(): JSX.Element {
  const uses = createLive(listPropertyDefinitionUses);
  const [typeChangeId, setTypeChangeId] = createSignal<string | null>(null);
  // Results show here, near the table, because a toast at the bottom of the window would cover its rows.
  const [status, setStatus] = createSignal('');
  let statusElement: HTMLParagraphElement | undefined;

  return (
    <main class="page properties-page">
      <p>
        <A href="/profiles">← Profiles</A>
      </p>
      <h1>Property definitions</h1>
      <p class="hint">
        A property is one field of a profile, such as an email address or a birth date. Import connections map the columns of a file to properties, and
        each value must fit its property's type.
      </p>
      <AddPropertyForm onAdded={setStatus} />
      <p class="page-status" role="status" ref={statusElement}>
        {status()}
      </p>
      <Show when={uses()}>
        {(current) => (
          <Show
            when={current().length > 0}
            fallback={
              <div class="empty-state">
                <h2>No properties yet</h2>
                <p>Add one above, or create an import connection: picking its file creates a property for each new column.</p>
              </div>
            }
          >
            <div class="table-scroll">
              <table class="data-table properties-table">
                <caption>Property definitions</caption>
                <thead>
                  <tr>
                    <th scope="col">Label</th>
                    <th scope="col" class="col-id">
                      Id
                    </th>
                    <th scope="col">Type</th>
                    <th scope="col" class="col-imported">
                      Imported by
                    </th>
                    <th scope="col">
                      <span class="visually-hidden">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  <For each={current()}>{(use) => <PropertyRow use={use} onChangeType={() => setTypeChangeId(use.definition.id)} onRenamed={setStatus} />}</For>
                </tbody>
              </table>
            </div>
          </Show>
        )}
      </Show>
      {/* Keyed by id: picking another property starts a new panel, while a rename keeps the open one. */}
      <Show when={typeChangeId()} keyed>
        {(propertyId) => (
          <Show when={uses()?.find((use) => use.definition.id === propertyId)?.definition}>
            {(definition) => (
              <TypeChangePanel
                definition={definition()}
                onClose={() => setTypeChangeId(null)}
                onChanged={(message) => {
                  setStatus(message);
                  setTypeChangeId(null);
                  statusElement?.scrollIntoView({ block: 'nearest' });
                }}
              />
            )}
          </Show>
        )}
      </Show>
    </main>
  );
}

function AddPropertyForm(props: { onAdded: (message: string) => void }): JSX.Element {
  const [id, setId] = createSignal('');
  const [label, setLabel] = createSignal('');
  const [type, setType] = createSignal<PropertyType>('text');
  const [error, setError] = createSignal<string | null>(null);
  const [saving, setSaving] = createSignal(false);

  const add = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    setError(null);
    setSaving(true);
    try {
      const definition = await callWorker('createPropertyDefinition', { id: id(), label: label(), type: type() });
      props.onAdded(`Property "${definition.label}" (${definition.id}) was added.`);
      setId('');
      setLabel('');
      setType('text');
    } catch (caught) {
      setError(describeError(caught));
    } finally {
      setSaving(false);
    }
  };

  return (
    <section class="panel" aria-labelledby="add-property-heading">
      <h2 id="add-property-heading">Add a property</h2>
      <form class="add-property-form" onSubmit={(event) => void add(event)}>
        <label>
          Id
          <input value={id()} onInput={(event) => setId(event.currentTarget.value)} autocomplete="off" spellcheck={false} aria-describedby="property-id-hint" />
        </label>
        <label>
          Label
          <input value={label()} onInput={(event) => setLabel(event.currentTarget.value)} />
        </label>
        <label>
          Type
          <select value={type()} onChange={(event) => setType(event.currentTarget.value as PropertyType)}>
            <For each={PROPERTY_TYPES}>{(entry) => <option value={entry}>{TYPE_LABELS[entry]}</option>}</For>
          </select>
        </label>
        <button type="submit" class="primary" disabled={saving()}>
          Add property
        </button>
      </form>
      <p id="property-id-hint" class="hint">
        The id is how mappings refer to the property and cannot change later: lower-case letters, digits and _, starting with a letter, such as
        postal_code.
      </p>
      <Show when={error()}>
        <p class="field-error" role="alert">
          {error()}
        </p>
      </Show>
    </section>
  );
}

function PropertyRow(props: { use: PropertyDefinitionUse; onChangeType: () => void; onRenamed: (message: string) => void }): JSX.Element {
  const definition = (): PropertyDefinition => props.use.definition;
  const [editing, setEditing] = createSignal(false);
  const [label, setLabel] = createSignal('');
  const [error, setError] = createSignal<string | null>(null);

  const startRename = (): void => {
    setLabel(definition().label);
    setError(null);
    setEditing(true);
  };
  const rename = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    try {
      const renamed = await callWorker('renamePropertyDefinition', { propertyId: definition().id, label: label() });
      props.onRenamed(`Property ${renamed.id} is now labelled "${renamed.label}".`);
      setEditing(false);
    } catch (caught) {
      setError(describeError(caught));
    }
  };

  return (
    <tr data-property={definition().id}>
      {/* Narrow screens hide the id column and show the id under the label instead. */}
      <td class="col-label" data-id={definition().id}>
        <Show when={editing()} fallback={definition().label}>
          <form class="rename-form" onSubmit={(event) => void rename(event)}>
            <label>
              <span class="visually-hidden">New label for {definition().id}</span>
              <input value={label()} onInput={(event) => setLabel(event.currentTarget.value)} aria-invalid={error() ? 'true' : undefined} />
            </label>
            <button type="submit" class="primary">
              Save label
            </button>
            <button type="button" onClick={() => setEditing(false)}>
              Cancel
            </button>
            <Show when={error()}>
              <p class="field-error" role="alert">
                {error()}
              </p>
            </Show>
          </form>
        </Show>
      </td>
      <td class="col-id">
        <code>{definition().id}</code>
      </td>
      <td>{TYPE_LABELS[definition().type]}</td>
      <td class="col-imported">{props.use.connectionNames.length > 0 ? props.use.connectionNames.join(', ') : <span class="hint">No connection</span>}</td>
      <td>
        <div class="row-actions">
          <Show when={!editing()}>
            <button type="button" onClick={startRename} aria-label={`Rename ${definition().label}`}>
              Rename
            </button>
          </Show>
          <button type="button" onClick={() => props.onChangeType()} aria-label={`Change type of ${definition().label}`}>
            Change type
          </button>
        </div>
      </td>
    </tr>
  );
}
