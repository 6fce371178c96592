import type { JSX } from 'solid-js';
import type { Counters } from '../../contract/model.ts';
import { formatNumber } from '../format.ts';

export const COUNTER_LABELS: [keyof Counters, string][] = [
  ['checked', 'Checked'],
  ['added', 'Added'],
  ['updated', 'Updated'],
  ['unchanged', 'Unchanged'],
  ['skipped', 'Skipped'],
  ['failed', 'Failed'],
  ['blocked', 'Blocked by consent'],
];

export function CountersText(props: { counters: Counters }): JSX.Element {
  return <span class="counters">{COUNTER_LABELS.map(([key, label]) => `${label} ${formatNumber(props.counters[key])}`).join(' · ')}</span>;
}
