// Schedules of batch connections and their due times. A schedule names wall-clock slots in an IANA time
// zone, and each slot resolves to a due time by these daylight-saving rules:
// - A slot in a gap (a wall-clock time the clocks skip) runs shifted forward by the gap length, so 02:30
//   in a one-hour gap runs at 03:30. This holds for gaps of any length and for skipped midnights.
// - A slot in an overlap (a wall-clock time that occurs twice) runs once, at the earlier instant.
// - Slots that resolve to the same instant are one run.
// This module is pure: it reads no clock, and the only library it uses is temporal-polyfill.
import { Temporal } from 'temporal-polyfill';
import { MINUTES_PER_DAY } from './schedule-calendar.ts';
import { collectDueTimes } from './schedule-due-times.ts';
import { createSlotFinder, slotDayOfMonth } from './schedule-slots.ts';
import { assertValidSchedule } from './schedule-validate.ts';
import { canonicalTimeZone } from './schedule-zone.ts';

export { describeDueTimeShift, describeSchedule } from './schedule-describe.ts';
export { SCHEDULE_KINDS, TIMES_PER_DAY_CHOICES, assertValidSchedule, validateSchedule } from './schedule-validate.ts';
export { browserTimeZone, canonicalTimeZone, isSameTimeZone, scheduleAnchorTimeAt } from './schedule-zone.ts';

/** A week of the month for weekdayOfMonth: the first to fifth occurrence of the weekday, or the last one. */
export type WeekOfMonth = 1 | 2 | 3 | 4 | 5 | 'last';

/**
 * When a batch connection runs, as stored. Times are wall-clock 'HH:MM' in `timeZone`, an IANA name.
 * Weekdays are ISO numbers: 1 = Monday … 7 = Sunday.
 */
export type Schedule =
  | {
      kind: 'timesPerDay';
      /** Runs per day, a divisor of 1440 from 1 to 96. Slots are 1440 / timesPerDay minutes apart. */
      timesPerDay: number;
      /** One of the slots; the others follow at equal intervals, wrapping past midnight. */
      anchorTime: string;
      timeZone: string;
    }
  | { kind: 'daysOfWeek'; days: number[]; time: string; timeZone: string }
  | { kind: 'dayOfMonth'; day: number | 'last'; time: string; timeZone: string }
  | { kind: 'weekdayOfMonth'; week: WeekOfMonth; weekday: number; time: string; timeZone: string };

export type ScheduleKind = Schedule['kind'];

/** One problem of a schedule: the schedule property at fault and a message for the person editing it. */
export interface ScheduleProblem {
  field: string;
  message: string;
}

/**
 * Returns the next `count` due times strictly after `after`, in increasing order, in the schedule's time
 * zone (under its current IANA name). The search covers about 100 years and returns fewer due times when
 * that span contains fewer. Throws an Error for an invalid schedule and a RangeError for an invalid count.
 */
export function nextRuns(schedule: Schedule, after: Temporal.Instant, count: number): Temporal.ZonedDateTime[] {
  assertValidSchedule(schedule);
  assertLimit('count', count);
  return collectDueTimes(createSlotFinder(schedule), zoneOf(schedule), after.epochMilliseconds, Infinity, count);
}

/**
 * Returns the due times later than `afterExclusive` and no later than `untilInclusive`, in increasing
 * order, at most `limit` of them. Throws like nextRuns.
 */
export function dueTimesBetween(
  schedule: Schedule,
  afterExclusive: Temporal.Instant,
  untilInclusive: Temporal.Instant,
  limit: number,
): Temporal.ZonedDateTime[] {
  assertValidSchedule(schedule);
  assertLimit('limit', limit);
  return collectDueTimes(
    createSlotFinder(schedule),
    zoneOf(schedule),
    afterExclusive.epochMilliseconds,
    untilInclusive.epochMilliseconds,
    limit,
  );
}

/**
 * Returns the shortest wall-clock interval between consecutive slots in minutes, for the warning that runs
 * would pile up. For timesPerDay it is 1440 / timesPerDay. For daysOfWeek it is the shortest distance
 * between chosen weekdays times 1440, or 7 × 1440 for one weekday. The monthly kinds return 28 × 1440, the
 * shortest month, so most of their intervals are longer. Due times can be closer than this by the length
 * of a daylight-saving gap or overlap.
 */
export function slotIntervalMinutes(schedule: Schedule): number {
  assertValidSchedule(schedule);
  switch (schedule.kind) {
    case 'timesPerDay':
      return MINUTES_PER_DAY / schedule.timesPerDay;
    case 'daysOfWeek':
      return shortestWeekdayDistance(schedule.days) * MINUTES_PER_DAY;
    case 'dayOfMonth':
    case 'weekdayOfMonth':
      return 28 * MINUTES_PER_DAY;
  }
}

/**
 * Lists the months without a slot from the month of `after` through the month of the `count`-th next run,
 * both in the schedule's time zone. These are months that lack the day of a dayOfMonth schedule or the
 * fifth weekday of a weekdayOfMonth schedule. Other schedules have a slot every month and return [].
 */
export function skippedMonths(schedule: Schedule, after: Temporal.Instant, count: number): Temporal.PlainYearMonth[] {
  assertValidSchedule(schedule);
  if (schedule.kind !== 'dayOfMonth' && schedule.kind !== 'weekdayOfMonth') return [];
  const dueTimes = nextRuns(schedule, after, count);

  const start = after.toZonedDateTimeISO(zoneOf(schedule));
  const end = dueTimes.at(-1) ?? start;
  const skipped: Temporal.PlainYearMonth[] = [];
  let year = start.year;
  let month = start.month;
  while (year < end.year || (year === end.year && month <= end.month)) {
    if (slotDayOfMonth(schedule, year, month) === null) skipped.push(new Temporal.PlainYearMonth(year, month));
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
  return skipped;
}

function zoneOf(schedule: Schedule): string {
  return canonicalTimeZone(schedule.timeZone) ?? schedule.timeZone;
}

function shortestWeekdayDistance(days: number[]): number {
  const sortedDays = [...new Set(days)].sort((a, b) => a - b);
  let shortest = 7;
  for (let index = 0; index < sortedDays.length; index += 1) {
    const next = index + 1 < sortedDays.length ? sortedDays[index + 1]! : sortedDays[0]! + 7;
    shortest = Math.min(shortest, next - sortedDays[index]!);
  }
  return shortest;
}

function assertLimit(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 0) {
    throw new RangeError(`${name} must be a whole number of 0 or more, got ${String(value)}`);
  }
}
