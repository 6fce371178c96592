/**
 * Runs the head of the queue, one run at a time. A run works on a snapshot of its connection taken when it
 * starts. Stop requests and the time limit abort the connector's signal. A connector that has not returned
 * 5 s later is left behind and its run ends anyway, because `assertLive` rejects its later writes.
 */
import type { Connection, Run, RunState } from '../contract/model.ts';
import { AppError, TRANSIENT_ERROR_CODES } from '../contract/errors.ts';
import type { Clock } from '../domain/clock.ts';
import { formatDurationShort } from '../domain/duration.ts';
import type { Connector, RunContext } from '../connectors/connector.ts';
import type { UnsavedRunEnding } from '../contract/worker-api.ts';
import type { RunlaneDb } from '../storage/db.ts';
import { toStorageError } from '../storage/quota.ts';
import { loadQueue } from './queue.ts';
import { RunLogger } from './run-log.ts';
import { createLogger } from './log.ts';

const log = createLogger('executor');

export const STOP_GRACE_MS = 5_000;
/** How often a final state that storage refused is written again. */
export const UNSAVED_ENDING_RETRY_MS = 10_000;
/** Waits before the second, third, … attempt of a run that failed for a transient reason. */
export const RETRY_WAITS_MS = [30_000, 120_000, 480_000, 1_800_000];

/** Finds a connection's connector; connectors may be loaded on first use. */
export type ConnectorResolver = (connection: Connection) => Connector | Promise<Connector>;

/** Whether the browser is online; the worker passes one built on `navigator.onLine` and `online` events. */
export interface NetworkStatus {
  isOnline(): boolean;
  /** Resolves when the browser is online again; rejects when `signal` aborts. */
  waitForOnline(signal: AbortSignal): Promise<void>;
}

export interface ExecutorOptions {
  db: RunlaneDb;
  clock: Clock;
  resolveConnector: ConnectorResolver;
  network?: NetworkStatus;
  onRunEnded?: (run: Run) => void;
}

const ALWAYS_ONLINE: NetworkStatus = { isOnline: () => true, waitForOnline: () => Promise.resolve() };

type AbortReason = { kind: 'stop' } | { kind: 'timeout'; limitMs: number };

interface CurrentRun {
  runId: number;
  controller: AbortController;
}

type AttemptResult =
  | { kind: 'returned' }
  | { kind: 'threw'; error: unknown }
  | { kind: 'abandoned' };

export class Executor {
  readonly #options: ExecutorOptions;
  #wake: (() => void) | null = null;
  #current: CurrentRun | null = null;
  #unsavedEndings = new Map<number, UnsavedRunEnding['changes']>();
  #isRetryingEndings = false;
  #lastFailureWasQuota = false;
  #isShutDown = false;

  constructor(options: ExecutorOptions) {
    this.#options = options;
  }

  get currentRunId(): number | null {
    return this.#current?.runId ?? null;
  }

