/**
 * Checks the connector settings of a connection in a backup file, field by field, for every connector
 * kind. The readers build each kind's settings type field by field, so a field added to or removed from a
 * settings type fails the type check here until the backup reads it too.
 */
import type {
  ColumnMapping,
  ConnectorSettings,
  CsvImportSettings,
  DateFormat,
  Delimiter,
  HeaderEntry,
  NumberFormat,
  TextEncoding,
} from '../../contract/model.ts';
import {
  childPath,
  describeSecret,
  isFields,
  readBoolean,
  readChoice,
  readHttpUrl,
  readInteger,
  readItems,
  readNullableText,
  readObject,
  readText,
  type Fields,
  type ProblemList,
} from './backup-fields.ts';

/** Ids the settings may refer to: property definitions and consent objectives in the backup or in this browser. */
export interface SettingsContext {
  problems: ProblemList;
  propertyIds: ReadonlySet<string>;
  objectiveIds: ReadonlySet<string>;
}

type ConnectorKind = ConnectorSettings['connector'];
type SettingsOf<K extends ConnectorKind> = Extract<ConnectorSettings, { connector: K }>;
type SettingsReaders = { [K in ConnectorKind]: (context: SettingsContext, fields: Fields, path: string) => SettingsOf<K> };

const ENCODINGS: readonly TextEncoding[] = ['utf-8', 'windows-1252'];
const DELIMITERS: readonly Delimiter[] = ['auto', ',', ';', '\t'];
const NUMBER_FORMATS: readonly NumberFormat[] = ['1,234.5', '1.234,5'];
const DATE_FORMATS: readonly DateFormat[] = ['YYYY-MM-DD', 'DD/MM/YYYY', 'MM/DD/YYYY', 'DD.MM.YYYY', 'DD-MM-YYYY'];
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const MAX_HEADER_VALUE_LENGTH = 8192;
const MAX_COLUMNS = 1000;
const DAY_MS = 86_400_000;

export const TEST_CONNECTORS: readonly ConnectorKind[] = ['test-hang', 'test-steps', 'test-fail'];

/** The direction each connector's connections have; test connectors may have any. */
export const CONNECTOR_DIRECTIONS: Record<ConnectorKind, 'import' | 'export' | 'realtime' | null> = {
  'csv-file': 'import',
  'json-file': 'import',
  'url-import': 'import',
  'demo-crm': 'import',
  'file-export': 'export',
  'webhook-export': 'export',
  'demo-ads': 'export',
  'webhook-realtime': 'realtime',
  'test-hang': null,
  'test-steps': null,
  'test-fail': null,
};

/** Lists the connector kinds a backup may name in this build. */
export function knownConnectors(isTestBuild: boolean): ConnectorKind[] {
  const kinds = Object.keys(CONNECTOR_DIRECTIONS) as ConnectorKind[];
  return isTestBuild ? kinds : kinds.filter((kind) => !TEST_CONNECTORS.includes(kind));
}

export function readConnectorSettings(context: SettingsContext, value: unknown, path: string, isTestBuild: boolean): ConnectorSettings | null {
  if (!isFields(value)) {
    context.problems.add(path, value, 'expected an object');
    return null;
  }
  const fields = value;
  const connectorPath = childPath(path, 'connector');
  const isTestConnector = TEST_CONNECTORS.includes(fields.connector as ConnectorKind);
  if (isTestConnector && !isTestBuild) {
    context.problems.add(connectorPath, fields.connector, 'test connectors exist only in test builds of Runlane');
    return null;
  }
  const before = context.problems.count;
  const kind = readChoice(context.problems, fields.connector, connectorPath, knownConnectors(isTestBuild));
  if (context.problems.count > before) return null;
  const read = READERS[kind] as (context: SettingsContext, fields: Fields, path: string) => ConnectorSettings;
  return read(context, fields, path);
}

