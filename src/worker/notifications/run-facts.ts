/** Reads run facts for notifications: the first warnings and errors of a log, and earlier outcomes. */
import type { MissedRuns, Run } from '../../contract/model.ts';
import { MAX_FIRST_ERRORS, type LogLine } from '../../domain/notification-content.ts';
import type { ListedRun, MissedFacts } from '../../domain/notification-content-summary.ts';
import { classifyRunEnd, type RunOutcomeClass } from '../../domain/notification-decision.ts';
import type { RunlaneDb } from '../../storage/db.ts';

/** Loads the first warning and error lines of a run's log, in log order. */
export async function loadFirstErrors(db: RunlaneDb, runId: number): Promise<LogLine[]> {
  const entries = await db.runLogs
    .where('[runId+seq]')
    .between([runId, -Infinity], [runId, Infinity])
    .filter((entry) => entry.level === 'warn' || entry.level === 'error')
    .limit(MAX_FIRST_ERRORS)
    .toArray();
  return entries.map((entry) => ({ level: entry.level as LogLine['level'], message: entry.message, atMs: entry.atMs }));
}

/** Loads a connection's runs that notify (success or failure) and ended in (afterMs, untilMs], oldest first. */
export async function loadEndedRuns(db: RunlaneDb, connectionId: string, afterMs: number, untilMs: number): Promise<Run[]> {
  const runs = await db.runs
    .where('connectionId')
    .equals(connectionId)
    .filter((run) => run.endedAtMs !== null && run.endedAtMs > afterMs && run.endedAtMs <= untilMs && classifyRunEnd(run) !== null)
    .toArray();
  return runs.sort((a, b) => (a.endedAtMs ?? 0) - (b.endedAtMs ?? 0) || a.number - b.number);
}

/**
 * Finds the outcome of the connection's last run that ended no later than `untilMs`, leaving out
 * `exceptRunId`. Returns null when there is none.
 */
export async function findPreviousOutcome(db: RunlaneDb, connectionId: string, untilMs: number, exceptRunId: number | null): Promise<RunOutcomeClass | null> {
  const runs = await loadEndedRuns(db, connectionId, -Infinity, untilMs);
  const earlier = runs.filter((run) => run.id !== exceptRunId);
  const last = earlier[earlier.length - 1];
  return last ? classifyRunEnd(last) : null;
}

export async function toListedRun(db: RunlaneDb, run: Run): Promise<ListedRun> {
  return { ...run, outcome: classifyRunEnd(run) ?? 'failure', firstErrors: await loadFirstErrors(db, run.id) };
}

/** Adds up missed-run records. A record lists at most its first 1,000 due times, so `lastDueAtMs` can be early. */
export function addUpMissed(records: MissedRuns[]): MissedFacts {
  let firstDueAtMs: number | null = null;
  let lastDueAtMs: number | null = null;
  for (const record of records) {
    for (const dueAtMs of record.dueAtMs) {
      if (firstDueAtMs === null || dueAtMs < firstDueAtMs) firstDueAtMs = dueAtMs;
      if (lastDueAtMs === null || dueAtMs > lastDueAtMs) lastDueAtMs = dueAtMs;
    }
  }
  return {
    count: records.reduce((sum, record) => sum + record.count, 0),
    firstDueAtMs,
    lastDueAtMs,
    catchUpCount: records.filter((record) => record.catchUpRunId !== null).length,
  };
}
