import type { JSX } from 'solid-js';
import type { Delimiter, NumberFormat, TextEncoding } from '../../contract/model.ts';

export interface CsvOptions {
  encoding: TextEncoding;
  delimiter: Delimiter;
  numberFormat: NumberFormat;
  emptyCellsClear: boolean;
}

/** How the file is read: encoding, delimiter, number format and what an empty cell does. */
export function CsvSettingsFields(props: { value: CsvOptions; onChange: (value: CsvOptions) => void }): JSX.Element {
  const set = (change: Partial<CsvOptions>): void => props.onChange({ ...props.value, ...change });
  return (
    <fieldset class="fields">
      <legend>Reading the file</legend>
      <label>
        Encoding
        <select value={props.value.encoding} onChange={(e) => set({ encoding: e.currentTarget.value as TextEncoding })}>
          <option value="utf-8">UTF-8</option>
          <option value="windows-1252">Windows-1252 (Excel "CSV" on Windows)</option>
        </select>
      </label>
      <label>
        Delimiter
        <select value={props.value.delimiter} onChange={(e) => set({ delimiter: e.currentTarget.value as Delimiter })}>
          <option value="auto">Detect from the header line</option>
          <option value=",">Comma</option>
          <option value=";">Semicolon</option>
          <option value={'\t'}>Tab</option>
        </select>
      </label>
      <label>
        Number format
        <select value={props.value.numberFormat} onChange={(e) => set({ numberFormat: e.currentTarget.value as NumberFormat })}>
          <option value="1,234.5">1,234.5</option>
          <option value="1.234,5">1.234,5</option>
        </select>
      </label>
      <label class="checkbox">
        <input type="checkbox" checked={props.value.emptyCellsClear} onChange={(e) => set({ emptyCellsClear: e.currentTarget.checked })} />
        Empty cells clear stored values
      </label>
    </fieldset>
  );
}
