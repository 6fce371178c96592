/**
 * Browser notifications on the page's side. The worker stores a notification as 'pending'. The page of
 * the scheduling tab claims it through the worker, so that no second tab shows it, and shows it through
 * the service worker's registration, so that it also works in the installed app. A dedicated worker has
 * no service-worker registration, which is why the page does this.
 */
import { liveQuery } from 'dexie';
import { createSignal } from 'solid-js';
import type { NotificationRecord } from '../../contract/model.ts';
import { readMeta } from '../../storage/queries.ts';
import { callWorker } from '../bridge.ts';
import { useDb } from '../live.ts';
import { listPendingBrowserNotifications } from './queries.ts';

export type BrowserPermission = NotificationPermission | 'unsupported';

function readPermission(): BrowserPermission {
  return 'Notification' in globalThis ? Notification.permission : 'unsupported';
}

const [permission, setPermission] = createSignal<BrowserPermission>(readPermission());

/** The notification permission of this site, updated when it changes in the browser's settings. */
export const browserPermission = permission;

/** Asks for the permission; call it from the user's click, never at page load. */
export async function requestBrowserPermission(): Promise<BrowserPermission> {
  if (readPermission() === 'unsupported') return 'unsupported';
  if (Notification.permission === 'default') await Notification.requestPermission();
  setPermission(readPermission());
  return readPermission();
}

function watchPermission(): void {
  if (!('permissions' in navigator)) return;
  navigator.permissions.query({ name: 'notifications' }).then(
    (status) => {
      status.addEventListener('change', () => setPermission(readPermission()));
    },
    () => undefined,
  );
}

async function activeRegistration(): Promise<ServiceWorkerRegistration | null> {
  if (!('serviceWorker' in navigator)) return null;
  const registration = await navigator.serviceWorker.getRegistration();
  if (!registration) return null;
  return registration.active ? registration : navigator.serviceWorker.ready;
}

// A click on a notification the service worker shows is handled in public/sw-notification-click.js; the
// page's fallback Notification below handles its own clicks.
async function display(record: NotificationRecord & { id: number }): Promise<void> {
  const options: NotificationOptions = {
    body: record.browserBody,
    tag: `runlane-notification-${record.id}`,
    icon: `${import.meta.env.BASE_URL}icons/icon-192.png`,
    data: { url: record.link },
  };
  const registration = await activeRegistration();
  if (registration) {
    await registration.showNotification(record.subject, options);
    return;
  }
  const notification = new Notification(record.subject, options);
  notification.addEventListener('click', () => {
    window.focus();
    location.hash = `#/connections/${record.connectionId}`;
    notification.close();
  });
}

async function showPending(record: NotificationRecord & { id: number }): Promise<void> {
  const current = readPermission();
  setPermission(current);
  if (current !== 'granted') {
    await callWorker('markBrowserShown', { id: record.id, result: current === 'unsupported' ? 'unsupported' : 'denied' });
    return;
  }
  if (!(await callWorker('markBrowserShown', { id: record.id, result: 'shown' }))) return;
  try {
    await display(record);
  } catch (error) {
    // eslint-disable-next-line no-console -- a notification the browser refused is logged once, where it happened
    console.warn('The browser notification could not be shown.', error);
    await callWorker('markBrowserShown', { id: record.id, result: 'failed' });
  }
}

/** Shows pending browser notifications while this tab is the scheduling tab. */
export function startBrowserNotifications(tabId: string): void {
  watchPermission();
  const inProgress = new Set<number>();
  const db = useDb();
  liveQuery(async () => ({ schedulingTab: await readMeta<{ tabId: string }>(db, 'scheduling-tab'), pending: await listPendingBrowserNotifications(db) })).subscribe({
    next: ({ schedulingTab, pending }) => {
      if (schedulingTab?.tabId !== tabId) return;
      for (const record of pending) {
        const id = record.id;
        if (id === undefined || inProgress.has(id)) continue;
        inProgress.add(id);
        showPending({ ...record, id })
          .catch(() => undefined)
          .finally(() => inProgress.delete(id));
      }
    },
  });
}
