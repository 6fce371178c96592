/**
 * The rules for one data row of an import, without storage: checking its shape and values, and applying
 * it to the stored profile.
 */
import { AppError } from '../../contract/errors.ts';
import type {
  ColumnMapping,
  CsvImportSettings,
  DateFormat,
  NumberFormat,
  Profile,
  PropertyDefinition,
  PropertyType,
  PropertyValue,
} from '../../contract/model.ts';
import { describeRecordProblem, type CsvRecord } from '../../connectors/csv/decode-csv.ts';
import { describeType, fingerprintRow, normaliseIdentifier, parseValue } from '../../domain/import-values.ts';

export interface ImportColumn {
  /** Position of the column in the file's header. */
  index: number;
  column: string;
  propertyId: string;
  type: PropertyType;
  dateFormat?: DateFormat;
}

export interface ImportPlan {
  headerCount: number;
  identifier: ImportColumn;
  /** Every mapped column, the identifier included, in mapping order. */
  columns: ImportColumn[];
  numberFormat: NumberFormat;
  emptyCellsClear: boolean;
}

/** Log kinds, so that the run log caps repeats of each. */
export type RowProblemKind = 'csv-syntax' | 'field-count' | 'type-error' | 'empty-identifier';

export interface RowProblem {
  kind: RowProblemKind;
  message: string;
}

export interface RowValues {
  key: string;
  /** The identifier as written in this row, trimmed. */
  identifier: string;
  /** Values by property id; null is an empty cell. */
  values: Map<string, PropertyValue>;
}

/**
 * A data row after the checks that need no storage. A 'broken' row (bad quotes, wrong field count) is
 * Failed and never fingerprinted. A 'readable' row is Skipped when its fingerprint was applied by an
 * earlier run, so its value problems are reported only when it is not.
 */
export type PreparedRow =
  | { kind: 'broken'; line: number; problem: RowProblem }
  | { kind: 'readable'; line: number; fingerprint: string; result: { ok: true; row: RowValues } | { ok: false; problem: RowProblem } };

/**
 * Matches the mapping to the file's header and the property definitions. Throws an AppError:
 * 'mapping-no-identifier' when no column is the identifier, 'invalid-input' for more than one identifier,
 * a property mapped twice or a property that does not exist, and 'file-missing-columns' when the file
 * lacks mapped columns.
 */
export function planImport(headers: readonly string[], settings: CsvImportSettings, definitions: readonly PropertyDefinition[]): ImportPlan {
  const identifiers = validateMapping(settings.mapping, definitions);
  const definitionById = new Map(definitions.map((definition) => [definition.id, definition]));

  const missing = settings.mapping.filter((entry) => !headers.includes(entry.column.trim())).map((entry) => entry.column);
  if (missing.length > 0) {
    throw new AppError(
      'file-missing-columns',
      `The file has no column named ${missing.map((name) => JSON.stringify(name)).join(', ')}, which the mapping uses. ` +
        'Pick a file that has these columns, or change the mapping.',
    );
  }

  const columns = settings.mapping.map((entry): ImportColumn => {
    const definition = definitionById.get(entry.propertyId) as PropertyDefinition;
    const column: ImportColumn = {
      index: headers.indexOf(entry.column.trim()),
      column: entry.column.trim(),
      propertyId: entry.propertyId,
      type: definition.type,
    };
    if (entry.dateFormat) column.dateFormat = entry.dateFormat;
    return column;
  });
  const identifier = columns[settings.mapping.indexOf(identifiers[0])];
  return {
    headerCount: headers.length,
    identifier,
    columns,
    numberFormat: settings.numberFormat,
    emptyCellsClear: settings.emptyCellsClear,
  };
}

/**
 * Checks that the mapping can be applied to any file and returns its identifier entries. Throws the
 * mapping errors that `planImport` describes.
 */
export function validateMapping(mapping: readonly ColumnMapping[], definitions: readonly PropertyDefinition[]): ColumnMapping[] {
  const identifiers = mapping.filter((entry) => entry.isIdentifier);
  if (identifiers.length === 0) {
    throw new AppError(
      'mapping-no-identifier',
      'No column is mapped as the identifier. Mark the column that identifies a profile, such as the email address, as the identifier.',
    );
  }
  if (identifiers.length > 1) {
    const names = identifiers.map((entry) => JSON.stringify(entry.column)).join(', ');
    throw new AppError('invalid-input', `The columns ${names} are all marked as the identifier. Mark exactly one.`);
  }

  const knownIds = new Set(definitions.map((definition) => definition.id));
  const seenIds = new Set<string>();
  for (const entry of mapping) {
    if (!knownIds.has(entry.propertyId)) {
      throw new AppError(
        'invalid-input',
        `Column ${JSON.stringify(entry.column)} is mapped to the property "${entry.propertyId}", which does not exist. Change the mapping.`,
      );
    }
    if (seenIds.has(entry.propertyId)) {
      throw new AppError('invalid-input', `More than one column is mapped to the property "${entry.propertyId}". Map each property once.`);
    }
    seenIds.add(entry.propertyId);
  }
  return identifiers;
}

