import { describe, expect, it } from 'vitest';
import type { Schedule } from '../domain/schedule.ts';
import { Scheduler } from './scheduler.ts';
import { setConnectionEnabled, saveSchedule } from './connections.ts';
import { loadQueue, queueScheduledRun } from './queue.ts';
import { ManualClock, makeConnection, makeDb } from './test-helpers.ts';

// 2026-03-05 is a Thursday; Europe/Amsterdam is UTC+1 then, so 11:00 local is 10:00Z.
const START_MS = Date.parse('2026-03-05T10:00:00Z');
const EVERY_6_H: Schedule = { kind: 'timesPerDay', timesPerDay: 4, anchorTime: '11:00', timeZone: 'Europe/Amsterdam' };

async function setup(overrides: Parameters<typeof makeConnection>[0] = {}) {
  const db = makeDb();
  const clock = new ManualClock(START_MS);
  const connection = makeConnection({ schedule: EVERY_6_H, enabled: true, scheduleMarkMs: START_MS, ...overrides });
  await db.connections.add(connection);
  const scheduler = new Scheduler({ db, clock });
  return { db, clock, connection, scheduler };
}

describe('Scheduler', () => {
  it('queues a run at its due time and returns the next one', async () => {
    const { db, clock, scheduler } = await setup();
    expect(await scheduler.tick()).toBe(Date.parse('2026-03-05T16:00:00Z'));
    clock.setNow(Date.parse('2026-03-05T16:00:00Z'));
    expect(await scheduler.tick()).toBe(Date.parse('2026-03-05T22:00:00Z'));
    const queue = await loadQueue(db);
    expect(queue).toHaveLength(1);
    expect(queue[0]?.trigger).toBe('schedule');
    expect(queue[0]?.dueAtMs).toBe(Date.parse('2026-03-05T16:00:00Z'));
  });

  it('merges a tick into the queued run of the same connection', async () => {
    const { db, clock, scheduler } = await setup();
    clock.setNow(Date.parse('2026-03-05T16:00:30Z'));
    await scheduler.tick();
    clock.setNow(Date.parse('2026-03-05T22:01:00Z'));
    await scheduler.tick();
    const runs = await db.runs.toArray();
    expect(runs).toHaveLength(1);
    expect(runs[0]?.mergedDueAtMs).toEqual([Date.parse('2026-03-05T22:00:00Z')]);
  });

  it('records missed runs and queues one catch-up run', async () => {
    const { db, clock, connection, scheduler } = await setup({ catchUp: 'once' });
    // The app was closed for two days: 8 due times passed unseen.
    clock.setNow(Date.parse('2026-03-07T12:00:00Z'));
    await scheduler.tick();
    const missed = await db.missedRuns.where('connectionId').equals(connection.id).toArray();
    expect(missed).toHaveLength(1);
    expect(missed[0]?.count).toBe(8);
    expect(missed[0]?.dueAtMs[0]).toBe(Date.parse('2026-03-05T16:00:00Z'));
    const runs = await db.runs.toArray();
    expect(runs.map((run) => run.trigger)).toEqual(['catch-up']);
    expect(missed[0]?.catchUpRunId).toBe(runs[0]?.id);
  });

  it('records hundreds of missed runs in one pass', async () => {
    // Every 15 minutes, closed for two days: 192 due times in one transaction. The last one is on time and
    // merges into the catch-up run of the 191 missed.
    const { db, clock, connection, scheduler } = await setup({ catchUp: 'once', schedule: { ...EVERY_6_H, timesPerDay: 96 } });
    clock.setNow(Date.parse('2026-03-07T10:00:00Z'));
    await scheduler.tick();
    const missed = await db.missedRuns.where('connectionId').equals(connection.id).toArray();
    expect(missed.map((entry) => entry.count)).toEqual([191]);
    const runs = await db.runs.toArray();
    expect(runs.map((run) => [run.trigger, run.dueAtMs, run.mergedDueAtMs])).toEqual([['catch-up', Date.parse('2026-03-07T09:45:00Z'), [Date.parse('2026-03-07T10:00:00Z')]]]);
    expect((await db.connections.get(connection.id))?.scheduleMarkMs).toBe(Date.parse('2026-03-07T10:00:00Z'));
  });

  it('lets a queued run serve as the catch-up without a merge', async () => {
    const { db, clock, connection, scheduler } = await setup({ catchUp: 'once' });
    const queued = await queueScheduledRun(db, connection.id, 'schedule', START_MS, START_MS);
    clock.setNow(Date.parse('2026-03-07T12:00:00Z'));
    await scheduler.tick();
    const runs = await db.runs.toArray();
    expect(runs).toHaveLength(1);
    expect(runs[0]?.mergedDueAtMs).toEqual([]);
    expect((await db.missedRuns.toArray())[0]?.catchUpRunId).toBe(queued?.run.id);
  });

  it('skips missed runs when the connection asks so', async () => {
    const { db, clock, scheduler } = await setup({ catchUp: 'skip' });
    clock.setNow(Date.parse('2026-03-07T12:00:00Z'));
    await scheduler.tick();
    expect(await db.missedRuns.count()).toBe(1);
    expect(await db.runs.count()).toBe(0);
  });

  it('counts a due time noticed over 5 minutes late as missed', async () => {
    const { db, clock, scheduler } = await setup({ catchUp: 'skip' });
    // A laptop that slept through 16:00Z and wakes at 16:06Z.
    clock.setNow(Date.parse('2026-03-05T16:06:00Z'));
    await scheduler.tick();
    expect(await db.runs.count()).toBe(0);
    expect((await db.missedRuns.toArray())[0]?.count).toBe(1);
  });

  it('runs a due time noticed within 5 minutes', async () => {
    const { db, clock, scheduler } = await setup();
    clock.setNow(Date.parse('2026-03-05T16:04:59Z'));
    await scheduler.tick();
    expect(await db.runs.count()).toBe(1);
    expect(await db.missedRuns.count()).toBe(0);
  });

  it('ignores connections that are OFF', async () => {
    const { db, clock, scheduler } = await setup({ enabled: false });
    clock.setNow(Date.parse('2026-03-07T12:00:00Z'));
    expect(await scheduler.tick()).toBeNull();
    expect(await db.runs.count()).toBe(0);
    expect(await db.missedRuns.count()).toBe(0);
  });

  it('handles a due time once when the mark write fails', async () => {
    // A tab that closes between queueing a run and moving the mark: the mark write never happens.
    const { db, clock, connection, scheduler } = await setup({ catchUp: 'once' });
    let failMarkWrites = 2;
    db.connections.hook('updating', (changes) => {
      if ('scheduleMarkMs' in changes && failMarkWrites > 0) {
        failMarkWrites -= 1;
        throw new Error('The tab closed.');
      }
      return undefined;
    });
    clock.setNow(Date.parse('2026-03-05T16:00:30Z'));
    await expect(scheduler.tick()).rejects.toThrow('The tab closed.');
    clock.setNow(Date.parse('2026-03-06T10:00:00Z'));
    await expect(scheduler.tick()).rejects.toThrow('The tab closed.');
    // The next pass handles each due time since the mark once: 16:00Z, 22:00Z and 04:00Z are missed, and
    // 10:00Z merges into their catch-up run.
    await scheduler.tick();
    const runs = await db.runs.toArray();
    expect(runs.map((run) => [run.trigger, run.dueAtMs, run.mergedDueAtMs])).toEqual([['catch-up', Date.parse('2026-03-06T04:00:00Z'), [Date.parse('2026-03-06T10:00:00Z')]]]);
    const missed = await db.missedRuns.where('connectionId').equals(connection.id).toArray();
    expect(missed.map((entry) => entry.dueAtMs)).toEqual([[Date.parse('2026-03-05T16:00:00Z'), Date.parse('2026-03-05T22:00:00Z'), Date.parse('2026-03-06T04:00:00Z')]]);
    expect((await db.connections.get(connection.id))?.scheduleMarkMs).toBe(Date.parse('2026-03-06T10:00:00Z'));
  });

  it('sleeps until the next due time and wakes the loop', async () => {
    const { db, clock, scheduler } = await setup();
    const stop = new AbortController();
    void scheduler.loop(stop.signal);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await db.runs.count()).toBe(0);
    clock.setNow(Date.parse('2026-03-05T16:00:00Z'));
    await expect.poll(() => db.runs.count()).toBe(1);
    stop.abort();
  });
});

