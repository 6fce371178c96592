import { For, Show, createMemo, createSignal, type JSX } from 'solid-js';
import { MAX_CONSENT_LABEL_LENGTH } from '../../contract/api/consent.ts';
import type { Connection, ConsentObjective } from '../../contract/model.ts';
import { listConsentObjectives } from '../../storage/import-queries.ts';
import { listConnections } from '../../storage/queries.ts';
import { callWorker } from '../bridge.ts';
import { createLive } from '../live.ts';
import { describeError } from '../messages.ts';
import { showToast } from '../toast.tsx';
import '../connectors/import/imports.css';

/** Names of the connections that require the objective or map a column to it. */
function usersOf(objectiveId: string, connections: readonly Connection[]): string[] {
  return connections
    .filter((connection) => {
      const settings = connection.settings as { requiredConsent?: unknown; mapping?: { consentObjectiveId?: string }[] };
      return settings.requiredConsent === objectiveId || (settings.mapping ?? []).some((entry) => entry.consentObjectiveId === objectiveId);
    })
    .map((connection) => connection.name);
}

/** Lists, adds, renames and deletes the consent objectives, which connections can require. */
export function ConsentObjectivesPage(): JSX.Element {
  const objectives = createLive(listConsentObjectives);
  const connections = createLive(listConnections);
  const [label, setLabel] = createSignal('');
  const [addError, setAddError] = createSignal<string | null>(null);

  const add = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    setAddError(null);
    try {
      const objective = await callWorker('addConsentObjective', { label: label() });
      setLabel('');
      showToast(`Consent objective "${objective.label}" was added.`);
    } catch (error) {
      setAddError(describeError(error));
    }
  };

  return (
    <main class="page consent-page">
      <h1>Consent objectives</h1>
      <p>
        A consent objective is a purpose a customer has or has not agreed to, such as email marketing. An import can set a profile's consent from a column
        with true/false values, and a connection can require consent: rows or profiles without it are counted as Blocked.
      </p>
      <section class="panel" aria-labelledby="add-objective-heading">
        <h2 id="add-objective-heading">Add a consent objective</h2>
        <form class="inline-form" onSubmit={(e) => void add(e)} novalidate>
          <label>
            Label
            <input
              value={label()}
              maxLength={MAX_CONSENT_LABEL_LENGTH}
              placeholder="Email marketing"
              aria-invalid={addError() ? 'true' : undefined}
              aria-describedby="add-objective-error"
              onInput={(e) => setLabel(e.currentTarget.value)}
            />
          </label>
          <button type="submit" class="primary">
            Add
          </button>
        </form>
        <Show when={addError()}>
          <p id="add-objective-error" class="field-error" role="alert">
            {addError()}
          </p>
        </Show>
      </section>
      <section class="panel" aria-labelledby="objectives-heading">
        <h2 id="objectives-heading">Objectives</h2>
        <Show when={(objectives()?.length ?? 0) > 0} fallback={<p>No consent objectives yet. Add one above.</p>}>
          <div class="table-scroll">
            <table class="data-table consent-table">
              <thead>
                <tr>
                  <th scope="col">Label</th>
                  <th scope="col">Id (in files and exports)</th>
                  <th scope="col">Used by</th>
                  <th scope="col">
                    <span class="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                <For each={objectives() ?? []}>{(objective) => <ObjectiveRow objective={objective} users={usersOf(objective.id, connections() ?? [])} />}</For>
              </tbody>
            </table>
          </div>
        </Show>
      </section>
    </main>
  );
}

function ObjectiveRow(props: { objective: ConsentObjective; users: string[] }): JSX.Element {
  const [isEditing, setEditing] = createSignal(false);
  const [label, setLabel] = createSignal(props.objective.label);
  const [error, setError] = createSignal<string | null>(null);
  const errorId = createMemo(() => `objective-error-${props.objective.id}`);

  const rename = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    setError(null);
    try {
      await callWorker('renameConsentObjective', { id: props.objective.id, label: label() });
      setEditing(false);
    } catch (caught) {
      setError(describeError(caught));
    }
  };

  const remove = async (): Promise<void> => {
    setError(null);
    if (!confirm(`Delete the consent objective "${props.objective.label}"? Profiles keep the consent they recorded for it.`)) return;
    try {
      await callWorker('deleteConsentObjective', { id: props.objective.id });
      showToast(`Consent objective "${props.objective.label}" was deleted.`);
    } catch (caught) {
      setError(describeError(caught));
    }
  };

  return (
    <tr>
      <td>
        <Show when={isEditing()} fallback={props.objective.label}>
          <form class="inline-form" onSubmit={(e) => void rename(e)} novalidate>
            <label>
              <span class="visually-hidden">New label for {props.objective.label}</span>
              <input value={label()} maxLength={MAX_CONSENT_LABEL_LENGTH} aria-describedby={errorId()} onInput={(e) => setLabel(e.currentTarget.value)} />
            </label>
            <button type="submit" class="primary">
              Save
            </button>
            <button type="button" onClick={() => setEditing(false)}>
              Cancel
            </button>
          </form>
        </Show>
        <Show when={error()}>
          <p id={errorId()} class="field-error" role="alert">
            {error()}
          </p>
        </Show>
      </td>
      <td data-label="Id">
        <code>{props.objective.id}</code>
      </td>
      <td data-label="Used by">{props.users.length === 0 ? 'No connection' : props.users.join(', ')}</td>
      <td class="row-actions">
        <div class="actions">
          <button
            type="button"
            aria-label={`Rename ${props.objective.label}`}
            onClick={() => {
              setLabel(props.objective.label);
              setEditing(true);
            }}
          >
            Rename
          </button>
          <button type="button" class="danger" aria-label={`Delete ${props.objective.label}`} onClick={() => void remove()}>
            Delete
          </button>
        </div>
      </td>
    </tr>
  );
}
