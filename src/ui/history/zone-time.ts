/**
 * Times in the browser's zone with the schedule's own zone beside them where the two differ, as in
 * "5 Mar 2026, 11:00 (05:00 America/New_York)".
 */
import { browserTimeZone, isSameTimeZone } from '../../domain/schedule.ts';
import { formatDateTimeBesideZone, formatInOtherZone } from './zone-time-text.ts';

const sameZoneCache = new Map<string, boolean>();

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

/**
 * Formats the instant in `zone` when that zone differs from the browser's: "05:00 America/New_York", with
 * the date when it falls on another day there ("4 Mar, 23:00 America/New_York"). Returns null when the
 * zones match.
 */
export function formatInZone(ms: number, zone: string | null | undefined): string | null {
  if (!zone || !differsFromBrowserZone(zone)) return null;
  return formatInOtherZone(ms, zone, browserTimeZone());
}

/** Date and time in the browser's zone, followed by the time in `zone` in brackets where that zone differs. */
export function formatDateTimeWithZone(ms: number, zone: string | null | undefined): string {
  return formatDateTimeBesideZone(ms, zone, browserTimeZone(), !zone || !differsFromBrowserZone(zone));
}
