/** The browser's online state as the worker sees it (`navigator.onLine` and `online` events). */
import type { NetworkStatus } from './executor.ts';

/**
 * How often a waiting run looks at `navigator.onLine` itself. A dedicated worker's `navigator.onLine`
 * follows the browser, but Chromium 156 under Playwright's network emulation sends the worker no
 * `online` event (checked by hand with `context.setOffline`), so the event alone could wait forever.
 */
const ONLINE_POLL_MS = 1_000;

export const browserNetwork: NetworkStatus = {
  isOnline: () => navigator.onLine,
  waitForOnline: (signal) =>
    new Promise<void>((resolve, reject) => {
      if (navigator.onLine) {
        resolve();
        return;
      }
      const stopWaiting = (): void => {
        removeEventListener('online', onOnline);
        signal.removeEventListener('abort', onAbort);
        clearInterval(poll);
      };
      const onOnline = (): void => {
        stopWaiting();
        resolve();
      };
      const onAbort = (): void => {
        stopWaiting();
        reject(signal.reason);
      };
      const poll = setInterval(() => {
        if (navigator.onLine) onOnline();
      }, ONLINE_POLL_MS);
      addEventListener('online', onOnline, { once: true });
      signal.addEventListener('abort', onAbort, { once: true });
    }),
};
