/**
 * Training mode's clock: it runs `speed` times faster than real time, can pause, and can jump ahead. Its
 * time is `baseMs + (realNow - realAtMs) × speed`, and every change rebases it, so the time never jumps
 * when the speed changes.
 */
import type { Clock } from './clock.ts';

/** Training milliseconds per real millisecond. ×3600 shows a day in 24 real seconds. */
export const TRAINING_SPEEDS = [60, 600, 3600] as const;
export type TrainingSpeed = (typeof TRAINING_SPEEDS)[number];

/** The clock's state as stored (plain data), so that every tab in training mode follows the same time. */
export interface ScaledClockState {
  /** Training time at `realAtMs`. */
  baseMs: number;
  /** Real (wall-clock) time when `baseMs` was set. */
  realAtMs: number;
  speed: number;
  paused: boolean;
}

/** The real time source and timers, which tests replace with a fake one. */
export interface RealTime {
  nowMs(): number;
  setTimeout(callback: () => void, delayMs: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const SYSTEM_REAL_TIME: RealTime = {
  nowMs: () => Date.now(),
  setTimeout: (callback, delayMs) => setTimeout(callback, delayMs),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * Maximum real-time timer of a sleep: a sleep re-checks at least this often, so it notices a changed system
 * clock. Speed changes, pauses and jumps re-check every sleep at once.
 */
const MAX_REAL_STEP_MS = 1_000;

export function isTrainingSpeed(value: unknown): value is TrainingSpeed {
  return TRAINING_SPEEDS.includes(value as TrainingSpeed);
}

export class ScaledClock implements Clock {
  #state: ScaledClockState;
  readonly #real: RealTime;
  /** One re-check function per pending sleep. */
  readonly #sleepers = new Set<() => void>();

  constructor(state: ScaledClockState, real: RealTime = SYSTEM_REAL_TIME) {
    assertSpeed(state.speed);
    this.#state = { ...state };
    this.#real = real;
  }

  nowMs(): number {
    const { baseMs, realAtMs, speed, paused } = this.#state;
    if (paused) return baseMs;
    return baseMs + Math.round((this.#real.nowMs() - realAtMs) * speed);
  }

  state(): ScaledClockState {
    return { ...this.#state };
  }

  sleepUntil(atMs: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise((resolve, reject) => {
      let timer: unknown = null;
      const finish = (): void => {
        if (timer !== null) this.#real.clearTimeout(timer);
        timer = null;
        this.#sleepers.delete(check);
        signal?.removeEventListener('abort', onAbort);
      };
      const onAbort = (): void => {
        finish();
        reject(signal?.reason);
      };
      const check = (): void => {
        if (timer !== null) this.#real.clearTimeout(timer);
        timer = null;
        const remainingMs = atMs - this.nowMs();
        if (remainingMs <= 0) {
          finish();
          resolve();
          return;
        }
        // A paused clock sleeps without a timer until it resumes or jumps.
        if (this.#state.paused) return;
        const realDelayMs = Math.min(Math.ceil(remainingMs / this.#state.speed), MAX_REAL_STEP_MS);
        timer = this.#real.setTimeout(check, realDelayMs);
      };
      this.#sleepers.add(check);
      signal?.addEventListener('abort', onAbort, { once: true });
      check();
    });
  }

  setSpeed(speed: number): void {
    assertSpeed(speed);
    this.#rebase({ speed });
  }

  pause(): void {
    this.#rebase({ paused: true });
  }

  resume(): void {
    this.#rebase({ paused: false });
  }

  /** Moves the time forward to `atMs`, waking the sleeps due by then. Throws a RangeError for a time not ahead. */
  jumpTo(atMs: number): void {
    if (!Number.isFinite(atMs) || atMs <= this.nowMs()) {
      throw new RangeError(`The training clock only jumps ahead: ${String(atMs)} is not after ${this.nowMs()}.`);
    }
    this.#rebase({ baseMs: atMs });
  }

  /** Takes a state stored by another tab's clock. */
  apply(state: ScaledClockState): void {
    assertSpeed(state.speed);
    this.#state = { ...state };
    this.#wakeSleepers();
  }

  #rebase(change: Partial<Pick<ScaledClockState, 'baseMs' | 'speed' | 'paused'>>): void {
    this.#state = { ...this.#state, baseMs: this.nowMs(), realAtMs: this.#real.nowMs(), ...change };
    this.#wakeSleepers();
  }

  #wakeSleepers(): void {
    for (const check of [...this.#sleepers]) check();
  }
}

function assertSpeed(speed: number): void {
  if (!Number.isFinite(speed) || speed <= 0) throw new RangeError(`The training clock's speed must be a positive number, got ${String(speed)}.`);
}
