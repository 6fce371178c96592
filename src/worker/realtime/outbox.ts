/**
 * The outbox: every profile write adds one entry per changed profile in the same transaction, while a
 * real-time connection is ON. Each real-time connection keeps a cursor in the meta table: the id of the
 * last entry it has passed. Entries that every ON connection has passed are pruned.
 */
import type { OutboxEntry } from '../../contract/model.ts';
import type { RunlaneDb } from '../../storage/db.ts';
import { realtimeCursorKey } from '../../storage/export-queries.ts';

export { realtimeCursorKey };

/** Stored under `realtimeCursorKey`; absent while the connection is OFF. */
export interface RealtimeCursor {
  /** Id of the last outbox entry the connection delivered or passed; 0 before any. */
  outboxId: number;
}

/**
 * Adds the changes to the outbox when a real-time connection is ON, and returns how many it added. Call it
 * inside the transaction that writes the profiles. That transaction must include `db.outbox` and
 * `db.connections`, so that a connection switched ON meanwhile gets either none or all of a batch.
 */
export async function appendToOutbox(
  db: RunlaneDb,
  profiles: Iterable<{ key: string }>,
  atMs: number,
  change: OutboxEntry['change'] = 'upsert',
): Promise<number> {
  const keys = Array.from(profiles, (profile) => profile.key);
  if (keys.length === 0) return 0;
  if (!(await hasRealtimeConnectionOn(db))) return 0;
  const entries = keys.map((profileKey): OutboxEntry => ({ eventId: crypto.randomUUID(), profileKey, change, atMs }));
  await db.outbox.bulkAdd(entries);
  return entries.length;
}

async function hasRealtimeConnectionOn(db: RunlaneDb): Promise<boolean> {
  const connections = await db.connections.toArray();
  return connections.some((connection) => connection.direction === 'realtime' && connection.enabled);
}

export async function readRealtimeCursor(db: RunlaneDb, connectionId: string): Promise<RealtimeCursor | undefined> {
  return (await db.meta.get(realtimeCursorKey(connectionId)))?.value as RealtimeCursor | undefined;
}

/**
 * Deletes the entries every ON real-time connection has passed, and every entry when none is ON. Returns
 * how many it deleted.
 */
export async function pruneOutbox(db: RunlaneDb): Promise<number> {
  return db.transaction('rw', db.outbox, db.connections, db.meta, async () => {
    const connections = (await db.connections.toArray()).filter((connection) => connection.direction === 'realtime' && connection.enabled);
    if (connections.length === 0) {
      const count = await db.outbox.count();
      await db.outbox.clear();
      return count;
    }
    let lowest = Number.POSITIVE_INFINITY;
    for (const connection of connections) {
      // A connection ON without a cursor has not started; it starts after the newest entry, so it needs none.
      const cursor = await readRealtimeCursor(db, connection.id);
      if (cursor) lowest = Math.min(lowest, cursor.outboxId);
    }
    if (!Number.isFinite(lowest)) return 0;
    return db.outbox.where(':id').belowOrEqual(lowest).delete();
  });
}
