/** The history of a real-time connection: switches, deliveries and errors, newest kept, oldest pruned. */
import type { RealtimeEvent } from '../../contract/model.ts';
import type { RunlaneDb } from '../../storage/db.ts';

/** Entries kept per connection; a connection that delivers every second would otherwise grow without end. */
export const MAX_REALTIME_EVENTS = 1000;

/** Adds an entry and prunes the oldest beyond the limit. Call inside a transaction with `db.realtimeEvents`, or alone. */
export async function addRealtimeEvent(db: RunlaneDb, event: Omit<RealtimeEvent, 'id'>): Promise<void> {
  await db.realtimeEvents.add(event as RealtimeEvent);
  const range = db.realtimeEvents.where('[connectionId+atMs]').between([event.connectionId, -Infinity], [event.connectionId, Infinity]);
  const count = await range.count();
  if (count <= MAX_REALTIME_EVENTS) return;
  const oldest = await range.limit(count - MAX_REALTIME_EVENTS).primaryKeys();
  await db.realtimeEvents.bulkDelete(oldest);
}

export async function deleteRealtimeEvents(db: RunlaneDb, connectionId: string): Promise<void> {
  await db.realtimeEvents.where('[connectionId+atMs]').between([connectionId, -Infinity], [connectionId, Infinity]).delete();
}
