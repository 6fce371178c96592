/** One profile: its properties, its consent and the run that changed it last. */
import { A, useParams } from '@solidjs/router';
import { For, Show, createEffect, createSignal, on, type JSX } from 'solid-js';
import type { ConsentObjective, Profile, PropertyDefinition } from '../../contract/model.ts';
import { loadProfileView, type LastChange, type ProfileView } from '../../storage/profile-queries.ts';
import { formatDateTime } from '../format.ts';
import { createLiveQuery } from '../live.ts';
import { TYPE_LABELS, formatPropertyValue, keyFromPath } from './profile-text.ts';

export function ProfilePage(): JSX.Element {
  const params = useParams<{ key: string }>();
  const view = createLiveQuery(() => keyFromPath(params.key), loadProfileView);
  const [loaded, setLoaded] = createSignal(false);
  createEffect(on(view, () => setLoaded(true), { defer: true }));

  return (
    <main class="page profile-page">
      <p>
        <A href="/profiles">← All profiles</A>
      </p>
      <Show when={view()} fallback={<Show when={loaded()} fallback={<p>Loading…</p>}><ProfileNotFound /></Show>}>
        {(current) => <ProfileDetails view={current()} />}
      </Show>
    </main>
  );
}

function ProfileNotFound(): JSX.Element {
  return (
    <>
      <h1>Profile not found</h1>
      <p>No profile has this identifier. It may not have been imported yet; search the profiles for the start of the identifier.</p>
    </>
  );
}

function ProfileDetails(props: { view: ProfileView }): JSX.Element {
  const profile = (): Profile => props.view.profile;
  return (
    <>
      <h1 class="profile-identifier">{profile().identifier}</h1>
      <dl class="profile-facts">
        <div>
          <dt>Added</dt>
          <dd>{formatDateTime(profile().createdAtMs)}</dd>
        </div>
        <div>
          <dt>Last changed</dt>
          <dd>{formatDateTime(profile().updatedAtMs)}</dd>
        </div>
        <div>
          <dt>Last changed by</dt>
          <dd>
            <LastChangeText change={props.view.lastChange} />
          </dd>
        </div>
      </dl>
      <PropertiesTable profile={profile()} definitions={props.view.definitions} />
      <ConsentSection profile={profile()} objectives={props.view.consentObjectives} />
    </>
  );
}

function LastChangeText(props: { change: LastChange | null }): JSX.Element {
  return (
    <Show when={props.change} fallback="No run recorded">
      {(change) => (
        <Show when={change().connectionId && change().runNumber !== null} fallback={`Run ${change().runId} of a connection that was deleted`}>
          <A href={`/connections/${change().connectionId}`}>
            Run #{change().runNumber} of {change().connectionName}
          </A>
        </Show>
      )}
    </Show>
  );
}

interface PropertyRow {
  id: string;
  label: string;
  definition: PropertyDefinition | undefined;
}

/** Lists every defined property, with or without a value, then stored values whose definition is gone. */
function propertyRows(profile: Profile, definitions: readonly PropertyDefinition[]): PropertyRow[] {
  const rows: PropertyRow[] = definitions.map((definition) => ({ id: definition.id, label: definition.label, definition }));
  const known = new Set(definitions.map((definition) => definition.id));
  for (const id of Object.keys(profile.properties).sort()) {
    if (!known.has(id)) rows.push({ id, label: id, definition: undefined });
  }
  return rows;
}

function PropertiesTable(props: { profile: Profile; definitions: readonly PropertyDefinition[] }): JSX.Element {
  return (
    <section class="panel" aria-labelledby="profile-properties-heading">
      <h2 id="profile-properties-heading">Properties</h2>
      <div class="table-scroll">
        <table class="data-table profile-properties">
          <thead>
            <tr>
              <th scope="col">Property</th>
              <th scope="col">Value</th>
              <th scope="col">Type</th>
            </tr>
          </thead>
          <tbody>
            <For each={propertyRows(props.profile, props.definitions)}>
              {(row) => {
                const value = (): Profile['properties'][string] | undefined => props.profile.properties[row.id];
                return (
                  <tr data-property={row.id}>
                    <th scope="row">
                      {row.label} <span class="hint">({row.id})</span>
                    </th>
                    <td>
                      <Show when={value() !== undefined && value() !== null} fallback={<span class="hint">No value</span>}>
                        {formatPropertyValue(value(), row.definition?.type)}
                      </Show>
                    </td>
                    <td>{row.definition ? TYPE_LABELS[row.definition.type] : 'No definition'}</td>
                  </tr>
                );
              }}
            </For>
          </tbody>
        </table>
      </div>
    </section>
  );
}

type ConsentState = 'agreed' | 'declined' | 'unknown';

const CONSENT_TEXT: Record<ConsentState, string> = {
  agreed: '✔ Agreed',
  declined: '✖ Not agreed',
  unknown: 'Not recorded',
};

function ConsentSection(props: { profile: Profile; objectives: readonly ConsentObjective[] }): JSX.Element {
  const rows = (): { id: string; label: string; state: ConsentState }[] => {
    const consent = props.profile.consent;
    const rows = props.objectives.map((objective) => ({ id: objective.id, label: objective.label, state: consentState(consent[objective.id]) }));
    const known = new Set(props.objectives.map((objective) => objective.id));
    for (const id of Object.keys(consent).sort()) {
      if (!known.has(id)) rows.push({ id, label: id, state: consentState(consent[id]) });
    }
    return rows;
  };
  return (
    <section class="panel" aria-labelledby="profile-consent-heading">
      <h2 id="profile-consent-heading">Consent</h2>
      <Show when={rows().length > 0} fallback={<p class="hint">No consent recorded. No consent objectives are defined yet, so imports record none.</p>}>
        <ul class="consent-list">
          <For each={rows()}>
            {(row) => (
              <li class={`consent-${row.state}`}>
                <span>{row.label}</span>: <strong>{CONSENT_TEXT[row.state]}</strong>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </section>
  );
}

function consentState(value: boolean | undefined): ConsentState {
  if (value === undefined) return 'unknown';
  return value ? 'agreed' : 'declined';
}
