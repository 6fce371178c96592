/**
 * The import run every import connector shares: decode, parse, map, validate, match, compare and write a
 * file's rows to the profile store in batches, with the same counters and log lines for each source.
 *
 * A whole-run failure applies nothing, so every such failure is found before the first batch commits.
 * The mapping, the header and the mapped columns are checked first. Invalid bytes, and the structure of a
 * JSON array, could otherwise surface only when the reader reaches them, after earlier batches were
 * written. So a pre-pass reads the whole file once, keeping no text. For CSV, `assertDecodable` costs
 * about an eighth of decoding and parsing (measured figures at `assertDecodable`). For JSON, `scanJson`
 * parses every item, which costs about as much as the import pass's own parsing.
 */
import type { CsvImportSettings, Delimiter, JsonLayout, TextEncoding } from '../../contract/model.ts';
import type { RunContext } from '../../connectors/connector.ts';
import { DELIMITER_NAMES, openCsv } from '../../connectors/csv/decode-csv.ts';
import { assertDecodable, ENCODING_LABELS } from '../../connectors/csv/decode-text.ts';
import { LAYOUT_NAMES, openJson, scanJson } from '../../connectors/json/decode-json.ts';
import type { Counters } from '../../domain/counters.ts';
import { commitBatch, createImportRunState } from './import-batch.ts';
import { loadConnectionFile, type ImportFileInput } from './import-file-source.ts';
import { prepareJsonRow } from './json-rows.ts';
import {
  findRequiredConsent,
  planImport,
  prepareRow,
  validateMapping,
  type ImportPlan,
  type ImportPlanSettings,
  type PreparedRow,
} from './row-rules.ts';

export type { ImportFileInput };

/** Rows per batch transaction. Each batch is one transaction, so a stop loses at most one batch. */
export const BATCH_ROWS = 500;

export type ImportFormat = { kind: 'csv'; delimiter: Delimiter } | { kind: 'json'; layout: JsonLayout };

/** The settings the shared run reads from any import connector's settings. */
export interface ImportReadSettings extends ImportPlanSettings {
  encoding: TextEncoding;
}

/** An opened file: its columns, its rows prepared for the batches, and its words for the log. */
interface OpenedImport {
  headers: string[];
  /** For the start line, for example "delimiter comma (detected)" or "JSON array". */
  formatText: string;
  /** Reads the rows in file order, each checked and parsed with `plan`. */
  readRows(plan: ImportPlan): AsyncIterable<PreparedRow>;
  readonly emptyLineCount: number;
  /** The noun the summary counts: "data row" for CSV, "item" for JSON. */
  rowNoun: string;
  close(): Promise<void>;
}

/**
 * Imports the connection's CSV file, from its stored copy or the linked file on the device. Rejects as
 * `runImport` does.
 */
export async function runCsvImport(context: RunContext): Promise<void> {
  const settings = csvSettingsOf(context);
  const input = await loadConnectionFile(context, settings.source ?? 'stored', 'csv');
  await runImport(context, input, { kind: 'csv', delimiter: settings.delimiter }, settings);
}

/**
 * Imports `input`. Rejects with an AppError for a whole-run failure before anything is written, and with
 * the signal's reason when the run is stopped between batches, keeping the batches committed until then.
 * A test run computes counters and log lines but writes no profile and no fingerprint.
 */
export async function runImport(context: RunContext, input: ImportFileInput, format: ImportFormat, settings: ImportReadSettings): Promise<void> {
  const definitions = await context.db.propertyDefinitions.toArray();
  const objectives = await context.db.consentObjectives.toArray();
  validateMapping(settings.mapping, definitions, objectives);
  findRequiredConsent(settings.requiredConsent ?? null, objectives);

  const opened = format.kind === 'csv' ? await openCsvImport(context, input, format, settings) : await openJsonImport(context, input, format, settings);
  try {
    const columnNoun = format.kind === 'csv' ? 'column' : 'key';
    const plan = planImport(opened.headers, settings, definitions, { consentObjectives: objectives, columnNoun });
    logStart(context, input, opened, settings, plan);
    await importRows(context, plan, opened);
  } finally {
    await opened.close();
  }
}

function csvSettingsOf(context: RunContext): CsvImportSettings {
  const { settings } = context.connection;
  if (settings.connector !== 'csv-file') {
    throw new Error(`runCsvImport was called for a ${settings.connector} connection.`);
  }
  return settings;
}

async function openCsvImport(
  context: RunContext,
  input: ImportFileInput,
  format: { delimiter: Delimiter },
  settings: ImportReadSettings,
): Promise<OpenedImport> {
  await assertDecodable(input.blob, settings.encoding, 'csv');
  context.signal.throwIfAborted();
  const file = await openCsv(input.blob, { encoding: settings.encoding, delimiter: format.delimiter, signal: context.signal });
  return {
    headers: file.headers,
    formatText: `delimiter ${DELIMITER_NAMES[file.delimiter]}${file.isDelimiterDetected ? ' (detected)' : ''}`,
    readRows: (plan) => mapRows(file.records, (record) => prepareRow(record, plan)),
    get emptyLineCount() {
      return file.emptyLineCount;
    },
    rowNoun: 'data row',
    close: () => file.close(),
  };
}

