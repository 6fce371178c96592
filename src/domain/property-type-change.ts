/**
 * Rules for giving a property definition another type: what each stored value becomes, and which values
 * the new type cannot hold. Text is read with the import's own rules (`parseValue`), so a change of type
 * accepts exactly the values an import with the same settings would accept.
 */
import type { DateFormat, NumberFormat, PropertyType, PropertyValue } from '../contract/model.ts';
import { parseValue } from './import-values.ts';

export interface TypeChangeFormats {
  numberFormat: NumberFormat;
  dateFormat: DateFormat;
}

export type ConvertedValue = { ok: true; value: PropertyValue } | { ok: false };

/**
 * Converts a stored value to `type`. Text is parsed as an import would parse a cell. Numbers become text
 * as JavaScript writes them ("1200.5"), and 1 and 0 become true and false. Booleans become "true"/"false" or 1/0.
 * Dates (stored as ISO text) become text. Every other pair does not fit. A missing value stays missing.
 */
export function convertValue(value: PropertyValue | undefined, type: PropertyType, formats: TypeChangeFormats): ConvertedValue {
  if (value === null || value === undefined) return { ok: true, value: null };

  switch (typeof value) {
    case 'string':
      return convertText(value, type, formats);
    case 'number':
      return convertNumber(value, type);
    case 'boolean':
      return convertBoolean(value, type);
  }
}

function convertText(value: string, type: PropertyType, formats: TypeChangeFormats): ConvertedValue {
  if (type === 'text') return { ok: true, value };
  const parsed = parseValue(value, type, { numberFormat: formats.numberFormat, dateFormat: formats.dateFormat });
  // Text of spaces only parses as "no value"; it is a value that the new type cannot hold.
  if (!parsed.ok || parsed.value === null) return { ok: false };
  return parsed;
}

function convertNumber(value: number, type: PropertyType): ConvertedValue {
  switch (type) {
    case 'number':
      return { ok: true, value };
    case 'text':
      return { ok: true, value: String(value) };
    case 'boolean':
      return value === 1 || value === 0 ? { ok: true, value: value === 1 } : { ok: false };
    case 'date':
      return { ok: false };
  }
}

function convertBoolean(value: boolean, type: PropertyType): ConvertedValue {
  switch (type) {
    case 'boolean':
      return { ok: true, value };
    case 'text':
      return { ok: true, value: String(value) };
    case 'number':
      return { ok: true, value: value ? 1 : 0 };
    case 'date':
      return { ok: false };
  }
}

/** Returns the accepted form of a value of `type`, for a report such as `"forty" does not fit (expected …)`. */
export function describeExpectedValue(type: PropertyType, formats: TypeChangeFormats): string {
  switch (type) {
    case 'text':
      return 'any text';
    case 'number':
      return formats.numberFormat === '1,234.5' ? 'a number like 1,234.5' : 'a number like 1.234,5';
    case 'date':
      return `a date in ${formats.dateFormat} format`;
    case 'boolean':
      return 'true/false, yes/no, y/n, 1/0 or on/off';
  }
}

/** One profile's value of the property, as the tally reads it. */
export interface TalliedProfile {
  key: string;
  identifier: string;
  properties: Record<string, PropertyValue>;
}

export interface TypeChangeTally {
  profileCount: number;
  valueCount: number;
  fittingCount: number;
  conflictCount: number;
  examples: { profileKey: string; identifier: string; value: PropertyValue }[];
}

export function emptyTally(): TypeChangeTally {
  return { profileCount: 0, valueCount: 0, fittingCount: 0, conflictCount: 0, examples: [] };
}

/**
 * Adds one batch of profiles to `tally` and returns the profiles whose value changes, with the converted
 * value set. A conflicting value is counted and, up to `maxExamples`, kept as an example; its profile is
 * not returned.
 */
export function tallyTypeChange<P extends TalliedProfile>(
  tally: TypeChangeTally,
  profiles: readonly P[],
  propertyId: string,
  type: PropertyType,
  formats: TypeChangeFormats,
  maxExamples: number,
): P[] {
  const changed: P[] = [];
  for (const profile of profiles) {
    tally.profileCount += 1;
    const value = profile.properties[propertyId];
    if (value === undefined || value === null) continue;

    tally.valueCount += 1;
    const converted = convertValue(value, type, formats);
    if (!converted.ok) {
      tally.conflictCount += 1;
      if (tally.examples.length < maxExamples) tally.examples.push({ profileKey: profile.key, identifier: profile.identifier, value });
      continue;
    }

    tally.fittingCount += 1;
    if (converted.value !== value) changed.push({ ...profile, properties: { ...profile.properties, [propertyId]: converted.value } });
  }
  return changed;
}
