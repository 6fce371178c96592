/** Read-only queries for the export and real-time screens. Each returns a promise, for use inside liveQuery. */
import type { ConsentObjective, RealtimeEvent } from '../contract/model.ts';
import type { DirectoryHandleRow, RunlaneDb } from './db.ts';

/** Returns the meta key of a real-time connection's cursor, which stores the id of the last outbox entry it passed. */
export function realtimeCursorKey(connectionId: string): string {
  return `realtime-cursor:${connectionId}`;
}

export function listConsentObjectives(db: RunlaneDb): Promise<ConsentObjective[]> {
  return db.consentObjectives.toArray();
}

/** Lists a real-time connection's history, newest first. */
export function listRealtimeEvents(db: RunlaneDb, connectionId: string, limit = 200): Promise<RealtimeEvent[]> {
  return db.realtimeEvents
    .where('[connectionId+atMs]')
    .between([connectionId, -Infinity], [connectionId, Infinity])
    .reverse()
    .limit(limit)
    .toArray();
}

/** Changes in the outbox that a real-time connection has not passed yet; null while it is OFF. */
export async function countPendingChanges(db: RunlaneDb, connectionId: string): Promise<number | null> {
  const cursor = (await db.meta.get(realtimeCursorKey(connectionId)))?.value as { outboxId: number } | undefined;
  if (!cursor) return null;
  return db.outbox.where(':id').above(cursor.outboxId).count();
}

export interface ExportFileInfo {
  id: number;
  fileName: string;
  size: number;
}

/** Returns the file a run of a file export kept in this browser, without its content. */
export async function getExportFileInfo(db: RunlaneDb, runId: number): Promise<ExportFileInfo | null> {
  const file = await db.exportFiles.where('runId').equals(runId).first();
  return file?.id === undefined ? null : { id: file.id, fileName: file.fileName, size: file.blob.size };
}

export async function loadExportFile(db: RunlaneDb, id: number): Promise<{ fileName: string; blob: Blob } | null> {
  const file = await db.exportFiles.get(id);
  return file ? { fileName: file.fileName, blob: file.blob } : null;
}

export function getDirectoryHandle(db: RunlaneDb, id: string): Promise<DirectoryHandleRow | undefined> {
  return db.directoryHandles.get(id);
}
