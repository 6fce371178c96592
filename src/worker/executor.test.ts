import { describe, expect, it } from 'vitest';
import { AppError } from '../contract/errors.ts';
import type { Connection } from '../contract/model.ts';
import type { RunlaneDb } from '../storage/db.ts';
import { Executor, RETRY_WAITS_MS, STOP_GRACE_MS } from './executor.ts';
import { queueManualRun, queueScheduledRun, requestStop } from './queue.ts';
import { ManualClock, createControlledConnector, makeConnection, makeDb, settle } from './test-helpers.ts';

const START_MS = Date.parse('2026-03-05T10:00:00Z');

async function setup(connections: Partial<Connection>[] = [{}]) {
  const db = makeDb();
  const clock = new ManualClock(START_MS);
  const stored = connections.map((overrides) => makeConnection(overrides));
  await db.connections.bulkAdd(stored);
  const controlled = createControlledConnector();
  const executor = new Executor({ db, clock, resolveConnector: () => controlled.connector });
  return { db, clock, connections: stored, executor, ...controlled };
}

async function runState(db: RunlaneDb, runId: number) {
  return (await db.runs.get(runId))?.state;
}

describe('Executor', () => {
  it('finishes a run and records its start, end and log', async () => {
    const { db, clock, connections, executor, whenStarted } = await setup();
    const { run } = await queueManualRun(db, connections[0]!.id, clock.nowMs());
    const done = executor.execute(run.id);
    const controlled = await whenStarted(1);
    expect(await runState(db, run.id)).toBe('running');
    clock.advance(90_000);
    controlled.finish();
    const ended = await done;
    expect(ended?.state).toBe('finished');
    expect(ended?.startedAtMs).toBe(START_MS);
    expect(ended?.endedAtMs).toBe(START_MS + 90_000);
    const log = await db.runLogs.where('[runId+seq]').between([run.id, 0], [run.id, Infinity]).toArray();
    expect(log[0]?.message).toBe('Run #1 of "Nightly CRM import" started (trigger: manual; waited 0 s in the queue).');
    expect(log.at(-1)?.message).toBe('Checked 0, Added 0, Updated 0, Unchanged 0, Skipped 0, Failed 0, Blocked by consent 0.');
  });

  it('runs queued runs one at a time in queue order', async () => {
    const { db, clock, connections, executor, whenStarted } = await setup([{ name: 'A' }, { name: 'B' }, { name: 'C' }]);
    const [a, b, c] = connections as [Connection, Connection, Connection];
    await db.connections.bulkUpdate([a, b, c].map((connection) => ({ key: connection.id, changes: { enabled: true } })));
    await queueScheduledRun(db, b.id, 'schedule', START_MS - 1000, clock.nowMs());
    await queueScheduledRun(db, a.id, 'schedule', START_MS - 2000, clock.nowMs());
    await queueManualRun(db, c.id, clock.nowMs());
    const stop = new AbortController();
    void executor.loop(stop.signal);
    const first = await whenStarted(1);
    expect(first.context.connection.name).toBe('C');
    await settle();
    expect(await db.runs.where('state').equals('running').count()).toBe(1);
    first.finish();
    const second = await whenStarted(2);
    expect(second.context.connection.name).toBe('A');
    second.finish();
    const third = await whenStarted(3);
    expect(third.context.connection.name).toBe('B');
    third.finish();
    await settle();
    stop.abort();
    executor.wake();
  });

  it('stops a run through its signal and keeps its counters', async () => {
    const { db, clock, connections, executor, whenStarted } = await setup();
    const { run } = await queueManualRun(db, connections[0]!.id, clock.nowMs());
    const done = executor.execute(run.id);
    const controlled = await whenStarted(1);
    await db.runs.update(run.id, { counters: { checked: 500, added: 500, updated: 0, unchanged: 0, skipped: 0, failed: 0, blocked: 0 } });
    controlled.context.signal.addEventListener('abort', () => controlled.fail(controlled.context.signal.reason));
    await requestStop(db, run.id, clock.nowMs());
    executor.wake();
    const ended = await done;
    expect(ended?.state).toBe('stopped');
    expect(ended?.counters.added).toBe(500);
    expect(ended?.summary).toBe('Stopped on request.');
  });

  it('ends a run whose connector ignores the stop after the grace period', async () => {
    const { db, clock, connections, executor, whenStarted } = await setup();
    const { run } = await queueManualRun(db, connections[0]!.id, clock.nowMs());
    const done = executor.execute(run.id);
    const controlled = await whenStarted(1);
    await requestStop(db, run.id, clock.nowMs());
    executor.wake();
    await settle();
    expect(await runState(db, run.id)).toBe('stopping');
    clock.advance(STOP_GRACE_MS);
    const ended = await done;
    expect(ended?.state).toBe('stopped');
    await expect(controlled.context.assertLive()).rejects.toThrow('no longer live');
  });

  it('ends as stopped when a batch sees the stop request first', async () => {
    const { db, clock, connections, executor, whenStarted } = await setup();
    const { run } = await queueManualRun(db, connections[0]!.id, clock.nowMs());
    const done = executor.execute(run.id);
    const controlled = await whenStarted(1);
    await requestStop(db, run.id, clock.nowMs());
    // The executor was not woken: the connector's next batch finds the request.
    await controlled.context.assertLive().catch((error: unknown) => controlled.fail(error));
    const ended = await done;
    expect(ended?.state).toBe('stopped');
  });

  it('fails a run that passes its time limit', async () => {
    const { db, clock, connections, executor, whenStarted } = await setup([{ timeLimitMs: 60 * 60_000 }]);
    const { run } = await queueManualRun(db, connections[0]!.id, clock.nowMs());
    const done = executor.execute(run.id);
    const controlled = await whenStarted(1);
    controlled.context.signal.addEventListener('abort', () => controlled.fail(new Error('aborted')));
    clock.advance(60 * 60_000);
    const ended = await done;
    expect(ended?.state).toBe('failed');
    expect(ended?.errorMessage).toBe('Timed out after 1 h');
  });

  it('retries a transient failure and numbers the attempts', async () => {
    const { db, clock, connections, executor, whenStarted } = await setup([{ maxRetries: 2 }]);
    const { run } = await queueManualRun(db, connections[0]!.id, clock.nowMs());
    const done = executor.execute(run.id);
    (await whenStarted(1)).fail(new AppError('network-unreachable', 'The host could not be reached.'));
    await settle();
    expect((await db.runs.get(run.id))?.attempt).toBe(1);
    clock.advance(RETRY_WAITS_MS[0]!);
    const second = await whenStarted(2);
    expect(second.context.run.attempt).toBe(2);
    expect((await db.runs.get(run.id))?.attempt).toBe(2);
    second.finish();
    const ended = await done;
    expect(ended?.state).toBe('finished');
    const messages = (await db.runLogs.toArray()).map((entry) => entry.message);
    expect(messages).toContain('Attempt 1 failed: The host could not be reached. Retrying in 30 s.');
  });

  it('does not retry a configuration failure', async () => {
    const { db, clock, connections, executor, whenStarted } = await setup([{ maxRetries: 2 }]);
    const { run } = await queueManualRun(db, connections[0]!.id, clock.nowMs());
    const done = executor.execute(run.id);
    (await whenStarted(1)).fail(new AppError('mapping-no-identifier', 'The mapping has no identifier column.'));
    const ended = await done;
    expect(ended?.state).toBe('failed');
    expect(ended?.attempt).toBe(1);
    expect(ended?.summary).toBe('The mapping has no identifier column.');
  });

  it('gives up after the set number of retries', async () => {
    const { db, clock, connections, executor, whenStarted } = await setup([{ maxRetries: 1 }]);
    const { run } = await queueManualRun(db, connections[0]!.id, clock.nowMs());
    const done = executor.execute(run.id);
    (await whenStarted(1)).fail(new AppError('remote-server-error', 'HTTP 503 from the server.'));
    await settle();
    clock.advance(RETRY_WAITS_MS[0]!);
    (await whenStarted(2)).fail(new AppError('remote-server-error', 'HTTP 503 from the server.'));
    const ended = await done;
    expect(ended?.state).toBe('failed');
    expect(ended?.attempt).toBe(2);
    expect(ended?.errorMessage).toBe('HTTP 503 from the server.');
  });

  it('marks a run finished with warnings when rows failed', async () => {
    const { db, clock, connections, executor, whenStarted } = await setup();
    const { run } = await queueManualRun(db, connections[0]!.id, clock.nowMs());
    const done = executor.execute(run.id);
    const controlled = await whenStarted(1);
    await db.runs.update(run.id, { counters: { checked: 10, added: 8, updated: 0, unchanged: 0, skipped: 0, failed: 2, blocked: 0 } });
    controlled.finish();
    const ended = await done;
    expect(ended?.state).toBe('finished');
    expect(ended?.warningCount).toBe(1);
    expect(ended?.summary).toBe('Finished with warnings: 2 rows failed.');
  });

  it('groups the digits of a large failed count', async () => {
    const { db, clock, connections, executor, whenStarted } = await setup();
    const { run } = await queueManualRun(db, connections[0]!.id, clock.nowMs());
    const done = executor.execute(run.id);
    const controlled = await whenStarted(1);
    await db.runs.update(run.id, { counters: { checked: 160_000, added: 100_000, updated: 0, unchanged: 0, skipped: 0, failed: 60_000, blocked: 0 } });
    controlled.finish();
    const ended = await done;
    expect(ended?.summary).toBe(`Finished with warnings: ${new Intl.NumberFormat().format(60_000)} rows failed.`);
    expect(ended?.summary).not.toContain('60000');
  });

  it('uses the settings snapshot taken at start', async () => {
    const { db, clock, connections, executor, whenStarted } = await setup();
    const { run } = await queueManualRun(db, connections[0]!.id, clock.nowMs());
    const done = executor.execute(run.id);
    const controlled = await whenStarted(1);
    await db.connections.update(connections[0]!.id, { name: 'Renamed' });
    expect(controlled.context.connection.name).toBe('Nightly CRM import');
    controlled.finish();
    await done;
  });

  it('waits for the network while the browser is offline', async () => {
    const { db, clock, connections } = await setup();
    let goOnline: () => void = () => undefined;
    const network = {
      isOnline: () => false,
      waitForOnline: () => new Promise<void>((resolve) => (goOnline = resolve)),
    };
    const created = createControlledConnector();
    const executor = new Executor({ db, clock, resolveConnector: () => created.connector, network });
    const { run } = await queueManualRun(db, connections[0]!.id, clock.nowMs());
    const done = executor.execute(run.id);
    (await created.whenStarted(1)).fail(new AppError('offline', 'The browser is offline.'));
    await expect.poll(async () => (await db.runs.get(run.id))?.waitingForNetwork).toBe(true);
    goOnline();
    const second = await created.whenStarted(2);
    expect(second.context.run.attempt).toBe(1);
    second.finish();
    const ended = await done;
    expect(ended?.state).toBe('finished');
    expect(ended?.waitingForNetwork).toBe(false);
  });

  it('keeps going after a connector throws a bug', async () => {
    const { db, clock, connections, executor, whenStarted } = await setup([{ name: 'A' }, { name: 'B' }]);
    await queueManualRun(db, connections[0]!.id, clock.nowMs());
    clock.advance(1);
    await queueManualRun(db, connections[1]!.id, clock.nowMs());
    const stop = new AbortController();
    void executor.loop(stop.signal);
    (await whenStarted(1)).fail(new TypeError('x is undefined'));
    const second = await whenStarted(2);
    expect(second.context.connection.name).toBe('B');
    second.finish();
    await settle();
    const states = (await db.runs.orderBy('id').toArray()).map((run) => run.state);
    expect(states).toEqual(['failed', 'finished']);
    stop.abort();
    executor.wake();
  });
});
