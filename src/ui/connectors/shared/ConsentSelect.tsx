import { For, Show, createUniqueId, type JSX } from 'solid-js';
import type { ConsentObjective } from '../../../contract/model.ts';
import { listConsentObjectives } from '../../../storage/export-queries.ts';
import { createLive } from '../../live.ts';

/** Renders the choice of the consent objective a connection requires, from those in the profile store. */
export function ConsentSelect(props: { value: string | null; onChange: (objectiveId: string | null) => void; label: string; hint: string }): JSX.Element {
  const stored = createLive(listConsentObjectives);
  const objectives = (): ConsentObjective[] => stored() ?? [];
  const id = createUniqueId();
  return (
    <div class="connector-field">
      <label for={id}>{props.label}</label>
      <select id={id} aria-describedby={`${id}-hint`} onChange={(e) => props.onChange(e.currentTarget.value || null)}>
        <option value="" selected={props.value === null}>
          None: every profile
        </option>
        <For each={objectives()}>
          {(objective) => (
            <option value={objective.id} selected={objective.id === props.value}>
              {objective.label}
            </option>
          )}
        </For>
      </select>
      <span id={`${id}-hint`} class="hint">
        {props.hint}
        <Show when={objectives().length === 0}> No consent objective is defined yet.</Show>
      </span>
    </div>
  );
}
