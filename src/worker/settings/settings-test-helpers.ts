/** Builders for the settings area's unit tests: runs with log lines, and the settings API on a fresh database. */
// Dexie looks for IndexedDB when it loads, so the fake must come first.
import 'fake-indexeddb/auto';
import type { SettingsApi } from '../../contract/api/settings.ts';
import type { Run, RunState } from '../../contract/model.ts';
import { emptyCounters } from '../../domain/counters.ts';
import type { RunlaneDb } from '../../storage/db.ts';
import { createSettingsApi } from '../api/settings.ts';
import { registerSettingsListeners } from './settings-listeners.ts';
import type { LeadListener, RunEndedListener, WorkerContext, WorkerState } from '../context.ts';
import { ManualClock, makeDb } from '../test-helpers.ts';

export interface RunSeed {
  number: number;
  state?: RunState;
  queuedAtMs: number;
  endedAtMs?: number | null;
  logLines?: number;
}

/** A run that has ended took a minute; a queued or running run has not ended. */
function defaultEndedAtMs(state: RunState, queuedAtMs: number): number | null {
  return state === 'queued' || state === 'running' ? null : queuedAtMs + 60_000;
}

/** Adds a run with `logLines` log lines and returns its id. */
export async function addRun(db: RunlaneDb, connectionId: string, seed: RunSeed): Promise<number> {
  const state = seed.state ?? 'finished';
  const logLines = seed.logLines ?? 2;
  const run: Omit<Run, 'id'> = {
    connectionId,
    number: seed.number,
    trigger: 'schedule',
    state,
    priority: 1,
    queuedAtMs: seed.queuedAtMs,
    promotedAtMs: null,
    dueAtMs: seed.queuedAtMs,
    startedAtMs: state === 'queued' ? null : seed.queuedAtMs,
    endedAtMs: seed.endedAtMs === undefined ? defaultEndedAtMs(state, seed.queuedAtMs) : seed.endedAtMs,
    stopRequestedAtMs: null,
    attempt: state === 'queued' ? 0 : 1,
    waitingForNetwork: false,
    counters: emptyCounters(),
    warningCount: 0,
    errorMessage: null,
    summary: 'Finished.',
    mergedDueAtMs: [],
    logCount: logLines,
  };
  const id = await db.runs.add(run as Run);
  await db.runLogs.bulkAdd(
    Array.from({ length: logLines }, (_, seq) => ({ runId: id, seq, atMs: seed.queuedAtMs, level: 'info' as const, message: `Line ${seq + 1} of run ${seed.number}.` })),
  );
  return id;
}

export interface SettingsHarness {
  db: RunlaneDb;
  clock: ManualClock;
  api: SettingsApi;
  state: WorkerState;
  runEndedListeners: RunEndedListener[];
  leadListeners: LeadListener[];
}

/** Creates the settings API and its listeners on a fresh database, with a context whose lead and run-end listeners the test calls. */
export function createSettingsHarness(startMs: number): SettingsHarness {
  const db = makeDb();
  const clock = new ManualClock(startMs);
  const state: WorkerState = {
    db,
    clock,
    init: { tabId: 'tab-1', databaseName: db.name, seedDemo: false, controlledClockStartMs: null, demoCsvUrl: 'http://127.0.0.1:1/demo.csv', restartReason: null },
    scheduler: null,
    executor: null,
  };
  const runEndedListeners: RunEndedListener[] = [];
  const leadListeners: LeadListener[] = [];
  const context: WorkerContext = {
    ready: () => Promise.resolve(state),
    onRunEnded: (listener) => runEndedListeners.push(listener),
    onLead: (listener) => leadListeners.push(listener),
  };
  registerSettingsListeners(context, { startPruneDelayMs: 0 });
  return { db, clock, api: createSettingsApi(context), state, runEndedListeners, leadListeners };
}

/** Counts the records of every table, to check that a rejected call wrote nothing. */
export async function countAllRecords(db: RunlaneDb): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of db.tables) counts[table.name] = await table.count();
  return counts;
}
