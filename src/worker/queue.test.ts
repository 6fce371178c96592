import { describe, expect, it } from 'vitest';
import { cancelQueuedRun, loadQueue, queueManualRun, queueScheduledRun } from './queue.ts';
import { makeConnection, makeDb } from './test-helpers.ts';

const NOW_MS = Date.parse('2026-03-05T10:00:00Z');

async function setup(count: number, enabled = true) {
  const db = makeDb();
  const connections = Array.from({ length: count }, (_, i) => makeConnection({ name: `C${i + 1}`, enabled }));
  await db.connections.bulkAdd(connections);
  return { db, ids: connections.map((c) => c.id) };
}

describe('queue', () => {
  it('orders scheduled runs by due time', async () => {
    const { db, ids } = await setup(2);
    await queueScheduledRun(db, ids[0]!, 'schedule', NOW_MS - 1000, NOW_MS);
    await queueScheduledRun(db, ids[1]!, 'schedule', NOW_MS - 5000, NOW_MS);
    expect((await loadQueue(db)).map((run) => run.connectionId)).toEqual([ids[1], ids[0]]);
  });

  it('puts Run now at the head of the queue', async () => {
    const { db, ids } = await setup(3);
    await queueScheduledRun(db, ids[0]!, 'schedule', NOW_MS - 1000, NOW_MS);
    await queueScheduledRun(db, ids[1]!, 'schedule', NOW_MS - 900, NOW_MS);
    const result = await queueManualRun(db, ids[2]!, NOW_MS + 10);
    expect(result.kind).toBe('queued');
    expect(result.position).toBe(1);
    expect((await loadQueue(db)).map((run) => run.connectionId)).toEqual([ids[2], ids[0], ids[1]]);
  });

  it('moves an already queued run to the head on Run now', async () => {
    const { db, ids } = await setup(2);
    await queueScheduledRun(db, ids[0]!, 'schedule', NOW_MS - 1000, NOW_MS);
    const queued = await queueScheduledRun(db, ids[1]!, 'schedule', NOW_MS - 900, NOW_MS);
    const result = await queueManualRun(db, ids[1]!, NOW_MS + 10);
    expect(result.kind).toBe('moved-to-head');
    expect(result.run.id).toBe(queued?.run.id);
    expect(result.position).toBe(1);
    expect(await db.runs.count()).toBe(2);
  });

  it('queues one follow-up run for a running connection', async () => {
    const { db, ids } = await setup(1);
    const first = await queueManualRun(db, ids[0]!, NOW_MS);
    await db.runs.update(first.run.id, { state: 'running' });
    const second = await queueManualRun(db, ids[0]!, NOW_MS + 1);
    expect(second.kind).toBe('follow-up-queued');
    const third = await queueManualRun(db, ids[0]!, NOW_MS + 2);
    expect(third.kind).toBe('moved-to-head');
    expect(third.run.id).toBe(second.run.id);
  });

  it('runs now while the connection is OFF', async () => {
    const { db, ids } = await setup(1, false);
    const result = await queueManualRun(db, ids[0]!, NOW_MS);
    expect(result.kind).toBe('queued');
    expect(result.run.number).toBe(1);
  });

  it('numbers runs per connection from 1', async () => {
    const { db, ids } = await setup(2);
    const a1 = await queueManualRun(db, ids[0]!, NOW_MS);
    await db.runs.update(a1.run.id, { state: 'finished' });
    const a2 = await queueManualRun(db, ids[0]!, NOW_MS + 1);
    const b1 = await queueManualRun(db, ids[1]!, NOW_MS + 2);
    expect([a1.run.number, a2.run.number, b1.run.number]).toEqual([1, 2, 1]);
  });

  it('merges a tick into a running run', async () => {
    const { db, ids } = await setup(1);
    const first = await queueScheduledRun(db, ids[0]!, 'schedule', NOW_MS, NOW_MS);
    await db.runs.update(first!.run.id, { state: 'running' });
    const tick = await queueScheduledRun(db, ids[0]!, 'schedule', NOW_MS + 60_000, NOW_MS + 60_000);
    expect(tick?.kind).toBe('merged');
    expect((await db.runs.get(first!.run.id))?.mergedDueAtMs).toEqual([NOW_MS + 60_000]);
  });

  it('cancels a queued run only', async () => {
    const { db, ids } = await setup(1);
    const { run } = await queueManualRun(db, ids[0]!, NOW_MS);
    expect(await cancelQueuedRun(db, run.id, NOW_MS + 5)).toBe(true);
    expect(await cancelQueuedRun(db, run.id, NOW_MS + 6)).toBe(false);
    expect((await db.runs.get(run.id))?.state).toBe('cancelled');
  });
});
