import { describe, expect, it } from 'vitest';
import type { Connection, RealtimeWebhookSettings } from '../../contract/model.ts';
import { makeConnection, makeDb } from '../test-helpers.ts';
import { createExportFixture, EXPORT_TEST_START_MS, makeProfile, startExportRun } from '../export/export-test-context.ts';
import { appendToOutbox, pruneOutbox, readRealtimeCursor, realtimeCursorKey } from './outbox.ts';
import { recordRealtimeSwitch } from './realtime-switch.ts';
import { stepsConnector } from '../../connectors/test-steps.ts';

const realtimeSettings: RealtimeWebhookSettings = { connector: 'webhook-realtime', url: 'https://receiver.example.com/changes', headers: [], batchSize: 100, requiredConsent: null };

function makeRealtime(enabled: boolean): Connection {
  return makeConnection({ name: 'Changes', direction: 'realtime', settings: realtimeSettings, enabled });
}

describe('appendToOutbox', () => {
  it('adds nothing while no real-time connection is ON', async () => {
    const db = makeDb();
    await db.connections.put(makeRealtime(false));
    await db.transaction('rw', db.outbox, db.connections, () => appendToOutbox(db, [{ key: 'a@example.com' }], 1));
    expect(await db.outbox.count()).toBe(0);
  });

  it('adds one entry with a unique event id per change', async () => {
    const db = makeDb();
    await db.connections.put(makeRealtime(true));
    await db.transaction('rw', db.outbox, db.connections, () => appendToOutbox(db, [{ key: 'a@example.com' }, { key: 'b@example.com' }], 7));
    const entries = await db.outbox.toArray();
    expect(entries.map((entry) => [entry.profileKey, entry.change, entry.atMs])).toEqual([
      ['a@example.com', 'upsert', 7],
      ['b@example.com', 'upsert', 7],
    ]);
    expect(new Set(entries.map((entry) => entry.eventId)).size).toBe(2);
  });

  it('rolls back with the profile write it belongs to', async () => {
    const db = makeDb();
    await db.connections.put(makeRealtime(true));
    const failing = db.transaction('rw', [db.profiles, db.outbox, db.connections], async () => {
      const profile = makeProfile('a@example.com', 1);
      await db.profiles.put(profile);
      await appendToOutbox(db, [profile], 1);
      throw new Error('batch failed');
    });
    await expect(failing).rejects.toThrow('batch failed');
    expect(await db.profiles.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
  });

  it('is written by the test-steps connector in its batch transaction', async () => {
    const fixture = await createExportFixture({ connector: 'test-steps', steps: 1, stepMs: 0, rowsPerStep: 3 }, { direction: 'import' });
    await fixture.db.connections.put(makeRealtime(true));
    const { context } = await startExportRun(fixture);
    await stepsConnector.run(context);
    expect(await fixture.db.outbox.count()).toBe(3);
  });
});

describe('switching a real-time connection', () => {
  it('starts from now: ON puts the cursor at the newest entry', async () => {
    const db = makeDb();
    const other = makeRealtime(true);
    const connection = makeRealtime(false);
    await db.connections.bulkPut([other, connection]);
    await db.transaction('rw', db.outbox, db.connections, () => appendToOutbox(db, [{ key: 'a' }, { key: 'b' }], 1));
    await db.transaction('rw', [db.outbox, db.meta, db.realtimeEvents], () => recordRealtimeSwitch(db, connection, true, 5));
    const newest = await db.outbox.orderBy(':id').lastKey();
    expect(await readRealtimeCursor(db, connection.id)).toEqual({ outboxId: newest });
    const [event] = await db.realtimeEvents.toArray();
    expect(event).toMatchObject({ connectionId: connection.id, atMs: 5, kind: 'switched-on', message: 'Switched ON: each change from now on is sent to receiver.example.com.' });
  });

  it('OFF drops the cursor and says how many changes were not sent', async () => {
    const db = makeDb();
    const connection = makeRealtime(true);
    await db.connections.put(connection);
    await db.meta.put({ key: realtimeCursorKey(connection.id), value: { outboxId: 0 } });
    await db.transaction('rw', db.outbox, db.connections, () => appendToOutbox(db, [{ key: 'a' }, { key: 'b' }], 1));
    await db.transaction('rw', [db.outbox, db.meta, db.realtimeEvents], () => recordRealtimeSwitch(db, connection, false, 9));
    expect(await readRealtimeCursor(db, connection.id)).toBeUndefined();
    expect((await db.realtimeEvents.toArray())[0]?.message).toBe('Switched OFF. 2 changes were not sent and will not be.');
  });
});

describe('pruneOutbox', () => {
  it('keeps entries until every ON connection has passed them', async () => {
    const db = makeDb();
    const first = makeRealtime(true);
    const second = makeRealtime(true);
    await db.connections.bulkPut([first, second]);
    await db.transaction('rw', db.outbox, db.connections, () => appendToOutbox(db, [{ key: 'a' }, { key: 'b' }, { key: 'c' }], EXPORT_TEST_START_MS));
    const ids = (await db.outbox.toCollection().primaryKeys()) as number[];
    await db.meta.put({ key: realtimeCursorKey(first.id), value: { outboxId: ids[2] } });
    await db.meta.put({ key: realtimeCursorKey(second.id), value: { outboxId: ids[0] } });
    expect(await pruneOutbox(db)).toBe(1);
    expect(await db.outbox.toCollection().primaryKeys()).toEqual([ids[1], ids[2]]);
  });

  it('empties the outbox when no real-time connection is ON', async () => {
    const db = makeDb();
    const connection = makeRealtime(true);
    await db.connections.put(connection);
    await db.transaction('rw', db.outbox, db.connections, () => appendToOutbox(db, [{ key: 'a' }], 1));
    await db.connections.update(connection.id, { enabled: false });
    expect(await pruneOutbox(db)).toBe(1);
    expect(await db.outbox.count()).toBe(0);
  });
});
