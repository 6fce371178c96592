/**
 * Exactly one tab's worker schedules and executes: the one holding the exclusive Web Lock. The others wait
 * in the lock's queue and take over when that tab closes or crashes, because the browser then releases its
 * lock.
 */
import type { WorkerInit } from '../contract/worker-api.ts';

export const SCHEDULER_LOCK = 'runlane-scheduler';

/**
 * Returns the Web Lock that chooses the scheduling tab. Training mode has its own, so that a tab in training mode
 * schedules the training database while another tab keeps scheduling the real one.
 */
export function schedulerLockName(init: WorkerInit): string {
  return init.training ? `${SCHEDULER_LOCK}:${init.databaseName}` : SCHEDULER_LOCK;
}

/** Waits for the lock, then calls `lead`, and keeps the lock for the worker's lifetime. */
export function waitForLeadership(lockName: string, lead: () => Promise<void>): void {
  void navigator.locks.request(lockName, { mode: 'exclusive' }, async () => {
    await lead();
    await new Promise<never>(() => {
      // Held until the worker ends.
    });
  });
}
