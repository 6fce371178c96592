import { describe, expect, it } from 'vitest';
import { queueManualRun } from './queue.ts';
import { INTERRUPTED_NOTICE_KEY, recoverInterruptedRuns } from './recovery.ts';
import { ManualClock, makeConnection, makeDb } from './test-helpers.ts';

const NOW_MS = Date.parse('2026-03-05T10:00:00Z');
const counters = { checked: 1000, added: 1000, updated: 0, unchanged: 0, skipped: 0, failed: 0, blocked: 0 };

async function setupRunning() {
  const db = makeDb();
  const clock = new ManualClock(NOW_MS);
  const connection = makeConnection();
  await db.connections.add(connection);
  const { run } = await queueManualRun(db, connection.id, NOW_MS - 60_000);
  await db.runs.update(run.id, { state: 'running', startedAtMs: NOW_MS - 60_000, counters, logCount: 3 });
  return { db, clock, runId: run.id };
}

describe('recoverInterruptedRuns', () => {
  it('marks a run left running as interrupted and keeps its counters', async () => {
    const { db, clock, runId } = await setupRunning();
    expect(await recoverInterruptedRuns(db, clock)).toEqual([runId]);
    const run = await db.runs.get(runId);
    expect(run?.state).toBe('interrupted');
    expect(run?.endedAtMs).toBe(NOW_MS);
    expect(run?.counters).toEqual(counters);
    expect((await db.meta.get(INTERRUPTED_NOTICE_KEY))?.value).toEqual({ runIds: [runId], atMs: NOW_MS });
    const [line] = await db.runLogs.toArray();
    expect(line).toMatchObject({ runId, seq: 3, level: 'error' });
    expect(line?.message).toBe('Run interrupted: the tab that ran it closed or crashed. Batches committed before that are kept.');
  });

  it('marks the run failed with the reason after a worker restart', async () => {
    const { db, clock, runId } = await setupRunning();
    await recoverInterruptedRuns(db, clock, 'The worker stopped answering for 15 s.');
    const run = await db.runs.get(runId);
    expect(run?.state).toBe('failed');
    expect(run?.errorMessage).toBe('The worker stopped answering for 15 s.');
    expect(await db.meta.get(INTERRUPTED_NOTICE_KEY)).toBeUndefined();
  });

  it('leaves queued and finished runs alone', async () => {
    const db = makeDb();
    const clock = new ManualClock(NOW_MS);
    const connection = makeConnection();
    await db.connections.add(connection);
    const { run } = await queueManualRun(db, connection.id, NOW_MS);
    expect(await recoverInterruptedRuns(db, clock)).toEqual([]);
    expect((await db.runs.get(run.id))?.state).toBe('queued');
  });
});
