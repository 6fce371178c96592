/** Per-run counters. Checked = Added + Updated + Unchanged + Failed + Blocked; Skipped rows are not Checked. */
export interface Counters {
  checked: number;
  added: number;
  updated: number;
  unchanged: number;
  skipped: number;
  failed: number;
  blocked: number;
}

export type RowOutcome = 'added' | 'updated' | 'unchanged' | 'skipped' | 'failed' | 'blocked';

export function emptyCounters(): Counters {
  return { checked: 0, added: 0, updated: 0, unchanged: 0, skipped: 0, failed: 0, blocked: 0 };
}

export function countOutcome(counters: Counters, outcome: RowOutcome): void {
  counters[outcome] += 1;
  if (outcome !== 'skipped') counters.checked += 1;
}

export function addCounters(a: Counters, b: Counters): Counters {
  return {
    checked: a.checked + b.checked,
    added: a.added + b.added,
    updated: a.updated + b.updated,
    unchanged: a.unchanged + b.unchanged,
    skipped: a.skipped + b.skipped,
    failed: a.failed + b.failed,
    blocked: a.blocked + b.blocked,
  };
}

/** True when Checked equals the sum of the outcomes it covers. */
export function isConsistent(counters: Counters): boolean {
  const { checked, added, updated, unchanged, failed, blocked } = counters;
  return checked === added + updated + unchanged + failed + blocked;
}
