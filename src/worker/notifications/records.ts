/**
 * Stores a notification in the notification center with the state of each channel the connection's
 * settings request, and starts its webhook delivery. The scheduling tab's page shows the browser notification.
 */
import type { Connection, NotificationRecord } from '../../contract/model.ts';
import { connectionLink, type NotificationMessage } from '../../domain/notification-content.ts';
import type { RunOutcomeClass } from '../../domain/notification-decision.ts';
import { buildMailto } from '../../domain/notification-mailto.ts';
import type { WebhookPayload } from '../../domain/notification-webhook-payload.ts';
import type { RunlaneDb } from '../../storage/db.ts';
import { createLogger } from '../log.ts';
import type { NotifierDeps } from './deps.ts';
import { startWebhookDelivery } from './webhook.ts';

const log = createLogger('notifications');

/** The notification center keeps this many notifications; older ones are deleted. */
export const MAX_STORED_NOTIFICATIONS = 500;

export interface NotificationInput {
  connection: Connection;
  kind: NotificationRecord['kind'];
  runId: number | null;
  runIds: number[];
  outcome: RunOutcomeClass;
  message: NotificationMessage;
  payload: WebhookPayload;
  isLate: boolean;
}

function buildRecord(deps: NotifierDeps, input: NotificationInput): NotificationRecord {
  const { connection, message } = input;
  const settings = connection.notifications;
  return {
    connectionId: connection.id,
    connectionName: connection.name,
    runId: input.runId,
    runIds: input.runIds,
    kind: input.kind,
    outcome: input.outcome,
    createdAtMs: deps.clock.nowMs(),
    subject: message.subject,
    body: message.body,
    browserBody: message.browserBody,
    link: connectionLink(deps.format().appUrl, connection.id),
    readAtMs: null,
    browser: settings.browser ? 'pending' : 'not-requested',
    email:
      settings.emails.length > 0
        ? { recipients: [...settings.emails], mailto: buildMailto(settings.emails, message.subject, message.lines, message.closingLine), state: 'ready', openedAtMs: null }
        : null,
    webhook: settings.webhook
      ? { state: 'pending', attempts: 0, lastError: null, lastStatus: null, nextAttemptAtMs: null, payload: JSON.stringify({ eventId: crypto.randomUUID(), ...input.payload }) }
      : null,
    isLate: input.isLate,
  };
}

async function pruneOldest(db: RunlaneDb): Promise<void> {
  const excess = (await db.notifications.count()) - MAX_STORED_NOTIFICATIONS;
  if (excess <= 0) return;
  const oldest = await db.notifications.orderBy('createdAtMs').limit(excess).primaryKeys();
  await db.notifications.bulkDelete(oldest);
}

/** Stores the notification and starts its webhook delivery; returns its id. */
export async function storeNotification(deps: NotifierDeps, input: NotificationInput): Promise<number> {
  const { db } = deps;
  const record = buildRecord(deps, input);
  const id = await db.transaction('rw', db.notifications, async () => {
    const added = await db.notifications.add(record);
    await pruneOldest(db);
    return added;
  });
  log.info('notification stored', { id, connectionId: record.connectionId, kind: record.kind });
  if (record.webhook) startWebhookDelivery(deps, id);
  return id;
}