describe('Switching ON and saving a schedule', () => {
  it('anchors times per day at the current minute and queues a first run', async () => {
    const db = makeDb();
    const clock = new ManualClock(Date.parse('2026-03-05T13:37:25Z'));
    const connection = makeConnection({ schedule: { ...EVERY_6_H, anchorTime: '00:00' } });
    await db.connections.add(connection);
    const updated = await setConnectionEnabled({ db, clock }, { id: connection.id, enabled: true });
    expect(updated.schedule).toEqual({ ...EVERY_6_H, anchorTime: '14:37' });
    expect(updated.scheduleMarkMs).toBe(clock.nowMs());
    const queue = await loadQueue(db);
    expect(queue.map((run) => run.trigger)).toEqual(['manual']);
    const scheduler = new Scheduler({ db, clock });
    // The first run took the 14:37 slot; the next slot is 20:37 local, 19:37Z.
    expect(await scheduler.tick()).toBe(Date.parse('2026-03-05T19:37:00Z'));
  });

  it('counts earlier slots of the day as handled when a schedule is saved', async () => {
    const { db, clock, connection, scheduler } = await setup({ scheduleMarkMs: Date.parse('2026-03-01T00:00:00Z') });
    await saveSchedule({ db, clock }, { id: connection.id, schedule: EVERY_6_H });
    await scheduler.tick();
    expect(await db.missedRuns.count()).toBe(0);
    expect(await db.runs.count()).toBe(0);
  });

  it('cancels queued scheduled runs when switched OFF', async () => {
    const { db, clock, connection, scheduler } = await setup();
    clock.setNow(Date.parse('2026-03-05T16:00:00Z'));
    await scheduler.tick();
    await setConnectionEnabled({ db, clock }, { id: connection.id, enabled: false });
    const runs = await db.runs.toArray();
    expect(runs.map((run) => run.state)).toEqual(['cancelled']);
    expect(runs[0]?.summary).toBe('Cancelled because the connection was switched OFF.');
  });
});
