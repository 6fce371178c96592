/**
 * The backup file, version 1: connections with their schedules and notification settings, property
 * definitions, consent objectives and settings. docs/backup-format.md describes every field and the
 * restore rules.
 */
import type { RetentionLimits } from '../../contract/api/settings.ts';
import type {
  CatchUpPolicy,
  ConnectorSettings,
  ConsentObjective,
  DueTimeOverride,
  NotificationSettings,
  PropertyDefinition,
  Schedule,
} from '../../contract/model.ts';

export const BACKUP_FORMAT = 'runlane-backup';
export const BACKUP_VERSION = 1;

export interface BackupFile {
  format: typeof BACKUP_FORMAT;
  version: typeof BACKUP_VERSION;
  createdAtMs: number;
  /** True when request header values are in the file; they are secrets. */
  includesRequestHeaders: boolean;
  settings: { retentionDefaults: RetentionLimits };
  propertyDefinitions: PropertyDefinition[];
  consentObjectives: ConsentObjective[];
  connections: BackupConnection[];
}

/** A file or folder this browser kept for a connection; the backup has only its name. */
export interface LeftOutFile {
  kind: 'stored-file' | 'linked-file' | 'linked-folder';
  name: string | null;
}

/** Request headers whose entries were left out of the file, by their path inside the connection. */
export interface LeftOutHeaders {
  path: string;
  names: string[];
}

export type BackupOverride = Omit<DueTimeOverride, 'connectionId'>;

export interface BackupConnection {
  id: string;
  name: string;
  description: string;
  direction: 'import' | 'export' | 'realtime';
  settings: ConnectorSettings;
  schedule: Schedule | null;
  timeLimitMs: number;
  maxRetries: number;
  catchUp: CatchUpPolicy;
  notifications: NotificationSettings;
  createdAtMs: number;
  /** The connection's own retention limits; null when the defaults apply. */
  retention: RetentionLimits | null;
  dueTimeOverrides: BackupOverride[];
  leftOutFile: LeftOutFile | null;
  leftOutHeaders: LeftOutHeaders[];
}

/** Names the file of a backup made at `createdAtMs`: `runlane-backup-YYYY-MM-DD-HHMM.json`, in UTC. */
export function backupFileName(createdAtMs: number): string {
  const iso = new Date(createdAtMs).toISOString();
  return `runlane-backup-${iso.slice(0, 10)}-${iso.slice(11, 13)}${iso.slice(14, 16)}.json`;
}
