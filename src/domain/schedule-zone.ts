// Time-zone names for schedules: validation, current IANA names, comparison through Temporal.
import { Temporal } from 'temporal-polyfill';

/**
 * Legacy names mapped to the current IANA name of the same zone. The IANA database renamed these zones,
 * but ICU (Node 20, Chromium) still reports several of the old names as canonical, for example
 * `Asia/Calcutta` from `Intl.DateTimeFormat().resolvedOptions()`.
 */
const RENAMED_TIME_ZONES: Readonly<Record<string, string>> = {
  'Africa/Asmera': 'Africa/Asmara',
  'America/Buenos_Aires': 'America/Argentina/Buenos_Aires',
  'America/Catamarca': 'America/Argentina/Catamarca',
  'America/Cordoba': 'America/Argentina/Cordoba',
  'America/Fort_Wayne': 'America/Indiana/Indianapolis',
  'America/Godthab': 'America/Nuuk',
  'America/Indianapolis': 'America/Indiana/Indianapolis',
  'America/Jujuy': 'America/Argentina/Jujuy',
  'America/Knox_IN': 'America/Indiana/Knox',
  'America/Louisville': 'America/Kentucky/Louisville',
  'America/Mendoza': 'America/Argentina/Mendoza',
  'Asia/Ashkhabad': 'Asia/Ashgabat',
  'Asia/Calcutta': 'Asia/Kolkata',
  'Asia/Dacca': 'Asia/Dhaka',
  'Asia/Katmandu': 'Asia/Kathmandu',
  'Asia/Macao': 'Asia/Macau',
  'Asia/Rangoon': 'Asia/Yangon',
  'Asia/Saigon': 'Asia/Ho_Chi_Minh',
  'Asia/Thimbu': 'Asia/Thimphu',
  'Asia/Ujung_Pandang': 'Asia/Makassar',
  'Asia/Ulan_Bator': 'Asia/Ulaanbaatar',
  'Atlantic/Faeroe': 'Atlantic/Faroe',
  'Europe/Kiev': 'Europe/Kyiv',
  'Europe/Uzhgorod': 'Europe/Kyiv',
  'Europe/Zaporozhye': 'Europe/Kyiv',
  'Pacific/Enderbury': 'Pacific/Kanton',
  'Pacific/Ponape': 'Pacific/Pohnpei',
  'Pacific/Truk': 'Pacific/Chuuk',
};

// Names such as `Europe/Amsterdam`, `UTC` or `Etc/GMT+5`. This rejects UTC offsets ('+05:30') and ISO
// strings with a zone annotation, which Temporal would otherwise accept in place of a zone name.
const TIME_ZONE_NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+)*$/;

// Known names only, so that names typed while editing do not grow the cache.
const canonicalNameCache = new Map<string, string>();

/** Returns Temporal's spelling of a known zone name (case fixed, links kept), or null. */
function normalizeTimeZoneName(name: string): string | null {
  if (!TIME_ZONE_NAME_PATTERN.test(name)) return null;
  try {
    return new Temporal.ZonedDateTime(0n, name).timeZoneId;
  } catch (error) {
    if (error instanceof RangeError) return null;
    throw error;
  }
}

/** Returns true when the text looks like a UTC offset ('+05:30', '-08'), which schedules do not accept. */
export function isUtcOffsetText(text: string): boolean {
  return /^[+\-\u2212]\d/.test(text);
}

/**
 * Returns the current IANA name of a time zone (`Asia/Calcutta` → `Asia/Kolkata`, `europe/kiev` →
 * `Europe/Kyiv`), or null when the name is unknown or is a UTC offset rather than a zone name. A current
 * name that this Temporal implementation does not know yet is not used, so the legacy name comes back.
 */
export function canonicalTimeZone(name: string): string | null {
  const cached = canonicalNameCache.get(name);
  if (cached !== undefined) return cached;

  const normalized = normalizeTimeZoneName(name);
  let canonical = normalized;
  if (normalized !== null) {
    const renamed = RENAMED_TIME_ZONES[normalized];
    if (renamed !== undefined) canonical = normalizeTimeZoneName(renamed) ?? normalized;
  }
  if (canonical !== null) canonicalNameCache.set(name, canonical);
  return canonical;
}

/**
 * Returns true when two names denote the same zone, compared through Temporal (which resolves links such as
 * `Etc/UTC` and `UTC`) after renaming legacy names. An unknown name equals nothing.
 */
export function isSameTimeZone(a: string, b: string): boolean {
  const canonicalA = canonicalTimeZone(a);
  const canonicalB = canonicalTimeZone(b);
  if (canonicalA === null || canonicalB === null) return false;
  return new Temporal.ZonedDateTime(0n, canonicalA).equals(new Temporal.ZonedDateTime(0n, canonicalB));
}

/** Returns the current IANA name of the environment's time zone, or 'UTC' when the environment reports none. */
export function browserTimeZone(): string {
  const reported = new Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (typeof reported !== 'string' || reported === '') return 'UTC';
  return canonicalTimeZone(reported) ?? 'UTC';
}

/**
 * Returns the wall-clock minute ('HH:MM', seconds dropped) of an instant in a time zone, for the anchor of a
 * timesPerDay schedule. Throws a RangeError for an unknown time zone.
 */
export function scheduleAnchorTimeAt(instant: Temporal.Instant, timeZone: string): string {
  const zoned = instant.toZonedDateTimeISO(canonicalTimeZone(timeZone) ?? timeZone);
  return `${String(zoned.hour).padStart(2, '0')}:${String(zoned.minute).padStart(2, '0')}`;
}
