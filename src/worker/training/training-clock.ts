/**
 * Training mode's clock in the worker: a ScaledClock whose state is stored in the training database, so
 * that every tab in training mode, and a reloaded one, follows the same training time.
 */
import { liveQuery, type Subscription } from 'dexie';
import { SYSTEM_REAL_TIME, ScaledClock, type ScaledClockState } from '../../domain/scaled-clock.ts';
import type { RunlaneDb } from '../../storage/db.ts';

export const TRAINING_CLOCK_KEY = 'training-clock';
/** Real time at which the scheduling tab in training mode last showed it was alive. */
const HEARTBEAT_KEY = 'training-heartbeat';
const HEARTBEAT_INTERVAL_MS = 500;
/** A heartbeat older than this means no tab was in training mode since. */
const HEARTBEAT_GAP_MS = 1_000;

export class TrainingClock extends ScaledClock {
  #subscription: Subscription | null = null;

  /** Opens the stored clock, or starts one from `fallback` when the training database has none. */
  static async open(db: RunlaneDb, fallback: ScaledClockState): Promise<TrainingClock> {
    const stored = await db.meta.get(TRAINING_CLOCK_KEY);
    const state = isClockState(stored?.value) ? stored.value : fallback;
    if (!stored) await db.meta.put({ key: TRAINING_CLOCK_KEY, value: state });
    const clock = new TrainingClock(state);
    clock.#subscription = liveQuery(() => db.meta.get(TRAINING_CLOCK_KEY)).subscribe({
      next: (row) => {
        if (isClockState(row?.value) && !isSameState(row.value, clock.state())) clock.apply(row.value);
      },
    });
    return clock;
  }

  /** Stores the current state, which the other tabs' clocks follow through the live query. */
  async store(db: RunlaneDb): Promise<void> {
    await db.meta.put({ key: TRAINING_CLOCK_KEY, value: this.state() });
  }

  /**
   * Called when a worker opens the training database, before it may schedule. The training clock stands
   * still while no tab is in training mode: the real time since the scheduling tab's last heartbeat (or since
   * the configuration was copied) is cut out, so that closing the tab for an hour at ×3600 does not skip
   * 150 days. The cut starts HEARTBEAT_GAP_MS after the last heartbeat, because the closed tab may still
   * have written runs and profiles until then. Starting at the heartbeat would put the clock behind them.
   */
  async cutGapSinceLastHeartbeat(db: RunlaneDb): Promise<void> {
    const realNowMs = SYSTEM_REAL_TIME.nowMs();
    const heartbeat = await db.meta.get(HEARTBEAT_KEY);
    const state = this.state();
    // Without a heartbeat, the configuration was just copied: training starts at the copy's time exactly.
    const hasHeartbeat = typeof heartbeat?.value === 'number';
    const lastSeenRealMs = hasHeartbeat ? Math.max(heartbeat.value as number, state.realAtMs) : state.realAtMs;
    const gapMs = realNowMs - lastSeenRealMs;
    if (!state.paused && (hasHeartbeat ? gapMs > HEARTBEAT_GAP_MS : gapMs > 0)) {
      // NOTE: a scheduling tab whose worker was blocked for longer than HEARTBEAT_GAP_MS before it closed can
      // have written later times than the clock resumes at.
      const resumeRealMs = hasHeartbeat ? lastSeenRealMs + HEARTBEAT_GAP_MS : lastSeenRealMs;
      const trainingMsAtResume = state.baseMs + Math.round((resumeRealMs - state.realAtMs) * state.speed);
      this.apply({ ...state, baseMs: trainingMsAtResume, realAtMs: realNowMs });
      await this.store(db);
    }
  }

  /** Writes a heartbeat every half second while this worker schedules the training database. */
  startHeartbeat(db: RunlaneDb): void {
    const beat = (): void => {
      db.meta.put({ key: HEARTBEAT_KEY, value: SYSTEM_REAL_TIME.nowMs() }).catch(() => undefined);
    };
    beat();
    setInterval(beat, HEARTBEAT_INTERVAL_MS);
  }

  close(): void {
    this.#subscription?.unsubscribe();
  }
}

export function isClockState(value: unknown): value is ScaledClockState {
  if (!value || typeof value !== 'object') return false;
  const state = value as Record<string, unknown>;
  return typeof state.baseMs === 'number' && typeof state.realAtMs === 'number' && typeof state.speed === 'number' && typeof state.paused === 'boolean';
}

function isSameState(a: ScaledClockState, b: ScaledClockState): boolean {
  return a.baseMs === b.baseMs && a.realAtMs === b.realAtMs && a.speed === b.speed && a.paused === b.paused;
}
