/**
 * One notification per connection and app start for the runs found interrupted and the due times found
 * missed when a worker took over the scheduling, instead of one per run. A ledger in the meta table lists
 * what earlier summaries covered, so a second tab taking over does not tell the same runs again.
 */
import { liveQuery } from 'dexie';
import { Temporal } from 'temporal-polyfill';
import type { Connection, MissedRuns, Run } from '../../contract/model.ts';
import { buildStartSummaryMessage } from '../../domain/notification-content-summary.ts';
import { connectionLink } from '../../domain/notification-content.ts';
import { wantsStartSummary } from '../../domain/notification-decision.ts';
import { buildStartSummaryPayload } from '../../domain/notification-webhook-payload.ts';
import { dueTimesBetween } from '../../domain/schedule.ts';
import type { RunlaneDb } from '../../storage/db.ts';
import type { NotifierDeps } from './deps.ts';
import { storeNotification } from './records.ts';
import { handleRunEnded } from './run-ended.ts';
import { addUpMissed, toListedRun } from './run-facts.ts';

const START_LEDGER_KEY = 'notifications-start-ledger';
/** Run ids the ledger keeps; older ones ended long before any later start. */
const MAX_LEDGER_RUN_IDS = 1_000;

interface StartLedger {
  lastMissedId: number;
  runIds: number[];
}

/** True once the scheduler has handled this connection's due times up to `leadStartMs`. */
function isSchedulerPassDone(connection: Connection, leadStartMs: number): boolean {
  const markMs = connection.scheduleMarkMs;
  if (!connection.enabled || !connection.schedule || markMs === null || markMs >= leadStartMs) return true;
  try {
    const pending = dueTimesBetween(connection.schedule, Temporal.Instant.fromEpochMilliseconds(markMs), Temporal.Instant.fromEpochMilliseconds(leadStartMs), 1);
    return pending.length === 0;
  } catch {
    return true;
  }
}

/**
 * Resolves once the scheduler's first pass has recorded the missed runs: every connection that is ON has
 * its mark past `leadStartMs`, or no due time before it. `fallbackMs` of wall time ends the wait anyway.
 */
export function waitForSchedulerPass(db: RunlaneDb, leadStartMs: number, fallbackMs = 30_000): Promise<void> {
  return new Promise((resolve) => {
    let subscription: { unsubscribe(): void } | null = null;
    let done = false;
    const finish = (): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      subscription?.unsubscribe();
      resolve();
    };
    const timer = setTimeout(finish, fallbackMs);
    subscription = liveQuery(() => db.connections.toArray()).subscribe({
      next: (connections) => {
        if (connections.every((connection) => isSchedulerPassDone(connection, leadStartMs))) finish();
      },
      error: finish,
    });
    if (done) subscription.unsubscribe();
  });
}

async function takeUnsummarised(db: RunlaneDb, leadStartMs: number, restartReason: string | null): Promise<{ interrupted: Run[]; restartFailed: Run[]; missed: MissedRuns[] }> {
  return db.transaction('rw', db.runs, db.missedRuns, db.meta, async () => {
    const ledger = ((await db.meta.get(START_LEDGER_KEY))?.value as StartLedger | undefined) ?? { lastMissedId: 0, runIds: [] };
    const known = new Set(ledger.runIds);
    const isNew = (run: Run): boolean => !known.has(run.id) && (run.endedAtMs ?? 0) >= leadStartMs && run.trigger !== 'test';
    const interrupted = await db.runs.where('state').equals('interrupted').filter(isNew).toArray();
    const restartFailed = restartReason ? await db.runs.where('state').equals('failed').filter((run) => isNew(run) && run.errorMessage === restartReason).toArray() : [];
    const missed = await db.missedRuns.where(':id').above(ledger.lastMissedId).filter((record) => record.noticedAtMs >= leadStartMs).toArray();
    const runIds = [...ledger.runIds, ...interrupted.map((run) => run.id), ...restartFailed.map((run) => run.id)].slice(-MAX_LEDGER_RUN_IDS);
    const lastMissedId = Math.max(ledger.lastMissedId, ...missed.map((record) => record.id ?? 0));
    await db.meta.put({ key: START_LEDGER_KEY, value: { lastMissedId, runIds } satisfies StartLedger });
    return { interrupted, restartFailed, missed };
  });
}

async function summariseConnection(deps: NotifierDeps, connection: Connection, interrupted: Run[], missedRecords: MissedRuns[]): Promise<number | null> {
  if (!wantsStartSummary(connection.notifications)) return null;
  const listed = await Promise.all(interrupted.sort((a, b) => a.number - b.number).map((run) => toListedRun(deps.db, run)));
  const missed = addUpMissed(missedRecords);
  const format = deps.format();
  const message = buildStartSummaryMessage({ connection, interrupted: listed, missed, format });
  const payload = buildStartSummaryPayload({ connection, link: connectionLink(format.appUrl, connection.id), interrupted: listed, missed });
  const runIds = listed.map((run) => run.id);
  return storeNotification(deps, { connection, kind: 'start-summary', runId: null, runIds, outcome: 'failure', message, payload, isLate: false });
}

/**
 * Stores the start summaries of runs interrupted or missed since `leadStartMs` that no earlier summary
 * covered. Runs that a restarted worker marked failed get one notification each, like any failed run. Returns the
 * ids of the stored notifications.
 */
export async function summariseStart(deps: NotifierDeps, args: { leadStartMs: number; restartReason: string | null }): Promise<number[]> {
  const { db } = deps;
  const found = await takeUnsummarised(db, args.leadStartMs, args.restartReason);
  const ids: number[] = [];
  for (const run of found.restartFailed) {
    const id = await handleRunEnded(deps, run);
    if (id !== null) ids.push(id);
  }
  const connectionIds = new Set([...found.interrupted.map((run) => run.connectionId), ...found.missed.map((record) => record.connectionId)]);
  for (const connectionId of connectionIds) {
    const connection = await db.connections.get(connectionId);
    if (!connection) continue;
    const interrupted = found.interrupted.filter((run) => run.connectionId === connectionId);
    const missed = found.missed.filter((record) => record.connectionId === connectionId);
    const id = await summariseConnection(deps, connection, interrupted, missed);
    if (id !== null) ids.push(id);
  }
  return ids;
}
