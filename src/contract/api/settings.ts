/**
 * The settings area's worker API: storage estimates, run-history retention, backup and restore, the
 * profile store export and the demo reset.
 */

/** How much run history one connection keeps. A run goes when it is beyond either limit. */
export interface RetentionLimits {
  /** The newest runs kept, from 1 to `MAX_RETENTION_RUNS`. */
  maxRuns: number;
  /** Runs that ended within this many days (24-hour periods) are kept, from 1 to `MAX_RETENTION_DAYS`. */
  maxDays: number;
}

/** Stored in the meta table under `RETENTION_POLICY_KEY`. */
export interface RetentionPolicy {
  defaults: RetentionLimits;
  /** Limits that replace the defaults for one connection, by connection id. */
  byConnection: Record<string, RetentionLimits>;
}

export const RETENTION_POLICY_KEY = 'retention-policy';
export const DEFAULT_RETENTION_LIMITS: RetentionLimits = { maxRuns: 1000, maxDays: 365 };
export const MAX_RETENTION_RUNS = 1_000_000;
export const MAX_RETENTION_DAYS = 36_500;

export function defaultRetentionPolicy(): RetentionPolicy {
  return { defaults: { ...DEFAULT_RETENTION_LIMITS }, byConnection: {} };
}

export interface PruneResult {
  removedRuns: number;
  removedLogLines: number;
  removedMissedRuns: number;
}

/** An estimate of the space one connection takes in IndexedDB, from record counts and sizes. */
export interface ConnectionStorageEstimate {
  connectionId: string;
  name: string;
  fileBytes: number;
  runCount: number;
  logLineCount: number;
  fingerprintCount: number;
  exportFileCount: number;
  exportFileBytes: number;
  /** Stored file and export files at their size, plus record counts × the average record size. */
  estimatedBytes: number;
}

export interface StorageEstimateReport {
  connections: ConnectionStorageEstimate[];
  profileCount: number;
  profileEstimatedBytes: number;
  /** Average serialized size of a sample of records, in bytes, by table; for fingerprints, per fingerprint. */
  averageRecordBytes: { run: number; logLine: number; fingerprint: number; profile: number };
}

export interface BackupRequest {
  /** Request header values are secrets: without this flag they are left out of the file. */
  includeRequestHeaders: boolean;
}

export interface BackupDownload {
  fileName: string;
  /** The backup file's JSON text. */
  text: string;
  connectionCount: number;
  /** Connections whose request headers were left out of the file. */
  headersLeftOutCount: number;
}

/** What a restore of a checked backup file would do; nothing is written until `restoreBackup`. */
export interface BackupPreview {
  createdAtMs: number;
  /** Names of the connections the restore adds, switched OFF. */
  connectionsToAdd: string[];
  /** Names of the backup's connections whose id exists in this browser; they stay as they are. */
  connectionsPresent: string[];
  propertyDefinitionsToAdd: string[];
  consentObjectivesToAdd: string[];
  /** Things the user must do or know, one sentence each (files to pick again, headers left out, type conflicts). */
  notes: string[];
}

export interface RestoreResult extends BackupPreview {
  /** Ids of the added connections, in the file's order. */
  addedConnectionIds: string[];
}

export type ProfileExportFormat = 'jsonl' | 'csv';

export interface ProfileExport {
  fileName: string;
  blob: Blob;
  profileCount: number;
}

export interface DemoResetResult {
  /** False when no demo connection was found; the demo is seeded again either way. */
  removedDemoConnection: boolean;
  removedRuns: number;
  removedProfiles: number;
  demoConnectionId: string | null;
}

export interface SettingsApi {
  /** Counts each connection's stored file, runs, log lines, fingerprints and export files, and estimates their size. */
  estimateStorage(): Promise<StorageEstimateReport>;

  /** Saves the default limits and removes the runs beyond them; rejects with 'invalid-input' for limits out of range. */
  saveRetentionDefaults(request: { limits: RetentionLimits }): Promise<PruneResult>;
  /** Sets a connection's own limits, or removes them with `limits: null`, and removes runs beyond the limits that apply. */
  saveConnectionRetention(request: { connectionId: string; limits: RetentionLimits | null }): Promise<PruneResult>;
  /** Removes the runs of every connection beyond its limits, with their logs. Queued and running runs stay. */
  pruneRunHistory(): Promise<PruneResult>;

  createBackup(request: BackupRequest): Promise<BackupDownload>;
  /** Reads and checks a backup file; rejects with 'invalid-input' naming each bad field and its value. */
  checkBackup(request: { file: Blob }): Promise<BackupPreview>;
  /** Checks the file again and adds its connections (OFF), property definitions and consent objectives in one transaction. */
  restoreBackup(request: { file: Blob }): Promise<RestoreResult>;

  /** Builds a file of every profile, read in batches. */
  exportProfiles(request: { format: ProfileExportFormat }): Promise<ProfileExport>;

  /** Deletes the demo connection with its runs, logs and file, and seeds the demo again. */
  resetDemo(request: { removeDemoProfiles: boolean }): Promise<DemoResetResult>;
}
