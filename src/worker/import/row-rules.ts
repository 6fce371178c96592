/**
 * The rules for one data row of an import, without storage: checking its shape and values, and applying
 * it to the stored profile.
 */
import { AppError } from '../../contract/errors.ts';
import type {
  ColumnMapping,
  ConsentObjective,
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
  /** '' for a consent column. */
  propertyId: string;
  /** 'boolean' for a consent column. */
  type: PropertyType;
  dateFormat?: DateFormat;
  /** Set for a column whose true/false values set consent for this objective. */
  consentObjectiveId?: string;
}

export interface ImportPlan {
  headerCount: number;
  identifier: ImportColumn;
  /** Every column mapped to a property, the identifier included, in mapping order. */
  columns: ImportColumn[];
  /** Columns mapped to consent objectives, in mapping order. */
  consentColumns: ImportColumn[];
  numberFormat: NumberFormat;
  emptyCellsClear: boolean;
  /** The consent objective every applied row's profile must have; null requires none. */
  requiredConsent: ConsentObjective | null;
  /** What messages call a column: 'column' in CSV files, 'key' in JSON objects. */
  columnNoun: 'column' | 'key';
}

/** The settings a plan reads; every import connector's settings have them. */
export type ImportPlanSettings = Pick<CsvImportSettings, 'mapping' | 'numberFormat' | 'emptyCellsClear'> & {
  requiredConsent?: string | null;
};

export interface ImportPlanOptions {
  /** The consent objectives defined in the settings; consent columns and required consent refer to them. */
  consentObjectives?: readonly ConsentObjective[];
  columnNoun?: ImportPlan['columnNoun'];
}

/** Log kinds, so that the run log caps repeats of each. */
export type RowProblemKind = 'csv-syntax' | 'field-count' | 'json-syntax' | 'not-object' | 'type-error' | 'empty-identifier';

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
  /** Consent the row sets, by objective id; an empty consent cell sets nothing. */
  consent: Map<string, boolean>;
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
export function planImport(
  headers: readonly string[],
  settings: ImportPlanSettings,
  definitions: readonly PropertyDefinition[],
  options: ImportPlanOptions = {},
): ImportPlan {
  const objectives = options.consentObjectives ?? [];
  const identifiers = validateMapping(settings.mapping, definitions, objectives);
  const requiredConsent = findRequiredConsent(settings.requiredConsent ?? null, objectives);
  const definitionById = new Map(definitions.map((definition) => [definition.id, definition]));

  const missing = settings.mapping.filter((entry) => !headers.includes(entry.column.trim())).map((entry) => entry.column);
  if (missing.length > 0) throw missingColumnsError(missing, options.columnNoun ?? 'column');

  const toColumn = (entry: ColumnMapping): ImportColumn => {
    const index = headers.indexOf(entry.column.trim());
    if (entry.consentObjectiveId) {
      return { index, column: entry.column.trim(), propertyId: '', type: 'boolean', consentObjectiveId: entry.consentObjectiveId };
    }
    const definition = definitionById.get(entry.propertyId) as PropertyDefinition;
    const column: ImportColumn = { index, column: entry.column.trim(), propertyId: entry.propertyId, type: definition.type };
    if (entry.dateFormat) column.dateFormat = entry.dateFormat;
    return column;
  };
  const propertyEntries = settings.mapping.filter((entry) => !entry.consentObjectiveId);
  const columns = propertyEntries.map(toColumn);
  return {
    headerCount: headers.length,
    identifier: columns[propertyEntries.indexOf(identifiers[0])],
    columns,
    consentColumns: settings.mapping.filter((entry) => entry.consentObjectiveId).map(toColumn),
    numberFormat: settings.numberFormat,
    emptyCellsClear: settings.emptyCellsClear,
    requiredConsent,
    columnNoun: options.columnNoun ?? 'column',
  };
}

function missingColumnsError(missing: readonly string[], noun: ImportPlan['columnNoun']): AppError {
  const names = missing.map((name) => JSON.stringify(name)).join(', ');
  if (noun === 'key') {
    return new AppError(
      'file-missing-columns',
      `No object in the file has the key ${names}, which the mapping uses. Pick a file whose objects have these keys, or change the mapping.`,
    );
  }
  return new AppError(
    'file-missing-columns',
    `The file has no column named ${names}, which the mapping uses. Pick a file that has these columns, or change the mapping.`,
  );
}

export function findRequiredConsent(objectiveId: string | null, objectives: readonly ConsentObjective[]): ConsentObjective | null {
  if (objectiveId === null) return null;
  const objective = objectives.find((entry) => entry.id === objectiveId);
  if (!objective) {
    throw new AppError(
      'not-found',
      `The connection requires consent for the objective "${objectiveId}", which no longer exists. Choose another consent objective, or none, in the connection's settings.`,
    );
  }
  return objective;
}

/**
 * Checks that the mapping can be applied to any file and returns its identifier entries. Throws the
 * mapping errors that `planImport` describes.
 */
