/**
 * A Dexie live query that survives its database connection being closed under it: Chromium closes
 * IndexedDB connections after a failed write on a full disk, which ends every live query with an error.
 */
import { liveQuery } from 'dexie';

/** Delay before a live query that ended with an error subscribes again. */
export const RESUBSCRIBE_DELAY_MS = 2_000;

/** Calls `next` with each result of `query`; returns a function that ends the subscription. */
export function subscribeLive<T>(query: () => Promise<T>, next: (value: T) => void, onError?: (error: unknown) => void): () => void {
  let isClosed = false;
  let unsubscribe: () => void = () => undefined;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  const subscribe = (): void => {
    const subscription = liveQuery(query).subscribe({
      next,
      error: (error: unknown) => {
        onError?.(error);
        if (!isClosed) retryTimer = setTimeout(subscribe, RESUBSCRIBE_DELAY_MS);
      },
    });
    unsubscribe = () => subscription.unsubscribe();
  };
  subscribe();
  return () => {
    isClosed = true;
    clearTimeout(retryTimer);
    unsubscribe();
  };
}
