/** Builds a backup file from the stored connections, property definitions, consent objectives and settings. */
import type { BackupDownload, RetentionPolicy } from '../../contract/api/settings.ts';
import type { Connection } from '../../contract/model.ts';
import type { RunlaneDb } from '../../storage/db.ts';
import { BACKUP_FORMAT, BACKUP_VERSION, backupFileName, type BackupConnection, type BackupFile, type LeftOutFile } from './backup-format.ts';
import { readRetentionPolicy } from './retention-policy.ts';
import { withoutHeaders } from './secret-headers.ts';

export async function createBackup(db: RunlaneDb, options: { nowMs: number; includeRequestHeaders: boolean }): Promise<BackupDownload> {
  return db.transaction('r', [db.connections, db.propertyDefinitions, db.consentObjectives, db.meta, db.overrides, db.files, db.fileHandles], async () => {
    const policy = await readRetentionPolicy(db);
    const connections: BackupConnection[] = [];
    for (const connection of await db.connections.orderBy('name').toArray()) {
      connections.push(await backupConnection(db, connection, policy, options.includeRequestHeaders));
    }
    const file: BackupFile = {
      format: BACKUP_FORMAT,
      version: BACKUP_VERSION,
      createdAtMs: options.nowMs,
      includesRequestHeaders: options.includeRequestHeaders,
      settings: { retentionDefaults: policy.defaults },
      propertyDefinitions: await db.propertyDefinitions.toArray(),
      consentObjectives: await db.consentObjectives.toArray(),
      connections,
    };
    return {
      fileName: backupFileName(options.nowMs),
      text: `${JSON.stringify(file, null, 2)}\n`,
      connectionCount: connections.length,
      headersLeftOutCount: connections.filter((connection) => connection.leftOutHeaders.length > 0).length,
    };
  });
}

async function backupConnection(db: RunlaneDb, connection: Connection, policy: RetentionPolicy, includeRequestHeaders: boolean): Promise<BackupConnection> {
  let settings = connection.settings;
  if (settings.connector === 'file-export') settings = { ...settings, directoryHandleId: null };
  let notifications = connection.notifications;
  const leftOutHeaders = [];
  if (!includeRequestHeaders) {
    const strippedSettings = withoutHeaders(settings, 'settings');
    const strippedNotifications = withoutHeaders(notifications, 'notifications');
    settings = strippedSettings.value;
    notifications = strippedNotifications.value;
    leftOutHeaders.push(...strippedSettings.leftOut, ...strippedNotifications.leftOut);
  }
  const overrides = await db.overrides.where('connectionId').equals(connection.id).toArray();
  return {
    id: connection.id,
    name: connection.name,
    description: connection.description,
    direction: connection.direction,
    settings,
    schedule: connection.schedule,
    timeLimitMs: connection.timeLimitMs,
    maxRetries: connection.maxRetries,
    catchUp: connection.catchUp,
    notifications,
    createdAtMs: connection.createdAtMs,
    retention: policy.byConnection[connection.id] ?? null,
    dueTimeOverrides: overrides.map(({ dueAtMs, action, postponedToMs, createdAtMs }) => ({ dueAtMs, action, postponedToMs, createdAtMs })),
    leftOutFile: await findLeftOutFile(db, connection),
    leftOutHeaders,
  };
}

/** Finds the stored file, linked file or picked folder a connection uses. None of them goes into the backup. */
async function findLeftOutFile(db: RunlaneDb, connection: Connection): Promise<LeftOutFile | null> {
  const { settings } = connection;
  if (settings.connector === 'file-export') {
    return settings.destination === 'directory' ? { kind: 'linked-folder', name: settings.directoryName } : null;
  }
  if (settings.connector !== 'csv-file' && settings.connector !== 'json-file') return null;
  if (settings.source === 'linked' || (await db.fileHandles.get(connection.id))) return { kind: 'linked-file', name: settings.fileName };
  const stored = await db.files.get(connection.id);
  return stored ? { kind: 'stored-file', name: stored.name } : null;
}
