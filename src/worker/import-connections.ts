/**
 * Checks for the settings of import connections (CSV file, JSON file, URL) when a connection is created
 * or changed, beyond the mapping check that `checkMapping` makes.
 */
import { AppError } from '../contract/errors.ts';
import type { ColumnMapping, ConnectorSettings, ConsentObjective, CsvImportSettings, JsonFileImportSettings, UrlImportSettings } from '../contract/model.ts';
import { checkImportUrl, checkRequestHeaders } from '../domain/import-url.ts';

export type ImportSettings = CsvImportSettings | JsonFileImportSettings | UrlImportSettings;
export type FileImportSettings = CsvImportSettings | JsonFileImportSettings;

export const IMPORT_CONNECTORS: readonly ConnectorSettings['connector'][] = ['csv-file', 'json-file', 'url-import'];

export function isImportSettings(settings: ConnectorSettings): settings is ImportSettings {
  return IMPORT_CONNECTORS.includes(settings.connector);
}

export function isFileImportSettings(settings: ConnectorSettings): settings is FileImportSettings {
  return settings.connector === 'csv-file' || settings.connector === 'json-file';
}

function invalid(message: string): AppError {
  return new AppError('invalid-input', message);
}

/** A file picked for a new connection: a Blob to store, or a handle to link. */
export type NewConnectionFile = Blob | FileSystemFileHandle | null;

/**
 * Checks what `checkMapping` does not: the file a new file import needs, the read options, the URL and
 * its request headers, consent columns and the required consent. `file` is undefined on updates.
 */
export function checkImportSettings(settings: ImportSettings, objectives: readonly ConsentObjective[], file?: NewConnectionFile): void {
  if (file !== undefined && isFileImportSettings(settings)) checkNewFile(settings, file);
  if (settings.connector === 'url-import') checkUrlSettings(settings);
  if (settings.connector === 'json-file' && settings.layout !== 'array' && settings.layout !== 'lines') {
    throw invalid(`JSON layout "${String(settings.layout)}" is unknown: choose JSON array or JSON lines.`);
  }
  checkUnnamedColumns(settings);
  checkConsentMapping(settings.mapping, objectives);
  const required = settings.requiredConsent ?? null;
  if (required !== null && !objectives.some((objective) => objective.id === required)) {
    throw invalid(`The required consent objective "${required}" does not exist. Choose one from the list, or none.`);
  }
}

function checkNewFile(settings: FileImportSettings, file: NewConnectionFile): void {
  const kind = settings.connector === 'csv-file' ? 'CSV' : 'JSON';
  const source = settings.source ?? 'stored';
  if (!file) throw invalid(`No file was picked: choose a ${kind} file to import.`);
  if (source === 'stored' && !(file instanceof Blob)) throw invalid(`Pick the ${kind} file to keep a copy of it in this browser.`);
  if (source === 'linked' && file instanceof Blob) throw invalid(`Link the ${kind} file on this device: a copy of the file cannot be read from the device again.`);
}

function checkUrlSettings(settings: UrlImportSettings): void {
  const url = checkImportUrl(settings.url, 'http:');
  if (url.error) throw invalid(url.error);
  const headers = checkRequestHeaders(settings.requestHeaders);
  if (headers) throw invalid(headers);
  if (settings.format !== 'csv' && settings.format !== 'json') throw invalid(`Format "${String(settings.format)}" is unknown: choose CSV or JSON.`);
}

/** Rejects a mapped column without a name, because an import leaves out the values of such columns and logs that it does. */
function checkUnnamedColumns(settings: ImportSettings): void {
  const unnamed = settings.mapping.find((entry) => entry.column.trim() === '');
  if (!unnamed) return;
  const position = settings.headers.findIndex((header) => header.trim() === '');
  const where = position === -1 ? 'A column without a name' : `Column ${position + 1}, which has no name,`;
  throw invalid(`${where} is mapped. Columns without a name are not imported: set it to "Don't import", or name the column in the file and pick it again.`);
}

function checkConsentMapping(mapping: readonly ColumnMapping[], objectives: readonly ConsentObjective[]): void {
  const seen = new Set<string>();
  for (const entry of mapping) {
    if (!entry.consentObjectiveId) continue;
    if (entry.isIdentifier) throw invalid(`Column "${entry.column}" sets consent, so it cannot be the identifier. Mark another column as the identifier.`);
    const objective = objectives.find((candidate) => candidate.id === entry.consentObjectiveId);
    if (!objective) throw invalid(`Column "${entry.column}" sets consent for "${entry.consentObjectiveId}", which is not a consent objective. Pick another, or don't import the column.`);
    if (seen.has(objective.id)) throw invalid(`Consent for "${objective.label}" is set from two columns; map each consent objective from one column only.`);
    seen.add(objective.id);
  }
}

/** Returns the settings a new connection stores: a file import keeps the picked file's name. */
export function withFileName(settings: ConnectorSettings, fileName: string | null): ConnectorSettings {
  return isFileImportSettings(settings) ? { ...settings, fileName } : settings;
}

/**
 * Returns the settings an update stores. A file import keeps its file source and file name, because they
 * change only with a newly stored or linked file (`storeImportFile`, `linkImportFile`).
 */
export function keepFileSource(before: ConnectorSettings, after: ConnectorSettings): ConnectorSettings {
  if (!isFileImportSettings(before) || !isFileImportSettings(after) || before.connector !== after.connector) return after;
  return { ...after, source: before.source ?? 'stored', fileName: before.fileName } as ConnectorSettings;
}
