/**
 * A soak of the scheduler and executor on a manual clock: several simulated days with 20 connections of
 * all four kinds of schedule, runs that fail, hang, are stopped or are cut short by the app closing, and
 * afterwards a check that every due time produced exactly one run, one recorded merge or one recorded
 * miss, and that every run's counters match what the store holds.
 */
import type { Connection } from '../contract/model.ts';
import { ManualClock } from '../domain/clock.ts';
import type { Schedule } from '../domain/schedule.ts';
import { RunlaneDb } from '../storage/db.ts';
import { Executor } from '../worker/executor.ts';
import { requestStop } from '../worker/queue.ts';
import { recoverInterruptedRuns } from '../worker/recovery.ts';
import { Scheduler } from '../worker/scheduler.ts';
import { makeConnection } from '../worker/test-helpers.ts';
import { accountForDueTimes, checkRunStates } from './soak-accounting.ts';
import { createSoakConnector, type SoakBehaviour } from './soak-connector.ts';

export interface SoakOptions {
  seed: number;
  days: number;
  connections: number;
  /** How far the clock moves per step. */
  stepMs: number;
  /** Hours of each simulated day during which the app is closed. */
  closedHours: number;
}

export interface SoakReport {
  dueTimes: number;
  runs: number;
  scheduledRuns: number;
  merges: number;
  missed: number;
  byState: Record<string, number>;
  appRestarts: number;
  stopsRequested: number;
  profiles: number;
  problems: string[];
}

const MINUTE_MS = 60_000;
const ZONES = ['Europe/Amsterdam', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kolkata', 'America/Santiago'];

/** Mulberry32: a small seeded generator, so a soak repeats exactly. */
function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function scheduleFor(index: number, random: () => number): Schedule {
  const timeZone = ZONES[index % ZONES.length] as string;
  const time = `${String(Math.floor(random() * 24)).padStart(2, '0')}:${String(Math.floor(random() * 4) * 15).padStart(2, '0')}`;
  switch (index % 4) {
    case 0:
      return { kind: 'timesPerDay', timesPerDay: [24, 48, 96, 4, 6][index % 5] as number, anchorTime: time, timeZone };
    case 1:
      return { kind: 'daysOfWeek', days: [1, 2, 3, 4, 5, 6, 7].filter(() => random() < 0.7), time, timeZone };
    case 2:
      return { kind: 'dayOfMonth', day: [1, 2, 3, 'last'][index % 4] as number | 'last', time, timeZone };
    default:
      return { kind: 'weekdayOfMonth', week: 1, weekday: 1 + (index % 7), time, timeZone };
  }
}

/** Lets promise callbacks and fake-indexeddb transactions (scheduled with setImmediate) run. */
async function settle(rounds = 60): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((resolve) => setImmediate(resolve));
}

interface AppInstance {
  stop: AbortController;
  scheduler: Scheduler;
  executor: Executor;
}

