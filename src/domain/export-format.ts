/**
 * Formatting of exported profiles: CSV cells with spreadsheet formulas neutralised, the JSON shape of a
 * profile shared by file, webhook and real-time exports, and dated file names.
 */
import { Temporal } from 'temporal-polyfill';
import type { Profile, PropertyValue } from '../contract/model.ts';

/**
 * First characters that make spreadsheet software (Excel, LibreOffice Calc, Google Sheets) read a cell as
 * a formula. OWASP ASVS requirement 1.2.10 names =, +, -, @, tab and NUL. The carriage return is added
 * because other guides on CSV injection list it beside the tab.
 */
const FORMULA_STARTS = ['=', '+', '-', '@', '\t', '\r', '\0'];

/** Prefixes text that a spreadsheet would run as a formula with a single quote, so it shows as text. */
export function neutraliseFormula(text: string): string {
  return FORMULA_STARTS.some((start) => text.startsWith(start)) ? `'${text}` : text;
}

/**
 * Writes one value as a CSV cell (RFC 4180 quoting). Text is neutralised; numbers and true/false values are
 * written as they are, so a negative number stays a number.
 */
export function formatCsvCell(value: PropertyValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return quoteCsv(neutraliseFormula(value));
}

function quoteCsv(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Joins cells into one CSV line, CRLF-terminated, as RFC 4180 and Excel expect. */
export function formatCsvLine(cells: readonly string[]): string {
  return `${cells.join(',')}\r\n`;
}

/** Columns of a profile CSV: the identifier, the chosen properties, then one column per consent objective. */
export interface CsvLayout {
  propertyIds: readonly string[];
  consentObjectiveIds: readonly string[];
}

export function formatCsvHeader(layout: CsvLayout): string {
  const names = ['identifier', ...layout.propertyIds, ...layout.consentObjectiveIds.map((id) => `consent:${id}`)];
  return formatCsvLine(names.map((name) => quoteCsv(neutraliseFormula(name))));
}

export function formatCsvProfile(profile: Profile, layout: CsvLayout): string {
  const cells = [
    formatCsvCell(profile.identifier),
    ...layout.propertyIds.map((id) => formatCsvCell(profile.properties[id])),
    ...layout.consentObjectiveIds.map((id) => formatCsvCell(profile.consent[id] ?? null)),
  ];
  return formatCsvLine(cells);
}

/** A profile as exports send it: the identifier, properties, consent and ISO instants. */
export interface ProfileJson {
  identifier: string;
  properties: Record<string, PropertyValue>;
  consent: Record<string, boolean>;
  createdAt: string;
  updatedAt: string;
}

/** Returns the JSON shape of a profile; with `propertyIds`, only those properties, in that order. */
export function profileToJson(profile: Profile, propertyIds?: readonly string[]): ProfileJson {
  let properties = profile.properties;
  if (propertyIds) {
    properties = {};
    for (const id of propertyIds) {
      if (id in profile.properties) properties[id] = profile.properties[id] as PropertyValue;
    }
  }
  return {
    identifier: profile.identifier,
    properties,
    consent: profile.consent,
    createdAt: new Date(profile.createdAtMs).toISOString(),
    updatedAt: new Date(profile.updatedAtMs).toISOString(),
  };
}

/** Returns a file-name part of user text: letters, digits, dots, dashes and underscores, at most 60 characters. */
export function sanitiseFileNamePart(text: string): string {
  const cleaned = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '');
  return cleaned.slice(0, 60).replace(/[-.]+$/, '');
}

/**
 * Returns a dated export file name such as `profiles-2026-03-05T1100.csv`, with the wall-clock time of `atMs` in
 * `timeZone`. An empty or unusable prefix becomes "profiles".
 */
export function exportFileName(prefix: string, atMs: number, timeZone: string, extension: 'csv' | 'json'): string {
  const local = Temporal.Instant.fromEpochMilliseconds(atMs).toZonedDateTimeISO(timeZone);
  const pad = (value: number): string => String(value).padStart(2, '0');
  const stamp = `${local.year}-${pad(local.month)}-${pad(local.day)}T${pad(local.hour)}${pad(local.minute)}`;
  return `${sanitiseFileNamePart(prefix) || 'profiles'}-${stamp}.${extension}`;
}

/** Returns the name for the `copy`-th file of the same name (2, 3, …): `profiles-…T1100-2.csv`. */
export function numberedFileName(fileName: string, copy: number): string {
  const dot = fileName.lastIndexOf('.');
  return dot <= 0 ? `${fileName}-${copy}` : `${fileName.slice(0, dot)}-${copy}${fileName.slice(dot)}`;
}