/** Checks a record's shape and parses its mapped values, without looking at stored data. */
export function prepareRow(record: CsvRecord, plan: ImportPlan): PreparedRow {
  const shapeProblem = describeRecordProblem(record, plan.headerCount);
  if (shapeProblem !== null) {
    const kind: RowProblemKind = record.problem === null ? 'field-count' : 'csv-syntax';
    return { kind: 'broken', line: record.line, problem: { kind, message: shapeProblem } };
  }
  return {
    kind: 'readable',
    line: record.line,
    fingerprint: fingerprintRow(record.fields),
    result: parseRow(record, plan),
  };
}

/** Maximum length of a cell value quoted in a log line. Longer values are cut and end with an ellipsis. */
const MAX_LOGGED_VALUE_LENGTH = 80;

function parseRow(record: CsvRecord, plan: ImportPlan): { ok: true; row: RowValues } | { ok: false; problem: RowProblem } {
  const values = new Map<string, PropertyValue>();
  const typeErrors: string[] = [];
  for (const column of plan.columns) {
    const raw = record.fields[column.index];
    const parsed = parseValue(raw, column.type, { numberFormat: plan.numberFormat, dateFormat: column.dateFormat });
    if (parsed.ok) {
      values.set(column.propertyId, parsed.value);
    } else {
      typeErrors.push(
        `column ${JSON.stringify(column.column)}: ${quoteForLog(raw.trim())} is not a ${describeType(column.type)} (expected ${parsed.expected}).`,
      );
    }
  }

  const identifier = record.fields[plan.identifier.index].trim();
  if (typeErrors.length > 0) {
    // The first error reads "Line 12, column …"; further ones follow as their own sentences.
    const rest = typeErrors.slice(1).map((text) => text[0].toUpperCase() + text.slice(1));
    const message = [`Line ${record.line}, ${typeErrors[0]}`, ...rest].join(' ');
    return { ok: false, problem: { kind: 'type-error', message } };
  }
  if (identifier === '') {
    const message = `Line ${record.line}: the identifier column ${JSON.stringify(plan.identifier.column)} is empty.`;
    return { ok: false, problem: { kind: 'empty-identifier', message } };
  }
  return { ok: true, row: { key: normaliseIdentifier(identifier), identifier, values } };
}

function quoteForLog(value: string): string {
  const shown = value.length > MAX_LOGGED_VALUE_LENGTH ? `${value.slice(0, MAX_LOGGED_VALUE_LENGTH)}…` : value;
  return JSON.stringify(shown);
}

// ---------------------------------------------------------------------------------------------------
// Applying a row

export type AppliedOutcome = 'added' | 'updated' | 'unchanged';

export interface ProfileStamp {
  nowMs: number;
  runId: number;
  connectionId: string;
}

/**
 * Applies a row to the profile stored under its key. A new profile gets the row's values and keeps this
 * row's spelling of the identifier. On an existing profile an empty cell keeps the stored value, unless
 * `emptyCellsClear`, and the identifier property is only filled when missing, because the stored spelling
 * is the first one seen. Returns the profile unchanged (same object) when nothing changed.
 */
export function applyRow(
  existing: Profile | undefined,
  row: RowValues,
  plan: ImportPlan,
  stamp: ProfileStamp,
): { outcome: AppliedOutcome; profile: Profile } {
  if (existing === undefined) {
    const properties: Record<string, PropertyValue> = {};
    for (const [propertyId, value] of row.values) {
      if (value !== null) properties[propertyId] = value;
    }
    return {
      outcome: 'added',
      profile: {
        key: row.key,
        identifier: row.identifier,
        properties,
        consent: {},
        createdAtMs: stamp.nowMs,
        updatedAtMs: stamp.nowMs,
        lastRunId: stamp.runId,
        lastConnectionId: stamp.connectionId,
      },
    };
  }

  const properties = { ...existing.properties };
  let isChanged = false;
  for (const [propertyId, value] of row.values) {
    const stored = properties[propertyId] ?? null;
    if (propertyId === plan.identifier.propertyId && stored !== null) continue;
    if (value === null) {
      if (!plan.emptyCellsClear || stored === null) continue;
      delete properties[propertyId];
      isChanged = true;
    } else if (value !== stored) {
      properties[propertyId] = value;
      isChanged = true;
    }
  }

  if (!isChanged) return { outcome: 'unchanged', profile: existing };
  return {
    outcome: 'updated',
    profile: { ...existing, properties, updatedAtMs: stamp.nowMs, lastRunId: stamp.runId, lastConnectionId: stamp.connectionId },
  };
}
