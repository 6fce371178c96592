// Computes the schedule facts that schedule-facts.ts describes. This needs Temporal.
import { Temporal } from 'temporal-polyfill';
import type { Schedule } from './schedule.ts';
import { canonicalTimeZone, isSameTimeZone, nextRuns, validateSchedule } from './schedule.ts';
import { scheduleFactsKey, type ScheduleFacts } from './schedule-facts.ts';

/**
 * Returns the facts of a schedule whose due times up to `scheduleMarkMs` are handled, with the next due time
 * after `afterMs` (the mark itself, or a later instant such as now). `reportedZone` is the environment's zone
 * as Intl reports it.
 */
export function computeScheduleFacts(schedule: Schedule, scheduleMarkMs: number | null, afterMs: number, reportedZone: string): ScheduleFacts {
  const isValid = validateSchedule(schedule).length === 0;
  const browserTimeZone = (reportedZone === '' ? null : canonicalTimeZone(reportedZone)) ?? 'UTC';
  return {
    key: scheduleFactsKey(schedule, scheduleMarkMs),
    reportedTimeZone: reportedZone,
    isValid,
    nextDueAtMs: isValid ? findNextDueAtMs(schedule, afterMs) : null,
    afterMs,
    timeZoneName: canonicalTimeZone(schedule.timeZone) ?? schedule.timeZone,
    browserTimeZone,
    isBrowserTimeZone: isSameTimeZone(browserTimeZone, schedule.timeZone),
  };
}

function findNextDueAtMs(schedule: Schedule, afterMs: number): number | null {
  try {
    return nextRuns(schedule, Temporal.Instant.fromEpochMilliseconds(afterMs), 1)[0]?.epochMilliseconds ?? null;
  } catch {
    // An instant outside Temporal's range has no next run, as an invalid schedule has none.
    return null;
  }
}

// The overview describes schedules whose facts mark them invalid with this, so that it shows the same
// error as before the facts existed.
export { describeSchedule } from './schedule.ts';
