/**
 * When daily digests fall due: every day at a wall-clock time in a time zone, with the schedule's
 * daylight-saving rules (a time in a gap moves forward, a time in an overlap is the earlier instant).
 */
import { Temporal } from 'temporal-polyfill';
import { dueTimesBetween, nextRuns, type Schedule } from './schedule.ts';
import { DIGEST_LATE_AFTER_MS } from './notification-decision.ts';

const EVERY_DAY = [1, 2, 3, 4, 5, 6, 7];
/** More digest due times than this in one period (about 27 years) count as this many. */
const MAX_DUE_TIMES = 10_000;

function digestSchedule(atTime: string, timeZone: string): Schedule {
  return { kind: 'daysOfWeek', days: EVERY_DAY, time: atTime, timeZone };
}

/** The digest due times after `coveredUntilMs` up to `nowMs`, summarised for one digest. */
export interface DueDigest {
  /** The latest due time: the digest covers runs that ended up to it. */
  dueAtMs: number;
  /** The earliest due time not yet covered. */
  firstDueAtMs: number;
  /** True when the earliest due time passed while the app was closed or asleep. */
  isLate: boolean;
}

/**
 * Returns the digest that is due at `nowMs` for a connection whose runs are covered up to
 * `coveredUntilMs`, or null when no due time passed since. Several days missed make one digest.
 */
export function findDueDigest(atTime: string, timeZone: string, coveredUntilMs: number, nowMs: number): DueDigest | null {
  if (nowMs <= coveredUntilMs) return null;
  const dueTimes = dueTimesBetween(
    digestSchedule(atTime, timeZone),
    Temporal.Instant.fromEpochMilliseconds(coveredUntilMs),
    Temporal.Instant.fromEpochMilliseconds(nowMs),
    MAX_DUE_TIMES,
  );
  const first = dueTimes[0];
  const last = dueTimes[dueTimes.length - 1];
  if (!first || !last) return null;
  return {
    dueAtMs: last.epochMilliseconds,
    firstDueAtMs: first.epochMilliseconds,
    isLate: nowMs - first.epochMilliseconds > DIGEST_LATE_AFTER_MS,
  };
}

/** Returns the next digest due time strictly after `afterMs`. */
export function nextDigestDueAtMs(atTime: string, timeZone: string, afterMs: number): number | null {
  const [next] = nextRuns(digestSchedule(atTime, timeZone), Temporal.Instant.fromEpochMilliseconds(afterMs), 1);
  return next ? next.epochMilliseconds : null;
}
