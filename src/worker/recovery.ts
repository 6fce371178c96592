/** What a worker does when it takes over the scheduling: runs left running by a closed tab are interrupted. */
import type { Clock } from '../domain/clock.ts';
import type { RunlaneDb } from '../storage/db.ts';
import { RunLogger } from './run-log.ts';

export const INTERRUPTED_NOTICE_KEY = 'interrupted-notice';

/**
 * Marks every running or stopping run as interrupted, keeping the counters of its last committed batch. When
 * this tab restarted its own worker (`restartReason`), the run is marked failed with that reason instead.
 */
export async function recoverInterruptedRuns(db: RunlaneDb, clock: Clock, restartReason: string | null = null): Promise<number[]> {
  // Most starts find nothing to recover. Counting read-only first leaves the runs table free for the page's
  // first reads, which a read-write transaction on it would hold up.
  const activeCount = await db.runs.where('state').anyOf('running', 'stopping').count();
  if (activeCount === 0) return [];
  return db.transaction('rw', db.runs, db.runLogs, db.meta, async () => {
    const active = await db.runs.where('state').anyOf('running', 'stopping').toArray();
    const nowMs = clock.nowMs();
    for (const run of active) {
      const runLog = new RunLogger(db, run.id, clock, run.logCount);
      if (restartReason) {
        await db.runs.update(run.id, { state: 'failed', endedAtMs: nowMs, errorMessage: restartReason, summary: restartReason });
        runLog.error(`Run failed: ${restartReason} Batches committed before that are kept.`);
      } else {
        await db.runs.update(run.id, {
          state: 'interrupted',
          endedAtMs: nowMs,
          errorMessage: 'The tab that ran it closed or crashed.',
          summary: 'Interrupted: the tab that ran it closed or crashed. Batches committed before that are kept.',
        });
        runLog.error('Run interrupted: the tab that ran it closed or crashed. Batches committed before that are kept.');
      }
      await runLog.flush();
    }
    if (active.length > 0 && !restartReason) await db.meta.put({ key: INTERRUPTED_NOTICE_KEY, value: { runIds: active.map((run) => run.id), atMs: nowMs } });
    return active.map((run) => run.id);
  });
}
