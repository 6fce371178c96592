// Schedule facts that only Temporal can compute and the connection overview needs: the next due time and
// the time-zone names. The worker stores these facts on each connection (`scheduleFacts`), so the
// overview shows schedules and next runs without loading Temporal. This module is Temporal-free; the
// computation is in schedule-facts-compute.ts.
import type { Schedule } from './schedule.ts';

export interface ScheduleFacts {
  /** `scheduleFactsKey` of the schedule and mark the facts were computed from; other inputs make them stale. */
  key: string;
  /** The environment's zone as Intl reported it when the facts were computed; another zone makes them stale. */
  reportedTimeZone: string;
  /** Whether the schedule passed validateSchedule. */
  isValid: boolean;
  /**
   * The first due time strictly after the mark (`afterMs`), or null when the schedule is invalid or has no
   * due time in the 100 years nextRuns searches.
   */
  nextDueAtMs: number | null;
  /** The instant the next due time was searched after: the mark, or a later time when the mark had passed. */
  afterMs: number;
  /** canonicalTimeZone of the schedule's zone, or the stored name when that zone is unknown. */
  timeZoneName: string;
  /** browserTimeZone() for `reportedTimeZone`. */
  browserTimeZone: string;
  /** isSameTimeZone(browserTimeZone, the schedule's zone). */
  isBrowserTimeZone: boolean;
}

/**
 * Identifies the inputs of a connection's facts; equal keys mean equal schedules and marks. The schedule's
 * properties are sorted, because an update through Dexie may store them in another order.
 */
export function scheduleFactsKey(schedule: Schedule, scheduleMarkMs: number | null): string {
  return `${JSON.stringify(schedule, Object.keys(schedule).sort())}|${scheduleMarkMs}`;
}

/** Returns the environment's time zone as Intl reports it, before any renaming, or '' when it reports none. */
export function reportedTimeZone(): string {
  const reported = new Intl.DateTimeFormat().resolvedOptions().timeZone;
  return typeof reported === 'string' ? reported : '';
}