const READERS: SettingsReaders = {
  'csv-file': (context, fields, path) => {
    const { problems } = context;
    const headers = readColumnNames(problems, fields.headers, childPath(path, 'headers'));
    const settings: CsvImportSettings = {
      connector: 'csv-file',
      fileName: readNullableText(problems, fields.fileName, childPath(path, 'fileName'), { maxLength: 255 }),
      encoding: readChoice(problems, fields.encoding, childPath(path, 'encoding'), ENCODINGS),
      delimiter: readChoice(problems, fields.delimiter, childPath(path, 'delimiter'), DELIMITERS),
      numberFormat: readChoice(problems, fields.numberFormat, childPath(path, 'numberFormat'), NUMBER_FORMATS),
      emptyCellsClear: readBoolean(problems, fields.emptyCellsClear, childPath(path, 'emptyCellsClear')),
      mapping: readMapping(context, fields.mapping, childPath(path, 'mapping'), headers),
      headers,
    };
    if (fields.source !== undefined) settings.source = readChoice(problems, fields.source, childPath(path, 'source'), ['stored', 'linked'] as const);
    if (fields.requiredConsent !== undefined) settings.requiredConsent = readRequiredConsent(context, fields.requiredConsent, childPath(path, 'requiredConsent'));
    return settings;
  },
  'json-file': (context, fields, path) => {
    const { problems } = context;
    const headers = readColumnNames(problems, fields.headers, childPath(path, 'headers'));
    return {
      connector: 'json-file',
      fileName: readNullableText(problems, fields.fileName, childPath(path, 'fileName'), { maxLength: 255 }),
      source: readChoice(problems, fields.source, childPath(path, 'source'), ['stored', 'linked'] as const),
      encoding: readChoice(problems, fields.encoding, childPath(path, 'encoding'), ENCODINGS),
      layout: readChoice(problems, fields.layout, childPath(path, 'layout'), ['array', 'lines'] as const),
      numberFormat: readChoice(problems, fields.numberFormat, childPath(path, 'numberFormat'), NUMBER_FORMATS),
      emptyCellsClear: readBoolean(problems, fields.emptyCellsClear, childPath(path, 'emptyCellsClear')),
      mapping: readMapping(context, fields.mapping, childPath(path, 'mapping'), headers),
      headers,
      requiredConsent: readRequiredConsent(context, fields.requiredConsent, childPath(path, 'requiredConsent')),
    };
  },
  'url-import': (context, fields, path) => {
    const { problems } = context;
    const headers = readColumnNames(problems, fields.headers, childPath(path, 'headers'));
    return {
      connector: 'url-import',
      url: readHttpUrl(problems, fields.url, childPath(path, 'url')),
      requestHeaders: readHeaderEntries(problems, fields.requestHeaders, childPath(path, 'requestHeaders')),
      format: readChoice(problems, fields.format, childPath(path, 'format'), ['csv', 'json'] as const),
      layout: readChoice(problems, fields.layout, childPath(path, 'layout'), ['array', 'lines'] as const),
      delimiter: readChoice(problems, fields.delimiter, childPath(path, 'delimiter'), DELIMITERS),
      encoding: readChoice(problems, fields.encoding, childPath(path, 'encoding'), ENCODINGS),
      numberFormat: readChoice(problems, fields.numberFormat, childPath(path, 'numberFormat'), NUMBER_FORMATS),
      emptyCellsClear: readBoolean(problems, fields.emptyCellsClear, childPath(path, 'emptyCellsClear')),
      mapping: readMapping(context, fields.mapping, childPath(path, 'mapping'), headers),
      headers,
      requiredConsent: readRequiredConsent(context, fields.requiredConsent, childPath(path, 'requiredConsent')),
    };
  },
  'file-export': (context, fields, path) => {
    const { problems } = context;
    return {
      connector: 'file-export',
      exportAll: readBoolean(problems, fields.exportAll, childPath(path, 'exportAll')),
      requiredConsent: readRequiredConsent(context, fields.requiredConsent, childPath(path, 'requiredConsent')),
      format: readChoice(problems, fields.format, childPath(path, 'format'), ['csv', 'json'] as const),
      destination: readChoice(problems, fields.destination, childPath(path, 'destination'), ['directory', 'browser'] as const),
      directoryHandleId: readNullableText(problems, fields.directoryHandleId, childPath(path, 'directoryHandleId'), { maxLength: 200 }),
      directoryName: readNullableText(problems, fields.directoryName, childPath(path, 'directoryName'), { maxLength: 255 }),
      fileNamePrefix: readText(problems, fields.fileNamePrefix, childPath(path, 'fileNamePrefix'), { maxLength: 200 }),
      propertyIds: readItems(problems, fields.propertyIds, childPath(path, 'propertyIds'), (item, itemPath) => readPropertyId(context, item, itemPath), MAX_COLUMNS),
    };
  },
  'webhook-export': (context, fields, path) => {
    const { problems } = context;
    return {
      connector: 'webhook-export',
      exportAll: readBoolean(problems, fields.exportAll, childPath(path, 'exportAll')),
      requiredConsent: readRequiredConsent(context, fields.requiredConsent, childPath(path, 'requiredConsent')),
      url: readHttpUrl(problems, fields.url, childPath(path, 'url')),
      headers: readHeaderEntries(problems, fields.headers, childPath(path, 'headers')),
      batchSize: readInteger(problems, fields.batchSize, childPath(path, 'batchSize'), 1, 1000),
    };
  },
  'webhook-realtime': (context, fields, path) => {
    const { problems } = context;
    return {
      connector: 'webhook-realtime',
      url: readHttpUrl(problems, fields.url, childPath(path, 'url')),
      headers: readHeaderEntries(problems, fields.headers, childPath(path, 'headers')),
      batchSize: readInteger(problems, fields.batchSize, childPath(path, 'batchSize'), 1, 1000),
      requiredConsent: readRequiredConsent(context, fields.requiredConsent, childPath(path, 'requiredConsent')),
    };
  },
  'demo-crm': (context, fields, path) => {
    const { problems } = context;
    return {
      connector: 'demo-crm',
      seed: readInteger(problems, fields.seed, childPath(path, 'seed'), -Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER),
      profileCount: readInteger(problems, fields.profileCount, childPath(path, 'profileCount'), 0, 10_000_000),
      changedPercent: readPercent(problems, fields, path, 'changedPercent'),
      badValuePercent: readPercent(problems, fields, path, 'badValuePercent'),
      noConsentPercent: readPercent(problems, fields, path, 'noConsentPercent'),
      runDurationMs: readInteger(problems, fields.runDurationMs, childPath(path, 'runDurationMs'), 0, DAY_MS),
      failurePercent: readPercent(problems, fields, path, 'failurePercent'),
      requiredConsent: readRequiredConsent(context, fields.requiredConsent, childPath(path, 'requiredConsent')),
    };
  },
  'demo-ads': (context, fields, path) => {
    const { problems } = context;
    return {
      connector: 'demo-ads',
      exportAll: readBoolean(problems, fields.exportAll, childPath(path, 'exportAll')),
      requiredConsent: readRequiredConsent(context, fields.requiredConsent, childPath(path, 'requiredConsent')),
      seed: readInteger(problems, fields.seed, childPath(path, 'seed'), -Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER),
      batchSize: readInteger(problems, fields.batchSize, childPath(path, 'batchSize'), 1, 10_000),
      badValuePercent: readPercent(problems, fields, path, 'badValuePercent'),
      noConsentPercent: readPercent(problems, fields, path, 'noConsentPercent'),
      runDurationMs: readInteger(problems, fields.runDurationMs, childPath(path, 'runDurationMs'), 0, DAY_MS),
      failurePercent: readPercent(problems, fields, path, 'failurePercent'),
    };
  },
  'test-hang': (context, fields, path) => ({
    connector: 'test-hang',
    mode: readChoice(context.problems, fields.mode, childPath(path, 'mode'), ['promise', 'busy-loop'] as const),
  }),
  'test-steps': (context, fields, path) => ({
    connector: 'test-steps',
    steps: readInteger(context.problems, fields.steps, childPath(path, 'steps'), 0, 10_000),
    stepMs: readInteger(context.problems, fields.stepMs, childPath(path, 'stepMs'), 0, DAY_MS),
    rowsPerStep: readInteger(context.problems, fields.rowsPerStep, childPath(path, 'rowsPerStep'), 0, 100_000),
  }),
  'test-fail': (context, fields, path) => ({
    connector: 'test-fail',
    message: readText(context.problems, fields.message, childPath(path, 'message'), { minLength: 1, maxLength: 1000 }),
    warnings: readInteger(context.problems, fields.warnings, childPath(path, 'warnings'), 0, 100_000),
  }),
};

