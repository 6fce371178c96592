/**
 * The scheduling worker: one per tab. Every tab's worker accepts commands and writes them to IndexedDB;
 * only the one holding the scheduler lock runs the scheduler and the executor.
 */
import * as Comlink from 'comlink';
import { liveQuery } from 'dexie';
import type { WorkerApi, WorkerInit } from '../contract/worker-api.ts';
import { AppError } from '../contract/errors.ts';
import { SystemClock, type Clock } from '../domain/clock.ts';
import { openDb, type RunlaneDb } from '../storage/db.ts';
import { resolveConnector } from '../connectors/registry.ts';
import { inspectCsv } from '../connectors/csv/decode-csv.ts';
import { suggestMapping } from '../domain/mapping.ts';
import { ControlledClock } from './controlled-clock.ts';
import * as connections from './connections.ts';
import { seedDemo } from './demo.ts';
import { Executor } from './executor.ts';
import { SCHEDULER_LOCK, waitForLeadership } from './leadership.ts';
import { createLogger } from './log.ts';
import { cancelQueuedRun, queueManualRun, requestStop } from './queue.ts';
import { recoverInterruptedRuns } from './recovery.ts';
import { Scheduler } from './scheduler.ts';

const log = createLogger('worker');

interface WorkerState {
  db: RunlaneDb;
  clock: Clock;
  init: WorkerInit;
  scheduler: Scheduler | null;
  executor: Executor | null;
}

let state: WorkerState | null = null;

function requireState(): WorkerState {
  if (!state) throw new Error('The worker was used before init().');
  return state;
}

async function lead(current: WorkerState): Promise<void> {
  const { db, clock, init } = current;
  log.info('this tab now runs the schedules', { tabId: init.tabId });
  await db.meta.put({ key: 'scheduling-tab', value: { tabId: init.tabId, sinceMs: clock.nowMs() } });
  await recoverInterruptedRuns(db, clock, init.restartReason);
  if (init.seedDemo) {
    try {
      await seedDemo(db, clock, init.demoCsvUrl);
    } catch (error) {
      log.error('demo could not be seeded', error);
    }
  }
  const scheduler = new Scheduler({ db, clock });
  const executor = new Executor({ db, clock, resolveConnector });
  current.scheduler = scheduler;
  current.executor = executor;
  const forever = new AbortController().signal;
  liveQuery(() => db.runs.where('state').anyOf('queued', 'stopping').primaryKeys()).subscribe({ next: () => executor.wake() });
  liveQuery(() => db.connections.toArray()).subscribe({ next: () => scheduler.wake() });
  void scheduler.loop(forever);
  void executor.loop(forever);
}

async function openClock(db: RunlaneDb, init: WorkerInit): Promise<Clock> {
  if (!__RUNLANE_TEST__) return new SystemClock();
  if (init.controlledClockStartMs !== null || (await ControlledClock.isStored(db))) {
    return ControlledClock.open(db, init.controlledClockStartMs ?? Date.now());
  }
  return new SystemClock();
}

function requireControlledClock(): { db: RunlaneDb; clock: ControlledClock } {
  const { db, clock } = requireState();
  if (!__RUNLANE_TEST__ || !(clock instanceof ControlledClock)) throw new Error('The clock control exists only in test builds started with a controlled clock.');
  return { db, clock };
}

const api: WorkerApi = {
  async init(init) {
    if (state) return;
    const db = openDb(init.databaseName);
    await db.open();
    const clock = await openClock(db, init);
    state = { db, clock, init, scheduler: null, executor: null };
    const current = state;
    waitForLeadership(SCHEDULER_LOCK, () => lead(current));
  },
  async ping() {
    return requireState().clock.nowMs();
  },
  async wake() {
    const { scheduler, executor } = requireState();
    scheduler?.wake();
    executor?.wake();
  },
  async inspectFile({ file, fileName, encoding, delimiter }) {
    const { db } = requireState();
    const inspection = await inspectCsv(file, { encoding, delimiter });
    const definitions = await db.propertyDefinitions.toArray();
    return {
      fileName,
      size: file.size,
      headers: inspection.headers,
      delimiter: inspection.delimiter,
      sampleRows: inspection.sampleRows,
      suggestedMapping: suggestMapping(inspection.headers, definitions),
    };
  },
  async createConnection(request) {
    return connections.createConnection(requireState(), request);
  },
  async updateConnection(request) {
    return connections.updateConnection(requireState(), request);
  },
  async storeFile({ id, file, fileName }) {
    const current = requireState();
    const connection = await current.db.connections.get(id);
    const settings = connection?.settings;
    const inspection = await inspectCsv(file, {
      encoding: settings?.connector === 'csv-file' ? settings.encoding : 'utf-8',
      delimiter: settings?.connector === 'csv-file' ? settings.delimiter : 'auto',
    });
    return connections.storeFile(current, { id, file, fileName, headers: inspection.headers });
  },
  async setConnectionEnabled(request) {
    return connections.setConnectionEnabled(requireState(), request);
  },
  async saveSchedule(request) {
    return connections.saveSchedule(requireState(), request);
  },
  async deleteConnection(request) {
    return connections.deleteConnection(requireState(), request);
  },
  async addPropertyDefinition(definition) {
    const { db } = requireState();
    if (await db.propertyDefinitions.get(definition.id)) throw new AppError('invalid-input', `Property "${definition.id}" exists already.`);
    await db.propertyDefinitions.add(definition);
  },
  async runNow({ id, testRun }) {
    const { db, clock } = requireState();
    const result = await queueManualRun(db, id, clock.nowMs(), testRun ? 'test' : 'manual');
    return { runId: result.run.id, kind: result.kind, position: result.position };
  },
  async stopRun({ runId }) {
    const { db, clock } = requireState();
    return requestStop(db, runId, clock.nowMs());
  },
  async cancelRun({ runId }) {
    const { db, clock } = requireState();
    return cancelQueuedRun(db, runId, clock.nowMs());
  },
  async setClock({ nowMs }) {
    const { db, clock } = requireControlledClock();
    await clock.store(db, nowMs);
  },
  async advanceClock({ byMs }) {
    const { db, clock } = requireControlledClock();
    await clock.store(db, clock.nowMs() + byMs);
    return clock.nowMs();
  },
  async getClock() {
    return requireState().clock.nowMs();
  },
};

/** Rejects with `[code] message` for expected failures, since Comlink keeps only an error's message. */
function withErrorCodes(target: WorkerApi): WorkerApi {
  const wrapped: Record<string, unknown> = {};
  for (const [name, method] of Object.entries(target) as [string, (...args: unknown[]) => Promise<unknown>][]) {
    wrapped[name] = async (...args: unknown[]) => {
      try {
        return await method(...args);
      } catch (error) {
        if (error instanceof AppError) throw new Error(`[${error.code}] ${error.message}`);
        log.error(`${name} failed`, error);
        throw error;
      }
    };
  }
  return wrapped as unknown as WorkerApi;
}

Comlink.expose(withErrorCodes(api));
