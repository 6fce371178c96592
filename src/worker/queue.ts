/**
 * Queue operations on the runs table. The runs table is the queue: any tab's worker may add to it, and
 * the scheduling tab's executor takes its head.
 */
import type { Connection, Run, RunTrigger } from '../contract/model.ts';
import { AppError } from '../contract/errors.ts';
import { emptyCounters } from '../domain/counters.ts';
import { compareQueued } from '../domain/run-state.ts';
import type { RunlaneDb } from '../storage/db.ts';

export const MANUAL_PRIORITY = 0;
export const DEFAULT_PRIORITY = 1;

export async function loadQueue(db: RunlaneDb): Promise<Run[]> {
  const queued = await db.runs.where('state').equals('queued').toArray();
  return queued.sort(compareQueued);
}

export async function loadActiveRuns(db: RunlaneDb): Promise<Run[]> {
  return db.runs.where('state').anyOf('running', 'stopping').toArray();
}

interface NewRun {
  connection: Connection;
  trigger: RunTrigger;
  nowMs: number;
  dueAtMs: number | null;
}

/** Creates a queued run and takes the connection's next run number. Call inside a transaction. */
async function insertRun(db: RunlaneDb, { connection, trigger, nowMs, dueAtMs }: NewRun): Promise<Run> {
  const run: Omit<Run, 'id'> = {
    connectionId: connection.id,
    number: connection.nextRunNumber,
    trigger,
    state: 'queued',
    priority: trigger === 'manual' || trigger === 'test' ? MANUAL_PRIORITY : DEFAULT_PRIORITY,
    queuedAtMs: nowMs,
    promotedAtMs: null,
    dueAtMs,
    startedAtMs: null,
    endedAtMs: null,
    stopRequestedAtMs: null,
    attempt: 0,
    waitingForNetwork: false,
    counters: emptyCounters(),
    warningCount: 0,
    errorMessage: null,
    summary: '',
    mergedDueAtMs: [],
    logCount: 0,
    exportCursor: null,
  };
  const id = await db.runs.add(run as Run);
  await db.connections.update(connection.id, { nextRunNumber: connection.nextRunNumber + 1 });
  return { ...run, id } as Run;
}

export type QueueScheduledResult = { kind: 'queued'; run: Run } | { kind: 'merged'; run: Run };

/**
 * Queues a scheduled or catch-up run, or merges the tick into the connection's queued or running run:
 * a connection has at most one queued scheduled run.
 */
export async function queueScheduledRun(
  db: RunlaneDb,
  connectionId: string,
  trigger: 'schedule' | 'catch-up',
  dueAtMs: number,
  nowMs: number,
): Promise<QueueScheduledResult | null> {
  return db.transaction('rw', db.connections, db.runs, async () => {
    const connection = await db.connections.get(connectionId);
    if (!connection?.enabled) return null;
    const open = await db.runs
      .where('connectionId')
      .equals(connectionId)
      .filter((run) => run.state === 'queued' || run.state === 'running' || run.state === 'stopping')
      .toArray();
    const target = open.find((run) => run.state === 'queued' && run.trigger !== 'test') ?? open.find((run) => run.state !== 'queued');
    if (target) {
      // A catch-up stands for due times already recorded as missed, so a run that is queued or running
      // serves as the catch-up without recording them a second time as merged ticks.
      if (trigger === 'catch-up') return { kind: 'merged', run: target };
      const mergedDueAtMs = [...target.mergedDueAtMs, dueAtMs];
      await db.runs.update(target.id, { mergedDueAtMs });
      return { kind: 'merged', run: { ...target, mergedDueAtMs } };
    }
    const run = await insertRun(db, { connection, trigger, nowMs, dueAtMs });
    return { kind: 'queued', run };
  });
}

export type RunNowResult =
  | { kind: 'queued'; run: Run; position: number }
  | { kind: 'moved-to-head'; run: Run; position: number }
  | { kind: 'follow-up-queued'; run: Run; position: number };

/**
 * Puts a manual run at the head of the queue. A connection that is already queued moves to the head; one
 * that is running gets one follow-up run. Works while the connection is OFF.
 */
export async function queueManualRun(
  db: RunlaneDb,
  connectionId: string,
  nowMs: number,
  trigger: 'manual' | 'test' = 'manual',
): Promise<RunNowResult> {
  const result = await db.transaction('rw', db.connections, db.runs, async () => {
    const connection = await db.connections.get(connectionId);
    if (!connection) throw new AppError('not-found', `Connection ${connectionId} does not exist.`);
    const open = await db.runs
      .where('connectionId')
      .equals(connectionId)
      .filter((run) => run.state === 'queued' || run.state === 'running' || run.state === 'stopping')
      .toArray();
    const queued = open.find((run) => run.state === 'queued' && (run.trigger === 'test') === (trigger === 'test'));
    if (queued) {
      const promoted = { priority: MANUAL_PRIORITY, promotedAtMs: nowMs };
      await db.runs.update(queued.id, promoted);
      return { kind: 'moved-to-head' as const, run: { ...queued, ...promoted } };
    }
    const running = open.some((run) => run.state !== 'queued');
    const run = await insertRun(db, { connection, trigger, nowMs, dueAtMs: null });
    return { kind: running ? ('follow-up-queued' as const) : ('queued' as const), run };
  });
  const queue = await loadQueue(db);
  const position = queue.findIndex((run) => run.id === result.run.id) + 1;
  return { ...result, position };
}

/** Cancels a queued run. Returns false when the run was no longer queued. */
export async function cancelQueuedRun(db: RunlaneDb, runId: number, nowMs: number): Promise<boolean> {
  return db.transaction('rw', db.runs, async () => {
    const run = await db.runs.get(runId);
    if (!run || run.state !== 'queued') return false;
    await db.runs.update(runId, { state: 'cancelled', endedAtMs: nowMs, summary: 'Cancelled before it started.' });
    return true;
  });
}

/** Cancels a connection's queued scheduled and catch-up runs; used when it is switched OFF. */
export async function cancelScheduledRuns(db: RunlaneDb, connectionId: string, nowMs: number): Promise<number> {
  return db.transaction('rw', db.runs, async () => {
    const queued = await db.runs
      .where('connectionId')
      .equals(connectionId)
      .filter((run) => run.state === 'queued' && (run.trigger === 'schedule' || run.trigger === 'catch-up'))
      .toArray();
    for (const run of queued) {
      await db.runs.update(run.id, {
        state: 'cancelled',
        endedAtMs: nowMs,
        summary: 'Cancelled because the connection was switched OFF.',
      });
    }
    return queued.length;
  });
}

/** Asks the executor to stop a running run; it aborts the connector's signal. */
export async function requestStop(db: RunlaneDb, runId: number, nowMs: number): Promise<boolean> {
  return db.transaction('rw', db.runs, async () => {
    const run = await db.runs.get(runId);
    if (!run || run.state !== 'running') return false;
    await db.runs.update(runId, { state: 'stopping', stopRequestedAtMs: nowMs });
    return true;
  });
}
