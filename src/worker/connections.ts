/** Commands that create, change and delete connections. Each writes in one transaction. */
import { Temporal } from 'temporal-polyfill';
import type { ColumnMapping, Connection, CsvImportSettings, PropertyDefinition } from '../contract/model.ts';
import { defaultNotificationSettings } from '../contract/model.ts';
import type { ConnectionInput, ConnectionPatch, NewPropertyRequest } from '../contract/worker-api.ts';
import { AppError } from '../contract/errors.ts';
import type { Clock } from '../domain/clock.ts';
import { browserTimeZone, canonicalTimeZone, scheduleAnchorTimeAt, validateSchedule, type Schedule } from '../domain/schedule.ts';
import type { RunlaneDb } from '../storage/db.ts';
import { deleteFingerprints } from '../storage/fingerprint-queries.ts';
import { cancelScheduledRuns, queueManualRun } from './queue.ts';
import { checkImportSettings, isFileImportSettings, isImportSettings, keepFileSource, withFileName, type NewConnectionFile } from './import-connections.ts';
import { connectorDirection } from '../connectors/direction.ts';
import { checkExportSettings, isExportOrDemoConnector } from '../connectors/export-settings-check.ts';
import { forgetRealtimeConnection, recordRealtimeSwitch } from './realtime/realtime-switch.ts';

export const DEFAULT_TIME_LIMIT_MS = 60 * 60_000;
export const DEFAULT_MAX_RETRIES = 2;

export interface ConnectionCommands {
  db: RunlaneDb;
  clock: Clock;
}

function invalid(message: string): AppError {
  return new AppError('invalid-input', message);
}

function checkName(name: string): string {
  const trimmed = name.trim();
  if (!trimmed) throw invalid('Name is missing: give the connection a name.');
  if (trimmed.length > 120) throw invalid(`Name is ${trimmed.length} characters long; use at most 120.`);
  return trimmed;
}

/** Checks an import's mapping against the file's headers and the property definitions; consent columns are checked by `checkImportSettings`. */
export function checkMapping(settings: Pick<CsvImportSettings, 'mapping' | 'headers'>, definitions: PropertyDefinition[], newProperties: NewPropertyRequest[] = []): void {
  const mapped = settings.mapping;
  const identifiers = mapped.filter((entry) => entry.isIdentifier);
  if (identifiers.length === 0) {
    throw new AppError('mapping-no-identifier', 'The mapping has no identifier column: mark the column that identifies a customer (for example email) as the identifier.');
  }
  if (identifiers.length > 1) {
    throw new AppError('mapping-no-identifier', `The mapping has ${identifiers.length} identifier columns (${identifiers.map((m) => `"${m.column}"`).join(', ')}): keep exactly one.`);
  }
  const known = new Set([...definitions.map((d) => d.id), ...newProperties.map((p) => p.id)]);
  const seenProperties = new Set<string>();
  for (const entry of mapped) {
    if (settings.headers.length > 0 && !settings.headers.includes(entry.column)) {
      throw new AppError('file-missing-columns', `Column "${entry.column}" is mapped but is not in the file. Pick a file with that column or remove it from the mapping.`);
    }
    if (entry.consentObjectiveId) continue;
    if (!known.has(entry.propertyId)) throw invalid(`Column "${entry.column}" is mapped to property "${entry.propertyId}", which does not exist. Pick another property or create it.`);
    if (seenProperties.has(entry.propertyId)) throw invalid(`Property "${entry.propertyId}" is mapped from two columns; map each property from one column only.`);
    seenProperties.add(entry.propertyId);
  }
}

function checkNewProperties(newProperties: NewPropertyRequest[], definitions: PropertyDefinition[]): void {
  for (const property of newProperties) {
    if (!/^[a-z][a-z0-9_]{0,63}$/.test(property.id)) {
      throw invalid(`Property id "${property.id}" is invalid: use lower-case letters, digits and _ and start with a letter.`);
    }
    if (definitions.some((d) => d.id === property.id)) throw invalid(`Property "${property.id}" exists already; map the column to it instead.`);
  }
}

function checkSchedule(schedule: Schedule): Schedule {
  const problems = validateSchedule(schedule);
  if (problems.length > 0) throw invalid(problems.map((p) => `${p.field}: ${p.message}`).join(' '));
  return { ...schedule, timeZone: canonicalTimeZone(schedule.timeZone) ?? schedule.timeZone } as Schedule;
}

