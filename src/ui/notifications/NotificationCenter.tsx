/**
 * The notification center: recent notifications with their run and the state of each channel, reached
 * from a header button that shows the unread count.
 */
import { A } from '@solidjs/router';
import { For, Show, type JSX } from 'solid-js';
import { Portal } from 'solid-js/web';
import type { NotificationRecord } from '../../contract/model.ts';
import { callWorker } from '../bridge.ts';
import { formatDateTime } from '../format.ts';
import { createLive } from '../live.ts';
import { act, showToast } from '../toast.tsx';
import { listNotifications } from './queries.ts';

type StoredNotification = NotificationRecord & { id: number };

const KIND_LABELS: Record<NotificationRecord['kind'], string> = {
  run: 'Run',
  recovery: 'Recovery',
  digest: 'Daily digest',
  'start-summary': 'Found at start',
};

function describeBrowser(state: NotificationRecord['browser']): string | null {
  switch (state) {
    case 'not-requested':
      return null;
    case 'pending':
      return 'Browser notification: waiting for the tab that runs the schedules to show it';
    case 'shown':
      return 'Browser notification: shown';
    case 'denied':
      return 'Browser notification: not shown, because this site may not show notifications (see the connection\'s notification settings)';
    case 'unsupported':
      return 'Browser notification: not shown, because this browser cannot show notifications';
    case 'failed':
      return 'Browser notification: the browser could not show it';
  }
}

function describeEmail(email: NotificationRecord['email']): string | null {
  if (!email) return null;
  if (email.state === 'opened') return `Email: opened in the mail program${email.openedAtMs ? ` on ${formatDateTime(email.openedAtMs)}` : ''}`;
  return 'Email: ready to send';
}

function describeWebhook(webhook: NotificationRecord['webhook']): string | null {
  if (!webhook) return null;
  switch (webhook.state) {
    case 'delivered':
      return `Webhook: delivered${webhook.lastStatus ? ` (HTTP ${webhook.lastStatus})` : ''}`;
    case 'sent-unreadable':
      return 'Webhook: sent without CORS, response unreadable';
    case 'failed':
      return `Webhook: failed after ${webhook.attempts} ${webhook.attempts === 1 ? 'attempt' : 'attempts'}: ${webhook.lastError ?? 'unknown error'}`;
    case 'pending':
      if (webhook.nextAttemptAtMs !== null) {
        return `Webhook: attempt ${webhook.attempts} failed (${webhook.lastError ?? 'unknown error'}); next attempt ${formatDateTime(webhook.nextAttemptAtMs)}`;
      }
      return 'Webhook: sending';
  }
}

function NotificationItem(props: { record: StoredNotification; onNavigate: () => void }): JSX.Element {
  const unread = (): boolean => props.record.readAtMs === null;
  const states = (): string[] =>
    [describeBrowser(props.record.browser), describeEmail(props.record.email), describeWebhook(props.record.webhook)].filter((text): text is string => text !== null);
  const openEmail = (): void => act(() => callWorker('markEmailOpened', { id: props.record.id }));
  const markRead = (): void => act(() => callWorker('markNotificationRead', { id: props.record.id }));
  const openConnection = (): void => {
    if (unread()) markRead();
    props.onNavigate();
  };

  return (
    <li class="notification-item" classList={{ 'notification-unread': unread() }} data-testid="notification-item">
      <h3 class="notification-subject">{props.record.subject}</h3>
      <p class="notification-meta">
        <Show when={unread()}>
          <strong class="unread-mark">Unread · </strong>
        </Show>
        {KIND_LABELS[props.record.kind]} · {props.record.connectionName} · {formatDateTime(props.record.createdAtMs)}
        <Show when={props.record.isLate}> · sent late</Show>
      </p>
      <ul class="notification-states">
        <For each={states()}>{(text) => <li>{text}</li>}</For>
      </ul>
      <div class="actions">
        <Show when={props.record.email}>
          {(email) => (
            <a class="button primary" href={email().mailto} onClick={openEmail} data-testid="notification-email-link">
              {email().state === 'opened' ? 'Open email again' : 'Open email'}
              <span class="visually-hidden"> to {email().recipients.join(', ')}</span>
            </a>
          )}
        </Show>
        <A class="button" href={`/connections/${props.record.connectionId}`} onClick={openConnection}>
          Open connection
        </A>
        <Show when={unread()}>
          <button type="button" onClick={markRead}>
            Mark as read
          </button>
        </Show>
      </div>
      <Show when={props.record.email}>{(email) => <p class="hint">To: {email().recipients.join(', ')}</p>}</Show>
      <details class="notification-body">
        <summary>Message</summary>
        <pre>{props.record.body}</pre>
      </details>
    </li>
  );
}

/** Renders the panel with the recent notifications. */
export function NotificationCenter(props: { onClose: () => void }): JSX.Element {
  const records = createLive((db) => listNotifications(db) as Promise<StoredNotification[]>);
  const unreadCount = (): number => records()?.filter((record) => record.readAtMs === null).length ?? 0;
  const markAllRead = (): void => act(() => callWorker('markAllNotificationsRead', {}));
  const clearAll = (): void => {
    if (!confirm('Clear every notification? Emails not yet opened are cleared too. Runs and their logs are kept.')) return;
    act(async () => {
      const count = await callWorker('clearNotifications', {});
      showToast(`${count} ${count === 1 ? 'notification' : 'notifications'} cleared.`);
    });
  };

  return (
    <Portal>
      <aside id="notification-center" class="notification-center" aria-label="Notifications">
        <div class="panel-header">
          <h2>Notifications</h2>
          <button type="button" onClick={() => props.onClose()}>
            Close
          </button>
        </div>
        <div class="actions">
          <button type="button" disabled={unreadCount() === 0} onClick={markAllRead}>
            Mark all as read
          </button>
          <button type="button" class="danger" disabled={(records()?.length ?? 0) === 0} onClick={clearAll}>
            Clear all
          </button>
        </div>
        <Show when={(records()?.length ?? 0) > 0} fallback={<p>No notifications. Set who is told about runs on a connection's page, under Notifications.</p>}>
          <ol class="notification-list">
            <For each={records()}>{(record) => <NotificationItem record={record} onNavigate={() => props.onClose()} />}</For>
          </ol>
        </Show>
      </aside>
    </Portal>
  );
}