export function validateMapping(
  mapping: readonly ColumnMapping[],
  definitions: readonly PropertyDefinition[],
  objectives: readonly ConsentObjective[] = [],
): ColumnMapping[] {
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

  if (identifiers[0].consentObjectiveId) {
    throw new AppError('invalid-input', `Column ${JSON.stringify(identifiers[0].column)} sets consent, so it cannot be the identifier. Mark another column as the identifier.`);
  }

  const knownIds = new Set(definitions.map((definition) => definition.id));
  const seenIds = new Set<string>();
  const seenObjectives = new Set<string>();
  for (const entry of mapping) {
    if (entry.consentObjectiveId) {
      checkConsentEntry(entry, entry.consentObjectiveId, objectives, seenObjectives);
      continue;
    }
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

function checkConsentEntry(entry: ColumnMapping, objectiveId: string, objectives: readonly ConsentObjective[], seen: Set<string>): void {
  const objective = objectives.find((candidate) => candidate.id === objectiveId);
  if (!objective) {
    throw new AppError(
      'invalid-input',
      `Column ${JSON.stringify(entry.column)} sets consent for the objective "${objectiveId}", which does not exist. Change the mapping.`,
    );
  }
  if (seen.has(objectiveId)) {
    throw new AppError('invalid-input', `More than one column sets consent for "${objective.label}". Map each consent objective once.`);
  }
  seen.add(objectiveId);
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
    result: parseCells(csvCellReader(record), plan),
  };
}

/** Maximum length of a cell value quoted in a log line. Longer values are cut and end with an ellipsis. */
const MAX_LOGGED_VALUE_LENGTH = 80;

/** A mapped value that did not parse; `description` reads `"forty" is not a number (expected …).` */
export type CellParse = { ok: true; value: PropertyValue } | { ok: false; description: string };

/** Reads one record's mapped values. CSV cells are text; JSON values keep their JSON type. */
export interface RowCellReader {
  line: number;
  parse(column: ImportColumn, plan: ImportPlan): CellParse;
  /** The identifier as written, trimmed; '' when it is empty or missing. */
  identifier(column: ImportColumn): string;
}

function csvCellReader(record: CsvRecord): RowCellReader {
  return {
    line: record.line,
    parse(column, plan) {
      const raw = record.fields[column.index];
      const parsed = parseValue(raw, column.type, { numberFormat: plan.numberFormat, dateFormat: column.dateFormat });
      if (parsed.ok) return parsed;
      return { ok: false, description: describeTypeError(quoteForLog(raw.trim()), column.type, parsed.expected) };
    },
    identifier: (column) => record.fields[column.index].trim(),
  };
}

export function describeTypeError(shownValue: string, type: PropertyType, expected: string): string {
  return `${shownValue} is not a ${describeType(type)} (expected ${expected}).`;
}

/**
 * Parses a record's mapped values and consent columns. Type errors come first, so a row with a bad value
 * and an empty identifier reports the bad value.
 */
export function parseCells(reader: RowCellReader, plan: ImportPlan): { ok: true; row: RowValues } | { ok: false; problem: RowProblem } {
  const values = new Map<string, PropertyValue>();
  const consent = new Map<string, boolean>();
  const typeErrors: string[] = [];
  for (const column of [...plan.columns, ...plan.consentColumns]) {
    const parsed = reader.parse(column, plan);
    if (!parsed.ok) {
      typeErrors.push(`${plan.columnNoun} ${JSON.stringify(column.column)}: ${parsed.description}`);
    } else if (column.consentObjectiveId) {
      if (typeof parsed.value === 'boolean') consent.set(column.consentObjectiveId, parsed.value);
    } else {
      values.set(column.propertyId, parsed.value);
    }
  }

  const identifier = reader.identifier(plan.identifier);
  if (typeErrors.length > 0) {
    // The first error reads "Line 12, column …"; further ones follow as their own sentences.
    const rest = typeErrors.slice(1).map((text) => text[0].toUpperCase() + text.slice(1));
    const message = [`Line ${reader.line}, ${typeErrors[0]}`, ...rest].join(' ');
    return { ok: false, problem: { kind: 'type-error', message } };
  }
  if (identifier === '') {
    const message = `Line ${reader.line}: the identifier ${plan.columnNoun} ${JSON.stringify(plan.identifier.column)} is empty.`;
    return { ok: false, problem: { kind: 'empty-identifier', message } };
  }
  return { ok: true, row: { key: normaliseIdentifier(identifier), identifier, values, consent } };
}

export function quoteForLog(value: string): string {
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
 * is the first one seen. Consent the row sets replaces the stored consent for that objective; an empty
 * consent cell never clears it. Returns the profile unchanged (same object) when nothing changed.
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
        consent: Object.fromEntries(row.consent),
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

  const consent = { ...existing.consent };
  for (const [objectiveId, value] of row.consent) {
    if (consent[objectiveId] === value) continue;
    consent[objectiveId] = value;
    isChanged = true;
  }

  if (!isChanged) return { outcome: 'unchanged', profile: existing };
  return {
    outcome: 'updated',
    profile: { ...existing, properties, consent, updatedAtMs: stamp.nowMs, lastRunId: stamp.runId, lastConnectionId: stamp.connectionId },
  };
}

/**
 * True when the profile agrees to `objectiveId`: the row's own consent value wins, else the stored one. A
 * profile that does not exist yet has agreed to nothing.
 */
export function hasConsent(existing: Profile | undefined, row: RowValues, objectiveId: string): boolean {
  return row.consent.get(objectiveId) ?? existing?.consent[objectiveId] ?? false;
}
