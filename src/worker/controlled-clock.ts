/**
 * Test builds only: a manual clock whose time is stored in IndexedDB, so that the tab that takes over the
 * scheduling continues on the same controlled time.
 */
import { liveQuery, type Subscription } from 'dexie';
import { ManualClock } from '../domain/clock.ts';
import type { RunlaneDb } from '../storage/db.ts';

const CLOCK_KEY = 'controlled-clock';

export class ControlledClock extends ManualClock {
  #subscription: Subscription | null = null;

  static async open(db: RunlaneDb, startMs: number): Promise<ControlledClock> {
    const stored = await db.meta.get(CLOCK_KEY);
    const nowMs = typeof stored?.value === 'number' ? stored.value : startMs;
    if (!stored) await db.meta.put({ key: CLOCK_KEY, value: nowMs });
    const clock = new ControlledClock(nowMs);
    clock.#subscription = liveQuery(() => db.meta.get(CLOCK_KEY)).subscribe({
      next: (row) => {
        if (typeof row?.value === 'number' && row.value !== clock.nowMs()) clock.setNow(row.value);
      },
    });
    return clock;
  }

  static async isStored(db: RunlaneDb): Promise<boolean> {
    return (await db.meta.get(CLOCK_KEY)) !== undefined;
  }

  /** Stores the new time; every tab's clock follows through the live query. */
  async store(db: RunlaneDb, nowMs: number): Promise<void> {
    this.setNow(nowMs);
    await db.meta.put({ key: CLOCK_KEY, value: nowMs });
  }

  close(): void {
    this.#subscription?.unsubscribe();
  }
}
