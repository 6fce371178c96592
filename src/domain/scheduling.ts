/** Pure rules for what the scheduler does with due times it notices. */

/** A due time noticed later than this after it passed counts as missed, not due. */
export const LATE_THRESHOLD_MS = 5 * 60_000;

export interface NoticedDueTimes {
  /** Due times to queue (or merge into a queued or running run). */
  dueAtMs: number[];
  /** Due times that passed unseen, or that were noticed too late. */
  missedAtMs: number[];
}

/**
 * Splits due times that have passed by `nowMs` into those to run and those missed. Training mode passes a
 * longer `lateThresholdMs` at high clock speeds.
 */
export function classifyDueTimes(dueTimesMs: readonly number[], nowMs: number, lateThresholdMs: number = LATE_THRESHOLD_MS): NoticedDueTimes {
  const result: NoticedDueTimes = { dueAtMs: [], missedAtMs: [] };
  for (const atMs of dueTimesMs) {
    if (atMs > nowMs) continue;
    if (nowMs - atMs > lateThresholdMs) result.missedAtMs.push(atMs);
    else result.dueAtMs.push(atMs);
  }
  return result;
}
