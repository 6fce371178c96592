import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import type { Run } from '../../contract/model.ts';
import { emptyCounters } from '../../domain/counters.ts';
import { RunlaneDb } from '../../storage/db.ts';
import { loadHistoryLayout, loadRunByNumber, loadRecentEndedRuns, loadRunWindow } from './history-queries.ts';

const HOUR_MS = 3_600_000;
const databases: RunlaneDb[] = [];

function makeRun(connectionId: string, number: number, overrides: Partial<Run> = {}): Omit<Run, 'id'> {
  const startedAtMs = number * HOUR_MS;
  return {
    connectionId,
    number,
    trigger: 'schedule',
    state: 'finished',
    priority: 1,
    queuedAtMs: startedAtMs,
    promotedAtMs: null,
    dueAtMs: startedAtMs,
    startedAtMs,
    endedAtMs: startedAtMs + 60_000,
    stopRequestedAtMs: null,
    attempt: 1,
    waitingForNetwork: false,
    counters: emptyCounters(),
    warningCount: 0,
    errorMessage: null,
    summary: 'Finished.',
    mergedDueAtMs: [],
    logCount: 0,
    ...overrides,
  };
}

async function makeDb(runNumbers: number[]): Promise<RunlaneDb> {
  const db = new RunlaneDb(`history-${crypto.randomUUID()}`);
  databases.push(db);
  await db.runs.bulkAdd(runNumbers.map((number) => makeRun('a', number)) as Run[]);
  await db.runs.bulkAdd([makeRun('b', 1), makeRun('b', 2)] as Run[]);
  return db;
}

afterEach(async () => {
  for (const db of databases.splice(0)) await db.delete();
});

describe('loadHistoryLayout', () => {
  it('counts the runs and sees contiguous numbers', async () => {
    const db = await makeDb([1, 2, 3, 4, 5]);
    expect(await loadHistoryLayout(db, 'a')).toEqual({ runCount: 5, maxNumber: 5, isContiguous: true, missedSlots: [] });
  });

  it('places a missed entry after the runs queued later', async () => {
    const db = await makeDb([1, 2, 3, 4, 5]);
    // Noticed between the queueing of run 3 and run 4: runs 4 and 5 come before it in the list.
    await db.missedRuns.add({ connectionId: 'a', noticedAtMs: 3.5 * HOUR_MS, count: 2, dueAtMs: [2.2 * HOUR_MS, 2.7 * HOUR_MS], catchUpRunId: null });
    const layout = await loadHistoryLayout(db, 'a');
    expect(layout.missedSlots.map((slot) => slot.runsBefore)).toEqual([2]);
  });

  it('places a missed entry older than every run at the end', async () => {
    const db = await makeDb([1, 2, 3]);
    await db.missedRuns.add({ connectionId: 'a', noticedAtMs: 0, count: 1, dueAtMs: [0], catchUpRunId: null });
    const layout = await loadHistoryLayout(db, 'a');
    expect(layout.missedSlots.map((slot) => slot.runsBefore)).toEqual([3]);
  });

  it('notices gaps in the run numbers', async () => {
    const db = await makeDb([1, 2, 5]);
    const layout = await loadHistoryLayout(db, 'a');
    expect(layout.isContiguous).toBe(false);
    expect(layout.maxNumber).toBe(5);
  });
});

describe('loadRunWindow', () => {
  it('reads a window by number range, newest first', async () => {
    const db = await makeDb(Array.from({ length: 300 }, (_, i) => i + 1));
    const runs = await loadRunWindow(db, { connectionId: 'a', from: 100, to: 150, maxNumber: 300, isContiguous: true });
    expect(runs.map((run) => run.number)).toEqual(Array.from({ length: 50 }, (_, i) => 200 - i));
  });

  it('reads a window by position when numbers have gaps', async () => {
    const db = await makeDb([1, 2, 5, 6, 9]);
    const runs = await loadRunWindow(db, { connectionId: 'a', from: 1, to: 3, maxNumber: 9, isContiguous: false });
    expect(runs.map((run) => run.number)).toEqual([6, 5]);
  });
});

describe('single runs', () => {
  it('finds a run by its number', async () => {
    const db = await makeDb([1, 2, 3]);
    expect((await loadRunByNumber(db, 'a', 2))?.startedAtMs).toBe(2 * HOUR_MS);
    expect(await loadRunByNumber(db, 'a', 4)).toBeUndefined();
  });

  it('lists the newest ended runs and skips open ones', async () => {
    const db = await makeDb([1, 2, 3]);
    await db.runs.add(makeRun('a', 4, { state: 'running', endedAtMs: null }) as Run);
    const runs = await loadRecentEndedRuns(db, 'a', 2);
    expect(runs.map((run) => run.number)).toEqual([3, 2]);
  });
});
