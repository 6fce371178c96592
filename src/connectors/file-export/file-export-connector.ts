/**
 * The file export: writes the selected profiles as CSV or JSON into a picked folder, or keeps the file in
 * this browser for download from the run. The counters are committed together with the finished file, so
 * a failed run counts nothing and its next attempt writes the whole file again.
 */
import type { ExportFile, FileExportSettings, Profile, PropertyDefinition } from '../../contract/model.ts';
import { addCounters, countOutcome, emptyCounters, type Counters } from '../../domain/counters.ts';
import { exportFileName, formatCsvHeader, formatCsvProfile, profileToJson, type CsvLayout } from '../../domain/export-format.ts';
import { browserTimeZone } from '../../domain/schedule.ts';
import { countDelivered, pluralise } from '../../worker/export/export-batch.ts';
import { findLastSuccessfulStartMs, lacksConsent, readExportPages } from '../../worker/export/export-selection.ts';
import type { Connector, RunContext, SettingsProblem } from '../connector.ts';
import { createBrowserSink, createDiscardSink, findFreeName, openDirectorySink, openExportDirectory, type ExportSink } from './export-sink.ts';

/** Profiles read per page; each page is written to the file as one piece of text. */
export const FILE_EXPORT_PAGE_SIZE = 500;
/** Files kept in the browser per connection; older ones are deleted when a run adds a new one. */
export const MAX_KEPT_EXPORT_FILES = 20;

const MIME_TYPES = { csv: 'text/csv', json: 'application/json' } as const;
/** Excel reads a CSV file as UTF-8 only when it starts with a byte-order mark. */
const UTF8_BOM = '\uFEFF';

export const fileExportConnector: Connector<FileExportSettings> = {
  validateSettings(settings): SettingsProblem[] {
    const problems: SettingsProblem[] = [];
    if (settings.format !== 'csv' && settings.format !== 'json') problems.push({ field: 'format', message: 'Choose CSV or JSON as the file format.' });
    if (settings.destination === 'directory' && !settings.directoryHandleId) {
      problems.push({ field: 'directory', message: 'No folder is picked: pick the folder to write the files into, or keep the files in this browser.' });
    }
    if (settings.fileNamePrefix.length > 60) problems.push({ field: 'fileNamePrefix', message: 'The start of the file name is longer than 60 characters: shorten it.' });
    return problems;
  },
  async run(context) {
    const settings = context.connection.settings as FileExportSettings;
    const layout = await planLayout(context, settings);
    const startedAtMs = context.run.startedAtMs ?? context.clock.nowMs();
    const fileName = exportFileName(settings.fileNamePrefix, startedAtMs, browserTimeZone(), settings.format);
    const sink = await openSink(context, settings, fileName);
    try {
      const counters = await writeProfiles(context, settings, layout, sink);
      const blob = await sink.close();
      await commitFile(context, settings, sink.fileName, blob, counters);
    } catch (error) {
      await sink.abort();
      throw error;
    }
  },
};

async function planLayout(context: RunContext, settings: FileExportSettings): Promise<CsvLayout> {
  const definitions: PropertyDefinition[] = await context.db.propertyDefinitions.toArray();
  const known = new Set(definitions.map((definition) => definition.id));
  const missingIds = settings.propertyIds.filter((id) => !known.has(id));
  for (const id of missingIds) context.log.warn(`Property "${id}" no longer exists, so the file has no column for it.`);
  const propertyIds = settings.propertyIds.length > 0 ? settings.propertyIds.filter((id) => known.has(id)) : definitions.map((definition) => definition.id);
  const consentObjectiveIds = (await context.db.consentObjectives.toArray()).map((objective) => objective.id);
  return { propertyIds, consentObjectiveIds };
}

async function openSink(context: RunContext, settings: FileExportSettings, fileName: string): Promise<ExportSink> {
  if (context.isTestRun) {
    context.log.info(`This test run writes no file; a run would write ${fileName}.`);
    return createDiscardSink(fileName);
  }
  if (settings.destination === 'directory') {
    const directory = await openExportDirectory(context.db, settings.directoryHandleId);
    const sink = await openDirectorySink(directory, fileName);
    context.log.info(`Writing ${sink.fileName} into the folder "${directory.name}".`);
    return sink;
  }
  const { db, connection } = context;
  const name = await findFreeName(fileName, async (candidate) => (await db.exportFiles.where('connectionId').equals(connection.id).filter((file) => file.fileName === candidate).count()) > 0);
  context.log.info(`Writing ${name}, kept in this browser for download from the run history.`);
  return createBrowserSink(name, `${MIME_TYPES[settings.format]};charset=utf-8`);
}

