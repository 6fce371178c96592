// Proleptic Gregorian calendar arithmetic on integers, so that walking the slots of a schedule needs no
// Temporal call per day. An epoch day counts days from 1970-01-01 (day 0).

export const MINUTES_PER_DAY = 1440;
export const MS_PER_MINUTE = 60_000;

export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

/** Converts a calendar date to its epoch day (Howard Hinnant's days_from_civil). */
export function epochDayFromDate(year: number, month: number, day: number): number {
  const shiftedYear = month <= 2 ? year - 1 : year;
  const era = Math.floor(shiftedYear / 400);
  const yearOfEra = shiftedYear - era * 400;
  const monthFromMarch = month > 2 ? month - 3 : month + 9;
  const dayOfYear = Math.floor((153 * monthFromMarch + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** Converts an epoch day to its calendar date (Howard Hinnant's civil_from_days). */
export function dateFromEpochDay(epochDay: number): CalendarDate {
  const shifted = epochDay + 719_468;
  const era = Math.floor(shifted / 146_097);
  const dayOfEra = shifted - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthFromMarch = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * monthFromMarch + 2) / 5) + 1;
  const month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return { year, month, day };
}

/** Returns the ISO weekday (1 = Monday … 7 = Sunday) of an epoch day. 1970-01-01 was a Thursday. */
export function isoWeekdayOfEpochDay(epochDay: number): number {
  const fromMonday = (((epochDay + 3) % 7) + 7) % 7;
  return fromMonday + 1;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Parses 'HH:MM' (00:00 to 23:59) into minutes after midnight, or returns null when the text is not one. */
export function parseWallTime(text: string): number | null {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(text);
  if (match === null) return null;
  return Number(match[1]) * 60 + Number(match[2]);
}

/** Formats minutes after midnight as 'HH:MM'. */
export function formatWallTime(minuteOfDay: number): string {
  const hour = Math.floor(minuteOfDay / 60);
  const minute = minuteOfDay % 60;
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}

/** Formats a wall-clock minute (epoch day × 1440 + minute of day) as 'YYYY-MM-DD HH:MM'. */
export function formatWallMinute(wallMinute: number): string {
  const epochDay = Math.floor(wallMinute / MINUTES_PER_DAY);
  const { year, month, day } = dateFromEpochDay(epochDay);
  const datePart = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return `${datePart} ${formatWallTime(wallMinute - epochDay * MINUTES_PER_DAY)}`;
}
