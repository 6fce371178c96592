// Pure logic behind the schedule dialog: the editable draft of a schedule, the preview of next runs, the
// months a monthly schedule skips, the warning that runs would pile up, and the time-zone choices.
// Sentences are English, while dates, month and weekday names follow the locale passed in.
import { Temporal } from 'temporal-polyfill';
import type { Run } from '../contract/model.ts';
import {
  canonicalTimeZone,
  describeDueTimeShift,
  nextRuns,
  scheduleAnchorTimeAt,
  skippedMonths,
  slotIntervalMinutes,
  type Schedule,
  type ScheduleKind,
  type WeekOfMonth,
} from '../domain/schedule.ts';

/** How many next runs the preview lists. */
export const PREVIEW_RUN_COUNT = 5;

/** How many recent finished runs the typical run time is the median of. */
export const RUN_TIME_SAMPLE_SIZE = 20;

const MINUTES_PER_HOUR = 60;
const MINUTES_PER_DAY = 1440;
const MS_PER_MINUTE = 60_000;

/**
 * Zones the time-zone picker always offers, under their current IANA names. Intl.supportedValuesOf lists
 * some zones only under a legacy name (Chromium and Node 20 list `Asia/Calcutta` and `Europe/Kiev`), and
 * it leaves out `UTC`.
 */
const COMMON_TIME_ZONES = [
  'UTC',
  'America/Argentina/Buenos_Aires',
  'America/Chicago',
  'America/Denver',
  'America/Los_Angeles',
  'America/New_York',
  'America/Nuuk',
  'America/Sao_Paulo',
  'Asia/Dhaka',
  'Asia/Ho_Chi_Minh',
  'Asia/Kathmandu',
  'Asia/Kolkata',
  'Asia/Shanghai',
  'Asia/Singapore',
  'Asia/Tokyo',
  'Asia/Yangon',
  'Australia/Sydney',
  'Europe/Amsterdam',
  'Europe/Berlin',
  'Europe/Kyiv',
  'Europe/London',
  'Europe/Paris',
  'Pacific/Auckland',
  'Pacific/Kanton',
];

const WEEK_NAMES: Readonly<Record<string, string>> = {
  '1': 'First',
  '2': 'Second',
  '3': 'Third',
  '4': 'Fourth',
  '5': 'Fifth',
  last: 'Last',
};

/** The options of the week-of-month picker, in order. */
export const WEEK_OF_MONTH_CHOICES: readonly WeekOfMonth[] = [1, 2, 3, 4, 5, 'last'];

const ENGLISH_ORDINAL_SUFFIXES: Readonly<Record<string, string>> = { one: 'st', two: 'nd', few: 'rd', other: 'th' };

/**
 * The values of every field of the schedule dialog. The dialog keeps the values of all four kinds, so
 * switching the kind back and forth loses nothing. `timeZone` is the text as typed.
 */
export interface ScheduleDraft {
  kind: ScheduleKind;
  timesPerDay: number;
  anchorTime: string;
  days: number[];
  time: string;
  day: number | 'last';
  week: WeekOfMonth;
  weekday: number;
  timeZone: string;
}

/** One row of the preview of next runs. */
export interface PreviewRow {
  /** The due time as an ISO instant, for a `<time datetime>` attribute. */
  instant: string;
  /** The due time in the schedule's time zone. */
  scheduleZoneText: string;
  /** The due time in the browser's time zone, or null when it reads the same as `scheduleZoneText`. */
  browserZoneText: string | null;
  /** The daylight-saving note from describeDueTimeShift, or null for an ordinary due time. */
  shiftNote: string | null;
}

/** The median run time of recent finished runs and how many runs it is the median of. */
export interface TypicalRunTime {
  medianMs: number;
  runCount: number;
}

/**
 * Builds the dialog's draft from a stored schedule. Fields of the other kinds get defaults: Monday, the
 * 1st, the first Monday, and the schedule's time. Without a schedule, the draft is once a day at the
 * current wall-clock minute in the browser's time zone.
 */
export function draftFromSchedule(schedule: Schedule | null, nowMs: number, browserZone: string): ScheduleDraft {
  const timeZone = schedule?.timeZone ?? browserZone;
  const nowTime = scheduleAnchorTimeAt(Temporal.Instant.fromEpochMilliseconds(nowMs), canonicalTimeZone(timeZone) ?? browserZone);
  const draft: ScheduleDraft = {
    kind: schedule?.kind ?? 'timesPerDay',
    timesPerDay: 1,
    anchorTime: nowTime,
    days: [1],
    time: nowTime,
    day: 1,
    week: 1,
    weekday: 1,
    timeZone: canonicalTimeZone(timeZone) ?? timeZone,
  };
  if (schedule === null) return draft;

  switch (schedule.kind) {
    case 'timesPerDay':
      return { ...draft, timesPerDay: schedule.timesPerDay, anchorTime: schedule.anchorTime, time: schedule.anchorTime };
    case 'daysOfWeek':
      return { ...draft, days: [...schedule.days], time: schedule.time, anchorTime: schedule.time };
    case 'dayOfMonth':
      return { ...draft, day: schedule.day, time: schedule.time, anchorTime: schedule.time };
    case 'weekdayOfMonth':
      return { ...draft, week: schedule.week, weekday: schedule.weekday, time: schedule.time, anchorTime: schedule.time };
  }
}

