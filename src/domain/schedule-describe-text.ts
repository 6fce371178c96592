// The sentence that describes a schedule, without Temporal: schedule-describe.ts checks the schedule and
// resolves its zone name first. Sentences are English. Weekday names and lists follow the locale, and
// ordinals are words only for English locales.
import type { Schedule } from './schedule.ts';
import { MINUTES_PER_DAY, formatWallTime, parseWallTime } from './schedule-calendar.ts';
import { timesPerDaySlotMinutes } from './schedule-slots.ts';

const WEEK_WORDS = ['first', 'second', 'third', 'fourth', 'fifth'] as const;
const ENGLISH_ORDINAL_SUFFIXES: Readonly<Record<string, string>> = { one: 'st', two: 'nd', few: 'rd', other: 'th' };

interface Wording {
  locale: string;
  isEnglish: boolean;
}

/**
 * Describes a schedule that is valid, naming `timeZoneName` in parentheses: "Every Monday and Friday at
 * 01:30 (Europe/Amsterdam)". It needs no Temporal, so the overview can describe schedules with a zone name
 * that the worker resolved. A malformed locale falls back to 'en', and Intl falls back to its default for
 * an unsupported one.
 */
export function describeValidSchedule(schedule: Schedule, timeZoneName: string, locale: string): string {
  const wording = resolveWording(locale);
  const zone = `(${timeZoneName})`;

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

// Building Intl objects costs far more than using them, and the overview describes one schedule per row.
const wordings = new Map<string, Wording>();
const weekdayFormats = new Map<string, Intl.DateTimeFormat>();
const listFormats = new Map<string, Intl.ListFormat>();
let englishOrdinals: Intl.PluralRules | null = null;

function resolveWording(locale: string): Wording {
  const cached = wordings.get(locale);
  if (cached) return cached;
  let canonical = 'en';
  try {
    canonical = Intl.getCanonicalLocales(locale)[0] ?? 'en';
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
  }
  const wording = { locale: canonical, isEnglish: new Intl.Locale(canonical).language === 'en' };
  wordings.set(locale, wording);
  return wording;
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
  let format = weekdayFormats.get(wording.locale);
  if (!format) {
    format = new Intl.DateTimeFormat(wording.locale, { weekday: 'long', timeZone: 'UTC' });
    weekdayFormats.set(wording.locale, format);
  }
  return format.format(date);
}

function englishOrdinal(value: number): string {
  englishOrdinals ??= new Intl.PluralRules('en', { type: 'ordinal' });
  const category = englishOrdinals.select(value);
  return `${value}${ENGLISH_ORDINAL_SUFFIXES[category] ?? 'th'}`;
}

function formatList(items: string[], wording: Wording): string {
  let format = listFormats.get(wording.locale);
  if (!format) {
    format = new Intl.ListFormat(wording.locale, { type: 'conjunction', style: 'long' });
    listFormats.set(wording.locale, format);
  }
  return format.format(items);
}
