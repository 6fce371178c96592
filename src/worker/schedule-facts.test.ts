import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { reportedTimeZone, scheduleFactsKey } from '../domain/schedule-facts.ts';
import { browserTimeZone, isSameTimeZone, type Schedule } from '../domain/schedule.ts';
import { RunlaneDb } from '../storage/db.ts';
import { installScheduleFactsHooks, refreshScheduleFacts } from './schedule-facts.ts';
import { makeConnection, makeDb } from './test-helpers.ts';

// 2026-03-05 is a Thursday; Europe/Amsterdam is UTC+1 then, so the slots 05:00, 11:00, 17:00 and 23:00
// local are 04:00Z, 10:00Z, 16:00Z and 22:00Z.
const START_MS = Date.parse('2026-03-05T10:00:00Z');
const EVERY_6_H: Schedule = { kind: 'timesPerDay', timesPerDay: 4, anchorTime: '11:00', timeZone: 'Europe/Amsterdam' };

function hookedDb(): RunlaneDb {
  const db = makeDb();
  installScheduleFactsHooks(db);
  return db;
}

describe('schedule facts', () => {
  it('are stored when a connection is added', async () => {
    const db = hookedDb();
    const connection = makeConnection({ schedule: EVERY_6_H, enabled: true, scheduleMarkMs: START_MS });
    await db.connections.add(connection);

    const facts = (await db.connections.get(connection.id))?.scheduleFacts;
    expect(facts?.key).toBe(scheduleFactsKey(EVERY_6_H, START_MS));
    expect(facts?.nextDueAtMs).toBe(Date.parse('2026-03-05T16:00:00Z'));
    expect(facts?.afterMs).toBe(START_MS);
    expect(facts?.isValid).toBe(true);
    expect(facts?.timeZoneName).toBe('Europe/Amsterdam');
    expect(facts?.reportedTimeZone).toBe(reportedTimeZone());
    expect(facts?.browserTimeZone).toBe(browserTimeZone());
    expect(facts?.isBrowserTimeZone).toBe(isSameTimeZone(browserTimeZone(), 'Europe/Amsterdam'));
  });

  it('follow the mark when it moves', async () => {
    const db = hookedDb();
    const connection = makeConnection({ schedule: EVERY_6_H, enabled: true, scheduleMarkMs: START_MS });
    await db.connections.add(connection);
    const markMs = Date.parse('2026-03-05T16:00:00Z');

    await db.connections.where('id').equals(connection.id).modify({ scheduleMarkMs: markMs });

    const facts = (await db.connections.get(connection.id))?.scheduleFacts;
    expect(facts?.key).toBe(scheduleFactsKey(EVERY_6_H, markMs));
    expect(facts?.nextDueAtMs).toBe(Date.parse('2026-03-05T22:00:00Z'));
  });

  it('follow a new schedule', async () => {
    const db = hookedDb();
    const connection = makeConnection({ schedule: EVERY_6_H, enabled: true, scheduleMarkMs: START_MS });
    await db.connections.add(connection);
    const daily: Schedule = { kind: 'daysOfWeek', days: [1, 2, 3, 4, 5, 6, 7], time: '09:30', timeZone: 'Asia/Calcutta' };

    await db.connections.update(connection.id, { schedule: daily });

    const facts = (await db.connections.get(connection.id))?.scheduleFacts;
    expect(facts?.key).toBe(scheduleFactsKey(daily, START_MS));
    // 09:30 in Kolkata (UTC+05:30) is 04:00Z, so the next one after 10:00Z is the next day's.
    expect(facts?.nextDueAtMs).toBe(Date.parse('2026-03-06T04:00:00Z'));
    expect(facts?.timeZoneName).toBe('Asia/Kolkata');
  });

  it('stay when other fields change', async () => {
    const db = hookedDb();
    const connection = makeConnection({ schedule: EVERY_6_H, enabled: true, scheduleMarkMs: START_MS });
    await db.connections.add(connection);
    const before = (await db.connections.get(connection.id))?.scheduleFacts;

    await db.connections.update(connection.id, { name: 'Renamed import', nextRunNumber: 7 });

    const after = await db.connections.get(connection.id);
    expect(after?.name).toBe('Renamed import');
    expect(after?.scheduleFacts).toEqual(before);
  });

  it('are removed with the schedule', async () => {
    const db = hookedDb();
    const connection = makeConnection({ schedule: EVERY_6_H, enabled: true, scheduleMarkMs: START_MS });
    await db.connections.add(connection);

    await db.connections.update(connection.id, { schedule: null });

    const stored = await db.connections.get(connection.id);
    expect(stored?.schedule).toBeNull();
    expect(stored?.scheduleFacts).toBeUndefined();
  });

  it('have no next due time without a mark', async () => {
    const db = hookedDb();
    const connection = makeConnection({ schedule: EVERY_6_H, enabled: false, scheduleMarkMs: null });
    await db.connections.add(connection);

    const facts = (await db.connections.get(connection.id))?.scheduleFacts;
    expect(facts?.key).toBe(scheduleFactsKey(EVERY_6_H, null));
    expect(facts?.nextDueAtMs).toBeNull();
    expect(facts?.isValid).toBe(true);
  });

  it('mark an invalid schedule', async () => {
    const db = hookedDb();
    const invalid = { ...EVERY_6_H, timesPerDay: 7 };
    const connection = makeConnection({ schedule: invalid, enabled: true, scheduleMarkMs: START_MS });
    await db.connections.add(connection);

    const facts = (await db.connections.get(connection.id))?.scheduleFacts;
    expect(facts?.isValid).toBe(false);
    expect(facts?.nextDueAtMs).toBeNull();
  });

  it('are refreshed where another connection wrote', async () => {
    const db = hookedDb();
    await db.open();
    // A second connection to the same database, without the hooks, as a copy into training mode has.
    const unhooked = new RunlaneDb(db.name);
    const withSchedule = makeConnection({ schedule: EVERY_6_H, enabled: true, scheduleMarkMs: START_MS });
    const withoutSchedule = makeConnection({ schedule: null });
    await unhooked.connections.bulkAdd([withSchedule, withoutSchedule]);
    expect((await db.connections.get(withSchedule.id))?.scheduleFacts).toBeUndefined();

    expect(await refreshScheduleFacts(db)).toBe(1);
    expect((await db.connections.get(withSchedule.id))?.scheduleFacts?.nextDueAtMs).toBe(Date.parse('2026-03-05T16:00:00Z'));
    expect((await db.connections.get(withoutSchedule.id))?.scheduleFacts).toBeUndefined();
    expect(await refreshScheduleFacts(db)).toBe(0);
    unhooked.close();
  });
});