/**
 * Builds the schedule that the draft describes, with the weekdays sorted and the time zone under its
 * current IANA name when the name is known. The result is not validated: pass it to validateSchedule.
 */
export function scheduleFromDraft(draft: ScheduleDraft): Schedule {
  const typed = draft.timeZone.trim();
  const timeZone = canonicalTimeZone(typed) ?? typed;
  switch (draft.kind) {
    case 'timesPerDay':
      return { kind: 'timesPerDay', timesPerDay: draft.timesPerDay, anchorTime: draft.anchorTime, timeZone };
    case 'daysOfWeek':
      return { kind: 'daysOfWeek', days: [...draft.days].sort((a, b) => a - b), time: draft.time, timeZone };
    case 'dayOfMonth':
      return { kind: 'dayOfMonth', day: draft.day, time: draft.time, timeZone };
    case 'weekdayOfMonth':
      return { kind: 'weekdayOfMonth', week: draft.week, weekday: draft.weekday, time: draft.time, timeZone };
  }
}

/** Words for a times-per-day choice: "Once a day (every 24 h)", "4 times a day (every 6 h)". */
export function describeTimesPerDayChoice(timesPerDay: number): string {
  const interval = formatMinutes(MINUTES_PER_DAY / timesPerDay);
  const count = timesPerDay === 1 ? 'Once a day' : `${timesPerDay} times a day`;
  return `${count} (every ${interval})`;
}

/** Formats a whole number of minutes as "15 min", "6 h", "4 h 48 min". */
export function formatMinutes(minutes: number): string {
  const hours = Math.floor(minutes / MINUTES_PER_HOUR);
  const rest = minutes % MINUTES_PER_HOUR;
  if (hours === 0) return `${rest} min`;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}

/** Formats the interval between slots: "15 min", "6 h", "day", "2 days", so that "every …" reads well. */
export function formatSlotInterval(minutes: number): string {
  if (minutes < MINUTES_PER_DAY || minutes % MINUTES_PER_DAY !== 0) return formatMinutes(minutes);
  const days = minutes / MINUTES_PER_DAY;
  return days === 1 ? 'day' : `${days} days`;
}

/**
 * Lists the next `count` due times strictly after `afterMs`, formatted in the schedule's time zone and in
 * the browser's, with a note on those that daylight saving moves. Throws for an invalid schedule.
 */
export function buildPreviewRows(
  schedule: Schedule,
  afterMs: number,
  options: { locale: string; browserZone: string; count?: number },
): PreviewRow[] {
  const scheduleZone = canonicalTimeZone(schedule.timeZone) ?? schedule.timeZone;
  const inScheduleZone = dueTimeFormat(options.locale, scheduleZone);
  const inBrowserZone = dueTimeFormat(options.locale, options.browserZone);
  const dueTimes = nextRuns(schedule, Temporal.Instant.fromEpochMilliseconds(afterMs), options.count ?? PREVIEW_RUN_COUNT);

  return dueTimes.map((due) => {
    const scheduleZoneText = inScheduleZone.format(due.epochMilliseconds);
    const browserZoneText = inBrowserZone.format(due.epochMilliseconds);
    return {
      instant: due.toInstant().toString(),
      scheduleZoneText,
      browserZoneText: browserZoneText === scheduleZoneText ? null : browserZoneText,
      shiftNote: describeDueTimeShift(schedule, due),
    };
  });
}

/**
 * Explains each month without a run, from the month of `afterMs` through the month of the `count`-th next
 * run: "No run in April 2027: it has no 31st". Returns an empty array for schedules that run every month.
 */
export function describeSkippedMonths(schedule: Schedule, afterMs: number, locale: string, count = PREVIEW_RUN_COUNT): string[] {
  const months = skippedMonths(schedule, Temporal.Instant.fromEpochMilliseconds(afterMs), count);
  const monthFormat = new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' });
  return months.map((month) => {
    const monthName = monthFormat.format(Date.UTC(month.year, month.month - 1, 1));
    return `No run in ${monthName}: ${describeMissingSlot(schedule, locale)}`;
  });
}

function describeMissingSlot(schedule: Schedule, locale: string): string {
  if (schedule.kind === 'dayOfMonth' && typeof schedule.day === 'number') return `it has no ${englishOrdinal(schedule.day)}`;
  if (schedule.kind === 'weekdayOfMonth') {
    const name = weekdayNames(locale, 'long')[schedule.weekday - 1] ?? String(schedule.weekday);
    return isEnglish(locale) ? `it has only four ${name}s` : `it has no ${name} no. 5`;
  }
  return 'it has no slot';
}

/**
 * Returns the median run time of the connection's most recent finished runs (at most
 * RUN_TIME_SAMPLE_SIZE of them), or null when none has finished. Test runs are left out because they
 * write nothing and so take less time than the runs a schedule starts.
 */
