/**
 * Test builds only: options read from the address (`?demo=off`, `?clock=2026-03-08T06:00:00Z`) and
 * `window.runlaneTest`, through which end-to-end tests move the worker's controlled clock.
 */
import { callWorker } from './bridge.ts';
import { syncClockNow } from './clock.ts';

export interface TestOptions {
  seedDemo: boolean;
  controlledClockStartMs: number | null;
}

export function readTestOptions(params: URLSearchParams): TestOptions {
  if (!__RUNLANE_TEST__) return { seedDemo: true, controlledClockStartMs: null };
  const clock = params.get('clock');
  const startMs = clock ? Date.parse(clock) : NaN;
  return {
    seedDemo: params.get('demo') !== 'off',
    controlledClockStartMs: Number.isFinite(startMs) ? startMs : null,
  };
}

export interface RunlaneTestControls {
  setClock(iso: string): Promise<void>;
  advanceClock(ms: number): Promise<number>;
  getClock(): Promise<number>;
}

export function installTestControls(): void {
  if (!__RUNLANE_TEST__) return;
  const controls: RunlaneTestControls = {
    async setClock(iso) {
      await callWorker('setClock', { nowMs: Date.parse(iso) });
      syncClockNow();
    },
    async advanceClock(ms) {
      const nowMs = await callWorker('advanceClock', { byMs: ms });
      syncClockNow();
      return nowMs;
    },
    getClock: () => callWorker('getClock'),
  };
  (window as unknown as { runlaneTest: RunlaneTestControls }).runlaneTest = controls;
}
