import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Connection, RealtimeWebhookSettings } from '../../contract/model.ts';
import { ManualClock } from '../../domain/clock.ts';
import { makeConnection, makeDb, settle } from '../test-helpers.ts';
import { appendToOutbox, realtimeCursorKey } from './outbox.ts';
import { startRealtimeSupervisor } from './realtime-supervisor.ts';

const settings: RealtimeWebhookSettings = { connector: 'webhook-realtime', url: 'https://receiver.example.com/changes', headers: [], batchSize: 100, requiredConsent: null };
const network = { isOnline: () => true, waitForOnline: () => Promise.resolve() };

function mockReceiver(): string[][] {
  const received: string[][] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (_url: string, init: RequestInit) => {
      received.push((JSON.parse(String(init.body)) as { events: { eventId: string }[] }).events.map((event) => event.eventId));
      return new Response(null, { status: 200 });
    }),
  );
  return received;
}

function makeRealtime(enabled: boolean): Connection {
  return makeConnection({ name: 'Changes', direction: 'realtime', settings, enabled });
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('realtime supervisor', () => {
  it('sends changes left from before the app closed', async () => {
    const db = makeDb();
    const connection = makeRealtime(true);
    await db.connections.put(connection);
    await db.meta.put({ key: realtimeCursorKey(connection.id), value: { outboxId: 0 } });
    await db.transaction('rw', db.outbox, db.connections, () => appendToOutbox(db, [{ key: 'a@example.com' }, { key: 'b@example.com' }], 1));
    const eventIds = (await db.outbox.toArray()).map((entry) => entry.eventId);
    const received = mockReceiver();

    const supervisor = startRealtimeSupervisor({ db, clock: new ManualClock(10), network });
    await vi.waitFor(() => expect(received).toEqual([eventIds]));
    supervisor.stop();
  });

  it('starts and stops a loop as the connection is switched', async () => {
    const db = makeDb();
    const connection = makeRealtime(false);
    await db.connections.put(connection);
    const received = mockReceiver();
    const supervisor = startRealtimeSupervisor({ db, clock: new ManualClock(10), network });

    await db.connections.update(connection.id, { enabled: true });
    await db.meta.put({ key: realtimeCursorKey(connection.id), value: { outboxId: 0 } });
    await settle();
    await db.transaction('rw', db.outbox, db.connections, () => appendToOutbox(db, [{ key: 'a@example.com' }], 1));
    await vi.waitFor(() => expect(received).toHaveLength(1));

    await db.connections.update(connection.id, { enabled: false });
    await db.meta.delete(realtimeCursorKey(connection.id));
    await settle();
    expect(await db.outbox.count()).toBe(0);
    supervisor.stop();
  });

  it('gives an ON connection without a cursor one at the newest entry', async () => {
    const db = makeDb();
    const other = makeRealtime(true);
    await db.connections.put(other);
    await db.transaction('rw', db.outbox, db.connections, () => appendToOutbox(db, [{ key: 'old@example.com' }], 1));
    const connection = makeRealtime(true);
    await db.connections.put(connection);
    mockReceiver();
    const supervisor = startRealtimeSupervisor({ db, clock: new ManualClock(10), network });
    const newest = await db.outbox.orderBy(':id').lastKey();
    await vi.waitFor(async () => expect((await db.meta.get(realtimeCursorKey(connection.id)))?.value).toEqual({ outboxId: newest }));
    supervisor.stop();
  });
});