export function typicalRunTime(runs: readonly Run[]): TypicalRunTime | null {
  const recent = runs
    .filter((run) => run.state === 'finished' && run.trigger !== 'test' && run.startedAtMs !== null && run.endedAtMs !== null)
    .sort((a, b) => b.number - a.number)
    .slice(0, RUN_TIME_SAMPLE_SIZE);
  if (recent.length === 0) return null;

  const runTimes = recent.map((run) => (run.endedAtMs as number) - (run.startedAtMs as number)).sort((a, b) => a - b);
  const middle = Math.floor(runTimes.length / 2);
  const medianMs = runTimes.length % 2 === 1 ? runTimes[middle]! : (runTimes[middle - 1]! + runTimes[middle]!) / 2;
  return { medianMs, runCount: runTimes.length };
}

/**
 * Warns when the schedule's shortest interval between slots is shorter than the typical run time, because
 * each run would still be running when the next one is due. Returns null otherwise. Throws for an invalid
 * schedule.
 */
export function describePileUp(schedule: Schedule, typical: TypicalRunTime | null): string | null {
  if (typical === null) return null;
  const intervalMinutes = slotIntervalMinutes(schedule);
  if (typical.medianMs <= intervalMinutes * MS_PER_MINUTE) return null;

  const runTime = formatAboutRunTime(typical.medianMs, intervalMinutes);
  const interval = formatSlotInterval(intervalMinutes);
  const consequence = `but this schedule starts one every ${interval}: runs would pile up in the queue.`;
  if (typical.runCount === 1) return `The last run took about ${runTime}, ${consequence}`;
  return `Runs take about ${runTime} (median of the last ${typical.runCount}), ${consequence}`;
}

/**
 * Formats a run time to the nearest minute, or to the second when the rounded minutes would not exceed the
 * interval, so that the warning never claims "about 15 min" against an interval of 15 min.
 */
function formatAboutRunTime(ms: number, intervalMinutes: number): string {
  const roundedMinutes = Math.round(ms / MS_PER_MINUTE);
  if (roundedMinutes > intervalMinutes) return formatMinutes(roundedMinutes);
  const totalSeconds = Math.round(ms / 1000);
  const minutes = Math.floor(totalSeconds / 60);
  const seconds = totalSeconds % 60;
  return seconds === 0 ? formatMinutes(minutes) : `${formatMinutes(minutes)} ${seconds} s`;
}

/**
 * Lists the time zones the picker offers: every zone of Intl.supportedValuesOf('timeZone'), the common
 * zones and `include` (the current value, the browser's zone), each under its current IANA name, sorted
 * and without repeats. Unknown names are left out.
 */
export function timeZoneChoices(include: readonly string[] = []): string[] {
  const supported = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  const names = new Set<string>();
  for (const name of [...supported, ...COMMON_TIME_ZONES, ...include]) {
    const canonical = canonicalTimeZone(name);
    if (canonical !== null) names.add(canonical);
  }
  return [...names].sort();
}

/** Formats a zone's UTC offset at an instant as "UTC+05:30", "UTC−05:00" or "UTC". */
export function formatUtcOffset(timeZone: string, atMs: number): string {
  const offsetMinutes = Temporal.Instant.fromEpochMilliseconds(atMs).toZonedDateTimeISO(timeZone).offsetNanoseconds / 6e10;
  if (offsetMinutes === 0) return 'UTC';
  const sign = offsetMinutes > 0 ? '+' : '\u2212';
  const absolute = Math.abs(offsetMinutes);
  const hours = String(Math.floor(absolute / 60)).padStart(2, '0');
  const minutes = String(absolute % 60).padStart(2, '0');
  return `UTC${sign}${hours}:${minutes}`;
}

/** Returns the weekday names in the locale, Monday first (index 0 is ISO weekday 1). */
export function weekdayNames(locale: string, width: 'long' | 'short'): string[] {
  const format = new Intl.DateTimeFormat(locale, { weekday: width, timeZone: 'UTC' });
  // 2024-01-01 was a Monday, so January 2024 day n has ISO weekday n for n = 1 … 7.
  return Array.from({ length: 7 }, (_, index) => format.format(Date.UTC(2024, 0, index + 1)));
}

/** Words for a week of the month: "First" … "Fifth", "Last". */
export function describeWeekOfMonth(week: WeekOfMonth): string {
  return WEEK_NAMES[String(week)] ?? String(week);
}

/** Words for a day of the month: "1st" … "31st". */
export function describeDayOfMonth(day: number): string {
  return englishOrdinal(day);
}

function dueTimeFormat(locale: string, timeZone: string): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat(locale, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
  });
}

function englishOrdinal(value: number): string {
  const category = new Intl.PluralRules('en', { type: 'ordinal' }).select(value);
  return `${value}${ENGLISH_ORDINAL_SUFFIXES[category] ?? 'th'}`;
}

function isEnglish(locale: string): boolean {
  try {
    return new Intl.Locale(locale).language === 'en';
  } catch (error) {
    if (error instanceof RangeError) return true;
    throw error;
  }
}