export async function runSoak(options: SoakOptions, db: RunlaneDb): Promise<SoakReport> {
  const random = createRandom(options.seed);
  // 2026-03-02 is a Monday, a week before the US clock change and three weeks before Europe's.
  const startMs = Date.parse('2026-03-02T00:00:00Z');
  const clock = new ManualClock(startMs);
  const connections: Connection[] = Array.from({ length: options.connections }, (_, index) => {
    const schedule = scheduleFor(index, random);
    return makeConnection({ name: `Soak ${index + 1}`, schedule: schedule.kind === 'daysOfWeek' && schedule.days.length === 0 ? { ...schedule, days: [3] } : schedule, enabled: true, scheduleMarkMs: startMs, catchUp: index % 2 === 0 ? 'once' : 'skip', timeLimitMs: 45 * MINUTE_MS, maxRetries: 2 });
  });
  await db.connections.bulkAdd(connections);

  const behaviour = (connectionId: string, runNumber: number, attempt: number): SoakBehaviour => {
    // Derived from the ids, so each run behaves the same however the soak interleaves.
    const local = createRandom(options.seed ^ hash(`${connectionId}:${runNumber}:${attempt}`));
    const roll = local();
    return {
      batches: 1 + Math.floor(local() * 4),
      batchMs: (1 + Math.floor(local() * 6)) * MINUTE_MS,
      rowsPerBatch: 1 + Math.floor(local() * 5),
      failAfterBatch: roll < 0.1 ? Math.floor(local() * 2) : null,
      failure: local() < 0.5 ? 'transient' : 'permanent',
      hangs: roll >= 0.1 && roll < 0.13,
    };
  };
  const connector = createSoakConnector(behaviour);

  let appRestarts = 0;
  let stopsRequested = 0;
  const start = async (): Promise<AppInstance> => {
    await recoverInterruptedRuns(db, clock);
    const stop = new AbortController();
    const scheduler = new Scheduler({ db, clock });
    const executor = new Executor({ db, clock, resolveConnector: () => connector });
    void scheduler.loop(stop.signal);
    void executor.loop(stop.signal);
    return { stop, scheduler, executor };
  };
  // Closing the app ends its worker: the executor is shut down and its running connector abandoned.
  const close = (app: AppInstance): void => {
    app.stop.abort();
    app.scheduler.wake();
    app.executor.shutDown();
  };

  let app: AppInstance | null = await start();
  const endMs = startMs + options.days * 24 * 60 * MINUTE_MS;
  while (clock.nowMs() < endMs) {
    const hourOfDay = new Date(clock.nowMs()).getUTCHours();
    const shouldBeOpen = hourOfDay >= options.closedHours;
    if (!shouldBeOpen && app) {
      close(app);
      app = null;
    } else if (shouldBeOpen && !app) {
      app = await start();
      appRestarts += 1;
    }
    if (app && random() < 0.02) {
      const running = await db.runs.where('state').equals('running').first();
      if (running && (await requestStop(db, running.id, clock.nowMs()))) {
        stopsRequested += 1;
        app.executor.wake();
      }
    }
    clock.advance(options.stepMs);
    await settle();
    // The worker wakes its executor through a live query on queued runs; here each step does it.
    app?.executor.wake();
    await settle();
  }
  // Let the last runs end: no new due times are looked at after the end.
  for (const connection of connections) await db.connections.update(connection.id, { enabled: false });
  if (!app) app = await start();
  for (let i = 0; i < 500 && (await db.runs.where('state').anyOf('queued', 'running', 'stopping').count()) > 0; i++) {
    clock.advance(options.stepMs);
    app.executor.wake();
    await settle();
  }
  close(app);
  await settle();
  return checkSoak(db, connections, startMs, { appRestarts, stopsRequested });
}

function hash(text: string): number {
  let value = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) value = Math.imul(value ^ text.charCodeAt(i), 0x01000193);
  return value >>> 0;
}

async function checkSoak(db: RunlaneDb, connections: Connection[], startMs: number, counts: { appRestarts: number; stopsRequested: number }): Promise<SoakReport> {
  const runs = await db.runs.toArray();
  const stored = await db.connections.bulkGet(connections.map((connection) => connection.id));
  const account = accountForDueTimes(
    stored.flatMap((connection) => (connection ? [connection] : [])),
    runs,
    await db.missedRuns.toArray(),
    () => ({ fromMs: startMs, handledUntilMs: null }),
  );
  const states = checkRunStates(runs);
  const problems = [...account.problems, ...states.problems];
  if (stored.includes(undefined)) problems.push('a soak connection is missing from the store');
  for (const run of runs) {
    const profiles = await db.profiles.where('key').startsWith(`${run.connectionId}:${run.id}:`).count();
    if (profiles !== run.counters.added) problems.push(`run ${run.id} (${run.state}) counts ${run.counters.added} added, but the store holds ${profiles}`);
    if (run.counters.checked !== run.counters.added) problems.push(`run ${run.id}: Checked ${run.counters.checked} is not Added ${run.counters.added}`);
  }
  return {
    dueTimes: account.dueTimes,
    runs: runs.length,
    scheduledRuns: account.scheduledRuns,
    merges: account.merges,
    missed: account.missed,
    byState: states.byState,
    appRestarts: counts.appRestarts,
    stopsRequested: counts.stopsRequested,
    profiles: await db.profiles.count(),
    problems,
  };
}
