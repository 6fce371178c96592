import { describe, expect, it } from 'vitest';
import { RETENTION_POLICY_KEY } from '../../contract/api/settings.ts';
import type { RunlaneDb } from '../../storage/db.ts';
import { makeConnection, makeDb } from '../test-helpers.ts';
import { DAY_MS, pruneConnectionRuns } from './prune-runs.ts';
import { addRun, createSettingsHarness } from './settings-test-helpers.ts';

const NOW_MS = Date.parse('2026-03-05T10:00:00Z');
const HOUR_MS = 3_600_000;

async function runNumbers(db: RunlaneDb, connectionId: string): Promise<number[]> {
  return (await db.runs.where('connectionId').equals(connectionId).toArray()).map((run) => run.number).sort((a, b) => a - b);
}

async function logRunIds(db: RunlaneDb): Promise<number[]> {
  return [...new Set((await db.runLogs.toArray()).map((entry) => entry.runId))].sort((a, b) => a - b);
}

/** Adds runs 1…count, one hour apart, the last one an hour before NOW_MS. */
async function addHourlyRuns(db: RunlaneDb, connectionId: string, count: number): Promise<number[]> {
  const ids: number[] = [];
  for (let number = 1; number <= count; number++) {
    ids.push(await addRun(db, connectionId, { number, queuedAtMs: NOW_MS - (count - number + 1) * HOUR_MS }));
  }
  return ids;
}

describe('pruneConnectionRuns', () => {
  it('keeps the newest runs and removes the rest with their logs', async () => {
    const db = makeDb();
    const connection = makeConnection();
    const ids = await addHourlyRuns(db, connection.id, 12);

    const result = await pruneConnectionRuns(db, { connectionId: connection.id, limits: { maxRuns: 5, maxDays: 365 }, nowMs: NOW_MS, batchSize: 3 });

    expect(result).toEqual({ removedRuns: 7, removedLogLines: 14, removedMissedRuns: 0 });
    expect(await runNumbers(db, connection.id)).toEqual([8, 9, 10, 11, 12]);
    expect(await logRunIds(db)).toEqual(ids.slice(7));
  });

  it('removes runs that ended before the day limit', async () => {
    const db = makeDb();
    const connection = makeConnection();
    await addRun(db, connection.id, { number: 1, queuedAtMs: NOW_MS - 40 * DAY_MS });
    await addRun(db, connection.id, { number: 2, queuedAtMs: NOW_MS - 31 * DAY_MS });
    await addRun(db, connection.id, { number: 3, queuedAtMs: NOW_MS - 29 * DAY_MS });
    await addRun(db, connection.id, { number: 4, queuedAtMs: NOW_MS - DAY_MS });

    const result = await pruneConnectionRuns(db, { connectionId: connection.id, limits: { maxRuns: 1000, maxDays: 30 }, nowMs: NOW_MS });

    expect(result.removedRuns).toBe(2);
    expect(await runNumbers(db, connection.id)).toEqual([3, 4]);
  });

  it('never removes queued or running runs', async () => {
    const db = makeDb();
    const connection = makeConnection();
    await addRun(db, connection.id, { number: 1, queuedAtMs: NOW_MS - 90 * DAY_MS, state: 'running' });
    await addRun(db, connection.id, { number: 2, queuedAtMs: NOW_MS - 80 * DAY_MS, state: 'queued' });
    await addRun(db, connection.id, { number: 3, queuedAtMs: NOW_MS - 70 * DAY_MS, state: 'failed' });
    await addRun(db, connection.id, { number: 4, queuedAtMs: NOW_MS - 60 * DAY_MS, state: 'stopping' });
    await addRun(db, connection.id, { number: 5, queuedAtMs: NOW_MS - HOUR_MS });

    await pruneConnectionRuns(db, { connectionId: connection.id, limits: { maxRuns: 1, maxDays: 1 }, nowMs: NOW_MS });

    expect(await runNumbers(db, connection.id)).toEqual([1, 2, 4, 5]);
  });

  it('leaves other connections alone', async () => {
    const db = makeDb();
    const pruned = makeConnection();
    const other = makeConnection();
    await addHourlyRuns(db, pruned.id, 4);
    await addHourlyRuns(db, other.id, 4);

    await pruneConnectionRuns(db, { connectionId: pruned.id, limits: { maxRuns: 1, maxDays: 365 }, nowMs: NOW_MS });

    expect(await runNumbers(db, pruned.id)).toEqual([4]);
    expect(await runNumbers(db, other.id)).toEqual([1, 2, 3, 4]);
  });

  it('removes export files and old missed runs with the runs', async () => {
    const db = makeDb();
    const connection = makeConnection();
    const [oldId, newId] = [await addRun(db, connection.id, { number: 1, queuedAtMs: NOW_MS - 3 * DAY_MS }), await addRun(db, connection.id, { number: 2, queuedAtMs: NOW_MS })];
    for (const runId of [oldId, newId] as number[]) {
      await db.exportFiles.add({ connectionId: connection.id, runId, fileName: `run-${runId}.csv`, type: 'text/csv', createdAtMs: NOW_MS, blob: new Blob(['a,b\n']) });
    }
    await db.missedRuns.add({ connectionId: connection.id, noticedAtMs: NOW_MS - 5 * DAY_MS, count: 2, dueAtMs: [], catchUpRunId: null });
    await db.missedRuns.add({ connectionId: connection.id, noticedAtMs: NOW_MS - HOUR_MS, count: 1, dueAtMs: [], catchUpRunId: null });

    const result = await pruneConnectionRuns(db, { connectionId: connection.id, limits: { maxRuns: 10, maxDays: 2 }, nowMs: NOW_MS });

    expect(result).toEqual({ removedRuns: 1, removedLogLines: 2, removedMissedRuns: 1 });
    expect((await db.exportFiles.toArray()).map((file) => file.runId)).toEqual([newId]);
    expect(await db.missedRuns.count()).toBe(1);
  });
});

