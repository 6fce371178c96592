/**
 * Test builds only: a manual clock whose time is stored in IndexedDB, so that the tab that takes over the
 * scheduling continues on the same controlled time.
 */
import { subscribeLive } from '../storage/live-subscription.ts';
import { ManualClock } from '../domain/clock.ts';
import type { RunlaneDb } from '../storage/db.ts';

const CLOCK_KEY = 'controlled-clock';

export class ControlledClock extends ManualClock {
  #unsubscribe: (() => void) | null = null;

  static async open(db: RunlaneDb, startMs: number): Promise<ControlledClock> {
    const stored = await db.meta.get(CLOCK_KEY);
    const nowMs = typeof stored?.value === 'number' ? stored.value : startMs;
    if (!stored) await db.meta.put({ key: CLOCK_KEY, value: nowMs });
    const clock = new ControlledClock(nowMs);
    clock.#unsubscribe = subscribeLive(
      () => db.meta.get(CLOCK_KEY),
      (row) => {
        if (typeof row?.value === 'number' && row.value !== clock.nowMs()) clock.setNow(row.value);
      },
    );
    return clock;
  }

  static async isStored(db: RunlaneDb): Promise<boolean> {
    return (await db.meta.get(CLOCK_KEY)) !== undefined;
  }

  /**
   * Moves this clock and stores the new time, which every other tab's clock follows through the live
   * query. When storage refuses the write (a full disk), this tab's clock still moves.
   */
  async store(db: RunlaneDb, nowMs: number): Promise<void> {
    this.setNow(nowMs);
    await db.meta.put({ key: CLOCK_KEY, value: nowMs }).catch(() => undefined);
  }

  close(): void {
    this.#unsubscribe?.();
  }
}
