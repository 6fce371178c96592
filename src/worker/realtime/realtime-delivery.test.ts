import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Connection, RealtimeWebhookSettings } from '../../contract/model.ts';
import { ManualClock } from '../../domain/clock.ts';
import type { RunlaneDb } from '../../storage/db.ts';
import { makeConnection, makeDb, settle } from '../test-helpers.ts';
import { makeProfile } from '../export/export-test-context.ts';
import { appendToOutbox, readRealtimeCursor, realtimeCursorKey } from './outbox.ts';
import { RealtimeDelivery, type RealtimeEventJson } from './realtime-delivery.ts';

const START_MS = Date.UTC(2026, 2, 5, 10, 0);

interface Setup {
  db: RunlaneDb;
  clock: ManualClock;
  connection: Connection;
  controller: AbortController;
  delivery: RealtimeDelivery;
  online: { value: boolean; resolve: (() => void) | null };
}

async function setup(overrides: Partial<RealtimeWebhookSettings> = {}): Promise<Setup> {
  const db = makeDb();
  const clock = new ManualClock(START_MS);
  const settings: RealtimeWebhookSettings = { connector: 'webhook-realtime', url: 'https://receiver.example.com/changes', headers: [], batchSize: 100, requiredConsent: null, ...overrides };
  const connection = makeConnection({ name: 'Changes', direction: 'realtime', settings, enabled: true });
  await db.connections.put(connection);
  await db.meta.put({ key: realtimeCursorKey(connection.id), value: { outboxId: 0 } });
  const controller = new AbortController();
  const online: Setup['online'] = { value: true, resolve: null };
  const network = {
    isOnline: () => online.value,
    waitForOnline: () => new Promise<void>((resolve) => (online.resolve = resolve)),
  };
  const delivery = new RealtimeDelivery({ db, clock, network, connection, signal: controller.signal });
  return { db, clock, connection, controller, delivery, online };
}

async function writeChange(db: RunlaneDb, email: string, consent: Record<string, boolean> = {}): Promise<void> {
  const profile = makeProfile(email, START_MS, { consent });
  await db.transaction('rw', [db.profiles, db.outbox, db.connections], async () => {
    await db.profiles.put(profile);
    await appendToOutbox(db, [profile], START_MS);
  });
}

/** Returns a fetch mock that responds to each POST with the next status (200 once they run out) and recording the events. */
function mockReceiver(statuses: (number | 'network-error')[] = []): RealtimeEventJson[][] {
  const received: RealtimeEventJson[][] = [];
  const queue = [...statuses];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (_url: string, init: RequestInit) => {
      if (init.method === 'HEAD') throw new TypeError('Failed to fetch');
      const next = queue.shift() ?? 200;
      if (next === 'network-error') throw new TypeError('Failed to fetch');
      received.push((JSON.parse(String(init.body)) as { events: RealtimeEventJson[] }).events);
      return new Response(null, { status: next, statusText: STATUS_TEXTS[next] ?? '' });
    }),
  );
  return received;
}

const STATUS_TEXTS: Record<number, string> = { 200: 'OK', 400: 'Bad Request', 503: 'Service Unavailable' };

