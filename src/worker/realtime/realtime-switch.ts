/**
 * Effects of switching a real-time connection ON or OFF on its delivery. ON starts from now: the cursor
 * is set to the newest outbox entry, so changes made before are never sent. OFF drops the cursor, so
 * changes not yet sent are never sent, and the outbox prunes them.
 */
import type { Connection } from '../../contract/model.ts';
import type { RunlaneDb } from '../../storage/db.ts';
import { hostOf } from '../../connectors/webhook/http-send.ts';
import { addRealtimeEvent, deleteRealtimeEvents } from './realtime-events.ts';
import { readRealtimeCursor, realtimeCursorKey, type RealtimeCursor } from './outbox.ts';

/**
 * Records the switch of a real-time connection. Call inside the transaction that changes `enabled`; it
 * must include `db.outbox`, `db.meta` and `db.realtimeEvents`.
 */
export async function recordRealtimeSwitch(db: RunlaneDb, connection: Connection, enabled: boolean, nowMs: number): Promise<void> {
  if (connection.direction !== 'realtime' || connection.settings.connector !== 'webhook-realtime') return;
  const host = hostOf(connection.settings.url);
  if (enabled) {
    const newest = await db.outbox.orderBy(':id').lastKey();
    const cursor: RealtimeCursor = { outboxId: typeof newest === 'number' ? newest : 0 };
    await db.meta.put({ key: realtimeCursorKey(connection.id), value: cursor });
    await addRealtimeEvent(db, { connectionId: connection.id, atMs: nowMs, kind: 'switched-on', changeCount: 0, message: `Switched ON: each change from now on is sent to ${host}.` });
    return;
  }
  const cursor = await readRealtimeCursor(db, connection.id);
  const unsent = cursor ? await db.outbox.where(':id').above(cursor.outboxId).count() : 0;
  await db.meta.delete(realtimeCursorKey(connection.id));
  const dropped = unsent === 0 ? '' : ` ${unsent.toLocaleString('en-US')} ${unsent === 1 ? 'change was' : 'changes were'} not sent and will not be.`;
  await addRealtimeEvent(db, { connectionId: connection.id, atMs: nowMs, kind: 'switched-off', changeCount: unsent, message: `Switched OFF.${dropped}` });
}

/** Removes a deleted connection's cursor and history. Call inside a transaction with `db.meta` and `db.realtimeEvents`. */
export async function forgetRealtimeConnection(db: RunlaneDb, connectionId: string): Promise<void> {
  await db.meta.delete(realtimeCursorKey(connectionId));
  await deleteRealtimeEvents(db, connectionId);
}
