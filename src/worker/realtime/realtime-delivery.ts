/**
 * Delivery for one real-time connection while it is ON. It reads the outbox after its cursor and POSTs the
 * changes as one batch of events. It moves the cursor only after a 2xx response, so each change is sent at
 * least once. Network errors, time-outs, CORS rejections and 5xx responses are tried again after growing waits
 * on the clock, and an offline browser waits for the network. A 4xx response rejects the batch, and delivery
 * goes on with the next changes, so one bad request cannot hold back every later change.
 */
import { AppError } from '../../contract/errors.ts';
import type { Connection, OutboxEntry, Profile, RealtimeWebhookSettings } from '../../contract/model.ts';
import type { Clock } from '../../domain/clock.ts';
import { formatDurationShort } from '../../domain/duration.ts';
import { profileToJson } from '../../domain/export-format.ts';
import type { RunlaneDb } from '../../storage/db.ts';
import { postJson } from '../../connectors/webhook/http-send.ts';
import type { NetworkStatus } from '../executor.ts';
import { lacksConsent } from '../export/export-selection.ts';
import { createLogger } from '../log.ts';
import { addRealtimeEvent } from './realtime-events.ts';
import { pruneOutbox, readRealtimeCursor, realtimeCursorKey } from './outbox.ts';

const log = createLogger('realtime');

/** Waits after the 1st, 2nd, … failed try in a row; the last one repeats. */
export const REALTIME_RETRY_WAITS_MS: readonly number[] = [1_000, 2_000, 5_000, 15_000, 30_000, 60_000, 120_000, 300_000];

export interface RealtimeDeliveryOptions {
  db: RunlaneDb;
  clock: Clock;
  network: NetworkStatus;
  /** The connection as it was when delivery started; a change of settings starts a new delivery. */
  connection: Connection;
  /** Aborts when the connection is switched OFF, changed or deleted. */
  signal: AbortSignal;
}

type StepResult = { kind: 'idle' } | { kind: 'progress' } | { kind: 'offline' } | { kind: 'failed'; message: string };

/** One event as the receiver gets it; `eventId` lets it drop a change it received twice. */
export interface RealtimeEventJson {
  eventId: string;
  type: 'profile.changed' | 'profile.deleted';
  occurredAt: string;
  profile: ReturnType<typeof profileToJson> | { identifier: string };
}

export class RealtimeDelivery {
  readonly #options: RealtimeDeliveryOptions;
  readonly #settings: RealtimeWebhookSettings;
  #isWakePending = true;
  #wake: (() => void) | null = null;

  constructor(options: RealtimeDeliveryOptions) {
    if (options.connection.settings.connector !== 'webhook-realtime') throw new Error(`Connection ${options.connection.id} is not a real-time webhook.`);
    this.#options = options;
    this.#settings = options.connection.settings;
  }

  /** Tells the loop that the outbox may have new entries. */
  wake(): void {
    this.#isWakePending = true;
    this.#wake?.();
  }

  /** Delivers until the signal aborts. */
  async loop(): Promise<void> {
    const { signal, clock, network } = this.#options;
    let failuresInARow = 0;
    let isOfflineRecorded = false;
    while (!signal.aborted) {
      const result = await this.#stepSafely();
      if (signal.aborted) return;
      if (result.kind === 'idle') {
        await this.#waitForWake();
        continue;
      }
      if (result.kind === 'progress') {
        failuresInARow = 0;
        isOfflineRecorded = false;
        continue;
      }
      if (result.kind === 'offline') {
        if (!isOfflineRecorded) await this.#record('error', 0, 'The browser is offline; changes wait and are sent when it is online again.');
        isOfflineRecorded = true;
        await network.waitForOnline(signal).catch(() => undefined);
        continue;
      }
      const waitMs = REALTIME_RETRY_WAITS_MS[Math.min(failuresInARow, REALTIME_RETRY_WAITS_MS.length - 1)] as number;
      failuresInARow += 1;
      await this.#record('error', 0, `${result.message} Trying again in ${formatDurationShort(waitMs)}.`);
      await clock.sleepUntil(clock.nowMs() + waitMs, signal).catch(() => undefined);
    }
  }

