/**
 * The scheduling worker: one per tab. Every tab's worker accepts commands and writes them to IndexedDB;
 * only the one holding the scheduler lock runs the scheduler and the executor.
 */
import * as Comlink from 'comlink';
import { subscribeLive } from '../storage/live-subscription.ts';
import type { CoreApi, WorkerApi, WorkerInit } from '../contract/worker-api.ts';
import type { Run } from '../contract/model.ts';
import { AppError } from '../contract/errors.ts';
import { SystemClock, type Clock } from '../domain/clock.ts';
import { openDb, type RunlaneDb } from '../storage/db.ts';
import { setWriteBudget } from '../storage/write-budget.ts';
import { resolveConnector } from '../connectors/registry.ts';
import { ControlledClock } from './controlled-clock.ts';
import { DEMO_SEEDED_KEY } from './demo-keys.ts';
import { Executor } from './executor.ts';
import { browserNetwork } from './network.ts';
import { schedulerLockName, waitForLeadership } from './leadership.ts';
import { createLogger } from './log.ts';
import { cancelQueuedRun, queueManualRun, requestStop } from './queue.ts';
import { recoverInterruptedRuns } from './recovery.ts';
import { Scheduler } from './scheduler.ts';
import { installScheduleFactsHooks, refreshScheduleFacts } from './schedule-facts.ts';
import { createAreaApis } from './api/index.ts';
import type { LeadListener, RunEndedListener, WorkerContext, WorkerState } from './context.ts';

const log = createLogger('worker');

// Code that the first start, training mode and the commands below need loads on first use, so that a
// worker starts with only the scheduler and the executor.
const loadConnections = () => import('./connections.ts');
const loadTraining = () => import('./training/training-worker.ts');
const loadCsvInspection = () => import('../connectors/csv/decode-csv.ts');

let state: WorkerState | null = null;
let resolveReady: (current: WorkerState) => void = () => undefined;
/** Settles when init() has opened the database and the clock; every other call waits for it. */
const ready = new Promise<WorkerState>((resolve) => (resolveReady = resolve));

function requireState(): Promise<WorkerState> {
  return ready;
}

const runEndedListeners: RunEndedListener[] = [];
const leadListeners: LeadListener[] = [];

const context: WorkerContext = {
  ready: requireState,
  onRunEnded: (listener) => runEndedListeners.push(listener),
  onLead: (listener) => leadListeners.push(listener),
};

function notifyRunEnded(run: Run, current: WorkerState): void {
  for (const listener of runEndedListeners) {
    Promise.resolve(listener(run, current)).catch((error: unknown) => log.error('a run-end listener failed', error));
  }
}

async function lead(current: WorkerState): Promise<void> {
  const { db, clock, init } = current;
  log.info('this tab now runs the schedules', { tabId: init.tabId });
  await db.meta.put({ key: 'scheduling-tab', value: { tabId: init.tabId, sinceMs: clock.nowMs() } });
  await recoverInterruptedRuns(db, clock, init.restartReason);
  try {
    await refreshScheduleFacts(db);
  } catch (error) {
    // The overview then computes next runs itself.
    log.error('schedule facts could not be refreshed', error);
  }
  if (init.seedDemo && !(await db.meta.get(DEMO_SEEDED_KEY))) {
    try {
      const { seedDemo } = await import('./demo.ts');
      await seedDemo(db, clock, init.demoCsvUrl);
    } catch (error) {
      log.error('demo could not be seeded', error);
    }
  }
  const training = init.training ? await loadTraining() : null;
  const scheduler = new Scheduler({ db, clock, lateThresholdMs: training?.lateThresholdFor(clock) });
  const executor = new Executor({
    db,
    clock,
    resolveConnector: training ? training.connectorResolverFor(init, resolveConnector) : resolveConnector,
    network: browserNetwork,
    onRunEnded: (run) => notifyRunEnded(run, current),
  });
  current.scheduler = scheduler;
  current.executor = executor;
  const forever = new AbortController().signal;
  subscribeLive(() => db.runs.where('state').anyOf('queued', 'stopping').primaryKeys(), () => executor.wake());
  subscribeLive(() => db.connections.toArray(), () => scheduler.wake());
  void scheduler.loop(forever);
  void executor.loop(forever);
  for (const listener of leadListeners) {
    Promise.resolve(listener(current)).catch((error: unknown) => log.error('a lead listener failed', error));
  }
}

