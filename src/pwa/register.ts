/**
 * Registers the service worker from code (an inline script would break the Content-Security-Policy) and
 * exposes whether a new version waits, so the page can ask before it reloads.
 */
import { createSignal } from 'solid-js';
import { registerSW } from 'virtual:pwa-register';

const [updateReady, setUpdateReady] = createSignal(false);
const [offlineReady, setOfflineReady] = createSignal(false);
let applyUpdate: ((reload?: boolean) => Promise<void>) | null = null;

export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator) || import.meta.env.DEV) return;
  applyUpdate = registerSW({
    immediate: true,
    onNeedRefresh: () => setUpdateReady(true),
    onOfflineReady: () => setOfflineReady(true),
  });
}

/**
 * Activates the waiting version and reloads. A tab that had no service worker when it loaded is not
 * reloaded by workbox, so the page also reloads once the new worker takes control.
 */
export async function reloadWithUpdate(): Promise<void> {
  navigator.serviceWorker?.addEventListener('controllerchange', () => location.reload(), { once: true });
  await applyUpdate?.(true);
}

export { updateReady, offlineReady };
