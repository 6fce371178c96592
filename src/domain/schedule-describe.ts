// Words for schedules and due times in the connection overview and the preview of next runs. Sentences are
// English. Weekday names and lists follow the locale, and ordinals are words only for English locales.
import { Temporal } from 'temporal-polyfill';
import type { Schedule } from './schedule.ts';
import { MINUTES_PER_DAY, MS_PER_MINUTE, formatWallMinute, formatWallTime, parseWallTime } from './schedule-calendar.ts';
import { resolveSlot, wallMinuteOf } from './schedule-due-times.ts';
import { createSlotFinder, timesPerDaySlotMinutes } from './schedule-slots.ts';
import { assertValidSchedule } from './schedule-validate.ts';
import { canonicalTimeZone } from './schedule-zone.ts';

const WEEK_WORDS = ['first', 'second', 'third', 'fourth', 'fifth'] as const;
const ENGLISH_ORDINAL_SUFFIXES: Readonly<Record<string, string>> = { one: 'st', two: 'nd', few: 'rd', other: 'th' };

interface Wording {
  locale: string;
  isEnglish: boolean;
}

/**
 * Describes a schedule in one sentence that names its time zone in parentheses, for example
 * "Every Monday and Friday at 01:30 (Europe/Amsterdam)". Throws an Error for an invalid schedule.
 * A malformed locale falls back to 'en', and Intl falls back to its default for an unsupported one.
 */
export function describeSchedule(schedule: Schedule, locale: string): string {
  assertValidSchedule(schedule);
  const wording = resolveWording(locale);
  const zone = `(${canonicalTimeZone(schedule.timeZone) ?? schedule.timeZone})`;

  switch (schedule.kind) {
    case 'timesPerDay':
      return `${describeTimesPerDay(schedule.timesPerDay, schedule.anchorTime, wording)} ${zone}`;
    case 'daysOfWeek':
      return `${describeDaysOfWeek(schedule.days, wording)} at ${schedule.time} ${zone}`;
    case 'dayOfMonth':
      return describeDayOfMonth(schedule.day, schedule.time, zone, wording);
    case 'weekdayOfMonth':
      return describeWeekdayOfMonth(schedule.week, schedule.weekday, schedule.time, zone, wording);
  }
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

function resolveWording(locale: string): Wording {
  let canonical = 'en';
  try {
    canonical = Intl.getCanonicalLocales(locale)[0] ?? 'en';
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
  }
  return { locale: canonical, isEnglish: new Intl.Locale(canonical).language === 'en' };
}

function describeTimesPerDay(timesPerDay: number, anchorTime: string, wording: Wording): string {
  const slotMinutes = timesPerDaySlotMinutes(timesPerDay, parseWallTime(anchorTime) ?? 0);
  const times = slotMinutes.map(formatWallTime);
  if (timesPerDay === 1) return `Once a day at ${times[0]}`;
  if (timesPerDay === 2) return `Twice a day at ${formatList(times, wording)}`;
  if (timesPerDay <= 4) return `${timesPerDay} times a day at ${formatList(times, wording)}`;
  return `${timesPerDay} times a day, every ${describeInterval(MINUTES_PER_DAY / timesPerDay)} from ${times[0]}`;
}

function describeInterval(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const restMinutes = minutes % 60;
  const hourWords = hours === 1 ? 'hour' : `${hours} hours`;
  if (hours === 0) return `${restMinutes} minutes`;
  if (restMinutes === 0) return hourWords;
  return `${hours === 1 ? '1 hour' : hourWords} and ${restMinutes} minutes`;
}

function describeDaysOfWeek(days: number[], wording: Wording): string {
  const sortedDays = [...new Set(days)].sort((a, b) => a - b);
  if (sortedDays.length === 7) return 'Every day';
  return `Every ${formatList(sortedDays.map((day) => weekdayName(day, wording)), wording)}`;
}

function describeDayOfMonth(day: number | 'last', time: string, zone: string, wording: Wording): string {
  if (day === 'last') return `On the last day of each month at ${time} ${zone}`;
  const dayWords = wording.isEnglish ? `the ${englishOrdinal(day)}` : `day ${day}`;
  const sentence = `On ${dayWords} of each month at ${time} ${zone}`;
  if (day === 29) return `${sentence}; no run in February except in leap years`;
  if (day === 30) return `${sentence}; no run in February`;
  if (day === 31) return `${sentence}; no run in months with fewer than 31 days`;
  return sentence;
}

function describeWeekdayOfMonth(
  week: number | 'last',
  weekday: number,
  time: string,
  zone: string,
  wording: Wording,
): string {
  const name = weekdayName(weekday, wording);
  let weekdayWords: string;
  if (week === 'last') weekdayWords = `the last ${name}`;
  else if (wording.isEnglish) weekdayWords = `the ${WEEK_WORDS[week - 1]} ${name}`;
  else weekdayWords = `${name} no. ${week}`;

  const sentence = `On ${weekdayWords} of each month at ${time} ${zone}`;
  if (week !== 5) return sentence;
  const note = wording.isEnglish ? `only four ${name}s` : `no ${name} no. 5`;
  return `${sentence}; no run in months with ${note}`;
}

function weekdayName(isoWeekday: number, wording: Wording): string {
  // 2024-01-01 was a Monday, so January 2024 day n has ISO weekday n for n = 1 … 7.
  const date = new Date(Date.UTC(2024, 0, isoWeekday));
  return new Intl.DateTimeFormat(wording.locale, { weekday: 'long', timeZone: 'UTC' }).format(date);
}

function englishOrdinal(value: number): string {
  const category = new Intl.PluralRules('en', { type: 'ordinal' }).select(value);
  return `${value}${ENGLISH_ORDINAL_SUFFIXES[category] ?? 'th'}`;
}

function formatList(items: string[], wording: Wording): string {
  return new Intl.ListFormat(wording.locale, { type: 'conjunction', style: 'long' }).format(items);
}
