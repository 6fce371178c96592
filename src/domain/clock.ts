/**
 * The only source of time for the scheduler and the executor. Nothing else reads `Date.now` or
 * `Temporal.Now`.
 */
export interface Clock {
  nowMs(): number;
  /** Resolves when the clock reaches `atMs`, or rejects with the signal's reason when it aborts. */
  sleepUntil(atMs: number, signal?: AbortSignal): Promise<void>;
}

interface Sleeper {
  atMs: number;
  resolve: () => void;
}

/** A clock that moves only when told to; unit tests and the test build's clock control use it. */
export class ManualClock implements Clock {
  #nowMs: number;
  #sleepers: Sleeper[] = [];

  constructor(startMs: number) {
    this.#nowMs = startMs;
  }

  nowMs(): number {
    return this.#nowMs;
  }

  sleepUntil(atMs: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (atMs <= this.#nowMs) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const sleeper: Sleeper = { atMs, resolve };
      this.#sleepers.push(sleeper);
      signal?.addEventListener(
        'abort',
        () => {
          this.#sleepers = this.#sleepers.filter((s) => s !== sleeper);
          reject(signal.reason);
        },
        { once: true },
      );
    });
  }

  /** Moves to `atMs` (never backwards in effect for sleepers) and wakes every sleeper that is due. */
  setNow(atMs: number): void {
    this.#nowMs = atMs;
    const due = this.#sleepers.filter((s) => s.atMs <= atMs);
    this.#sleepers = this.#sleepers.filter((s) => s.atMs > atMs);
    for (const sleeper of due) sleeper.resolve();
  }

  advance(ms: number): void {
    this.setNow(this.#nowMs + ms);
  }
}

/** Longest single timer: re-checking at least once a minute notices sleep, suspend and clock changes. */
const MAX_TIMER_STEP_MS = 60_000;

/** The wall clock. Sleeps in steps of at most a minute so a changed system clock is noticed. */
export class SystemClock implements Clock {
  nowMs(): number {
    return Date.now();
  }

  sleepUntil(atMs: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      let timer: ReturnType<typeof setTimeout>;
      const onAbort = (): void => {
        clearTimeout(timer);
        reject(signal?.reason);
      };
      const step = (): void => {
        const remainingMs = atMs - Date.now();
        if (remainingMs <= 0) {
          signal?.removeEventListener('abort', onAbort);
          resolve();
          return;
        }
        timer = setTimeout(step, Math.min(remainingMs, MAX_TIMER_STEP_MS));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      step();
    });
  }
}