  /** Runs queued runs until `signal` aborts. */
  async loop(signal: AbortSignal): Promise<void> {
    while (!signal.aborted && !this.#isShutDown) {
      const [head] = await loadQueue(this.#options.db);
      if (!head) {
        await this.#waitForWake(signal);
        continue;
      }
      try {
        await this.execute(head.id);
      } catch (error) {
        // The loop goes on to the next run after a wait, so storage that rejects writes is not retried in
        // a tight loop.
        log.error(`run ${head.id} could not be executed`, error);
        const { clock } = this.#options;
        await clock.sleepUntil(clock.nowMs() + UNSAVED_ENDING_RETRY_MS, signal).catch(() => undefined);
      }
    }
  }

  /**
   * Stops executing, as when the worker's tab closes: the running connector is aborted and its run is
   * left as it is, for the next scheduling tab to mark interrupted. Used by tests that simulate closing.
   */
  shutDown(): void {
    this.#isShutDown = true;
    this.#current?.controller.abort({ kind: 'stop' } satisfies AbortReason);
    this.#wake?.();
  }

  /** Tells the loop that the queue or a stop request may have changed. */
  wake(): void {
    this.#wake?.();
    void this.#checkStopRequest();
  }

  #waitForWake(signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        this.#wake = null;
        signal.removeEventListener('abort', done);
        resolve();
      };
      this.#wake = done;
      signal.addEventListener('abort', done, { once: true });
    });
  }

  async #checkStopRequest(): Promise<void> {
    const current = this.#current;
    if (!current || current.controller.signal.aborted) return;
    const run = await this.#options.db.runs.get(current.runId);
    if (run?.state === 'stopping') current.controller.abort({ kind: 'stop' } satisfies AbortReason);
  }

  /** Starts a queued run and carries it through its attempts to a final state. */
  async execute(runId: number): Promise<Run | null> {
    const { db, clock } = this.#options;
    const started = await this.#markRunning(runId);
    if (!started) return null;
    const { run, connection } = started;
    const runLog = new RunLogger(db, run.id, clock, run.logCount);
    const controller = new AbortController();
    this.#current = { runId: run.id, controller };
    const limitMs = connection.timeLimitMs;
    const timeLimit = new AbortController();
    void clock
      .sleepUntil((run.startedAtMs ?? clock.nowMs()) + limitMs, timeLimit.signal)
      .then(() => controller.abort({ kind: 'timeout', limitMs } satisfies AbortReason))
      .catch(() => undefined);

    this.#logStart(runLog, run, connection);
    log.info(`run ${run.id} started`, { connectionId: connection.id, number: run.number });
    let finalState: RunState = 'finished';
    let errorMessage: string | null = null;
    try {
      for (let attempt = 1; ; attempt++) {
        if (attempt > 1) await this.#beginAttempt(run.id, attempt, runLog);
        const result = await this.#runAttempt({ run: { ...run, attempt }, connection, runLog, controller });
        const reason = controller.signal.reason as AbortReason | undefined;
        if (controller.signal.aborted && reason) {
          ({ finalState, errorMessage } = describeAbort(reason));
          if (result.kind === 'abandoned') runLog.warn(`The connector did not stop within ${STOP_GRACE_MS / 1000} s; the run was ended anyway.`);
          break;
        }
        if (result.kind === 'returned') {
          this.#lastFailureWasQuota = false;
          break;
        }
        const error = toStorageError(result.kind === 'threw' ? result.error : new Error('The connector did not return after the stop request.'));
        if (error instanceof AppError && error.code === 'offline') {
          const online = await this.#waitForNetwork(run.id, runLog, controller.signal);
          if (!online) {
            ({ finalState, errorMessage } = describeAbort(controller.signal.reason as AbortReason));
            break;
          }
          attempt -= 1;
          continue;
        }
        const retryWaitMs = RETRY_WAITS_MS[attempt - 1];
        if (isTransient(error) && attempt <= connection.maxRetries && retryWaitMs !== undefined) {
          runLog.warn(`Attempt ${attempt} failed: ${messageOf(error)} Retrying in ${formatDurationShort(retryWaitMs)}.`);
          await runLog.flush();
          log.info(`run ${run.id} attempt ${attempt} failed; retrying`, { retryWaitMs });
          const waited = await sleepUnlessAborted(clock, clock.nowMs() + retryWaitMs, controller.signal);
          if (!waited) {
            ({ finalState, errorMessage } = describeAbort(controller.signal.reason as AbortReason));
            break;
          }
          continue;
        }
        finalState = 'failed';
        errorMessage = messageOf(error);
        this.#lastFailureWasQuota = error instanceof AppError && error.code === 'storage-quota';
        break;
      }
    } finally {
      timeLimit.abort();
      this.#current = null;
    }
    if (this.#isShutDown) return null;
    const failedNoun = connection.direction === 'import' ? 'row' : 'profile';
    const ended = await this.#finish(run.id, finalState, errorMessage, runLog, failedNoun).catch((error: unknown) =>
      this.#finishWithoutLog(run, finalState, errorMessage, runLog, error),
    );
    log.info(`run ${run.id} ended`, { state: ended?.state, durationMs: ended ? (ended.endedAtMs ?? 0) - (ended.startedAtMs ?? 0) : 0 });
    if (ended) this.#options.onRunEnded?.(ended);
    return ended;
  }

  /**
   * Records the final state alone after the full update with its log lines failed. When even that fails
   * (a full disk refuses every write), the ending is kept in memory and written again until it succeeds,
   * so the run does not stay "running" once space is freed.
   */
  async #finishWithoutLog(run: Run, finalState: RunState, errorMessage: string | null, runLog: RunLogger, error: unknown): Promise<Run | null> {
    const { db, clock } = this.#options;
    const storageError = toStorageError(error);
    // A full storage is reported to the user by the storage notice, so it is a warning here.
    const isQuota = storageError instanceof AppError && storageError.code === 'storage-quota';
    (isQuota ? log.warn : log.error)(`run ${run.id} could not be finished normally`, error);
    runLog.discardPending();
    const message = errorMessage ?? messageOf(storageError);
    const changes: UnsavedRunEnding['changes'] = { state: finalState === 'finished' ? 'failed' : finalState, endedAtMs: clock.nowMs(), errorMessage: message, summary: message };
    try {
      await db.runs.update(run.id, changes);
    } catch {
      this.#unsavedEndings.set(run.id, changes);
      void this.#retryUnsavedEndings();
      return { ...run, ...changes } as Run;
    }
    return (await db.runs.get(run.id)) ?? null;
  }

  /** Ends of runs that storage refused to save, so that the page can show them until they are written. */
  get unsavedEndings(): UnsavedRunEnding[] {
    return [...this.#unsavedEndings].map(([runId, changes]) => ({ runId, changes }));
  }

  /** True while storage refuses writes: the last run failed for it, or a final state is still unsaved. */
  get isStorageFull(): boolean {
    return this.#unsavedEndings.size > 0 || this.#lastFailureWasQuota;
  }

  async #retryUnsavedEndings(): Promise<void> {
    if (this.#isRetryingEndings) return;
    this.#isRetryingEndings = true;
    const { db, clock } = this.#options;
    try {
      while (this.#unsavedEndings.size > 0) {
        await clock.sleepUntil(clock.nowMs() + UNSAVED_ENDING_RETRY_MS);
        // Chromium closes the database connection after a failed write on a full disk.
        if (!db.isOpen()) await db.open().catch(() => undefined);
        for (const [runId, changes] of this.#unsavedEndings) {
          try {
            await db.runs.update(runId, changes);
            this.#unsavedEndings.delete(runId);
            log.info(`run ${runId} final state written after a retry`);
          } catch {
            // Still no space; try again later.
          }
        }
      }
    } finally {
      this.#isRetryingEndings = false;
    }
  }

  async #markRunning(runId: number): Promise<{ run: Run; connection: Connection } | null> {
    const { db, clock } = this.#options;
    return db.transaction('rw', db.connections, db.runs, async () => {
      const run = await db.runs.get(runId);
      if (run?.state !== 'queued') return null;
      const connection = await db.connections.get(run.connectionId);
      if (!connection) {
        await db.runs.update(runId, { state: 'cancelled', endedAtMs: clock.nowMs(), summary: 'The connection was deleted.' });
        return null;
      }
      const changes = { state: 'running' as const, startedAtMs: clock.nowMs(), attempt: 1 };
      await db.runs.update(runId, changes);
      return { run: { ...run, ...changes }, connection: structuredClone(connection) };
    });
  }

  #logStart(runLog: RunLogger, run: Run, connection: Connection): void {
    const waitedMs = (run.startedAtMs ?? 0) - run.queuedAtMs;
    runLog.info(`Run #${run.number} of "${connection.name}" started (trigger: ${run.trigger}; waited ${formatDurationShort(waitedMs)} in the queue).`);
    if (run.trigger === 'test') runLog.info('This is a test run: it writes no profile.');
    if (run.mergedDueAtMs.length > 0) {
      const times = run.mergedDueAtMs.map((ms) => new Date(ms).toISOString()).join(', ');
      runLog.info(`${run.mergedDueAtMs.length} schedule ticks merged into this run while it was queued or running: ${times}.`);
    }
  }

  /** Waits, shown as "Waiting for network", until the browser is online; false when the run was aborted. */
  async #waitForNetwork(runId: number, runLog: RunLogger, signal: AbortSignal): Promise<boolean> {
    const { db } = this.#options;
    const network = this.#options.network ?? ALWAYS_ONLINE;
    runLog.warn('The browser is offline. The run waits for the network and goes on when the browser is online again, within its time limit.');
    await db.runs.update(runId, { waitingForNetwork: true });
    await runLog.flush();
    try {
      await network.waitForOnline(signal);
      runLog.info('The browser is online again; the attempt starts over.');
      return true;
    } catch {
      return false;
    } finally {
      await db.runs.update(runId, { waitingForNetwork: false });
    }
  }

  async #beginAttempt(runId: number, attempt: number, runLog: RunLogger): Promise<void> {
    await this.#options.db.runs.update(runId, { attempt });
    runLog.info(`Attempt ${attempt} started.`);
  }

  async #runAttempt(args: { run: Run; connection: Connection; runLog: RunLogger; controller: AbortController }): Promise<AttemptResult> {
    const { db, clock, resolveConnector } = this.#options;
    const { run, connection, runLog, controller } = args;
    const signal = controller.signal;
    const context: RunContext = {
      db,
      run,
      connection,
      signal,
      log: runLog,
      clock,
      isTestRun: run.trigger === 'test',
      assertLive: async () => {
        if (signal.aborted) throw new AppError('run-stopped', 'The run is no longer live.');
        const stored = await db.runs.get(run.id);
        // A stop request can reach the batch before it reaches the executor's wake-up: abort here too, so
        // the run ends as stopped rather than failed.
        if (stored?.state === 'stopping') controller.abort({ kind: 'stop' } satisfies AbortReason);
        if (!stored || stored.state !== 'running' || stored.attempt !== run.attempt) {
          throw new AppError('run-stopped', 'The run is no longer live.');
        }
      },
    };
    const connectorDone = (async (): Promise<AttemptResult> => {
      try {
        const connector = await resolveConnector(connection);
        await connector.run(context);
        return { kind: 'returned' };
      } catch (error) {
        return { kind: 'threw', error };
      }
    })();
    const abandoned = waitForAbandon(clock, signal).then((): AttemptResult => ({ kind: 'abandoned' }));
    return Promise.race([connectorDone, abandoned]);
  }

  async #finish(runId: number, state: RunState, errorMessage: string | null, runLog: RunLogger, failedNoun: string): Promise<Run | null> {
    const { db, clock } = this.#options;
    return db.transaction('rw', db.runs, db.runLogs, async () => {
      const run = await db.runs.get(runId);
      if (!run) return null;
      const failedRows = run.counters.failed;
      const warningCount = failedRows > 0 ? 1 : 0;
      if (state === 'failed') runLog.error(`Run failed: ${errorMessage}`);
      else if (state === 'stopped') runLog.warn('Run stopped on request; batches committed before the stop are kept.');
      else runLog.info(`Run finished${failedRows > 0 ? ' with warnings' : ''}.`);
      runLog.info(formatCountersLine(run.counters));
      runLog.addCapSummary();
      const changes: Partial<Run> = {
        state,
        endedAtMs: clock.nowMs(),
        errorMessage,
        warningCount,
        summary: summarise(state, errorMessage, failedRows, failedNoun),
      };
      await db.runs.update(runId, changes);
      await runLog.flush();
      return { ...run, ...changes, logCount: runLog.nextSeq } as Run;
    });
  }
}

