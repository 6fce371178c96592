/**
 * The header's notifications button. The notification center it opens loads on the first click, so the
 * first screen fetches only the button and its unread count.
 */
import { Show, createSignal, lazy, type JSX } from 'solid-js';
import { createLive } from '../live.ts';
import { countUnreadNotifications } from './queries.ts';

const NotificationCenter = lazy(() => import('./NotificationCenter.tsx').then((m) => ({ default: m.NotificationCenter })));

/** Renders the header button with the unread count, which opens and closes the notification center. */
export function NotificationCenterButton(): JSX.Element {
  const [open, setOpen] = createSignal(false);
  const unread = createLive(countUnreadNotifications);
  return (
    <>
      <button type="button" class="notifications-button" aria-expanded={open()} aria-controls="notification-center" onClick={() => setOpen(!open())}>
        Notifications <span class="badge">{unread() ?? 0}</span>
        <span class="visually-hidden"> unread</span>
      </button>
      <Show when={open()}>
        <NotificationCenter onClose={() => setOpen(false)} />
      </Show>
    </>
  );
}