function readPercent(problems: ProblemList, fields: Fields, path: string, key: string): number {
  return readInteger(problems, fields[key], childPath(path, key), 0, 100);
}

function readColumnNames(problems: ProblemList, value: unknown, path: string): string[] {
  return readItems(problems, value, path, (item, itemPath) => readText(problems, item, itemPath, { maxLength: 500 }), MAX_COLUMNS);
}

export function readHeaderEntries(problems: ProblemList, value: unknown, path: string): HeaderEntry[] {
  return readItems(problems, value, path, (item, itemPath) => {
    const fields = readObject(problems, item, itemPath);
    if (!fields) return { name: '', value: '' };
    return {
      name: readText(problems, fields.name, childPath(itemPath, 'name'), {
        minLength: 1,
        maxLength: 200,
        pattern: HEADER_NAME,
        patternText: 'a header name of letters, digits and - (such as Authorization)',
      }),
      value: readHeaderValue(problems, fields.value, childPath(itemPath, 'value')),
    };
  }, 100);
}

/** Reads a request header value, a secret, so its messages give only its type and length. */
function readHeaderValue(problems: ProblemList, value: unknown, path: string): string {
  if (typeof value !== 'string' || value.length > MAX_HEADER_VALUE_LENGTH) {
    problems.addDescribed(path, describeSecret(value), `expected text of at most ${MAX_HEADER_VALUE_LENGTH} characters`);
    return '';
  }
  // A line break or NUL would end the header line, so browsers reject such a value and the forms do not accept it.
  if (/[\r\n\0]/.test(value)) {
    problems.addDescribed(path, describeSecret(value), 'expected a value on one line, without line breaks');
    return '';
  }
  return value;
}

