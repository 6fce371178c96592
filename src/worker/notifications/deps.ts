/** What the notification code of the scheduling worker needs, gathered once so tests can pass their own. */
import type { Clock } from '../../domain/clock.ts';
import type { MessageFormat } from '../../domain/notification-content.ts';
import { browserTimeZone } from '../../domain/schedule.ts';
import type { RunlaneDb } from '../../storage/db.ts';
import type { WorkerState } from '../context.ts';

export interface NotifierDeps {
  db: RunlaneDb;
  clock: Clock;
  /** Locale, time zone and app address for message text, read when a message is written. */
  format(): MessageFormat;
  fetch: typeof fetch;
  isOnline(): boolean;
  /** Notification ids whose webhook delivery runs in this worker, so none runs twice. */
  deliveries: Set<number>;
}

/**
 * The app's address: the base path resolved against the absolute demo file address the page passed, which
 * main.tsx builds from the same base path and the page's address.
 */
export function appUrlOf(state: WorkerState): string {
  return new URL(import.meta.env.BASE_URL ?? '/', state.init.demoCsvUrl).href;
}

export function createNotifierDeps(state: WorkerState): NotifierDeps {
  const appUrl = appUrlOf(state);
  return {
    db: state.db,
    clock: state.clock,
    format: () => ({ locale: navigator.language || 'en', timeZone: browserTimeZone(), appUrl }),
    fetch: (input, init) => fetch(input, init),
    isOnline: () => navigator.onLine,
    deliveries: new Set(),
  };
}
