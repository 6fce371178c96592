/**
 * Positions in the virtual runs list. Row 0 is the "Next" row. The connection's runs follow, newest first,
 * with each missed-run entry placed between the runs queued before and after it was noticed.
 */
import type { MissedRuns } from '../../contract/model.ts';

/** A missed-run entry and how many runs (counted from the newest) come before it in the list. */
export interface MissedSlot {
  missed: MissedRuns;
  runsBefore: number;
}

export interface HistoryLayout {
  runCount: number;
  /** The highest run number, or 0 without runs. */
  maxNumber: number;
  /** True when the run numbers have no gaps, so that a row's number follows from its position. */
  isContiguous: boolean;
  /** Sorted by `runsBefore`, then newest noticed first. */
  missedSlots: MissedSlot[];
}

export type HistoryRowRef =
  | { kind: 'next' }
  | { kind: 'run'; offset: number }
  | { kind: 'missed'; slot: MissedSlot };

export const EMPTY_LAYOUT: HistoryLayout = { runCount: 0, maxNumber: 0, isContiguous: true, missedSlots: [] };

/** Sorts missed slots into list order. */
export function sortMissedSlots(slots: MissedSlot[]): MissedSlot[] {
  return [...slots].sort((a, b) => a.runsBefore - b.runsBefore || b.missed.noticedAtMs - a.missed.noticedAtMs);
}

export function countRows(layout: HistoryLayout): number {
  return 1 + layout.runCount + layout.missedSlots.length;
}

/** Returns the row at a list index: the Next row, a run by its offset from the newest, or a missed-run entry. */
export function rowAt(layout: HistoryLayout, index: number): HistoryRowRef {
  if (index <= 0) return { kind: 'next' };
  const position = index - 1;
  let slotsBefore = 0;
  for (const [j, slot] of layout.missedSlots.entries()) {
    const slotPosition = slot.runsBefore + j;
    if (slotPosition === position) return { kind: 'missed', slot };
    if (slotPosition < position) slotsBefore += 1;
    else break;
  }
  return { kind: 'run', offset: position - slotsBefore };
}

/** Returns the list index of the run at `offset` from the newest. */
export function indexOfRunOffset(layout: HistoryLayout, offset: number): number {
  const slotsBefore = layout.missedSlots.filter((slot) => slot.runsBefore <= offset).length;
  return 1 + offset + slotsBefore;
}

/** Returns the run offsets that list indexes `firstIndex`…`lastIndex` cover, widened to whole blocks plus one block each side. */
export function runWindowFor(layout: HistoryLayout, firstIndex: number, lastIndex: number, blockSize: number): { from: number; to: number } {
  const firstOffset = Math.max(0, firstIndex - 1 - layout.missedSlots.length);
  const lastOffset = Math.max(0, lastIndex - 1);
  const from = Math.max(0, (Math.floor(firstOffset / blockSize) - 1) * blockSize);
  const to = Math.min(layout.runCount, (Math.ceil((lastOffset + 1) / blockSize) + 1) * blockSize);
  return { from, to: Math.max(from, to) };
}

/** Returns the run number at an offset from the newest when numbers are contiguous, and null otherwise. */
export function numberAtOffset(layout: HistoryLayout, offset: number): number | null {
  return layout.isContiguous ? layout.maxNumber - offset : null;
}
