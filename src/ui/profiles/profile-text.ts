/** Words and formats of the profile store screens: property values in the user's locale, types, links. */
import type { DateFormat, NumberFormat, PropertyDefinition, PropertyType, PropertyValue } from '../../contract/model.ts';

const locale = (): string => navigator.language || 'en';

export const TYPE_LABELS: Record<PropertyType, string> = {
  text: 'Text',
  number: 'Number',
  date: 'Date',
  boolean: 'True/false',
};

export const PROPERTY_TYPES: readonly PropertyType[] = ['text', 'number', 'date', 'boolean'];
export const NUMBER_FORMATS: readonly NumberFormat[] = ['1,234.5', '1.234,5'];
export const DATE_FORMATS: readonly DateFormat[] = ['YYYY-MM-DD', 'DD/MM/YYYY', 'MM/DD/YYYY', 'DD.MM.YYYY', 'DD-MM-YYYY'];

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Formats a stored value by what it is: numbers with every stored digit, ISO dates as the locale writes
 * dates, booleans as Yes and No. Dates are formatted in UTC because a date has no time zone.
 */
export function formatPropertyValue(value: PropertyValue | undefined, type: PropertyType | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return new Intl.NumberFormat(locale(), { maximumFractionDigits: 20 }).format(value);
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  const match = type === 'date' ? ISO_DATE.exec(value) : null;
  if (match) {
    const dateMs = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
    return new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeZone: 'UTC' }).format(dateMs);
  }
  return value;
}

/** Returns the address of a profile's screen. Identifiers may contain '/', '#' or '?', so the key is encoded. */
export function profilePath(key: string): string {
  return `/profiles/${encodeURIComponent(key)}`;
}

/** Decodes the key of a profile address; a malformed escape is taken as written. */
export function keyFromPath(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** Returns a short line of a profile's first values, such as "First name: Ada · City: Paris", for list rows. */
export function summariseProperties(properties: Record<string, PropertyValue>, definitions: readonly PropertyDefinition[], identifier: string, maxValues = 3): string {
  const parts: string[] = [];
  for (const definition of definitions) {
    const value = properties[definition.id];
    if (value === undefined || value === null || value === identifier) continue;
    parts.push(`${definition.label}: ${formatPropertyValue(value, definition.type)}`);
    if (parts.length >= maxValues) break;
  }
  return parts.join(' · ');
}

/** Returns "1 profile" or "12,345 profiles", in the user's locale. */
export function countProfiles(count: number): string {
  return `${new Intl.NumberFormat(locale()).format(count)} ${count === 1 ? 'profile' : 'profiles'}`;
}
