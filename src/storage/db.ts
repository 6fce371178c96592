/**
 * The Dexie database: one per mode (the real one, and training mode's copy). Only the worker writes,
 * except for the page's own UI preferences.
 */
import Dexie, { type Table } from 'dexie';
import type {
  Connection,
  MissedRuns,
  Profile,
  PropertyDefinition,
  Run,
  RunLogEntry,
  StoredFile,
} from '../contract/model.ts';

export const DB_NAME = 'runlane';

/** Content of one data row that a run of this connection applied; the next run skips an equal row. */
export interface FingerprintRow {
  connectionId: string;
  hash: string;
  /** The run that applied the row; a row repeated later in that same run is evaluated again, not Skipped. */
  runId: number;
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
  fingerprints!: Table<FingerprintRow, [string, string]>;
  missedRuns!: Table<MissedRuns, number>;
  meta!: Table<MetaRow, string>;

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
  }
}

export function openDb(name: string = DB_NAME): RunlaneDb {
  return new RunlaneDb(name);
}
