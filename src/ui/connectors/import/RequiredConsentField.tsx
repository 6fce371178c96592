import { For, type JSX } from 'solid-js';
import type { ConsentObjective } from '../../../contract/model.ts';

/** The consent a row's profile must have for the row to be applied; rows without it are Blocked. */
export function RequiredConsentField(props: { value: string | null; objectives: ConsentObjective[]; onChange: (value: string | null) => void }): JSX.Element {
  return (
    <fieldset class="fields">
      <legend>Consent</legend>
      <label>
        Required consent
        <select value={props.value ?? ''} onChange={(e) => props.onChange(e.currentTarget.value === '' ? null : e.currentTarget.value)}>
          <option value="" selected={props.value === null}>
            None: apply every row
          </option>
          <For each={props.objectives}>
            {(objective) => (
              <option value={objective.id} selected={props.value === objective.id}>
                {objective.label}
              </option>
            )}
          </For>
        </select>
      </label>
      <p class="hint">
        With a required consent, a row is applied only when its profile has agreed to it, as stored or as the row itself sets it through a column mapped to
        that consent. Other rows are counted as Blocked and evaluated again by the next run. <a href="#/settings/consent">Manage consent objectives</a>
      </p>
    </fieldset>
  );
}
