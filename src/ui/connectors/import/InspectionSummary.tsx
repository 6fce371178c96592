import { For, Show, type JSX } from 'solid-js';
import type { ImportInspection } from '../../../contract/api/imports.ts';
import { formatBytes, formatNumber } from '../../format.ts';

const DELIMITER_NAMES: Record<string, string> = { ',': 'comma', ';': 'semicolon', '\t': 'tab' };
const LAYOUT_NAMES: Record<string, string> = { array: 'JSON array', lines: 'JSON lines' };

/** "customers.csv: 294 bytes, 5 columns, delimiter comma." and the problems the preview found. */
export function describeInspection(inspection: ImportInspection): string {
  const size = formatBytes(inspection.size);
  if (inspection.format === 'json') {
    const keys = `${formatNumber(inspection.headers.length)} ${inspection.headers.length === 1 ? 'key' : 'keys'}`;
    return `${inspection.fileName}: ${size}, ${keys}, ${LAYOUT_NAMES[inspection.layout ?? 'array']}.`;
  }
  const delimiter = DELIMITER_NAMES[inspection.delimiter ?? ','] ?? inspection.delimiter;
  return `${inspection.fileName}: ${size}, ${formatNumber(inspection.headers.length)} columns, delimiter ${delimiter}.`;
}

export function InspectionSummary(props: { inspection: ImportInspection; extra?: string }): JSX.Element {
  const errors = (): string[] => props.inspection.problems.filter((problem) => problem.level === 'error').map((problem) => problem.message);
  const warnings = (): string[] => props.inspection.problems.filter((problem) => problem.level === 'warning').map((problem) => problem.message);
  return (
    <div class="inspection">
      <p>
        {describeInspection(props.inspection)}
        {props.extra ? ` ${props.extra}` : ''}
      </p>
      <Show when={errors().length > 0}>
        <ul class="field-error" role="alert">
          <For each={errors()}>{(message) => <li>{message}</li>}</For>
        </ul>
      </Show>
      <Show when={warnings().length > 0}>
        <div class="inspection-warnings">
          <p>Rows with these problems will fail; the other rows are imported:</p>
          <ul>
            <For each={warnings()}>{(message) => <li>{message}</li>}</For>
          </ul>
        </div>
      </Show>
    </div>
  );
}
