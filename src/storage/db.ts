/**
 * The Dexie database: one per mode (the real one, and training mode's copy). Only the worker writes,
 * except for the page's own UI preferences.
 */
import Dexie, { type Table, type Transaction } from 'dexie';
import { writeBudgetMiddleware } from './write-budget.ts';
import type {
  Connection,
  ConsentObjective,
  DueTimeOverride,
  ExportFile,
  MissedRuns,
  NotificationRecord,
  OutboxEntry,
  Profile,
  RealtimeEvent,
  PropertyDefinition,
  Run,
  RunLogEntry,
  StoredFile,
  TrainingDelivery,
} from '../contract/model.ts';
import { defaultNotificationSettings } from '../contract/model.ts';

export const DB_NAME = 'runlane';
/** Wait before opening a connection again that the browser closed, for example after a full disk. */
const REOPEN_DELAY_MS = 1_000;
/** Training mode's database: a copy of the configuration, with its own runs, profiles and clock. */
export const TRAINING_DB_NAME = 'runlane-training';

/** Schema versions 1 and 2: the content of one data row that a run of this connection applied. */
export interface FingerprintRow {
  connectionId: string;
  hash: string;
  /** The run that applied the row; a row repeated later in that same run is evaluated again, not Skipped. */
  runId: number;
}

/**
 * The fingerprints of the rows one import batch applied (Added, Updated or Unchanged); the connection's
 * next runs skip a row with one of these fingerprints. One record per batch transaction, because a record
 * per row made writing fingerprints cost about as much as writing the profiles.
 */
export interface FingerprintBatch {
  connectionId: string;
  /** The run that applied the rows; a row repeated later in that same run is evaluated again, not Skipped. */
  runId: number;
  /** Numbers the run's records from 1, over all its attempts. */
  batch: number;
  /** `[connectionId, hash]` of each applied row, each once. The multi-entry index finds a row's record by it. */
  fingerprints: [string, string][];
}

export interface DirectoryHandleRow {
  id: string;
  name: string;
  handle: FileSystemDirectoryHandle;
  storedAtMs: number;
}

export interface MetaRow {
  key: string;
  value: unknown;
}

export class RunlaneDb extends Dexie {
  connections!: Table<Connection, string>;
  runs!: Table<Run, number>;
  runLogs!: Table<RunLogEntry, [number, number]>;
  profiles!: Table<Profile, string>;
  propertyDefinitions!: Table<PropertyDefinition, string>;
  files!: Table<StoredFile, string>;
  fingerprintBatches!: Table<FingerprintBatch, [string, number, number]>;
  missedRuns!: Table<MissedRuns, number>;
  meta!: Table<MetaRow, string>;
  notifications!: Table<NotificationRecord, number>;
  outbox!: Table<OutboxEntry, number>;
  overrides!: Table<DueTimeOverride, [string, number]>;
  exportFiles!: Table<ExportFile, number>;
  consentObjectives!: Table<ConsentObjective, string>;
  /** Handles of files linked with the File System Access API, by connection. */
  fileHandles!: Table<{ connectionId: string; handle: FileSystemFileHandle }, string>;
  /** Training database only: requests recorded instead of sent. */
  trainingDeliveries!: Table<TrainingDelivery, number>;
  /** Folders picked for file exports, by a generated id that the export settings refer to. */
  directoryHandles!: Table<DirectoryHandleRow, string>;
  realtimeEvents!: Table<RealtimeEvent, number>;

  constructor(name: string = DB_NAME) {
    super(name);
    // Schema versions: see src/storage/README.md. Never edit a published version; add a new one.
    this.version(1).stores({
      connections: 'id, name',
      runs: '++id, connectionId, [connectionId+number], state',
      runLogs: '[runId+seq]',
      profiles: 'key, updatedAtMs',
      propertyDefinitions: 'id',
      files: 'connectionId',
      fingerprints: '[connectionId+hash]',
      missedRuns: '++id, connectionId',
      meta: 'key',
    });
    this.version(2)
      .stores({
        notifications: '++id, connectionId, createdAtMs',
        outbox: '++id, atMs',
        overrides: '[connectionId+dueAtMs], connectionId',
        exportFiles: '++id, runId, connectionId',
        consentObjectives: 'id',
        fileHandles: 'connectionId',
        trainingDeliveries: '++id, atMs',
        // Exports read changed profiles in (updatedAtMs, key) order, so a page starts after the last key.
        profiles: 'key, updatedAtMs, [updatedAtMs+key]',
        directoryHandles: 'id',
        realtimeEvents: '++id, [connectionId+atMs]',
      })
      .upgrade(upgradeToVersion2);
    this.version(3)
      .stores({
        fingerprints: null,
        fingerprintBatches: '[connectionId+runId+batch], *fingerprints',
      })
      .upgrade(upgradeToVersion3);
  }
}

/** Fills the fields that version 2 added to records written by version 1. */
export async function upgradeToVersion2(tx: Transaction): Promise<void> {
  await tx
    .table('connections')
    .toCollection()
    .modify((connection: Partial<Connection>) => {
      connection.notifications ??= defaultNotificationSettings();
    });
  await tx
    .table('runs')
    .toCollection()
    .modify((run: Partial<Run>) => {
      run.promotedAtMs ??= null;
      run.waitingForNetwork ??= false;
      run.exportCursor ??= null;
    });
  // Version 1 fingerprints did not record their run; 0 is no run, so they all count as earlier runs'.
  await tx
    .table('fingerprints')
    .toCollection()
    .modify((row: Partial<FingerprintRow>) => {
      row.runId ??= 0;
    });
}

/** Rows of the version 2 `fingerprints` table read, and at most as many stored in one record, per step of the upgrade. */
const FINGERPRINT_UPGRADE_PAGE = 500;

/**
 * Moves the version 2 fingerprints, one record per row, into `fingerprintBatches` records of at most 500
 * fingerprints of one connection and run. The old table is read in pages, so the upgrade keeps one page
 * in memory, and Dexie deletes the old table after this function.
 */
export async function upgradeToVersion3(tx: Transaction): Promise<void> {
  const source = tx.table<FingerprintRow, [string, string]>('fingerprints');
  const target = tx.table<FingerprintBatch, [string, number, number]>('fingerprintBatches');
  const lastBatch = new Map<string, number>();
  let page = await source.limit(FINGERPRINT_UPGRADE_PAGE).toArray();
  while (page.length > 0) {
    const groups = new Map<string, FingerprintBatch>();
    for (const row of page) {
      const runKey = JSON.stringify([row.connectionId, row.runId]);
      let group = groups.get(runKey);
      if (!group) {
        const batch = (lastBatch.get(runKey) ?? 0) + 1;
        lastBatch.set(runKey, batch);
        group = { connectionId: row.connectionId, runId: row.runId, batch, fingerprints: [] };
        groups.set(runKey, group);
      }
      group.fingerprints.push([row.connectionId, row.hash]);
    }
    await target.bulkAdd([...groups.values()]);
    const last = page[page.length - 1];
    page = await source.where(':id').above([last.connectionId, last.hash]).limit(FINGERPRINT_UPGRADE_PAGE).toArray();
  }
}

/** Opens the database; a connection the browser closes unexpectedly is opened again. */
export function openDb(name: string = DB_NAME): RunlaneDb {
  const db = new RunlaneDb(name);
  if (__RUNLANE_TEST__) db.use(writeBudgetMiddleware);
  db.on('close', () => {
    setTimeout(() => void db.open().catch(() => undefined), REOPEN_DELAY_MS);
  });
  return db;
}
