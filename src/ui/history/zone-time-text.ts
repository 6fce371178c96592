/**
 * Times in the browser's zone with another zone's time beside them, given the browser's zone and whether
 * the two are the same zone, so that it needs no Temporal. zone-time.ts works these out itself.
 */
import { formatDateTime } from '../format.ts';

const zoneFormats = new Map<string, Intl.DateTimeFormat>();

function locale(): string {
  return navigator.language || 'en';
}

// Building an Intl formatter costs far more than using one, and the overview formats one time per row.
function zoneFormat(formatLocale: string, options: Intl.DateTimeFormatOptions & { timeZone: string }): Intl.DateTimeFormat {
  const key = `${formatLocale}|${JSON.stringify(options)}`;
  let format = zoneFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(formatLocale, options);
    zoneFormats.set(key, format);
  }
  return format;
}

function calendarDate(ms: number, timeZone: string): string {
  return zoneFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(ms);
}

/**
 * Formats the instant in `zone`, which is not the browser's zone `browserZone`: "05:00 America/New_York",
 * with the date when it falls on another day there ("4 Mar, 23:00 America/New_York").
 */
export function formatInOtherZone(ms: number, zone: string, browserZone: string): string {
  const isOtherDay = calendarDate(ms, zone) !== calendarDate(ms, browserZone);
  const options: Intl.DateTimeFormatOptions & { timeZone: string } = isOtherDay
    ? { timeZone: zone, day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' }
    : { timeZone: zone, hour: '2-digit', minute: '2-digit' };
  return `${zoneFormat(locale(), options).format(ms)} ${zone}`;
}

/**
 * Formats the date and time in the browser's zone, followed by the time in `zone` in brackets unless
 * `isBrowserZone` is true (`zone` is the browser's zone).
 */
export function formatDateTimeBesideZone(ms: number, zone: string | null | undefined, browserZone: string, isBrowserZone: boolean): string {
  if (!zone || isBrowserZone) return formatDateTime(ms);
  return `${formatDateTime(ms)} (${formatInOtherZone(ms, zone, browserZone)})`;
}