function readPropertyId(context: SettingsContext, value: unknown, path: string): string {
  const id = readText(context.problems, value, path, { minLength: 1, maxLength: 64 });
  if (id && !context.propertyIds.has(id)) context.problems.add(path, value, 'expected the id of a property definition in the backup or in this browser');
  return id;
}

function readRequiredConsent(context: SettingsContext, value: unknown, path: string): string | null {
  const id = readNullableText(context.problems, value, path, { minLength: 1, maxLength: 64 });
  if (id !== null && id !== '' && !context.objectiveIds.has(id)) {
    context.problems.add(path, value, 'expected null or the id of a consent objective in the backup or in this browser');
  }
  return id;
}

function readMappingEntry(context: SettingsContext, value: unknown, path: string, headers: string[]): ColumnMapping {
  const { problems } = context;
  const fields = readObject(problems, value, path);
  if (!fields) return { column: '', propertyId: '', isIdentifier: false };
  const column = readText(problems, fields.column, childPath(path, 'column'), { minLength: 1, maxLength: 500 });
  if (column && headers.length > 0 && !headers.includes(column)) {
    problems.add(childPath(path, 'column'), column, 'expected one of the column names listed in the settings\' headers');
  }
  const entry: ColumnMapping = { column, propertyId: '', isIdentifier: readBoolean(problems, fields.isIdentifier, childPath(path, 'isIdentifier')) };
  if (fields.consentObjectiveId !== undefined) {
    const objectivePath = childPath(path, 'consentObjectiveId');
    entry.consentObjectiveId = readText(problems, fields.consentObjectiveId, objectivePath, { minLength: 1, maxLength: 64 });
    if (entry.consentObjectiveId && !context.objectiveIds.has(entry.consentObjectiveId)) {
      problems.add(objectivePath, fields.consentObjectiveId, 'expected the id of a consent objective in the backup or in this browser');
    }
  }
  if (entry.consentObjectiveId === undefined || fields.propertyId !== '') {
    entry.propertyId = readPropertyId(context, fields.propertyId, childPath(path, 'propertyId'));
  }
  if (fields.dateFormat !== undefined) entry.dateFormat = readChoice(problems, fields.dateFormat, childPath(path, 'dateFormat'), DATE_FORMATS);
  return entry;
}

/** Reads a column mapping: exactly one identifier column, and each property mapped from one column. */
function readMapping(context: SettingsContext, value: unknown, path: string, headers: string[]): ColumnMapping[] {
  const mapping = readItems(context.problems, value, path, (item, itemPath) => readMappingEntry(context, item, itemPath, headers), MAX_COLUMNS);
  if (!Array.isArray(value)) return mapping;
  const identifierCount = mapping.filter((entry) => entry.isIdentifier).length;
  if (identifierCount !== 1) context.problems.add(path, value, `expected exactly one column marked as the identifier, found ${identifierCount}`);
  const seen = new Set<string>();
  mapping.forEach((entry, index) => {
    if (!entry.propertyId) return;
    if (seen.has(entry.propertyId)) context.problems.add(`${path}[${index}].propertyId`, entry.propertyId, 'expected each property to be mapped from one column only');
    seen.add(entry.propertyId);
  });
  return mapping;
}
