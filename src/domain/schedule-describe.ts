// Words for schedules and due times in the connection overview and the preview of next runs. Sentences are
// English. Weekday names and lists follow the locale, and ordinals are words only for English locales.
import { Temporal } from 'temporal-polyfill';
import type { Schedule } from './schedule.ts';
import { MINUTES_PER_DAY, MS_PER_MINUTE, formatWallMinute, formatWallTime } from './schedule-calendar.ts';
import { describeValidSchedule } from './schedule-describe-text.ts';
import { resolveSlot, wallMinuteOf } from './schedule-due-times.ts';
import { createSlotFinder } from './schedule-slots.ts';
import { assertValidSchedule } from './schedule-validate.ts';
import { canonicalTimeZone } from './schedule-zone.ts';

/**
 * Describes a schedule in one sentence that names its time zone in parentheses, for example
 * "Every Monday and Friday at 01:30 (Europe/Amsterdam)". Throws an Error for an invalid schedule.
 * A malformed locale falls back to 'en', and Intl falls back to its default for an unsupported one.
 */
export function describeSchedule(schedule: Schedule, locale: string): string {
  assertValidSchedule(schedule);
  return describeValidSchedule(schedule, canonicalTimeZone(schedule.timeZone) ?? schedule.timeZone, locale);
}

/**
 * Explains how daylight saving moves a due time of the schedule, for the preview of next runs. A slot in a
 * gap gives "Clocks go forward: runs at 03:30 instead of 02:30", or a sentence saying that the shifted run
 * joins the run of another slot. A slot in an overlap gives "Clocks go back: runs at the first 01:30".
 * Returns null when the due time is an ordinary one or is not a due time of this schedule.
 */
export function describeDueTimeShift(schedule: Schedule, due: Temporal.ZonedDateTime): string | null {
  assertValidSchedule(schedule);
  const timeZone = canonicalTimeZone(schedule.timeZone) ?? schedule.timeZone;
  const zonedDue = due.withTimeZone(timeZone);
  const dueMs = zonedDue.epochMilliseconds;
  const dueWallMinute = wallMinuteOf(zonedDue);
  const findSlot = createSlotFinder(schedule);
  const isSlotAt = (wallMinute: number): boolean =>
    findSlot(wallMinute) === wallMinute && resolveSlot(wallMinute, timeZone).epochMilliseconds === dueMs;

  const onTime = isSlotAt(dueWallMinute);
  const shiftedFrom = findShiftedSlot(zonedDue, isSlotAt);

  if (shiftedFrom !== null) {
    const sameDay = Math.floor(shiftedFrom / MINUTES_PER_DAY) === Math.floor(dueWallMinute / MINUTES_PER_DAY);
    const intended = sameDay ? formatMinuteOfDay(shiftedFrom) : formatWallMinute(shiftedFrom);
    const actual = formatDueWallClock(zonedDue, !sameDay);
    if (onTime) return `Clocks go forward: the ${intended} run happens at ${actual}, together with the ${actual} run`;
    return `Clocks go forward: runs at ${actual} instead of ${intended}`;
  }
  if (onTime && resolveSlot(dueWallMinute, timeZone, 'later').epochMilliseconds !== dueMs) {
    return `Clocks go back: runs at the first ${formatMinuteOfDay(dueWallMinute)}`;
  }
  return null;
}

/**
 * Returns the slot in a gap that resolved to the due time, or null. Such a slot W lies in the gap of the
 * last transition before the due time, and the due time is W minus the offset in force before that gap.
 */
function findShiftedSlot(zonedDue: Temporal.ZonedDateTime, isSlotAt: (wallMinute: number) => boolean): number | null {
  const transition = zonedDue.add({ nanoseconds: 1 }).getTimeZoneTransition('previous');
  if (transition === null) return null;

  const transitionMs = transition.epochMilliseconds;
  const offsetBeforeMs = transition.subtract({ milliseconds: 1 }).offsetNanoseconds / 1e6;
  const gapMs = transition.offsetNanoseconds / 1e6 - offsetBeforeMs;
  const dueMs = zonedDue.epochMilliseconds;
  if (gapMs <= 0 || dueMs - transitionMs >= gapMs) return null;

  const slotMs = dueMs + offsetBeforeMs;
  if (slotMs % MS_PER_MINUTE !== 0) return null;
  const slot = slotMs / MS_PER_MINUTE;
  return isSlotAt(slot) ? slot : null;
}

/** Formats the wall clock of a due time as 'HH:MM', with ':SS' when a gap of whole seconds shifted it. */
function formatDueWallClock(zonedDue: Temporal.ZonedDateTime, withDate: boolean): string {
  const time = zonedDue.toPlainTime().toString({ smallestUnit: zonedDue.second === 0 ? 'minute' : 'second' });
  return withDate ? `${zonedDue.toPlainDate().toString()} ${time}` : time;
}

function formatMinuteOfDay(wallMinute: number): string {
  const epochDay = Math.floor(wallMinute / MINUTES_PER_DAY);
  return formatWallTime(wallMinute - epochDay * MINUTES_PER_DAY);
}
