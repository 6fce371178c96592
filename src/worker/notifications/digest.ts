/**
 * Daily digests. Each connection with a digest stores the instant up to which digests cover its runs.
 * When a digest time passes, one digest covers the runs that ended since. A digest that fell due while the
 * app was closed is sent when the scheduling tab next starts, marked late.
 */
import { liveQuery } from 'dexie';
import type { Connection } from '../../contract/model.ts';
import { buildDigestMessage } from '../../domain/notification-content-summary.ts';
import { connectionLink } from '../../domain/notification-content.ts';
import { classifyRunEnd, isDigestOn, shouldSendDigest } from '../../domain/notification-decision.ts';
import { findDueDigest, nextDigestDueAtMs, type DueDigest } from '../../domain/notification-digest-times.ts';
import { buildDigestPayload } from '../../domain/notification-webhook-payload.ts';
import type { RunlaneDb } from '../../storage/db.ts';
import { createLogger } from '../log.ts';
import type { NotifierDeps } from './deps.ts';
import { storeNotification } from './records.ts';
import { addUpMissed, findPreviousOutcome, loadEndedRuns, toListedRun } from './run-facts.ts';

const log = createLogger('digest');

const DIGEST_MARK_PREFIX = 'notifications-digest-covered:';

/** Reads the instant up to which digests cover a connection's runs; undefined when none is stored. */
export async function readDigestMark(db: RunlaneDb, connectionId: string): Promise<number | undefined> {
  const row = await db.meta.get(`${DIGEST_MARK_PREFIX}${connectionId}`);
  return typeof row?.value === 'number' ? row.value : undefined;
}

export async function writeDigestMark(db: RunlaneDb, connectionId: string, coveredUntilMs: number | null): Promise<void> {
  const key = `${DIGEST_MARK_PREFIX}${connectionId}`;
  if (coveredUntilMs === null) await db.meta.delete(key);
  else await db.meta.put({ key, value: coveredUntilMs });
}

/** Stores the digest of runs that ended in (coveredUntilMs, due.dueAtMs], when there is something to tell. */
async function sendDigest(deps: NotifierDeps, connection: Connection, coveredUntilMs: number, due: DueDigest): Promise<number | null> {
  const { db } = deps;
  const ended = await loadEndedRuns(db, connection.id, coveredUntilMs, due.dueAtMs);
  const missedRecords = await db.missedRuns
    .where('connectionId')
    .equals(connection.id)
    .filter((record) => record.noticedAtMs > coveredUntilMs && record.noticedAtMs <= due.dueAtMs)
    .toArray();
  const missed = addUpMissed(missedRecords);
  const previous = await findPreviousOutcome(db, connection.id, coveredUntilMs, null);
  const outcomes = ended.map((run) => classifyRunEnd(run) ?? 'failure');
  if (!shouldSendDigest(connection.notifications.when, { outcomes, missedCount: missed.count, previous })) return null;
  const runs = await Promise.all(ended.map((run) => toListedRun(db, run)));
  const format = deps.format();
  const period = { periodStartMs: coveredUntilMs, periodEndMs: due.dueAtMs, isLate: due.isLate };
  const message = buildDigestMessage({ connection, ...period, runs, missed, format });
  const payload = buildDigestPayload({ connection, link: connectionLink(format.appUrl, connection.id), ...period, runs, missed });
  const outcome = missed.count > 0 || outcomes.includes('failure') ? 'failure' : 'success';
  return storeNotification(deps, { connection, kind: 'digest', runId: null, runIds: ended.map((run) => run.id), outcome, message, payload, isLate: due.isLate });
}

/** Sends every digest that is due and returns the earliest next digest time, if any. */
export async function runDigestPass(deps: NotifierDeps): Promise<number | null> {
  const { db, clock } = deps;
  const nowMs = clock.nowMs();
  const { timeZone } = deps.format();
  let earliestMs: number | null = null;
  for (const connection of await db.connections.toArray()) {
    if (!isDigestOn(connection.notifications)) continue;
    const { atTime } = connection.notifications.digest;
    const coveredUntilMs = await readDigestMark(db, connection.id);
    if (coveredUntilMs === undefined) {
      await writeDigestMark(db, connection.id, nowMs);
    } else {
      const due = findDueDigest(atTime, timeZone, coveredUntilMs, nowMs);
      if (due) {
        await sendDigest(deps, connection, coveredUntilMs, due);
        await writeDigestMark(db, connection.id, due.dueAtMs);
        log.info('digest due', { connectionId: connection.id, isLate: due.isLate });
      }
    }
    const nextMs = nextDigestDueAtMs(atTime, timeZone, nowMs);
    if (nextMs !== null && (earliestMs === null || nextMs < earliestMs)) earliestMs = nextMs;
  }
  return earliestMs;
}

/** Runs digest passes until `signal` aborts: at each next digest time, and whenever a connection changes. */
export async function runDigestLoop(deps: NotifierDeps, signal: AbortSignal): Promise<void> {
  let wake = new AbortController();
  const subscription = liveQuery(() => deps.db.connections.toArray()).subscribe({ next: () => wake.abort() });
  signal.addEventListener('abort', () => subscription.unsubscribe(), { once: true });
  while (!signal.aborted) {
    wake = new AbortController();
    let nextMs: number | null = null;
    try {
      nextMs = await runDigestPass(deps);
    } catch (error) {
      log.error('digest pass failed', error instanceof Error ? error.message : String(error));
    }
    const sleep = AbortSignal.any([signal, wake.signal]);
    if (sleep.aborted) continue;
    try {
      if (nextMs === null) await new Promise((_, reject) => sleep.addEventListener('abort', () => reject(sleep.reason), { once: true }));
      else await deps.clock.sleepUntil(nextMs, sleep);
    } catch {
      // Woken early: look again.
    }
  }
}
