/**
 * The CSV import run: reads the connection's stored file and applies its rows to the profile store in
 * batches.
 *
 * A whole-run failure applies nothing, so every such failure is found before the first batch commits.
 * The mapping, the header and the mapped columns are checked first. Invalid bytes could otherwise
 * surface only when the reader reaches them, after earlier batches were written, so `assertDecodable`
 * first decodes the whole file once with the native decoder, keeping no text. That pass costs about an
 * eighth of decoding and parsing the file (measured figures at `assertDecodable`).
 */
import { AppError } from '../../contract/errors.ts';
import type { CsvImportSettings, StoredFile } from '../../contract/model.ts';
import type { RunContext } from '../../connectors/connector.ts';
import { DELIMITER_NAMES, openCsv, type CsvFile } from '../../connectors/csv/decode-csv.ts';
import { assertDecodable, ENCODING_LABELS } from '../../connectors/csv/decode-text.ts';
import type { Counters } from '../../domain/counters.ts';
import { commitBatch, createImportRunState } from './import-batch.ts';
import { planImport, prepareRow, validateMapping, type ImportPlan, type PreparedRow } from './row-rules.ts';

/** Rows per batch transaction. Each batch is one transaction, so a stop loses at most one batch. */
export const BATCH_ROWS = 500;

/**
 * Imports the connection's stored CSV file. Rejects with an AppError for a whole-run failure before
 * anything is written, and with the signal's reason when the run is stopped between batches, keeping
 * the batches committed until then. A test run computes counters and log lines but writes no profile and
 * no fingerprint.
 */
export async function runCsvImport(context: RunContext): Promise<void> {
  const settings = csvSettingsOf(context);
  const stored = await loadStoredFile(context);
  const definitions = await context.db.propertyDefinitions.toArray();
  validateMapping(settings.mapping, definitions);

  await assertDecodable(stored.blob, settings.encoding);
  context.signal.throwIfAborted();
  const file = await openCsv(stored.blob, { encoding: settings.encoding, delimiter: settings.delimiter, signal: context.signal });
  try {
    const plan = planImport(file.headers, settings, definitions);
    logStart(context, stored, settings, file);
    await importRecords(context, plan, file);
  } finally {
    await file.close();
  }
}

function csvSettingsOf(context: RunContext): CsvImportSettings {
  const { settings } = context.connection;
  if (settings.connector !== 'csv-file') {
    throw new Error(`runCsvImport was called for a ${settings.connector} connection.`);
  }
  return settings;
}

async function loadStoredFile(context: RunContext): Promise<StoredFile> {
  const stored = await context.db.files.get(context.connection.id);
  if (!stored) {
    throw new AppError('not-found', 'The connection has no stored file. Pick the CSV file again in the connection settings.');
  }
  return stored;
}

async function importRecords(context: RunContext, plan: ImportPlan, file: CsvFile): Promise<void> {
  const state = createImportRunState(context.isTestRun);
  let batch: PreparedRow[] = [];
  for await (const record of file.records) {
    batch.push(prepareRow(record, plan));
    if (batch.length >= BATCH_ROWS) {
      context.signal.throwIfAborted();
      await commitBatch(context, plan, batch, state);
      batch = [];
    }
  }

  context.signal.throwIfAborted();
  // The last batch always commits, even when empty, because it carries the summary lines.
  await commitBatch(context, plan, batch, state, (totals) => logSummary(context, file, totals));
}

function logStart(context: RunContext, stored: StoredFile, settings: CsvImportSettings, file: CsvFile): void {
  const delimiter = `${DELIMITER_NAMES[file.delimiter]}${file.isDelimiterDetected ? ' (detected)' : ''}`;
  context.log.info(
    `Reading file ${stored.name} (${formatByteSize(stored.size)}), delimiter ${delimiter}, encoding ${ENCODING_LABELS[settings.encoding]}.`,
  );
  file.headers.forEach((name, index) => {
    if (name === '') context.log.warn(`Column ${index + 1} has no name in the header, so its values are not imported.`);
  });
}

function logSummary(context: RunContext, file: CsvFile, totals: Counters): void {
  const rowCount = totals.checked + totals.skipped;
  if (rowCount === 0) context.log.warn('The file has a header but no data rows.');
  const emptyLines = file.emptyLineCount === 0 ? '' : ` and left out ${pluralise(file.emptyLineCount, 'empty line')}`;
  context.log.info(
    `Read ${pluralise(rowCount, 'data row')}${emptyLines}: Checked ${totals.checked}, Added ${totals.added}, ` +
      `Updated ${totals.updated}, Unchanged ${totals.unchanged}, Failed ${totals.failed}, Blocked ${totals.blocked}, ` +
      `Skipped ${totals.skipped}.`,
  );
  if (totals.skipped > 0) {
    context.log.info(
      `${pluralise(totals.skipped, 'row')} ${totals.skipped === 1 ? 'was' : 'were'} Skipped because an earlier run of this connection applied the same content.`,
    );
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
