import type { JSX } from 'solid-js';
import type { ExportSelection } from '../../../contract/model.ts';
import { ConsentSelect } from './ConsentSelect.tsx';

/** Renders which profiles a batch export sends: the changed ones or all, and the consent they need. */
export function ExportSelectionFields(props: { value: ExportSelection; onChange: (value: ExportSelection) => void }): JSX.Element {
  return (
    <fieldset class="fields">
      <legend>Which profiles</legend>
      <label class="checkbox">
        <input type="checkbox" checked={props.value.exportAll} onChange={(e) => props.onChange({ ...props.value, exportAll: e.currentTarget.checked })} />
        Export all profiles at each run
      </label>
      <p class="hint">Off: each run exports the profiles changed since the start of the last successful run; the first run exports all of them.</p>
      <ConsentSelect
        label="Required consent"
        hint="Profiles that have not agreed to this objective are left out and counted as Blocked by consent."
        value={props.value.requiredConsent}
        onChange={(requiredConsent) => props.onChange({ ...props.value, requiredConsent })}
      />
    </fieldset>
  );
}