export async function createConnection(
  { db, clock }: ConnectionCommands,
  request: { input: ConnectionInput; file: NewConnectionFile; fileName: string | null; enabled: boolean },
): Promise<Connection> {
  const { input } = request;
  const name = checkName(input.name);
  const definitions = await db.propertyDefinitions.toArray();
  const newProperties = input.newProperties ?? [];
  checkNewProperties(newProperties, definitions);
  if (!__RUNLANE_TEST__ && !isImportSettings(input.settings) && !isExportOrDemoConnector(input.settings.connector)) {
    throw invalid(`Unknown connector "${input.settings.connector}".`);
  }
  await checkExportSettings(db, input.settings);
  if (isImportSettings(input.settings)) {
    checkImportSettings(input.settings, await db.consentObjectives.toArray(), isFileImportSettings(input.settings) ? request.file : undefined);
    checkMapping(input.settings, definitions, newProperties);
  }
  const schedule = input.schedule ? checkSchedule(input.schedule) : null;
  const nowMs = clock.nowMs();
  const connection: Connection = {
    id: crypto.randomUUID(),
    name,
    description: input.description.trim(),
    direction: connectorDirection(input.settings.connector),
    settings: withFileName(input.settings, request.fileName),
    schedule,
    enabled: false,
    scheduleMarkMs: null,
    nextRunNumber: 1,
    timeLimitMs: input.timeLimitMs ?? DEFAULT_TIME_LIMIT_MS,
    maxRetries: input.maxRetries ?? DEFAULT_MAX_RETRIES,
    catchUp: input.catchUp ?? 'once',
    notifications: defaultNotificationSettings(),
    createdAtMs: nowMs,
    updatedAtMs: nowMs,
  };
  await db.transaction('rw', [db.connections, db.files, db.fileHandles, db.propertyDefinitions], async () => {
    await db.propertyDefinitions.bulkAdd(newProperties.map(({ id, label, type }) => ({ id, label, type })));
    await db.connections.add(connection);
    if (request.file && !(request.file instanceof Blob)) {
      await db.fileHandles.put({ connectionId: connection.id, handle: request.file });
    } else if (request.file) {
      await db.files.put({
        connectionId: connection.id,
        name: request.fileName ?? 'file.csv',
        size: request.file.size,
        type: request.file.type,
        storedAtMs: nowMs,
        blob: request.file,
      });
    }
  });
  if (request.enabled) return setConnectionEnabled({ db, clock }, { id: connection.id, enabled: true });
  return connection;
}

export async function updateConnection({ db, clock }: ConnectionCommands, { id, patch }: { id: string; patch: ConnectionPatch }): Promise<Connection> {
  if (patch.settings) await checkExportSettings(db, patch.settings);
  return db.transaction('rw', [db.connections, db.propertyDefinitions, db.fingerprintBatches, db.meta, db.consentObjectives], async () => {
    const connection = await requireConnection(db, id);
    const changes: Partial<Connection> = { updatedAtMs: clock.nowMs() };
    if (patch.name !== undefined) changes.name = checkName(patch.name);
    if (patch.description !== undefined) changes.description = patch.description.trim();
    if (patch.timeLimitMs !== undefined) {
      if (!Number.isFinite(patch.timeLimitMs) || patch.timeLimitMs < 60_000) throw invalid('Time limit must be at least 1 minute.');
      changes.timeLimitMs = patch.timeLimitMs;
    }
    if (patch.maxRetries !== undefined) {
      if (!Number.isInteger(patch.maxRetries) || patch.maxRetries < 0 || patch.maxRetries > 4) throw invalid('Retries must be a whole number from 0 to 4.');
      changes.maxRetries = patch.maxRetries;
    }
    if (patch.catchUp !== undefined) changes.catchUp = patch.catchUp;
    if (patch.settings) {
      const definitions = await db.propertyDefinitions.toArray();
      const newProperties = patch.newProperties ?? [];
      checkNewProperties(newProperties, definitions);
      if (isImportSettings(patch.settings)) {
        checkImportSettings(patch.settings, await db.consentObjectives.toArray());
        checkMapping(patch.settings, definitions, newProperties);
      }
      await db.propertyDefinitions.bulkAdd(newProperties.map(({ id: propertyId, label, type }) => ({ id: propertyId, label, type })));
      if (isImportSettings(connection.settings) && isImportSettings(patch.settings) && mappingChanged(connection.settings.mapping, patch.settings.mapping)) {
        await forgetFingerprints(db, id);
      }
      changes.settings = keepFileSource(connection.settings, patch.settings);
    }
    await db.connections.update(id, changes);
    return { ...connection, ...changes };
  });
}

function mappingChanged(before: ColumnMapping[], after: ColumnMapping[]): boolean {
  const key = (mapping: ColumnMapping[]): string =>
    JSON.stringify([...mapping].map((m) => [m.column, m.propertyId, m.isIdentifier, m.dateFormat ?? '', m.consentObjectiveId ?? '']).sort());
  return key(before) !== key(after);
}

/** Forgets which rows earlier runs applied, so that the next run evaluates every row again. */
export async function forgetFingerprints(db: RunlaneDb, connectionId: string): Promise<void> {
  await deleteFingerprints(db, connectionId);
  await db.meta.put({ key: `fingerprints-forgotten:${connectionId}`, value: true });
}