describe('run history pruning in the worker', () => {
  it('prunes the connection of a run that ended', async () => {
    const harness = createSettingsHarness(NOW_MS);
    const connection = makeConnection();
    await harness.db.connections.add(connection);
    await harness.db.meta.put({ key: RETENTION_POLICY_KEY, value: { defaults: { maxRuns: 3, maxDays: 365 }, byConnection: {} } });
    await addHourlyRuns(harness.db, connection.id, 5);
    const ended = await harness.db.runs.where('[connectionId+number]').equals([connection.id, 5]).first();

    for (const listener of harness.runEndedListeners) await listener(ended!, harness.state);

    expect(await runNumbers(harness.db, connection.id)).toEqual([3, 4, 5]);
  });

  it('prunes every connection when it starts to lead', async () => {
    const harness = createSettingsHarness(NOW_MS);
    const first = makeConnection();
    const second = makeConnection();
    await harness.db.connections.bulkAdd([first, second]);
    await harness.db.meta.put({ key: RETENTION_POLICY_KEY, value: { defaults: { maxRuns: 10, maxDays: 365 }, byConnection: {} } });
    await addHourlyRuns(harness.db, first.id, 25);
    await addHourlyRuns(harness.db, second.id, 3);

    for (const listener of harness.leadListeners) await listener(harness.state);

    expect(await runNumbers(harness.db, first.id)).toEqual([16, 17, 18, 19, 20, 21, 22, 23, 24, 25]);
    expect(await runNumbers(harness.db, second.id)).toEqual([1, 2, 3]);
  });

  it('applies a connection\'s own limits over the defaults', async () => {
    const harness = createSettingsHarness(NOW_MS);
    const own = makeConnection();
    const other = makeConnection();
    await harness.db.connections.bulkAdd([own, other]);
    await addHourlyRuns(harness.db, own.id, 6);
    await addHourlyRuns(harness.db, other.id, 6);

    await harness.api.saveRetentionDefaults({ limits: { maxRuns: 4, maxDays: 365 } });
    const result = await harness.api.saveConnectionRetention({ connectionId: own.id, limits: { maxRuns: 2, maxDays: 365 } });

    expect(result.removedRuns).toBe(2);
    expect(await runNumbers(harness.db, own.id)).toEqual([5, 6]);
    expect(await runNumbers(harness.db, other.id)).toEqual([3, 4, 5, 6]);
  });

  it('rejects limits out of range and keeps the stored ones', async () => {
    const harness = createSettingsHarness(NOW_MS);

    await expect(harness.api.saveRetentionDefaults({ limits: { maxRuns: 0, maxDays: 30 } })).rejects.toThrow('Runs to keep is 0: enter a whole number from 1 to 1000000.');
    await expect(harness.api.saveRetentionDefaults({ limits: { maxRuns: 10, maxDays: 2.5 } })).rejects.toThrow('Days to keep is 2.5: enter a whole number from 1 to 36500.');
    expect(await harness.db.meta.get(RETENTION_POLICY_KEY)).toBeUndefined();
  });

  it('forgets the limits of deleted connections', async () => {
    const harness = createSettingsHarness(NOW_MS);
    const kept = makeConnection();
    await harness.db.connections.add(kept);
    await harness.db.meta.put({
      key: RETENTION_POLICY_KEY,
      value: { defaults: { maxRuns: 10, maxDays: 10 }, byConnection: { [kept.id]: { maxRuns: 5, maxDays: 5 }, deleted: { maxRuns: 1, maxDays: 1 } } },
    });

    await harness.api.pruneRunHistory();

    expect((await harness.db.meta.get(RETENTION_POLICY_KEY))?.value).toEqual({
      defaults: { maxRuns: 10, maxDays: 10 },
      byConnection: { [kept.id]: { maxRuns: 5, maxDays: 5 } },
    });
  });
});
