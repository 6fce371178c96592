import type { JSX } from 'solid-js';
import type { JsonLayout, NumberFormat, TextEncoding } from '../../../contract/model.ts';

export interface JsonOptions {
  encoding: TextEncoding;
  layout: JsonLayout | 'auto';
  numberFormat: NumberFormat;
  emptyCellsClear: boolean;
}

/** Renders how a JSON file is read: encoding, layout, the format of numbers written as text, empty values. */
export function JsonSettingsFields(props: { value: JsonOptions; onChange: (value: JsonOptions) => void }): JSX.Element {
  const set = (change: Partial<JsonOptions>): void => props.onChange({ ...props.value, ...change });
  return (
    <fieldset class="fields">
      <legend>Reading the file</legend>
      <label>
        Encoding
        <select value={props.value.encoding} onChange={(e) => set({ encoding: e.currentTarget.value as TextEncoding })}>
          <option value="utf-8">UTF-8</option>
          <option value="windows-1252">Windows-1252</option>
        </select>
      </label>
      <label>
        Layout
        <select value={props.value.layout} onChange={(e) => set({ layout: e.currentTarget.value as JsonOptions['layout'] })}>
          <option value="auto">Detect from the first character</option>
          <option value="array">JSON array: [{'{…}'}, {'{…}'}]</option>
          <option value="lines">JSON lines: one object per line</option>
        </select>
      </label>
      <label>
        Numbers written as text
        <select value={props.value.numberFormat} onChange={(e) => set({ numberFormat: e.currentTarget.value as NumberFormat })}>
          <option value="1,234.5">1,234.5</option>
          <option value="1.234,5">1.234,5</option>
        </select>
      </label>
      <label class="checkbox">
        <input type="checkbox" checked={props.value.emptyCellsClear} onChange={(e) => set({ emptyCellsClear: e.currentTarget.checked })} />
        Empty and null values clear stored values
      </label>
    </fieldset>
  );
}