  #waitForWake(): Promise<void> {
    const { signal } = this.#options;
    if (this.#isWakePending || signal.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        this.#wake = null;
        signal.removeEventListener('abort', done);
        resolve();
      };
      this.#wake = done;
      signal.addEventListener('abort', done, { once: true });
    });
  }

  /** Runs one step; an unexpected error counts as a failed try, so the loop keeps going. */
  async #stepSafely(): Promise<StepResult> {
    try {
      return await this.#step();
    } catch (error) {
      if (this.#options.signal.aborted) return { kind: 'idle' };
      log.error(`real-time delivery of connection ${this.#options.connection.id} failed`, error);
      return { kind: 'failed', message: `Delivery failed unexpectedly (${error instanceof Error ? error.message : String(error)}).` };
    }
  }

  /** Delivers the next batch of changes, if any. */
  async #step(): Promise<StepResult> {
    const { db, connection } = this.#options;
    this.#isWakePending = false;
    const cursor = await readRealtimeCursor(db, connection.id);
    if (!cursor) return { kind: 'idle' };
    const entries = await db.outbox.where(':id').above(cursor.outboxId).limit(this.#settings.batchSize).toArray();
    if (entries.length === 0) return { kind: 'idle' };
    const profiles = await db.profiles.bulkGet(entries.map((entry) => entry.profileKey));
    const events: RealtimeEventJson[] = [];
    let leftOut = 0;
    entries.forEach((entry, index) => {
      const event = toEvent(entry, profiles[index], this.#settings.requiredConsent);
      if (event) events.push(event);
      else leftOut += 1;
    });
    const lastId = entries.at(-1)?.id as number;
    if (events.length === 0) return this.#commit(cursor.outboxId, lastId, [{ kind: 'left-out', count: leftOut }]);
    return this.#send(cursor.outboxId, lastId, events, leftOut);
  }

  async #send(fromId: number, lastId: number, events: RealtimeEventJson[], leftOut: number): Promise<StepResult> {
    const { clock, signal } = this.#options;
    const body = JSON.stringify({ events });
    let outcome;
    try {
      outcome = await postJson({ url: this.#settings.url.trim(), headers: this.#settings.headers, body, clock, signal });
    } catch (error) {
      if (signal.aborted) return { kind: 'idle' };
      if (error instanceof AppError && error.code === 'offline') return { kind: 'offline' };
      if (error instanceof AppError) return { kind: 'failed', message: `${pluralise(events.length, 'change')} could not be sent: ${error.message}` };
      throw error;
    }
    if (outcome.kind === 'retryable') return { kind: 'failed', message: `${pluralise(events.length, 'change')} could not be sent: the receiver responded with ${outcome.description}.` };
    const first = events[0]?.eventId ?? '';
    const last = events.at(-1)?.eventId ?? '';
    const range = events.length === 1 ? `event ${first}` : `events ${first} to ${last}`;
    const entries: PendingEvent[] =
      outcome.kind === 'ok'
        ? [{ kind: 'delivered', count: events.length, message: `Sent ${pluralise(events.length, 'change')} (${range}); the receiver responded with ${outcome.description}.` }]
        : [{ kind: 'rejected', count: events.length, message: `The receiver rejected ${pluralise(events.length, 'change')} (${range}) with ${outcome.description}; they are not sent again.` }];
    if (leftOut > 0) entries.push({ kind: 'left-out', count: leftOut });
    return this.#commit(fromId, lastId, entries);
  }

  /** Moves the cursor from `fromId` to `lastId` with the history entries, unless it moved meanwhile. */
  async #commit(fromId: number, lastId: number, entries: PendingEvent[]): Promise<StepResult> {
    const { db, clock, connection } = this.#options;
    const isCommitted = await db.transaction('rw', [db.meta, db.realtimeEvents, db.connections], async () => {
      const stored = await db.connections.get(connection.id);
      const cursor = await readRealtimeCursor(db, connection.id);
      if (!stored?.enabled || cursor?.outboxId !== fromId) return false;
      await db.meta.put({ key: realtimeCursorKey(connection.id), value: { outboxId: lastId } });
      for (const entry of entries) {
        const message = entry.message ?? `Left out ${pluralise(entry.count, 'change')} to profiles that lack the consent this connection requires.`;
        await addRealtimeEvent(db, { connectionId: connection.id, atMs: clock.nowMs(), kind: entry.kind, changeCount: entry.count, message });
      }
      return true;
    });
    if (isCommitted) await pruneOutbox(db);
    return isCommitted ? { kind: 'progress' } : { kind: 'idle' };
  }

  async #record(kind: 'error', changeCount: number, message: string): Promise<void> {
    const { db, clock, connection } = this.#options;
    await db.transaction('rw', db.realtimeEvents, () => addRealtimeEvent(db, { connectionId: connection.id, atMs: clock.nowMs(), kind, changeCount, message }));
  }
}

interface PendingEvent {
  kind: 'delivered' | 'rejected' | 'left-out';
  count: number;
  message?: string;
}

/** Builds the event for an outbox entry; null when the profile lacks the required consent. */
export function toEvent(entry: OutboxEntry, profile: Profile | undefined, requiredConsent: string | null): RealtimeEventJson | null {
  const occurredAt = new Date(entry.atMs).toISOString();
  if (entry.change === 'delete' || !profile) {
    return { eventId: entry.eventId, type: 'profile.deleted', occurredAt, profile: { identifier: profile?.identifier ?? entry.profileKey } };
  }
  if (lacksConsent(profile, requiredConsent)) return null;
  return { eventId: entry.eventId, type: 'profile.changed', occurredAt, profile: profileToJson(profile) };
}

function pluralise(count: number, noun: string): string {
  return `${count.toLocaleString('en-US')} ${noun}${count === 1 ? '' : 's'}`;
}
