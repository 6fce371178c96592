/**
 * Test builds only: options read from the address (`?demo=off`, `?clock=2026-03-08T06:00:00Z`) and
 * `window.runlaneTest`, through which end-to-end tests move the worker's controlled clock.
 */
import type { Connection } from '../contract/model.ts';
import type { ConnectionInput } from '../contract/worker-api.ts';
import type { SeedRunHistoryRequest, SeedRunHistoryResult } from '../contract/api/history-seed.ts';
import { callWorker } from './bridge.ts';
import { syncClockNow } from './clock.ts';

export interface TestOptions {
  seedDemo: boolean;
  controlledClockStartMs: number | null;
  /** How long the page waits for the worker to answer a ping before it restarts it. */
  pingTimeoutMs: number | null;
}

export function readTestOptions(params: URLSearchParams): TestOptions {
  if (!__RUNLANE_TEST__) return { seedDemo: true, controlledClockStartMs: null, pingTimeoutMs: null };
  const clock = params.get('clock');
  const startMs = clock ? Date.parse(clock) : NaN;
  return {
    seedDemo: params.get('demo') !== 'off',
    controlledClockStartMs: Number.isFinite(startMs) ? startMs : null,
    pingTimeoutMs: Number(params.get('watchdog')) || null,
  };
}

export interface RunlaneTestControls {
  setClock(iso: string): Promise<void>;
  advanceClock(ms: number): Promise<number>;
  getClock(): Promise<number>;
  /** Creates a connection with any settings, test connectors included, without going through the form. */
  createConnection(input: ConnectionInput, enabled: boolean): Promise<Connection>;
  runNow(connectionId: string): Promise<unknown>;
  /** Makes the worker's writes fail with QuotaExceededError after `bytes` more; null lifts the limit. */
  setWriteBudget(bytes: number | null): Promise<void>;
  /** Adds runs and one run's log in bulk; see `HistorySeedApi.seedRunHistory` for what they contain. */
  seedRunHistory(request: SeedRunHistoryRequest): Promise<SeedRunHistoryResult>;
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
    createConnection: (input, enabled) => callWorker('createConnection', { input, file: null, fileName: null, enabled }),
    runNow: (connectionId) => callWorker('runNow', { id: connectionId }),
    setWriteBudget: (bytes) => callWorker('setWriteBudget', { bytes }),
    seedRunHistory: (request) => callWorker('seedRunHistory', request),
  };
  (window as unknown as { runlaneTest: RunlaneTestControls }).runlaneTest = controls;
}