async function eventMessages(db: RunlaneDb): Promise<string[]> {
  return (await db.realtimeEvents.toArray()).map((event) => `${event.kind}: ${event.message}`);
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('RealtimeDelivery', () => {
  it('sends pending changes with their event ids and moves the cursor', async () => {
    const { db, delivery, controller } = await setup();
    const received = mockReceiver();
    await writeChange(db, 'ada@example.com');
    await writeChange(db, 'alan@example.com');
    const entries = await db.outbox.toArray();
    const loop = delivery.loop();
    await settle();
    expect(received.length).toBe(1);
    expect(received[0]).toEqual([
      {
        eventId: entries[0]?.eventId,
        type: 'profile.changed',
        occurredAt: '2026-03-05T10:00:00.000Z',
        profile: { identifier: 'ada@example.com', properties: { email: 'ada@example.com' }, consent: {}, createdAt: '2026-03-05T10:00:00.000Z', updatedAt: '2026-03-05T10:00:00.000Z' },
      },
      expect.objectContaining({ eventId: entries[1]?.eventId, type: 'profile.changed' }),
    ]);
    expect(await readRealtimeCursor(db, (await db.connections.toCollection().first())!.id)).toEqual({ outboxId: entries[1]?.id });
    expect(await db.outbox.count()).toBe(0);
    expect(await eventMessages(db)).toEqual([`delivered: Sent 2 changes (events ${entries[0]?.eventId} to ${entries[1]?.eventId}); the receiver responded with HTTP 200 OK.`]);

    // A change made while the loop waits is sent when the loop is woken.
    await writeChange(db, 'grace@example.com');
    delivery.wake();
    await settle();
    expect(received.length).toBe(2);
    controller.abort();
    await loop;
  });

  it('retries after a 503 on the clock and sends each change once', async () => {
    const { db, clock, delivery, controller } = await setup();
    const received = mockReceiver([503]);
    await writeChange(db, 'ada@example.com');
    const loop = delivery.loop();
    await settle();
    expect(received.length).toBe(1);
    expect(await eventMessages(db)).toEqual(['error: 1 change could not be sent: the receiver responded with HTTP 503 Service Unavailable. Trying again in 1 s.']);
    clock.advance(1_000);
    await settle();
    expect(received.length).toBe(2);
    expect(received[1]?.[0]?.eventId).toBe(received[0]?.[0]?.eventId);
    expect(await db.outbox.count()).toBe(0);
    controller.abort();
    await loop;
  });

  it('moves past changes the receiver rejects with a 4xx', async () => {
    const { db, delivery, controller } = await setup();
    const received = mockReceiver([400]);
    await writeChange(db, 'ada@example.com');
    const loop = delivery.loop();
    await settle();
    await writeChange(db, 'alan@example.com');
    delivery.wake();
    await settle();
    expect(received.map((events) => events[0]?.profile.identifier)).toEqual(['ada@example.com', 'alan@example.com']);
    const messages = await eventMessages(db);
    expect(messages[0]).toMatch(/^rejected: The receiver rejected 1 change \(event .+\) with HTTP 400 Bad Request; they are not sent again\.$/);
    controller.abort();
    await loop;
  });

  it('leaves out changes to profiles without the required consent', async () => {
    const { db, delivery, controller } = await setup({ requiredConsent: 'email_marketing' });
    const received = mockReceiver();
    await writeChange(db, 'ada@example.com', { email_marketing: true });
    await writeChange(db, 'alan@example.com', { email_marketing: false });
    const loop = delivery.loop();
    await settle();
    expect(received[0]?.map((event) => event.profile.identifier)).toEqual(['ada@example.com']);
    expect((await eventMessages(db))[1]).toBe('left-out: Left out 1 change to profiles that lack the consent this connection requires.');
    controller.abort();
    await loop;
  });

  it('waits for the network while the browser is offline', async () => {
    const { db, delivery, controller, online } = await setup();
    mockReceiver();
    vi.stubGlobal('navigator', { onLine: false });
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))));
    await writeChange(db, 'ada@example.com');
    const loop = delivery.loop();
    await settle();
    expect(await eventMessages(db)).toEqual(['error: The browser is offline; changes wait and are sent when it is online again.']);
    const received = mockReceiver();
    vi.stubGlobal('navigator', { onLine: true });
    online.resolve?.();
    await settle();
    expect(received.length).toBe(1);
    controller.abort();
    await loop;
  });

  it('sends nothing once switched OFF', async () => {
    const { db, delivery, controller, connection } = await setup();
    const received = mockReceiver();
    const loop = delivery.loop();
    await settle();
    await db.connections.update(connection.id, { enabled: false });
    await db.meta.delete(realtimeCursorKey(connection.id));
    controller.abort();
    await loop;
    expect(received).toEqual([]);
  });
});
