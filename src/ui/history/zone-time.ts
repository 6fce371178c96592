/**
 * Times in the browser's zone with the schedule's own zone beside them where the two differ, as in
 * "5 Mar 2026, 11:00 (05:00 America/New_York)".
 */
import { browserTimeZone, isSameTimeZone } from '../../domain/schedule.ts';
import { formatDateTime } from '../format.ts';

const sameZoneCache = new Map<string, boolean>();

function locale(): string {
  return navigator.language || 'en';
}

/** True when `zone` is a zone other than the browser's. */
export function differsFromBrowserZone(zone: string): boolean {
  const browser = browserTimeZone();
  const key = `${browser}|${zone}`;
  let same = sameZoneCache.get(key);
  if (same === undefined) {
    same = isSameTimeZone(browser, zone);
    sameZoneCache.set(key, same);
  }
  return !same;
}

function calendarDate(ms: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(ms);
}

/**
 * Formats the instant in `zone` when that zone differs from the browser's: "05:00 America/New_York", with
 * the date when it falls on another day there ("4 Mar, 23:00 America/New_York"). Returns null when the
 * zones match.
 */
export function formatInZone(ms: number, zone: string | null | undefined): string | null {
  if (!zone || !differsFromBrowserZone(zone)) return null;
  const isOtherDay = calendarDate(ms, zone) !== calendarDate(ms, browserTimeZone());
  const options: Intl.DateTimeFormatOptions = isOtherDay
    ? { timeZone: zone, day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' }
    : { timeZone: zone, hour: '2-digit', minute: '2-digit' };
  return `${new Intl.DateTimeFormat(locale(), options).format(ms)} ${zone}`;
}

/** Date and time in the browser's zone, followed by the time in `zone` in brackets where that zone differs. */
export function formatDateTimeWithZone(ms: number, zone: string | null | undefined): string {
  const inZone = formatInZone(ms, zone);
  return inZone ? `${formatDateTime(ms)} (${inZone})` : formatDateTime(ms);
}
