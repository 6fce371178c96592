/** Read-only queries for the import settings: consent objectives and linked files. */
import type { ConsentObjective } from '../contract/model.ts';
import type { RunlaneDb } from './db.ts';

export interface LinkedFile {
  connectionId: string;
  handle: FileSystemFileHandle;
}

/** Consent objectives by label. */
export async function listConsentObjectives(db: RunlaneDb): Promise<ConsentObjective[]> {
  const objectives = await db.consentObjectives.toArray();
  return objectives.sort((a, b) => a.label.localeCompare(b.label));
}

export function getLinkedFile(db: RunlaneDb, connectionId: string): Promise<LinkedFile | undefined> {
  return db.fileHandles.get(connectionId);
}

/** Lists every linked file with the name of its connection. */
export async function listLinkedFiles(db: RunlaneDb): Promise<(LinkedFile & { connectionName: string })[]> {
  const rows = await db.fileHandles.toArray();
  const connections = await db.connections.bulkGet(rows.map((row) => row.connectionId));
  return rows.flatMap((row, index) => {
    const connection = connections[index];
    return connection ? [{ ...row, connectionName: connection.name }] : [];
  });
}
