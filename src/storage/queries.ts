/** Read-only queries the page renders from. Each returns a promise, for use inside Dexie's liveQuery. */
import type { Connection, MissedRuns, PropertyDefinition, Run, RunLogEntry } from '../contract/model.ts';
import { compareQueued } from '../domain/run-state.ts';
import type { RunlaneDb } from './db.ts';

export function listConnections(db: RunlaneDb): Promise<Connection[]> {
  return db.connections.orderBy('name').toArray();
}

export function getConnection(db: RunlaneDb, id: string): Promise<Connection | undefined> {
  return db.connections.get(id);
}

/** A connection's runs, newest first. */
export async function listRuns(db: RunlaneDb, connectionId: string, limit = 200): Promise<Run[]> {
  return db.runs
    .where('[connectionId+number]')
    .between([connectionId, -Infinity], [connectionId, Infinity])
    .reverse()
    .limit(limit)
    .toArray();
}

export function listMissedRuns(db: RunlaneDb, connectionId: string): Promise<MissedRuns[]> {
  return db.missedRuns.where('connectionId').equals(connectionId).reverse().sortBy('noticedAtMs');
}

/** The running run, if any, and the queued ones in queue order. */
export async function loadQueueView(db: RunlaneDb): Promise<{ active: Run[]; queued: Run[] }> {
  const open = await db.runs.where('state').anyOf('queued', 'running', 'stopping').toArray();
  return {
    active: open.filter((run) => run.state !== 'queued'),
    queued: open.filter((run) => run.state === 'queued').sort(compareQueued),
  };
}

/** The latest run of each connection. */
export async function loadLastRuns(db: RunlaneDb): Promise<Map<string, Run>> {
  const connections = await db.connections.toArray();
  const result = new Map<string, Run>();
  for (const connection of connections) {
    const last = await db.runs
      .where('[connectionId+number]')
      .between([connection.id, -Infinity], [connection.id, Infinity])
      .reverse()
      .filter((run) => run.state !== 'queued')
      .first();
    if (last) result.set(connection.id, last);
  }
  return result;
}

export function listPropertyDefinitions(db: RunlaneDb): Promise<PropertyDefinition[]> {
  return db.propertyDefinitions.toArray();
}

export function loadRunLog(db: RunlaneDb, runId: number): Promise<RunLogEntry[]> {
  return db.runLogs.where('[runId+seq]').between([runId, -Infinity], [runId, Infinity]).toArray();
}

export function countProfiles(db: RunlaneDb): Promise<number> {
  return db.profiles.count();
}

export async function readMeta<T>(db: RunlaneDb, key: string): Promise<T | undefined> {
  return (await db.meta.get(key))?.value as T | undefined;
}

export async function getStoredFileInfo(db: RunlaneDb, connectionId: string): Promise<{ name: string; size: number; storedAtMs: number } | undefined> {
  const file = await db.files.get(connectionId);
  return file ? { name: file.name, size: file.size, storedAtMs: file.storedAtMs } : undefined;
}
