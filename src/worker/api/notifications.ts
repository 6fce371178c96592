/** The notifications area of the worker API. `notifications/register.ts` hooks notifications into run ends and leadership. */
import type { NotificationsApi } from '../../contract/api/notifications.ts';
import { AppError } from '../../contract/errors.ts';
import type { Connection } from '../../contract/model.ts';
import { isDigestOn } from '../../domain/notification-decision.ts';
import { normaliseNotificationSettings, validateNotificationSettings } from '../../domain/notification-validate.ts';
import type { WorkerContext } from '../context.ts';
import { writeDigestMark } from '../notifications/digest.ts';

export function createNotificationsApi(context: WorkerContext): NotificationsApi {
  return {
    async saveNotificationSettings({ id, settings }) {
      const { db, clock } = await context.ready();
      const normalised = normaliseNotificationSettings(settings);
      const problems = validateNotificationSettings(normalised);
      if (problems.length > 0) throw new AppError('invalid-input', problems.map((problem) => problem.message).join(' '));
      return db.transaction('rw', db.connections, db.meta, async () => {
        const connection = await db.connections.get(id);
        if (!connection) throw new AppError('not-found', `Connection ${id} does not exist; it may have been deleted in another tab.`);
        const nowMs = clock.nowMs();
        // A digest covers the runs that end after it was turned on.
        if (isDigestOn(normalised) && !isDigestOn(connection.notifications)) await writeDigestMark(db, id, nowMs);
        if (!isDigestOn(normalised)) await writeDigestMark(db, id, null);
        const changes: Partial<Connection> = { notifications: normalised, updatedAtMs: nowMs };
        await db.connections.update(id, changes);
        return { ...connection, ...changes };
      });
    },

    async markNotificationRead({ id }) {
      const { db, clock } = await context.ready();
      await db.notifications.where(':id').equals(id).and((record) => record.readAtMs === null).modify({ readAtMs: clock.nowMs() });
    },

    async markAllNotificationsRead() {
      const { db, clock } = await context.ready();
      return db.notifications.filter((record) => record.readAtMs === null).modify({ readAtMs: clock.nowMs() });
    },

    async clearNotifications({ ids }) {
      const { db } = await context.ready();
      if (!ids) {
        const count = await db.notifications.count();
        await db.notifications.clear();
        return count;
      }
      const existing = (await db.notifications.bulkGet(ids)).filter((record) => record !== undefined).length;
      await db.notifications.bulkDelete(ids);
      return existing;
    },

    async markEmailOpened({ id }) {
      const { db, clock } = await context.ready();
      const nowMs = clock.nowMs();
      await db.transaction('rw', db.notifications, async () => {
        const record = await db.notifications.get(id);
        if (!record) throw new AppError('not-found', 'This notification was cleared, perhaps in another tab.');
        if (!record.email) throw new AppError('invalid-input', 'This notification has no email.');
        const email = { ...record.email, state: 'opened' as const, openedAtMs: record.email.openedAtMs ?? nowMs };
        await db.notifications.update(id, { email, readAtMs: record.readAtMs ?? nowMs });
      });
    },

    async markBrowserShown({ id, result }) {
      const { db } = await context.ready();
      return db.transaction('rw', db.notifications, async () => {
        const record = await db.notifications.get(id);
        if (!record) return false;
        const from = result === 'failed' ? 'shown' : 'pending';
        if (record.browser !== from) return false;
        await db.notifications.update(id, { browser: result });
        return true;
      });
    },
  };
}
