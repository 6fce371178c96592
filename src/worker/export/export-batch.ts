/**
 * Counting and committing the batches of an export run. A batch's counters, the run's cursor and its log
 * lines are written in one transaction after the batch was delivered, so a retried attempt resumes just
 * after the last batch the counters include.
 */
import type { ExportCursor, Profile } from '../../contract/model.ts';
import type { RunContext } from '../../connectors/connector.ts';
import { addCounters, countOutcome, type Counters } from '../../domain/counters.ts';

/**
 * Counts a delivered profile. Added: created since the start of the last successful run (every profile on
 * a connection's first export). Updated: existed before it and changed since. Unchanged: not changed
 * since, which only "Export all" delivers.
 */
export function countDelivered(counters: Counters, profile: Profile, lastSuccessStartMs: number | null): void {
  if (lastSuccessStartMs === null || profile.createdAtMs >= lastSuccessStartMs) countOutcome(counters, 'added');
  else if (profile.updatedAtMs >= lastSuccessStartMs) countOutcome(counters, 'updated');
  else countOutcome(counters, 'unchanged');
}

/** Adds `counters` to the run, stores its cursor (unless undefined) and writes the pending log lines. */
export async function commitExportBatch(context: RunContext, counters: Counters, cursor?: ExportCursor): Promise<void> {
  const { db } = context;
  await db.transaction('rw', db.runs, db.runLogs, async () => {
    await context.assertLive();
    const run = await db.runs.get(context.run.id);
    if (!run) throw new Error(`Run ${context.run.id} is missing from the database.`);
    const changes: { counters: Counters; exportCursor?: ExportCursor } = { counters: addCounters(run.counters, counters) };
    if (cursor) changes.exportCursor = cursor;
    await db.runs.update(context.run.id, changes);
    await context.log.flush();
  });
}

/** Reads the cursor a retried attempt resumes from; null on a run's first attempt or before its first batch. */
export async function readExportCursor(context: RunContext): Promise<ExportCursor | null> {
  return (await context.db.runs.get(context.run.id))?.exportCursor ?? null;
}

export function pluralise(count: number, noun: string, plural = `${noun}s`): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? noun : plural}`;
}
