import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { summariseStart, waitForSchedulerPass } from './start-summary.ts';
import { addConnection, addEndedRun, makeDeps, START_MS } from './test-support.ts';

describe('summariseStart', () => {
  it('makes one notification per connection for interrupted and missed runs', async () => {
    const deps = makeDeps();
    const connection = await addConnection(deps, { when: 'failures', emails: ['ops@example.com'] });
    const quiet = await addConnection(deps, { when: 'never' }, { name: 'Quiet import' });
    await addEndedRun(deps, connection, { number: 4, state: 'interrupted', startedAtMs: START_MS - 60_000, endedAtMs: START_MS });
    await addEndedRun(deps, connection, { number: 5, state: 'interrupted', startedAtMs: START_MS - 30_000, endedAtMs: START_MS });
    await addEndedRun(deps, quiet, { number: 1, state: 'interrupted', startedAtMs: START_MS - 30_000, endedAtMs: START_MS });
    await deps.db.missedRuns.add({ connectionId: connection.id, noticedAtMs: START_MS, count: 3, dueAtMs: [START_MS - 3 * 3_600_000, START_MS - 2 * 3_600_000, START_MS - 3_600_000], catchUpRunId: 9 });

    const ids = await summariseStart(deps, { leadStartMs: START_MS, restartReason: null });

    expect(ids).toHaveLength(1);
    const record = await deps.db.notifications.get(ids[0] ?? -1);
    expect(record?.kind).toBe('start-summary');
    expect(record?.subject).toBe('✖ Nightly CRM import — found at start: 2 runs interrupted, 3 runs missed');
    expect(record?.runIds).toHaveLength(2);
    expect(record?.email?.recipients).toEqual(['ops@example.com']);
  });

  it('does not tell the same runs at the next start', async () => {
    const deps = makeDeps();
    const connection = await addConnection(deps, { when: 'every-run' });
    await addEndedRun(deps, connection, { number: 1, state: 'interrupted', endedAtMs: START_MS });
    await deps.db.missedRuns.add({ connectionId: connection.id, noticedAtMs: START_MS, count: 1, dueAtMs: [START_MS - 3_600_000], catchUpRunId: null });
    expect(await summariseStart(deps, { leadStartMs: START_MS, restartReason: null })).toHaveLength(1);
    expect(await summariseStart(deps, { leadStartMs: START_MS, restartReason: null })).toHaveLength(0);
  });

  it('leaves out runs that ended before this start', async () => {
    const deps = makeDeps();
    const connection = await addConnection(deps, { when: 'every-run' });
    await addEndedRun(deps, connection, { number: 1, state: 'interrupted', endedAtMs: START_MS - 1 });
    expect(await summariseStart(deps, { leadStartMs: START_MS, restartReason: null })).toHaveLength(0);
  });

  it('tells a run failed by a worker restart as a failed run', async () => {
    const deps = makeDeps();
    const connection = await addConnection(deps, { when: 'failures' });
    const reason = 'The worker stopped answering for 15 s and was restarted.';
    await addEndedRun(deps, connection, { number: 2, state: 'failed', errorMessage: reason, endedAtMs: START_MS });
    const ids = await summariseStart(deps, { leadStartMs: START_MS, restartReason: reason });
    const record = await deps.db.notifications.get(ids[0] ?? -1);
    expect(record?.kind).toBe('run');
    expect(record?.subject).toBe('✖ Nightly CRM import — run #2 failed');
  });
});

describe('waitForSchedulerPass', () => {
  it('waits until the mark of a connection that is ON passes the start', async () => {
    const deps = makeDeps();
    const schedule = { kind: 'timesPerDay' as const, timesPerDay: 24, anchorTime: '00:00', timeZone: 'UTC' };
    const connection = await addConnection(deps, {}, { enabled: true, schedule, scheduleMarkMs: START_MS - 3 * 3_600_000 });
    let passed = false;
    const waiting = waitForSchedulerPass(deps.db, START_MS).then(() => (passed = true));
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(passed).toBe(false);
    await deps.db.connections.update(connection.id, { scheduleMarkMs: START_MS });
    await waiting;
    expect(passed).toBe(true);
  });

  it('does not wait when no due time passed since the mark', async () => {
    const deps = makeDeps();
    const schedule = { kind: 'timesPerDay' as const, timesPerDay: 1, anchorTime: '23:00', timeZone: 'UTC' };
    await addConnection(deps, {}, { enabled: true, schedule, scheduleMarkMs: START_MS - 60_000 });
    await waitForSchedulerPass(deps.db, START_MS);
  });
});
