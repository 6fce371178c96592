/** Read-only queries of the notification center, for use inside Dexie's liveQuery. */
import type { NotificationRecord } from '../../contract/model.ts';
import type { RunlaneDb } from '../../storage/db.ts';

/** Lists the newest notifications first. */
export function listNotifications(db: RunlaneDb, limit = 100): Promise<NotificationRecord[]> {
  return db.notifications.orderBy('createdAtMs').reverse().limit(limit).toArray();
}

export function countUnreadNotifications(db: RunlaneDb): Promise<number> {
  return db.notifications.filter((record) => record.readAtMs === null).count();
}

export function listPendingBrowserNotifications(db: RunlaneDb): Promise<NotificationRecord[]> {
  return db.notifications.filter((record) => record.browser === 'pending').toArray();
}