function describeAbort(reason: AbortReason): { finalState: RunState; errorMessage: string | null } {
  if (reason.kind === 'timeout') return { finalState: 'failed', errorMessage: `Timed out after ${formatDurationShort(reason.limitMs)}` };
  return { finalState: 'stopped', errorMessage: null };
}

/** Builds the history row's one-line message; `failedNoun` names what the Failed counter counts ("row", "profile"). */
function summarise(state: RunState, errorMessage: string | null, failedRows: number, failedNoun: string): string {
  if (state === 'failed') return errorMessage ?? 'Failed.';
  if (state === 'stopped') return 'Stopped on request.';
  // The browser's locale groups the digits, as the counters next to the message do.
  if (failedRows > 0) return `Finished with warnings: ${new Intl.NumberFormat().format(failedRows)} ${failedRows === 1 ? failedNoun : `${failedNoun}s`} failed.`;
  return 'Finished.';
}

export function formatCountersLine(c: Run['counters']): string {
  return `Checked ${c.checked}, Added ${c.added}, Updated ${c.updated}, Unchanged ${c.unchanged}, Skipped ${c.skipped}, Failed ${c.failed}, Blocked by consent ${c.blocked}.`;
}

function isTransient(error: unknown): boolean {
  return error instanceof AppError && TRANSIENT_ERROR_CODES.includes(error.code);
}

function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

/** Resolves STOP_GRACE_MS after `signal` aborts; never resolves when it does not. */
function waitForAbandon(clock: Clock, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const onAbort = (): void => {
      void clock.sleepUntil(clock.nowMs() + STOP_GRACE_MS).then(resolve);
    };
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
}

async function sleepUnlessAborted(clock: Clock, atMs: number, signal: AbortSignal): Promise<boolean> {
  try {
    await clock.sleepUntil(atMs, signal);
    return true;
  } catch {
    return false;
  }
}
