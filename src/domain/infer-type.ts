/**
 * Suggests a property type for a new column from sample values. The suggestion is shown to the user, who
 * can change it; the import itself never guesses.
 */
import type { NumberFormat, PropertyType } from '../contract/model.ts';
import { parseValue } from './import-values.ts';

const BOOLEAN_WORDS = new Set(['true', 'false', 'yes', 'no']);

export function inferPropertyType(samples: readonly string[], numberFormat: NumberFormat): PropertyType {
  const values = samples.map((value) => value.trim()).filter((value) => value !== '');
  if (values.length === 0) return 'text';
  // Leading zeros mark codes (postal codes, phone numbers) that must stay text.
  const looksNumeric = values.every((value) => !/^0\d/.test(value) && parseValue(value, 'number', { numberFormat }).ok);
  if (looksNumeric) return 'number';
  if (values.every((value) => parseValue(value, 'date', { numberFormat, dateFormat: 'YYYY-MM-DD' }).ok)) return 'date';
  if (values.every((value) => BOOLEAN_WORDS.has(value.toLowerCase()))) return 'boolean';
  return 'text';
}
