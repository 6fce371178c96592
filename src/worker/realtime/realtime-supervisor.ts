/**
 * Runs one delivery loop per real-time connection that is ON, in the scheduling tab only, beside the batch
 * queue, so a long import never delays real-time delivery, and two tabs never send the same change. It
 * follows the connections table, so switching a connection OFF, changing it or deleting it stops its loop.
 */
import { liveQuery } from 'dexie';
import type { Connection } from '../../contract/model.ts';
import type { Clock } from '../../domain/clock.ts';
import type { RunlaneDb } from '../../storage/db.ts';
import type { NetworkStatus } from '../executor.ts';
import { createLogger } from '../log.ts';
import { pruneOutbox, readRealtimeCursor, realtimeCursorKey } from './outbox.ts';
import { RealtimeDelivery } from './realtime-delivery.ts';

const log = createLogger('realtime');

interface RunningLoop {
  /** The settings and name the loop started with; a different signature restarts it. */
  signature: string;
  controller: AbortController;
  delivery: RealtimeDelivery;
}

export interface RealtimeSupervisor {
  stop(): void;
}

export function startRealtimeSupervisor(options: { db: RunlaneDb; clock: Clock; network: NetworkStatus }): RealtimeSupervisor {
  const { db } = options;
  const loops = new Map<string, RunningLoop>();
  let syncing = Promise.resolve();

  const connections = liveQuery(() => db.connections.toArray()).subscribe({
    next: (list) => {
      syncing = syncing.then(() => syncLoops(options, loops, list)).catch((error: unknown) => log.error('real-time loops could not be updated', error));
    },
    error: (error: unknown) => log.error('the connections query failed', error),
  });
  const outbox = liveQuery(() => db.outbox.orderBy(':id').lastKey()).subscribe({
    next: () => {
      for (const loop of loops.values()) loop.delivery.wake();
    },
    error: (error: unknown) => log.error('the outbox query failed', error),
  });

  return {
    stop: () => {
      connections.unsubscribe();
      outbox.unsubscribe();
      for (const loop of loops.values()) loop.controller.abort();
      loops.clear();
    },
  };
}

async function syncLoops(options: { db: RunlaneDb; clock: Clock; network: NetworkStatus }, loops: Map<string, RunningLoop>, connections: Connection[]): Promise<void> {
  const active = connections.filter((connection) => connection.direction === 'realtime' && connection.enabled && connection.settings.connector === 'webhook-realtime');
  const activeById = new Map(active.map((connection) => [connection.id, connection]));
  for (const [id, loop] of loops) {
    const connection = activeById.get(id);
    if (connection && signatureOf(connection) === loop.signature) continue;
    loop.controller.abort();
    loops.delete(id);
  }
  for (const connection of active) {
    if (loops.has(connection.id)) continue;
    await ensureCursor(options.db, connection.id);
    const controller = new AbortController();
    const delivery = new RealtimeDelivery({ ...options, connection: structuredClone(connection), signal: controller.signal });
    loops.set(connection.id, { signature: signatureOf(connection), controller, delivery });
    log.info('real-time delivery started', { connectionId: connection.id });
    delivery.loop().catch((error: unknown) => log.error(`real-time delivery of connection ${connection.id} stopped`, error));
  }
  await pruneOutbox(options.db);
}

function signatureOf(connection: Connection): string {
  return JSON.stringify([connection.name, connection.settings]);
}

/** Gives a connection ON without a cursor (for example restored from a backup) one after the newest entry. */
async function ensureCursor(db: RunlaneDb, connectionId: string): Promise<void> {
  await db.transaction('rw', db.meta, db.outbox, async () => {
    if (await readRealtimeCursor(db, connectionId)) return;
    const newest = await db.outbox.orderBy(':id').lastKey();
    await db.meta.put({ key: realtimeCursorKey(connectionId), value: { outboxId: typeof newest === 'number' ? newest : 0 } });
  });
}
