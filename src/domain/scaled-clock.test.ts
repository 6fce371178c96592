import { describe, expect, it } from 'vitest';
import { ScaledClock, type RealTime, type ScaledClockState } from './scaled-clock.ts';

const TRAINING_START_MS = Date.parse('2026-03-05T08:00:00Z');
const HOUR_MS = 3_600_000;

/** Real time that moves only when the test advances it, with timers fired in order. */
class FakeRealTime implements RealTime {
  #nowMs = 1_000_000;
  #nextId = 1;
  #timers = new Map<number, { atMs: number; callback: () => void }>();
  timersStarted = 0;

  nowMs(): number {
    return this.#nowMs;
  }

  setTimeout(callback: () => void, delayMs: number): unknown {
    const id = this.#nextId++;
    this.#timers.set(id, { atMs: this.#nowMs + delayMs, callback });
    this.timersStarted += 1;
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.#timers.delete(handle as number);
  }

  /** Moves real time forward, firing each timer at its own instant. */
  advance(ms: number): void {
    const endMs = this.#nowMs + ms;
    for (;;) {
      const due = [...this.#timers.entries()].filter(([, timer]) => timer.atMs <= endMs).sort((a, b) => a[1].atMs - b[1].atMs)[0];
      if (!due) break;
      this.#timers.delete(due[0]);
      this.#nowMs = due[1].atMs;
      due[1].callback();
    }
    this.#nowMs = endMs;
  }

  get pendingTimers(): number {
    return this.#timers.size;
  }
}

function setup(overrides: Partial<ScaledClockState> = {}) {
  const real = new FakeRealTime();
  const clock = new ScaledClock({ baseMs: TRAINING_START_MS, realAtMs: real.nowMs(), speed: 3600, paused: false, ...overrides }, real);
  return { real, clock };
}

/** Lets resolved promises run their callbacks. */
const flush = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('ScaledClock', () => {
  it('runs speed times faster than real time', () => {
    const { real, clock } = setup();
    real.advance(1_000);
    expect(clock.nowMs()).toBe(TRAINING_START_MS + HOUR_MS);
    real.advance(23_000);
    expect(clock.nowMs()).toBe(TRAINING_START_MS + 24 * HOUR_MS);
  });

  it('keeps the time when the speed changes', () => {
    const { real, clock } = setup({ speed: 60 });
    real.advance(60_000);
    expect(clock.nowMs()).toBe(TRAINING_START_MS + HOUR_MS);
    clock.setSpeed(600);
    expect(clock.nowMs()).toBe(TRAINING_START_MS + HOUR_MS);
    real.advance(6_000);
    expect(clock.nowMs()).toBe(TRAINING_START_MS + 2 * HOUR_MS);
  });

  it('stands still while paused', () => {
    const { real, clock } = setup();
    real.advance(1_000);
    clock.pause();
    real.advance(10_000);
    expect(clock.nowMs()).toBe(TRAINING_START_MS + HOUR_MS);
    clock.resume();
    real.advance(1_000);
    expect(clock.nowMs()).toBe(TRAINING_START_MS + 2 * HOUR_MS);
  });

  it('wakes a sleep at the scaled instant', async () => {
    const { real, clock } = setup();
    let woke = false;
    void clock.sleepUntil(TRAINING_START_MS + 6 * HOUR_MS).then(() => (woke = true));
    real.advance(5_999);
    await flush();
    expect(woke).toBe(false);
    real.advance(1);
    await flush();
    expect(woke).toBe(true);
    expect(real.pendingTimers).toBe(0);
  });

  it('re-checks a long sleep at least once a real second', () => {
    const { real, clock } = setup({ speed: 60 });
    void clock.sleepUntil(TRAINING_START_MS + 10 * HOUR_MS);
    real.advance(10_000);
    expect(real.timersStarted).toBe(11);
  });

  it('wakes sleeps passed by a jump', async () => {
    const { clock } = setup({ speed: 60 });
    let woke = false;
    void clock.sleepUntil(TRAINING_START_MS + 48 * HOUR_MS).then(() => (woke = true));
    clock.jumpTo(TRAINING_START_MS + 72 * HOUR_MS);
    await flush();
    expect(woke).toBe(true);
    expect(clock.nowMs()).toBe(TRAINING_START_MS + 72 * HOUR_MS);
  });

  it('rejects a jump backwards', () => {
    const { clock } = setup();
    expect(() => clock.jumpTo(TRAINING_START_MS - 1)).toThrow(RangeError);
  });

  it('sleeps through a pause without timers', async () => {
    const { real, clock } = setup();
    let woke = false;
    void clock.sleepUntil(TRAINING_START_MS + HOUR_MS).then(() => (woke = true));
    clock.pause();
    expect(real.pendingTimers).toBe(0);
    real.advance(5_000);
    await flush();
    expect(woke).toBe(false);
    clock.resume();
    real.advance(1_000);
    await flush();
    expect(woke).toBe(true);
  });

  it('wakes earlier after a speed-up', async () => {
    const { real, clock } = setup({ speed: 60 });
    let woke = false;
    void clock.sleepUntil(TRAINING_START_MS + HOUR_MS).then(() => (woke = true));
    real.advance(30_000);
    clock.setSpeed(3600);
    // Half an hour is left: half a real second at ×3600.
    real.advance(500);
    await flush();
    expect(woke).toBe(true);
  });

  it('rejects an aborted sleep and clears its timer', async () => {
    const { real, clock } = setup();
    const controller = new AbortController();
    const sleep = clock.sleepUntil(TRAINING_START_MS + HOUR_MS, controller.signal);
    controller.abort(new Error('woken'));
    await expect(sleep).rejects.toThrow('woken');
    expect(real.pendingTimers).toBe(0);
  });

  it('follows a state stored by another tab', () => {
    const { real, clock } = setup();
    clock.apply({ baseMs: TRAINING_START_MS + 5 * HOUR_MS, realAtMs: real.nowMs(), speed: 600, paused: false });
    real.advance(6_000);
    expect(clock.nowMs()).toBe(TRAINING_START_MS + 6 * HOUR_MS);
  });
});