export async function storeFile(
  { db, clock }: ConnectionCommands,
  { id, file, fileName, headers }: { id: string; file: Blob; fileName: string; headers: string[] },
): Promise<Connection> {
  return db.transaction('rw', db.connections, db.files, async () => {
    const connection = await requireConnection(db, id);
    if (connection.settings.connector !== 'csv-file') throw invalid('This connection does not read a file.');
    const missing = connection.settings.mapping.map((m) => m.column).filter((column) => !headers.includes(column));
    if (missing.length > 0) {
      throw new AppError(
        'file-missing-columns',
        `The new file "${fileName}" lacks the mapped ${missing.length === 1 ? 'column' : 'columns'} ${missing.map((c) => `"${c}"`).join(', ')}. Pick a file with the same columns, or change the mapping first. The stored file was kept.`,
      );
    }
    const nowMs = clock.nowMs();
    await db.files.put({ connectionId: id, name: fileName, size: file.size, type: file.type, storedAtMs: nowMs, blob: file });
    const settings = { ...connection.settings, fileName, headers };
    await db.connections.update(id, { settings, updatedAtMs: nowMs });
    return { ...connection, settings };
  });
}

/**
 * Switches a connection ON or OFF. ON counts every due time up to now as handled, anchors a times-per-day
 * schedule at the current wall-clock minute, and queues a first run at once. OFF cancels queued
 * scheduled runs and lets a running one finish.
 */
export async function setConnectionEnabled({ db, clock }: ConnectionCommands, { id, enabled }: { id: string; enabled: boolean }): Promise<Connection> {
  const nowMs = clock.nowMs();
  const updated = await db.transaction('rw', [db.connections, db.runs, db.outbox, db.meta, db.realtimeEvents], async () => {
    const connection = await requireConnection(db, id);
    if (connection.enabled === enabled) return connection;
    await recordRealtimeSwitch(db, connection, enabled, nowMs);
    const changes: Partial<Connection> = { enabled, updatedAtMs: nowMs };
    if (enabled) {
      changes.scheduleMarkMs = nowMs;
      if (connection.schedule?.kind === 'timesPerDay') {
        const anchorTime = scheduleAnchorTimeAt(Temporal.Instant.fromEpochMilliseconds(nowMs), connection.schedule.timeZone);
        changes.schedule = { ...connection.schedule, anchorTime };
      }
    } else {
      await cancelScheduledRuns(db, id, nowMs);
    }
    await db.connections.update(id, changes);
    return { ...connection, ...changes };
  });
  if (enabled && updated.direction !== 'realtime') await queueManualRun(db, id, nowMs);
  return updated;
}

/** Saves a schedule; due times up to now count as handled. */
export async function saveSchedule({ db, clock }: ConnectionCommands, { id, schedule }: { id: string; schedule: Schedule }): Promise<Connection> {
  const checked = checkSchedule(schedule);
  return db.transaction('rw', db.connections, async () => {
    const connection = await requireConnection(db, id);
    const changes: Partial<Connection> = { schedule: checked, scheduleMarkMs: clock.nowMs(), updatedAtMs: clock.nowMs() };
    await db.connections.update(id, changes);
    return { ...connection, ...changes };
  });
}

/** Deletes a connection with its runs, logs, stored file and fingerprints; refused while it runs. */
export async function deleteConnection({ db }: ConnectionCommands, { id }: { id: string }): Promise<void> {
  await db.transaction('rw', [db.connections, db.runs, db.runLogs, db.files, db.fingerprintBatches, db.missedRuns, db.meta, db.realtimeEvents, db.exportFiles, db.fileHandles], async () => {
    await requireConnection(db, id);
    const runs = await db.runs.where('connectionId').equals(id).toArray();
    if (runs.some((run) => run.state === 'running' || run.state === 'stopping')) {
      throw new AppError('connection-running', 'This connection is running. Stop the run, or wait until it ends, then delete the connection.');
    }
    for (const run of runs) {
      await db.runLogs.where('[runId+seq]').between([run.id, -Infinity], [run.id, Infinity]).delete();
    }
    await db.runs.bulkDelete(runs.map((run) => run.id));
    await db.files.delete(id);
    await db.fileHandles.delete(id);
    await deleteFingerprints(db, id);
    await db.missedRuns.where('connectionId').equals(id).delete();
    await db.meta.delete(`fingerprints-forgotten:${id}`);
    await forgetRealtimeConnection(db, id);
    await db.exportFiles.where('connectionId').equals(id).delete();
    await db.connections.delete(id);
  });
}

async function requireConnection(db: RunlaneDb, id: string): Promise<Connection> {
  const connection = await db.connections.get(id);
  if (!connection) throw new AppError('not-found', `Connection ${id} does not exist; it may have been deleted in another tab.`);
  return connection;
}

/** A times-per-day schedule in the browser's zone, anchored at the current wall-clock minute. */
export function defaultSchedule(nowMs: number, timesPerDay = 1): Schedule {
  const timeZone = browserTimeZone();
  return { kind: 'timesPerDay', timesPerDay, anchorTime: scheduleAnchorTimeAt(Temporal.Instant.fromEpochMilliseconds(nowMs), timeZone), timeZone };
}
