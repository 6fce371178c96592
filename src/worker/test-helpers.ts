/** Builders for worker unit tests: a fresh fake-indexeddb database, connections and controllable connectors. */
import 'fake-indexeddb/auto';
import type { Connection, Run } from '../contract/model.ts';
import { emptyCounters } from '../domain/counters.ts';
import { defaultNotificationSettings } from '../contract/model.ts';
import type { Connector, RunContext } from '../connectors/connector.ts';
import { ManualClock } from '../domain/clock.ts';
import { RunlaneDb } from '../storage/db.ts';

export function makeDb(): RunlaneDb {
  return new RunlaneDb(`test-${crypto.randomUUID()}`);
}

export function makeConnection(overrides: Partial<Connection> = {}): Connection {
  return {
    id: crypto.randomUUID(),
    name: 'Nightly CRM import',
    description: '',
    direction: 'import',
    settings: { connector: 'test-hang', mode: 'promise' },
    schedule: null,
    enabled: false,
    scheduleMarkMs: null,
    nextRunNumber: 1,
    timeLimitMs: 60 * 60_000,
    maxRetries: 2,
    catchUp: 'once',
    notifications: defaultNotificationSettings(),
    createdAtMs: 0,
    updatedAtMs: 0,
    ...overrides,
  };
}

/** A running run of `connectionId` started at `nowMs`, without an id; tests add it to the runs table. */
export function makeRun(connectionId: string, nowMs: number, overrides: Partial<Run> = {}): Omit<Run, 'id'> {
  return {
    connectionId,
    number: 1,
    trigger: 'manual',
    state: 'running',
    priority: 0,
    queuedAtMs: nowMs,
    promotedAtMs: null,
    dueAtMs: null,
    startedAtMs: nowMs,
    endedAtMs: null,
    stopRequestedAtMs: null,
    attempt: 1,
    waitingForNetwork: false,
    counters: emptyCounters(),
    warningCount: 0,
    errorMessage: null,
    summary: '',
    mergedDueAtMs: [],
    logCount: 0,
    exportCursor: null,
    ...overrides,
  };
}

export interface ControlledRun {
  context: RunContext;
  finish(): void;
  fail(error: unknown): void;
}

/**
 * A connector whose runs end only when the test says so. `started` lists each run's controls in start
 * order; `whenStarted(n)` resolves once n runs have started.
 */
export function createControlledConnector(): {
  connector: Connector;
  started: ControlledRun[];
  whenStarted(count: number): Promise<ControlledRun>;
} {
  const started: ControlledRun[] = [];
  const waiters: { count: number; resolve: (run: ControlledRun) => void }[] = [];
  const connector: Connector = {
    validateSettings: () => [],
    run: (context) =>
      new Promise<void>((resolve, reject) => {
        const controlled = { context, finish: resolve, fail: reject };
        started.push(controlled);
        for (const waiter of waiters.filter((w) => w.count <= started.length)) {
          waiter.resolve(started[waiter.count - 1] as ControlledRun);
        }
      }),
  };
  const whenStarted = (count: number): Promise<ControlledRun> => {
    if (started.length >= count) return Promise.resolve(started[count - 1] as ControlledRun);
    return new Promise((resolve) => waiters.push({ count, resolve }));
  };
  return { connector, started, whenStarted };
}

/** Lets pending promise callbacks and fake-indexeddb transactions settle. */
export async function settle(rounds = 20): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((resolve) => setTimeout(resolve, 0));
}

export { ManualClock };
