/**
 * The time the page shows: the worker's clock, read once a second, so that elapsed times and "Next"
 * follow the controlled clock in test builds.
 */
import { createSignal, type Accessor } from 'solid-js';
import { callWorker } from './bridge.ts';

const [nowMs, setNowMs] = createSignal(Date.now());
let started = false;

export function startClockSync(): void {
  if (started) return;
  started = true;
  const sync = (): void => {
    callWorker('ping').then(setNowMs, () => undefined);
  };
  sync();
  setInterval(sync, 1000);
}

/** Re-reads the worker's clock now, for example after a test moved it. */
export function syncClockNow(): void {
  callWorker('ping').then(setNowMs, () => undefined);
}

export const useNow = (): Accessor<number> => nowMs;
