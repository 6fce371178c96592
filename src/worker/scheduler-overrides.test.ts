import { describe, expect, it } from 'vitest';
import type { Schedule } from '../domain/schedule.ts';
import { Scheduler } from './scheduler.ts';
import { loadQueue } from './queue.ts';
import { ManualClock, makeConnection, makeDb } from './test-helpers.ts';
import { leaveOutRun, postponeRun } from './timeline/overrides.ts';

// 2026-03-05 is a Thursday; Europe/Amsterdam is UTC+1 then, so the 17:00 slot is 16:00Z.
const START_MS = Date.parse('2026-03-05T10:00:00Z');
const EVERY_6_H: Schedule = { kind: 'timesPerDay', timesPerDay: 4, anchorTime: '11:00', timeZone: 'Europe/Amsterdam' };
const DUE_16 = Date.parse('2026-03-05T16:00:00Z');
const DUE_22 = Date.parse('2026-03-05T22:00:00Z');

async function setup(overrides: Parameters<typeof makeConnection>[0] = {}) {
  const db = makeDb();
  const clock = new ManualClock(START_MS);
  const connection = makeConnection({ schedule: EVERY_6_H, enabled: true, scheduleMarkMs: START_MS, ...overrides });
  await db.connections.add(connection);
  const scheduler = new Scheduler({ db, clock });
  return { db, clock, connection, scheduler };
}

describe('Scheduler with overrides', () => {
  it('queues nothing for a left-out due time and records it', async () => {
    const { db, clock, connection, scheduler } = await setup();
    await leaveOutRun({ db, clock }, { connectionId: connection.id, dueAtMs: DUE_16 });
    clock.setNow(DUE_16);
    expect(await scheduler.tick()).toBe(DUE_22);
    expect(await db.runs.count()).toBe(0);
    const override = await db.overrides.get([connection.id, DUE_16]);
    expect(override?.handledAtMs).toBe(DUE_16);
    expect(override?.outcome).toBe('left-out');
    expect(await db.missedRuns.count()).toBe(0);
  });

  it('runs the due time after a left-out one', async () => {
    const { db, clock, connection, scheduler } = await setup();
    await leaveOutRun({ db, clock }, { connectionId: connection.id, dueAtMs: DUE_16 });
    clock.setNow(DUE_16);
    await scheduler.tick();
    clock.setNow(DUE_22);
    await scheduler.tick();
    const queue = await loadQueue(db);
    expect(queue.map((run) => run.dueAtMs)).toEqual([DUE_22]);
  });

  it('queues a postponed due time at its new instant', async () => {
    const { db, clock, connection, scheduler } = await setup();
    const postponedToMs = Date.parse('2026-03-05T18:30:00Z');
    await postponeRun({ db, clock }, { connectionId: connection.id, dueAtMs: DUE_16, postponedToMs });
    clock.setNow(DUE_16);
    // Nothing is queued at the due time; the scheduler wakes again at the postponed instant.
    expect(await scheduler.tick()).toBe(postponedToMs);
    expect(await db.runs.count()).toBe(0);
    clock.setNow(postponedToMs);
    expect(await scheduler.tick()).toBe(DUE_22);
    const queue = await loadQueue(db);
    expect(queue).toHaveLength(1);
    expect(queue[0]?.trigger).toBe('schedule');
    expect(queue[0]?.dueAtMs).toBe(postponedToMs);
    const override = await db.overrides.get([connection.id, DUE_16]);
    expect(override?.outcome).toBe('queued');
    expect(override?.runId).toBe(queue[0]?.id);
    expect(override?.handledAtMs).toBe(postponedToMs);
  });

  it('postpones past the next due time', async () => {
    const { db, clock, connection, scheduler } = await setup();
    const postponedToMs = Date.parse('2026-03-05T23:00:00Z');
    await postponeRun({ db, clock }, { connectionId: connection.id, dueAtMs: DUE_16, postponedToMs });
    clock.setNow(DUE_16);
    expect(await scheduler.tick()).toBe(DUE_22);
    clock.setNow(DUE_22);
    expect(await scheduler.tick()).toBe(postponedToMs);
    clock.setNow(postponedToMs);
    await scheduler.tick();
    // The 22:00 run is still queued at 23:00, so the postponed run merges into it.
    const runs = await db.runs.toArray();
    expect(runs).toHaveLength(1);
    expect(runs[0]?.mergedDueAtMs).toEqual([postponedToMs]);
    expect((await db.overrides.get([connection.id, DUE_16]))?.outcome).toBe('merged');
  });

  it('counts a postponed instant noticed late as missed', async () => {
    const { db, clock, connection, scheduler } = await setup({ catchUp: 'skip' });
    const postponedToMs = Date.parse('2026-03-05T18:30:00Z');
    await postponeRun({ db, clock }, { connectionId: connection.id, dueAtMs: DUE_16, postponedToMs });
    clock.setNow(DUE_16);
    await scheduler.tick();
    // The device slept from 18:00 to 19:00.
    clock.setNow(Date.parse('2026-03-05T19:00:00Z'));
    await scheduler.tick();
    expect(await db.runs.count()).toBe(0);
    const missed = await db.missedRuns.toArray();
    expect(missed.map((entry) => entry.dueAtMs)).toEqual([[postponedToMs]]);
    expect((await db.overrides.get([connection.id, DUE_16]))?.outcome).toBe('missed');
  });

  it('records a left-out due time that passed while closed', async () => {
    const { db, clock, connection, scheduler } = await setup({ catchUp: 'skip' });
    await leaveOutRun({ db, clock }, { connectionId: connection.id, dueAtMs: DUE_16 });
    // The app was closed from before 16:00Z to the next morning: 16:00Z was left out, 22:00Z and 04:00Z missed.
    clock.setNow(Date.parse('2026-03-06T05:00:00Z'));
    await scheduler.tick();
    expect((await db.overrides.get([connection.id, DUE_16]))?.outcome).toBe('left-out');
    const missed = await db.missedRuns.toArray();
    expect(missed[0]?.count).toBe(2);
    expect(missed[0]?.dueAtMs).toEqual([DUE_22, Date.parse('2026-03-06T04:00:00Z')]);
  });

  it('ignores a postponed instant that fell while the connection was OFF', async () => {
    const { db, clock, connection, scheduler } = await setup();
    const postponedToMs = Date.parse('2026-03-05T18:30:00Z');
    await postponeRun({ db, clock }, { connectionId: connection.id, dueAtMs: DUE_16, postponedToMs });
    // Switched ON again at 19:00: the mark moves to 19:00, so nothing before it runs.
    await db.connections.update(connection.id, { scheduleMarkMs: Date.parse('2026-03-05T19:00:00Z') });
    clock.setNow(Date.parse('2026-03-05T19:01:00Z'));
    expect(await scheduler.tick()).toBe(DUE_22);
    expect(await db.runs.count()).toBe(0);
    expect(await db.missedRuns.count()).toBe(0);
  });

  it('wakes the loop at a postponed instant', async () => {
    const { db, clock, connection, scheduler } = await setup();
    const postponedToMs = Date.parse('2026-03-05T18:30:00Z');
    await postponeRun({ db, clock }, { connectionId: connection.id, dueAtMs: DUE_16, postponedToMs });
    const stop = new AbortController();
    void scheduler.loop(stop.signal);
    clock.setNow(DUE_16);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await db.runs.count()).toBe(0);
    clock.setNow(postponedToMs);
    await expect.poll(() => db.runs.count()).toBe(1);
    stop.abort();
  });
});
