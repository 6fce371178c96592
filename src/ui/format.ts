/** Dates, times, numbers and durations in the user's locale, through Intl. */

const locale = (): string => navigator.language || 'en';

// Building an Intl formatter costs far more than using one, and long lists format hundreds of values.
const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();
let numberFormat: { locale: string; format: Intl.NumberFormat } | null = null;

function dateTimeFormat(options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale()}|${JSON.stringify(options)}`;
  let format = dateTimeFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale(), options);
    dateTimeFormats.set(key, format);
  }
  return format;
}

export function formatNumber(value: number): string {
  if (numberFormat?.locale !== locale()) numberFormat = { locale: locale(), format: new Intl.NumberFormat(locale()) };
  return numberFormat.format.format(value);
}

/** Date and time in the browser's zone, or in `timeZone` when given. */
export function formatDateTime(ms: number, timeZone?: string): string {
  return dateTimeFormat({ dateStyle: 'medium', timeStyle: 'short', ...(timeZone ? { timeZone } : {}) }).format(ms);
}

export function formatDateTimeSeconds(ms: number): string {
  return dateTimeFormat({ dateStyle: 'medium', timeStyle: 'medium' }).format(ms);
}

export function formatTime(ms: number, timeZone?: string): string {
  return dateTimeFormat({ timeStyle: 'short', ...(timeZone ? { timeZone } : {}) }).format(ms);
}

/** A run time such as "1 min 05 s" or "2 h 03 min". */
export function formatRunTime(ms: number): string {
  const totalSeconds = Math.max(0, Math.round(ms / 1000));
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  if (hours > 0) return `${hours} h ${String(minutes).padStart(2, '0')} min`;
  if (minutes > 0) return `${minutes} min ${String(seconds).padStart(2, '0')} s`;
  return `${seconds} s`;
}

/** "in 3 h 12 min", "in 12 min", "in 45 s", "2 min ago". */
export function formatRelative(targetMs: number, nowMs: number): string {
  const deltaMs = targetMs - nowMs;
  const totalSeconds = Math.round(Math.abs(deltaMs) / 1000);
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  let text: string;
  if (hours > 0) text = minutes > 0 ? `${hours} h ${minutes} min` : `${hours} h`;
  else if (minutes > 0) text = `${minutes} min`;
  else text = `${totalSeconds} s`;
  return deltaMs >= 0 ? `in ${text}` : `${text} ago`;
}

export function formatBytes(bytes: number): string {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  // Short unit names read well for kB and MB, but 'short' bytes come out as "294 byte".
  const unitDisplay = unit === 0 ? 'long' : 'short';
  return new Intl.NumberFormat(locale(), { style: 'unit', unit: units[unit], unitDisplay, maximumFractionDigits: 1 }).format(value);
}