async function openClock(db: RunlaneDb, init: WorkerInit): Promise<Clock> {
  if (init.training) return (await loadTraining()).openTrainingClock(db);
  if (!__RUNLANE_TEST__) return new SystemClock();
  if (init.controlledClockStartMs !== null || (await ControlledClock.isStored(db))) {
    return ControlledClock.open(db, init.controlledClockStartMs ?? Date.now());
  }
  return new SystemClock();
}

async function requireControlledClock(): Promise<{ db: RunlaneDb; clock: ControlledClock }> {
  const { db, clock } = await requireState();
  if (!__RUNLANE_TEST__ || !(clock instanceof ControlledClock)) throw new Error('The clock control exists only in test builds started with a controlled clock.');
  return { db, clock };
}

const coreApi: CoreApi = {
  async init(init) {
    if (state) return;
    const db = openDb(init.databaseName);
    installScheduleFactsHooks(db);
    await db.open();
    const clock = await openClock(db, init);
    state = { db, clock, init, scheduler: null, executor: null };
    const current = state;
    resolveReady(current);
    waitForLeadership(schedulerLockName(init), () => lead(current));
  },
  async ping() {
    return (await requireState()).clock.nowMs();
  },
  async getHealth() {
    const { executor } = await requireState();
    return { isStorageFull: executor?.isStorageFull ?? false, unsavedEndings: executor?.unsavedEndings ?? [] };
  },
  async wake() {
    const { scheduler, executor } = await requireState();
    scheduler?.wake();
    executor?.wake();
  },
  async inspectFile({ file, fileName, encoding, delimiter }) {
    const { db } = await requireState();
    const [{ inspectCsv }, { suggestMapping }] = await Promise.all([loadCsvInspection(), import('../domain/mapping.ts')]);
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
    return (await loadConnections()).createConnection(await requireState(), request);
  },
  async updateConnection(request) {
    return (await loadConnections()).updateConnection(await requireState(), request);
  },
  async storeFile({ id, file, fileName }) {
    const current = await requireState();
    const connection = await current.db.connections.get(id);
    const settings = connection?.settings;
    const { inspectCsv } = await loadCsvInspection();
    const inspection = await inspectCsv(file, {
      encoding: settings?.connector === 'csv-file' ? settings.encoding : 'utf-8',
      delimiter: settings?.connector === 'csv-file' ? settings.delimiter : 'auto',
    });
    return (await loadConnections()).storeFile(current, { id, file, fileName, headers: inspection.headers });
  },
  async setConnectionEnabled(request) {
    return (await loadConnections()).setConnectionEnabled(await requireState(), request);
  },
  async saveSchedule(request) {
    return (await loadConnections()).saveSchedule(await requireState(), request);
  },
  async deleteConnection(request) {
    return (await loadConnections()).deleteConnection(await requireState(), request);
  },
  async addPropertyDefinition(definition) {
    const { db } = await requireState();
    if (await db.propertyDefinitions.get(definition.id)) throw new AppError('invalid-input', `Property "${definition.id}" exists already.`);
    await db.propertyDefinitions.add(definition);
  },
  async runNow({ id, testRun }) {
    const { db, clock } = await requireState();
    const result = await queueManualRun(db, id, clock.nowMs(), testRun ? 'test' : 'manual');
    return { runId: result.run.id, kind: result.kind, position: result.position };
  },
  async stopRun({ runId }) {
    const { db, clock } = await requireState();
    return requestStop(db, runId, clock.nowMs());
  },
  async cancelRun({ runId }) {
    const { db, clock } = await requireState();
    return cancelQueuedRun(db, runId, clock.nowMs());
  },
  async setClock({ nowMs }) {
    const { db, clock } = await requireControlledClock();
    await clock.store(db, nowMs);
  },
  async advanceClock({ byMs }) {
    const { db, clock } = await requireControlledClock();
    await clock.store(db, clock.nowMs() + byMs);
    return clock.nowMs();
  },
  async setWriteBudget({ bytes }) {
    if (!__RUNLANE_TEST__) throw new Error('The write budget exists only in test builds.');
    setWriteBudget(bytes);
  },
  async getClock() {
    return (await requireState()).clock.nowMs();
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

const api: WorkerApi = { ...coreApi, ...createAreaApis(context) };

Comlink.expose(withErrorCodes(api));
