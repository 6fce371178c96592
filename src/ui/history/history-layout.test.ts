import { describe, expect, it } from 'vitest';
import type { MissedRuns } from '../../contract/model.ts';
import { countRows, indexOfRunOffset, rowAt, runWindowFor, sortMissedSlots, type HistoryLayout } from './history-layout.ts';

function missed(id: number, noticedAtMs: number): MissedRuns {
  return { id, connectionId: 'c', noticedAtMs, count: 1, dueAtMs: [noticedAtMs - 600_000], catchUpRunId: null };
}

// Ten runs, #10 newest; missed entry 1 sits after the two newest runs, entry 2 after the five newest.
const layout: HistoryLayout = {
  runCount: 10,
  maxNumber: 10,
  isContiguous: true,
  missedSlots: sortMissedSlots([
    { missed: missed(2, 1_000), runsBefore: 5 },
    { missed: missed(1, 2_000), runsBefore: 2 },
  ]),
};

describe('history layout', () => {
  it('counts the Next row, the runs and the missed entries', () => {
    expect(countRows(layout)).toBe(13);
  });

  it('places missed entries between the runs', () => {
    const kinds = Array.from({ length: countRows(layout) }, (_, index) => {
      const row = rowAt(layout, index);
      if (row.kind === 'next') return 'next';
      if (row.kind === 'missed') return `missed ${row.slot.missed.id}`;
      return `run ${layout.maxNumber - row.offset}`;
    });
    expect(kinds).toEqual(['next', 'run 10', 'run 9', 'missed 1', 'run 8', 'run 7', 'run 6', 'missed 2', 'run 5', 'run 4', 'run 3', 'run 2', 'run 1']);
  });

  it('finds the list index of a run', () => {
    expect(indexOfRunOffset(layout, 0)).toBe(1);
    expect(indexOfRunOffset(layout, 2)).toBe(4);
    expect(indexOfRunOffset(layout, 9)).toBe(12);
  });

  it('puts a newer missed entry first when two share a place', () => {
    const sorted = sortMissedSlots([
      { missed: missed(1, 1_000), runsBefore: 3 },
      { missed: missed(2, 5_000), runsBefore: 3 },
    ]);
    expect(sorted.map((slot) => slot.missed.id)).toEqual([2, 1]);
  });

  it('widens the visible rows to whole blocks with one block each side', () => {
    const large: HistoryLayout = { runCount: 100_000, maxNumber: 100_000, isContiguous: true, missedSlots: [] };
    expect(runWindowFor(large, 0, 20, 50)).toEqual({ from: 0, to: 100 });
    expect(runWindowFor(large, 1_020, 1_040, 50)).toEqual({ from: 950, to: 1_100 });
    expect(runWindowFor(large, 99_980, 100_000, 50)).toEqual({ from: 99_900, to: 100_000 });
  });
});
