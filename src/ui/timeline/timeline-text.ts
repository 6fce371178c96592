/** Words and times for the timeline, in the user's locale and time zone. */
import { Temporal } from 'temporal-polyfill';
import type { PlannedRun } from '../../domain/timeline.ts';
import { browserZone } from '../browser-zone.ts';
import { formatRunTime, formatTime } from '../format.ts';

const locale = (): string => navigator.language || 'en';

/** Returns the calendar day of an instant in the browser's zone, as 'YYYY-MM-DD'. */
export function dayKeyOf(ms: number): string {
  return Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(browserZone()).toPlainDate().toString();
}

/** "Thursday 5 March" in the user's locale. */
export function formatDayLabel(dayKey: string): string {
  const date = Temporal.PlainDate.from(dayKey);
  const ms = date.toZonedDateTime({ timeZone: browserZone(), plainTime: '12:00' }).epochMilliseconds;
  return new Intl.DateTimeFormat(locale(), { weekday: 'long', day: 'numeric', month: 'long' }).format(ms);
}


/** Formats the time of day, with the date when it falls on another day than `referenceMs`. */
export function formatTimeNear(ms: number, referenceMs: number): string {
  if (dayKeyOf(ms) === dayKeyOf(referenceMs)) return formatTime(ms);
  return new Intl.DateTimeFormat(locale(), { weekday: 'short', day: 'numeric', month: 'short', hour: 'numeric', minute: '2-digit' }).format(ms);
}

/** Returns how long a run waits in the queue before it is predicted to start, or 0. */
export function predictedWaitMs(run: PlannedRun): number {
  if (run.predictedStartMs === null || run.queueAtMs === null || run.status === 'merged') return 0;
  return Math.max(0, run.predictedStartMs - run.queueAtMs);
}

/** Names the runs waited behind: "Nightly CRM import", "A and B", "A, B and 2 more". */
export function formatWaitsBehind(connectionIds: readonly string[], nameOf: (id: string) => string): string {
  const names = connectionIds.map(nameOf);
  if (names.length <= 2) return new Intl.ListFormat(locale(), { type: 'conjunction' }).format(names);
  return `${names.slice(0, 2).join(', ')} and ${names.length - 2} more`;
}

/** Describes in one line when the run is predicted to start and why. */
export function describePrediction(run: PlannedRun, nameOf: (id: string) => string): string {
  if (run.status === 'left-out') return 'Left out: this due time queues nothing. The schedule is unchanged.';
  if (run.predictedStartMs === null || run.queueAtMs === null) return '';
  const start = formatTimeNear(run.predictedStartMs, run.dueAtMs);
  if (run.status === 'merged') {
    return `Merges into the run that starts at ${start}: that run of this connection is predicted to be still waiting or running then.`;
  }
  const prefix = run.status === 'postponed' ? `Postponed to ${formatTimeNear(run.queueAtMs, run.dueAtMs)}` : `Due ${formatTime(run.dueAtMs)}`;
  const waitMs = predictedWaitMs(run);
  if (waitMs === 0) return `${prefix}, predicted to start on time.`;
  return `${prefix}, predicted ${start}: waits behind ${formatWaitsBehind(run.waitsBehind, nameOf)} (${formatRunTime(waitMs)} late).`;
}

/** "Takes about 4 min 10 s" or "1 min assumed: no finished runs yet". */
export function describeRunTime(run: PlannedRun): string {
  if (run.isRunTimeDefault) return `Run time unknown: ${formatRunTime(run.runTimeMs)} assumed, as the connection has no finished runs yet.`;
  return `Takes about ${formatRunTime(run.runTimeMs)} (median of recent runs).`;
}

/** Formats a value for an `<input type="datetime-local">` in the browser's zone: 'YYYY-MM-DDTHH:MM'. */
export function toLocalInputValue(ms: number): string {
  const zoned = Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(browserZone());
  return zoned.toPlainDateTime().toString({ smallestUnit: 'minute' });
}

/** Reads a datetime-local value in the browser's zone, or returns null when it is empty or invalid. */
export function fromLocalInputValue(value: string): number | null {
  if (!value) return null;
  try {
    return Temporal.PlainDateTime.from(value).toZonedDateTime(browserZone()).epochMilliseconds;
  } catch {
    return null;
  }
}