async function openJsonImport(
  context: RunContext,
  input: ImportFileInput,
  format: { layout: JsonLayout },
  settings: ImportReadSettings,
): Promise<OpenedImport> {
  const options = { encoding: settings.encoding, layout: format.layout, signal: context.signal };
  const scan = await scanJson(input.blob, options);
  context.signal.throwIfAborted();
  const file = openJson(input.blob, options);
  return {
    // Without any item there are no keys to check the mapping against, and no rows to import.
    headers: scan.itemCount === 0 ? settings.mapping.map((entry) => entry.column.trim()) : scan.keys,
    formatText: LAYOUT_NAMES[format.layout],
    readRows: (plan) => mapRows(file.records, (item) => prepareJsonRow(item, plan)),
    get emptyLineCount() {
      return file.emptyLineCount;
    },
    rowNoun: 'item',
    close: () => file.close(),
  };
}

async function* mapRows<T>(records: AsyncIterable<T>, prepare: (record: T) => PreparedRow): AsyncGenerator<PreparedRow> {
  for await (const record of records) yield prepare(record);
}

async function importRows(context: RunContext, plan: ImportPlan, opened: OpenedImport): Promise<void> {
  const state = createImportRunState(context.isTestRun);
  let batch: PreparedRow[] = [];
  // The next batch is read and parsed while the previous one commits; batches still commit one by one.
  let committing: Promise<unknown> = Promise.resolve();
  try {
    for await (const row of opened.readRows(plan)) {
      batch.push(row);
      if (batch.length >= BATCH_ROWS) {
        await committing;
        context.signal.throwIfAborted();
        committing = commitBatch(context, plan, batch, state);
        // The rejection is awaited at the next batch or below; this handler keeps it from being reported as unhandled meanwhile.
        committing.catch(() => undefined);
        batch = [];
      }
    }
  } finally {
    // When reading fails, the batch in progress still ends before the run does.
    await committing.catch(() => undefined);
  }
  await committing;

  context.signal.throwIfAborted();
  // The last batch always commits, even when empty, because it carries the summary lines.
  await commitBatch(context, plan, batch, state, (totals) => logSummary(context, opened, totals));
}

function logStart(context: RunContext, input: ImportFileInput, opened: OpenedImport, settings: ImportReadSettings, plan: ImportPlan): void {
  context.log.info(`Reading ${input.description} (${formatByteSize(input.blob.size)}), ${opened.formatText}, encoding ${ENCODING_LABELS[settings.encoding]}.`);
  opened.headers.forEach((name, index) => {
    if (name === '') context.log.warn(`Column ${index + 1} has no name in the header, so its values are not imported.`);
  });
  if (plan.requiredConsent) {
    context.log.info(`This connection requires consent for "${plan.requiredConsent.label}": rows whose profile has not agreed to it are Blocked.`);
  }
}

function logSummary(context: RunContext, opened: OpenedImport, totals: Counters): void {
  const rowCount = totals.checked + totals.skipped;
  if (rowCount === 0) context.log.warn(opened.rowNoun === 'item' ? 'The file contains no items.' : 'The file has a header but no data rows.');
  const emptyLines = opened.emptyLineCount === 0 ? '' : ` and left out ${pluralise(opened.emptyLineCount, 'empty line')}`;
  context.log.info(
    `Read ${pluralise(rowCount, opened.rowNoun)}${emptyLines}: Checked ${totals.checked}, Added ${totals.added}, ` +
      `Updated ${totals.updated}, Unchanged ${totals.unchanged}, Failed ${totals.failed}, Blocked ${totals.blocked}, ` +
      `Skipped ${totals.skipped}.`,
  );
  if (totals.skipped > 0) {
    context.log.info(
      `${pluralise(totals.skipped, 'row')} ${totals.skipped === 1 ? 'was' : 'were'} Skipped because an earlier run of this connection applied the same content.`,
    );
  }
  if (totals.blocked > 0) {
    context.log.info(`${pluralise(totals.blocked, 'row')} ${totals.blocked === 1 ? 'was' : 'were'} Blocked; the next run evaluates ${totals.blocked === 1 ? 'it' : 'them'} again.`);
  }
}

function pluralise(count: number, noun: string): string {
  return `${count.toLocaleString('en-US')} ${noun}${count === 1 ? '' : 's'}`;
}

/** Formats a size with binary multiples (1 KB = 1,024 bytes), as file managers on Windows show it. */
export function formatByteSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} ${bytes === 1 ? 'byte' : 'bytes'}`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
