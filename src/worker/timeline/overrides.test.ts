import { describe, expect, it } from 'vitest';
import { AppError } from '../../contract/errors.ts';
import type { Schedule } from '../../domain/schedule.ts';
import { ManualClock, makeConnection, makeDb } from '../test-helpers.ts';
import { leaveOutRun, postponeRun, removeOverride } from './overrides.ts';

// Every day at 12:00 UTC; the clock starts on Thursday 2026-03-05 at 10:00Z.
const START_MS = Date.parse('2026-03-05T10:00:00Z');
const DAILY_NOON: Schedule = { kind: 'daysOfWeek', days: [1, 2, 3, 4, 5, 6, 7], time: '12:00', timeZone: 'UTC' };
const DUE_MS = Date.parse('2026-03-05T12:00:00Z');
const HOUR_MS = 3_600_000;

async function setup() {
  const db = makeDb();
  const clock = new ManualClock(START_MS);
  const connection = makeConnection({ schedule: DAILY_NOON, enabled: true, scheduleMarkMs: START_MS });
  await db.connections.add(connection);
  return { commands: { db, clock }, db, clock, connection };
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return error instanceof AppError ? error.code : 'not an AppError';
  }
  return 'resolved';
}

describe('Timeline overrides', () => {
  it('stores a left-out due time', async () => {
    const { commands, db, connection } = await setup();
    const override = await leaveOutRun(commands, { connectionId: connection.id, dueAtMs: DUE_MS });
    expect(override).toEqual({
      connectionId: connection.id,
      dueAtMs: DUE_MS,
      action: 'leave-out',
      postponedToMs: null,
      createdAtMs: START_MS,
      handledAtMs: null,
      outcome: null,
      runId: null,
    });
    expect(await db.overrides.count()).toBe(1);
  });

  it('turns a left-out run into a postponed one', async () => {
    const { commands, db, connection } = await setup();
    await leaveOutRun(commands, { connectionId: connection.id, dueAtMs: DUE_MS });
    await postponeRun(commands, { connectionId: connection.id, dueAtMs: DUE_MS, postponedToMs: DUE_MS + 2 * HOUR_MS });
    const stored = await db.overrides.toArray();
    expect(stored.map((override) => [override.action, override.postponedToMs])).toEqual([['postpone', DUE_MS + 2 * HOUR_MS]]);
  });

  it('rejects an instant that is not a due time', async () => {
    const { commands, connection } = await setup();
    expect(await codeOf(leaveOutRun(commands, { connectionId: connection.id, dueAtMs: DUE_MS + 60_000 }))).toBe('invalid-input');
  });

  it('rejects a due time that has passed', async () => {
    const { commands, clock, connection } = await setup();
    clock.setNow(DUE_MS + 1);
    expect(await codeOf(leaveOutRun(commands, { connectionId: connection.id, dueAtMs: DUE_MS }))).toBe('invalid-input');
  });

  it('rejects an unknown connection', async () => {
    const { commands } = await setup();
    expect(await codeOf(leaveOutRun(commands, { connectionId: 'missing', dueAtMs: DUE_MS }))).toBe('not-found');
  });

  it('rejects postponing to an earlier time', async () => {
    const { commands, connection } = await setup();
    const request = { connectionId: connection.id, dueAtMs: DUE_MS, postponedToMs: DUE_MS - HOUR_MS };
    await expect(postponeRun(commands, request)).rejects.toThrow('Postpone to a time after the due time');
  });

  it('rejects postponing by more than 7 days', async () => {
    const { commands, connection } = await setup();
    const request = { connectionId: connection.id, dueAtMs: DUE_MS, postponedToMs: DUE_MS + 7 * 24 * HOUR_MS + 60_000 };
    await expect(postponeRun(commands, request)).rejects.toThrow('Postpone by at most 7 days');
  });

  it('removes an override before its due time', async () => {
    const { commands, db, connection } = await setup();
    await leaveOutRun(commands, { connectionId: connection.id, dueAtMs: DUE_MS });
    await removeOverride(commands, { connectionId: connection.id, dueAtMs: DUE_MS });
    expect(await db.overrides.count()).toBe(0);
  });

  it('keeps a postponement whose due time has passed', async () => {
    const { commands, clock, connection } = await setup();
    await postponeRun(commands, { connectionId: connection.id, dueAtMs: DUE_MS, postponedToMs: DUE_MS + 2 * HOUR_MS });
    clock.setNow(DUE_MS + HOUR_MS);
    await expect(removeOverride(commands, { connectionId: connection.id, dueAtMs: DUE_MS })).rejects.toThrow('cannot go back to it');
    // It can still move to another time or be left out.
    await postponeRun(commands, { connectionId: connection.id, dueAtMs: DUE_MS, postponedToMs: DUE_MS + 3 * HOUR_MS });
    await leaveOutRun(commands, { connectionId: connection.id, dueAtMs: DUE_MS });
  });

  it('rejects changes to a handled override', async () => {
    const { commands, db, connection } = await setup();
    await leaveOutRun(commands, { connectionId: connection.id, dueAtMs: DUE_MS });
    await db.overrides.update([connection.id, DUE_MS], { handledAtMs: DUE_MS, outcome: 'left-out' });
    await expect(removeOverride(commands, { connectionId: connection.id, dueAtMs: DUE_MS })).rejects.toThrow('has been handled already');
  });
});
