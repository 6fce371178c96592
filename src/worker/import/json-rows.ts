/**
 * The rules for one item of a JSON import: an object's keys are its columns. JSON numbers and booleans
 * keep their type, text is read with the same rules as a CSV cell, and a nested object or array in a
 * mapped key is a type error.
 */
import type { PropertyType, PropertyValue } from '../../contract/model.ts';
import { describeItemProblem, describeJsonKind, isJsonObject, type JsonItem } from '../../connectors/json/decode-json.ts';
import { fingerprintRow, parseValue, type ParsedValue, type ValueFormats } from '../../domain/import-values.ts';
import { describeTypeError, parseCells, quoteForLog, type CellParse, type ImportColumn, type ImportPlan, type PreparedRow, type RowCellReader } from './row-rules.ts';

/** Checks an item's shape and parses its mapped values, without looking at stored data. */
export function prepareJsonRow(item: JsonItem, plan: ImportPlan): PreparedRow {
  const problem = describeItemProblem(item);
  if (problem !== null || !isJsonObject(item.value)) {
    const kind = item.problem === null ? 'not-object' : 'json-syntax';
    return { kind: 'broken', line: item.line, problem: { kind, message: problem ?? `Line ${item.line} is not an object.` } };
  }
  const values = trimKeys(item.value);
  return {
    kind: 'readable',
    line: item.line,
    fingerprint: fingerprintJsonObject(values),
    result: parseCells(jsonCellReader(item.line, values), plan),
  };
}

/** Keys are matched to the mapping trimmed, as CSV headers are. */
function trimKeys(object: Record<string, unknown>): Map<string, unknown> {
  const values = new Map<string, unknown>();
  for (const [key, value] of Object.entries(object)) values.set(key.trim(), value);
  return values;
}

/**
 * The fingerprint of an object's exact content. Keys are sorted first, so the same object written with
 * its keys in another order is the same row, as a CSV file with its columns reordered is.
 */
export function fingerprintJsonObject(values: ReadonlyMap<string, unknown>): string {
  const parts: string[] = [];
  for (const key of [...values.keys()].sort()) parts.push(key, JSON.stringify(values.get(key)) ?? '');
  return fingerprintRow(parts);
}

function jsonCellReader(line: number, values: ReadonlyMap<string, unknown>): RowCellReader {
  return {
    line,
    parse: (column: ImportColumn, plan: ImportPlan) => parseJsonValue(values.get(column.column), column, plan),
    identifier(column) {
      const raw = values.get(column.column);
      if (typeof raw === 'string') return raw.trim();
      if (typeof raw === 'number' || typeof raw === 'boolean') return String(raw);
      return '';
    },
  };
}

/**
 * Parses one JSON value as the column's type. A missing key and null are no value. Text goes through the
 * same rules as a CSV cell. A number fills a number or text property, and 1 or 0 a boolean; true and false
 * fill a boolean or text property. Anything else is a type error.
 */
export function parseJsonValue(raw: unknown, column: Pick<ImportColumn, 'type' | 'dateFormat'>, plan: Pick<ImportPlan, 'numberFormat'>): CellParse {
  const formats: ValueFormats = { numberFormat: plan.numberFormat, dateFormat: column.dateFormat };
  if (raw === undefined || raw === null) return { ok: true, value: null };
  if (typeof raw === 'string') {
    const parsed = parseValue(raw, column.type, formats);
    return parsed.ok ? parsed : { ok: false, description: describeTypeError(quoteForLog(raw.trim()), column.type, parsed.expected) };
  }
  if (typeof raw === 'number' || typeof raw === 'boolean') {
    const converted = convertScalar(raw, column.type);
    if (converted !== undefined) return { ok: true, value: converted };
    return { ok: false, description: describeTypeError(String(raw), column.type, expectedFor(column.type, formats)) };
  }
  return {
    ok: false,
    description: `the value is ${describeJsonKind(raw)}, which a ${column.type} property cannot hold (expected ${expectedFor(column.type, formats)}). Map a key with a plain value instead.`,
  };
}

function convertScalar(raw: number | boolean, type: PropertyType): PropertyValue | undefined {
  if (type === 'text') return String(raw);
  if (typeof raw === 'number') {
    if (type === 'number') return raw === 0 ? 0 : raw;
    if (type === 'boolean' && (raw === 0 || raw === 1)) return raw === 1;
    return undefined;
  }
  return type === 'boolean' ? raw : undefined;
}

/** The accepted form of a value of `type`, as the type-error messages of text cells name it. */
function expectedFor(type: PropertyType, formats: ValueFormats): string {
  if (type === 'text') return 'text';
  // No text of this type starts with a NUL character, so the parser always returns its expectation.
  const parsed: ParsedValue = parseValue('\u0000', type, formats);
  return parsed.ok ? type : parsed.expected;
}