/** Writes the selected profiles page by page and returns the run's counters. */
async function writeProfiles(context: RunContext, settings: FileExportSettings, layout: CsvLayout, sink: ExportSink): Promise<Counters> {
  const { db, connection, run, signal } = context;
  const lastSuccessStartMs = await findLastSuccessfulStartMs(db, connection.id, run.id);
  const fromMs = settings.exportAll ? null : lastSuccessStartMs;
  context.log.info(fromMs === null ? 'Exporting every profile.' : `Exporting the profiles changed since ${new Date(fromMs).toISOString()}, when the last successful run started.`);
  const counters = emptyCounters();
  const isCsv = settings.format === 'csv';
  // JSON objects need no fixed columns, so "every property" keeps each profile's properties as stored.
  const jsonPropertyIds = settings.propertyIds.length > 0 ? layout.propertyIds : undefined;
  await sink.write(isCsv ? UTF8_BOM + formatCsvHeader(layout) : '[');
  let written = 0;
  const pages = readExportPages(db, { fromMs, after: null, pageSize: FILE_EXPORT_PAGE_SIZE, isBlocked: (profile) => lacksConsent(profile, settings.requiredConsent), signal });
  for await (const page of pages) {
    for (let i = 0; i < page.blocked.length; i++) countOutcome(counters, 'blocked');
    if (page.deliver.length === 0) continue;
    const text = isCsv ? page.deliver.map((profile) => formatCsvProfile(profile, layout)).join('') : formatJsonItems(page.deliver, jsonPropertyIds, written === 0);
    await sink.write(text);
    written += page.deliver.length;
    for (const profile of page.deliver) countDelivered(counters, profile, lastSuccessStartMs);
  }
  if (!isCsv) await sink.write(written === 0 ? ']\n' : '\n]\n');
  if (counters.blocked > 0) context.log.info(`${pluralise(counters.blocked, 'profile')} left out for lacking the required consent.`);
  return counters;
}

/** Formats one JSON array element per line, so that the file reads well and diffs line by line. */
function formatJsonItems(profiles: Profile[], propertyIds: readonly string[] | undefined, isFirst: boolean): string {
  const lines = profiles.map((profile) => JSON.stringify(profileToJson(profile, propertyIds)));
  return `${isFirst ? '\n' : ',\n'}${lines.join(',\n')}`;
}

/** Commits the run's counters with the kept file (browser destination), removing files beyond the limit. */
async function commitFile(context: RunContext, settings: FileExportSettings, fileName: string, blob: Blob | null, counters: Counters): Promise<void> {
  const { db, connection, run } = context;
  const written = counters.added + counters.updated + counters.unchanged;
  await db.transaction('rw', [db.runs, db.runLogs, db.exportFiles], async () => {
    await context.assertLive();
    if (blob) {
      const file: ExportFile = { connectionId: connection.id, runId: run.id, fileName, type: blob.type, createdAtMs: context.clock.nowMs(), blob };
      await db.exportFiles.add(file);
      await removeOldFiles(context);
    }
    const stored = await db.runs.get(run.id);
    if (stored) await db.runs.update(run.id, { counters: addCounters(stored.counters, counters) });
    if (!context.isTestRun) context.log.info(`Wrote ${pluralise(written, 'profile')} to ${fileName} (${settings.format.toUpperCase()}).`);
    await context.log.flush();
  });
}

async function removeOldFiles(context: RunContext): Promise<void> {
  const { db, connection } = context;
  const files = await db.exportFiles.where('connectionId').equals(connection.id).primaryKeys();
  const excess = files.length - MAX_KEPT_EXPORT_FILES;
  if (excess <= 0) return;
  const oldest = [...files].sort((a, b) => a - b).slice(0, excess);
  await db.exportFiles.bulkDelete(oldest);
  context.log.info(`Deleted the ${pluralise(excess, 'oldest kept file')}: a connection keeps its latest ${MAX_KEPT_EXPORT_FILES} files in this browser.`);
}
