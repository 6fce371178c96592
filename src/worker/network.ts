/** The browser's online state as the worker sees it (`navigator.onLine` and `online` events). */
import type { NetworkStatus } from './executor.ts';

export const browserNetwork: NetworkStatus = {
  isOnline: () => navigator.onLine,
  waitForOnline: (signal) =>
    new Promise<void>((resolve, reject) => {
      if (navigator.onLine) {
        resolve();
        return;
      }
      const onOnline = (): void => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      };
      const onAbort = (): void => {
        removeEventListener('online', onOnline);
        reject(signal.reason);
      };
      addEventListener('online', onOnline, { once: true });
      signal.addEventListener('abort', onAbort, { once: true });
    }),
};
