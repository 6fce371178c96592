/**
 * Removes runs beyond a connection's retention limits, oldest first, with their log lines and export
 * files. Queued, running and stopping runs are never removed. Each batch is its own transaction, so the
 * executor's writes wait at most one batch.
 */
import type { PruneResult, RetentionLimits } from '../../contract/api/settings.ts';
import type { Run } from '../../contract/model.ts';
import { isFinalState } from '../../domain/run-state.ts';
import type { RunlaneDb } from '../../storage/db.ts';

export const DAY_MS = 86_400_000;
export const PRUNE_BATCH_SIZE = 200;

export function emptyPruneResult(): PruneResult {
  return { removedRuns: 0, removedLogLines: 0, removedMissedRuns: 0 };
}

export function addPruneResults(a: PruneResult, b: PruneResult): PruneResult {
  return {
    removedRuns: a.removedRuns + b.removedRuns,
    removedLogLines: a.removedLogLines + b.removedLogLines,
    removedMissedRuns: a.removedMissedRuns + b.removedMissedRuns,
  };
}

interface PruneOptions {
  connectionId: string;
  limits: RetentionLimits;
  nowMs: number;
  batchSize?: number;
}

/** Removes one connection's runs beyond `limits` and its missed-run entries older than `limits.maxDays`. */
export async function pruneConnectionRuns(db: RunlaneDb, options: PruneOptions): Promise<PruneResult> {
  const { connectionId, limits, nowMs } = options;
  const batchSize = options.batchSize ?? PRUNE_BATCH_SIZE;
  const cutoffMs = nowMs - limits.maxDays * DAY_MS;
  const total = await connectionRuns(db, connectionId, -Infinity).count();
  // Runs at positions below `excess`, counted from the oldest, are beyond the newest `maxRuns`.
  const excess = total - limits.maxRuns;
  let result = emptyPruneResult();
  let position = 0;
  let afterNumber = -Infinity;
  // The common case after a run: nothing is beyond the limits, which the oldest run shows.
  const oldest = excess > 0 ? undefined : await connectionRuns(db, connectionId, -Infinity).first();
  const isWithinLimits = excess <= 0 && (oldest === undefined || oldest.queuedAtMs >= cutoffMs);

  while (!isWithinLimits) {
    const batch = await connectionRuns(db, connectionId, afterNumber).limit(batchSize).toArray();
    const selection = selectRunsToRemove(batch, { firstPosition: position, excess, cutoffMs });
    position += selection.examined;
    if (selection.runs.length > 0) result = addPruneResults(result, await removeRuns(db, selection.runs));
    if (selection.isDone || batch.length < batchSize) break;
    afterNumber = (batch.at(-1) as Run).number;
  }

  const staleMissedIds = await db.missedRuns
    .where('connectionId')
    .equals(connectionId)
    .filter((missed) => missed.noticedAtMs < cutoffMs)
    .primaryKeys();
  if (staleMissedIds.length > 0) await db.missedRuns.bulkDelete(staleMissedIds);
  return { ...result, removedMissedRuns: staleMissedIds.length };
}

/** Selects the connection's runs with a run number above `afterNumber`, in run-number order. */
function connectionRuns(db: RunlaneDb, connectionId: string, afterNumber: number) {
  return db.runs.where('[connectionId+number]').between([connectionId, afterNumber], [connectionId, Infinity], false, true);
}

interface Selection {
  runs: Run[];
  examined: number;
  /** True once a run is inside both limits: every later run was queued later, so it is inside them too. */
  isDone: boolean;
}

/**
 * Picks the runs of one batch (oldest first) to remove. A run is removed when it is in a final state and
 * either beyond the newest `maxRuns` or ended before `cutoffMs`. A run that never started counts from when
 * it was queued.
 */
export function selectRunsToRemove(batch: Run[], context: { firstPosition: number; excess: number; cutoffMs: number }): Selection {
  const runs: Run[] = [];
  let position = context.firstPosition;
  for (const run of batch) {
    const isBeyondCount = position < context.excess;
    if (!isBeyondCount && run.queuedAtMs >= context.cutoffMs) {
      return { runs, examined: position - context.firstPosition, isDone: true };
    }
    const endedAtMs = run.endedAtMs ?? run.queuedAtMs;
    if ((isBeyondCount || endedAtMs < context.cutoffMs) && isFinalState(run.state)) runs.push(run);
    position += 1;
  }
  return { runs, examined: position - context.firstPosition, isDone: false };
}

/** Deletes runs with their log lines and export files in one transaction. */
async function removeRuns(db: RunlaneDb, runs: Run[]): Promise<PruneResult> {
  return db.transaction('rw', [db.runs, db.runLogs, db.exportFiles], async () => {
    let removedLogLines = 0;
    const ids: number[] = [];
    for (const run of runs) {
      // A final state is never left, but another tab may have removed the run already.
      const stored = await db.runs.get(run.id);
      if (!stored || !isFinalState(stored.state)) continue;
      removedLogLines += await db.runLogs.where('[runId+seq]').between([run.id, -Infinity], [run.id, Infinity]).delete();
      ids.push(run.id);
    }
    await db.exportFiles.where('runId').anyOf(ids).delete();
    await db.runs.bulkDelete(ids);
    return { removedRuns: ids.length, removedLogLines, removedMissedRuns: 0 };
  });
}
