// Predicts when the planned runs of the coming days start, once the sequential queue is taken into account.
// Runs execute one at a time, so a run due while another one executes waits. The prediction replays the
// executor's rules on estimated run times:
// - The queue order is compareQueued: manual runs first, then by due time, then by the time queued.
// - A due time of a connection whose run is still queued or running merges into that run, as the
//   scheduler does (queueScheduledRun), so it adds no run of its own.
// - A left-out due time queues nothing, and a postponed one joins the queue at its postponed instant.
// Run times are estimates (the median of recent runs, or a default), so every instant here is a prediction.
// This module is pure: it reads no clock, and its only library is temporal-polyfill.
import { Temporal } from 'temporal-polyfill';
import { compareQueued, type QueueKey } from './run-state.ts';
import { dueTimesBetween, type Schedule } from './schedule.ts';

/** Run time assumed for a connection without finished runs to learn from. */
export const DEFAULT_RUN_TIME_MS = 60_000;
/** How far ahead the timeline looks. */
export const TIMELINE_DAYS = 7;
/** How many recent finished runs the median run time is taken from. */
export const RUN_TIME_SAMPLE_SIZE = 10;
/** More than the 672 due times of 7 days of a 96-times-a-day schedule. */
const MAX_DUE_TIMES_PER_CONNECTION = 2_000;

export interface TimelineConnection {
  id: string;
  schedule: Schedule | null;
  enabled: boolean;
  /** The latest due time the scheduler has handled. Due times up to it are not planned any more. */
  scheduleMarkMs: number | null;
}

export interface TimelineOverride {
  connectionId: string;
  dueAtMs: number;
  action: 'leave-out' | 'postpone';
  postponedToMs: number | null;
  /** When the scheduler acted on the override. A handled override plans nothing. */
  handledAtMs: number | null;
}

/** A run in the queue now, with the fields the queue order needs. */
export interface TimelineQueuedRun extends QueueKey {
  id: number;
  connectionId: string;
  trigger: 'schedule' | 'manual' | 'catch-up' | 'test';
}

export interface TimelineRunningRun {
  id: number;
  connectionId: string;
  startedAtMs: number;
}

export interface TimelineInput {
  nowMs: number;
  /** The last due time to plan (inclusive), usually nowMs + TIMELINE_DAYS days. */
  untilMs: number;
  connections: readonly TimelineConnection[];
  overrides: readonly TimelineOverride[];
  /** Estimated run time per connection id. Connections missing here get `defaultRunTimeMs`. */
  runTimesMs: Readonly<Record<string, number>>;
  defaultRunTimeMs?: number;
  running: readonly TimelineRunningRun[];
  queued: readonly TimelineQueuedRun[];
}

/**
 * - `planned`: joins the queue at its due time.
 * - `postponed`: joins the queue at `queueAtMs`, the postponed instant.
 * - `left-out`: queues nothing.
 * - `merged`: the connection's previous run is predicted to be still queued or running at that moment, so
 *   this due time merges into it.
 */
export type PlannedRunStatus = 'planned' | 'postponed' | 'left-out' | 'merged';

/** The run (planned or already in the queue) that a merged due time joins. */
export type MergeTarget = { kind: 'planned'; dueAtMs: number } | { kind: 'queued' | 'running'; runId: number };

export interface PlannedRun {
  connectionId: string;
  /** The due time of the schedule, unchanged by a postponement. */
  dueAtMs: number;
  status: PlannedRunStatus;
  /** When the run joins the queue, or null when left out. */
  queueAtMs: number | null;
  /** Null when left out. For a merged due time, the start and end of the run it merges into. */
  predictedStartMs: number | null;
  predictedEndMs: number | null;
  /** The estimated run time used for this connection. */
  runTimeMs: number;
  /** True when the connection has no finished runs and `defaultRunTimeMs` was assumed. */
  isRunTimeDefault: boolean;
  /** Connection ids of the runs that execute between `queueAtMs` and the predicted start, in order. */
  waitsBehind: string[];
  mergedInto: MergeTarget | null;
}

/** A run already in the queue, with its predicted start and end. */
export interface QueuePrediction {
  runId: number;
  connectionId: string;
  predictedStartMs: number;
  predictedEndMs: number;
}

export interface TimelinePrediction {
  /** Due times after now, ordered by due time, then connection id. */
  plannedRuns: PlannedRun[];
  /** The running run and the queued runs, in the order they are predicted to execute. */
  queue: QueuePrediction[];
}

/** One unit of work for the executor in the replay: a run in the queue now or a planned run. */
interface WorkItem {
  key: QueueKey;
  connectionId: string;
  runTimeMs: number;
  isTestRun: boolean;
  planned: PlannedRun | null;
  runId: number | null;
  /** Index into the executions list of the first execution this item waits behind. */
  waitsFromIndex: number;
  startMs: number | null;
  endMs: number | null;
}

interface Execution {
  item: WorkItem;
  startMs: number;
  endMs: number;
}

/** Returns the median of `runTimesMs`, or null for an empty list. */
export function medianRunTimeMs(runTimesMs: readonly number[]): number | null {
  if (runTimesMs.length === 0) return null;
  const sorted = [...runTimesMs].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  if (sorted.length % 2 === 1) return sorted[middle] as number;
  return Math.round(((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2);
}

/** Predicts the start and end of every planned run from `nowMs` to `untilMs`, and of the runs queued now. */
export function predictTimeline(input: TimelineInput): TimelinePrediction {
  const plannedRuns = collectPlannedRuns(input);
  const replay = new QueueReplay(input);
  replay.run(plannedRuns);
  return { plannedRuns, queue: replay.queuePredictions() };
}

function runTimeOf(input: TimelineInput, connectionId: string): { runTimeMs: number; isRunTimeDefault: boolean } {
  const known = input.runTimesMs[connectionId];
  if (known !== undefined && Number.isFinite(known) && known >= 0) return { runTimeMs: known, isRunTimeDefault: false };
  return { runTimeMs: input.defaultRunTimeMs ?? DEFAULT_RUN_TIME_MS, isRunTimeDefault: true };
}

/** Lists the due times after now of every connection that is ON, with the overrides applied. */
function collectPlannedRuns(input: TimelineInput): PlannedRun[] {
  const overrides = new Map<string, TimelineOverride>();
  for (const override of input.overrides) {
    if (override.handledAtMs === null) overrides.set(overrideKey(override.connectionId, override.dueAtMs), override);
  }
  const planned: PlannedRun[] = [];
  for (const connection of input.connections) {
    if (!connection.enabled || !connection.schedule) continue;
    const afterMs = Math.max(input.nowMs, connection.scheduleMarkMs ?? input.nowMs);
    const dueTimesMs = afterMs < input.untilMs ? dueTimesInWindow(connection.schedule, afterMs, input.untilMs) : [];
    const seen = new Set(dueTimesMs);
    // A due time that passed while postponed is still planned: it joins the queue at its postponed instant.
    for (const override of overrides.values()) {
      if (override.connectionId !== connection.id || seen.has(override.dueAtMs)) continue;
      if (override.action === 'postpone' && override.postponedToMs !== null && override.postponedToMs > input.nowMs) dueTimesMs.push(override.dueAtMs);
    }
    for (const dueAtMs of dueTimesMs) {
      planned.push(newPlannedRun(input, connection.id, dueAtMs, overrides.get(overrideKey(connection.id, dueAtMs))));
    }
  }
  return planned.sort(compareByDueTime);
}

function compareByDueTime(a: PlannedRun, b: PlannedRun): number {
  if (a.dueAtMs !== b.dueAtMs) return a.dueAtMs - b.dueAtMs;
  return a.connectionId.localeCompare(b.connectionId);
}

function dueTimesInWindow(schedule: Schedule, afterMs: number, untilMs: number): number[] {
  const after = Temporal.Instant.fromEpochMilliseconds(afterMs);
  const until = Temporal.Instant.fromEpochMilliseconds(untilMs);
  return dueTimesBetween(schedule, after, until, MAX_DUE_TIMES_PER_CONNECTION).map((zoned) => zoned.epochMilliseconds);
}

function newPlannedRun(input: TimelineInput, connectionId: string, dueAtMs: number, override: TimelineOverride | undefined): PlannedRun {
  const base: PlannedRun = {
    connectionId,
    dueAtMs,
    status: 'planned',
    queueAtMs: dueAtMs,
    predictedStartMs: null,
    predictedEndMs: null,
    ...runTimeOf(input, connectionId),
    waitsBehind: [],
    mergedInto: null,
  };
  if (override?.action === 'leave-out') return { ...base, status: 'left-out', queueAtMs: null };
  if (override?.action === 'postpone' && override.postponedToMs !== null) return { ...base, status: 'postponed', queueAtMs: override.postponedToMs };
  return base;
}

function overrideKey(connectionId: string, dueAtMs: number): string {
  return `${connectionId}@${dueAtMs}`;
}

/** Replays the executor: one run at a time, the head of the queue first, ticks merging as the scheduler does. */
class QueueReplay {
  readonly #input: TimelineInput;
  readonly #executions: Execution[] = [];
  readonly #waiting: WorkItem[] = [];
  readonly #existing: WorkItem[] = [];
  /** The work item each merged due time joins. */
  readonly #mergedTargets = new Map<PlannedRun, WorkItem>();
  #freeAtMs: number;
  #cursorMs: number;

  constructor(input: TimelineInput) {
    this.#input = input;
    this.#freeAtMs = input.nowMs;
    this.#cursorMs = input.nowMs;
    for (const running of input.running) this.#addRunning(running);
    for (const queued of input.queued) {
      const item = this.#newItem(queued, queued.connectionId, null, queued.id, queued.trigger === 'test');
      this.#existing.push(item);
      this.#waiting.push(item);
    }
  }

  #addRunning(running: TimelineRunningRun): void {
    const { runTimeMs } = runTimeOf(this.#input, running.connectionId);
    const key: QueueKey = { id: running.id, priority: 1, dueAtMs: null, queuedAtMs: running.startedAtMs, promotedAtMs: null };
    const item = this.#newItem(key, running.connectionId, null, running.id, false);
    // A run already running longer than its estimate is predicted to end now.
    const endMs = Math.max(this.#freeAtMs, running.startedAtMs + runTimeMs);
    item.startMs = running.startedAtMs;
    item.endMs = endMs;
    this.#executions.push({ item, startMs: running.startedAtMs, endMs });
    this.#existing.push(item);
    this.#freeAtMs = endMs;
  }

  #newItem(key: QueueKey, connectionId: string, planned: PlannedRun | null, runId: number | null, isTestRun: boolean): WorkItem {
    const { runTimeMs } = runTimeOf(this.#input, connectionId);
    return { key, connectionId, runTimeMs, isTestRun, planned, runId, waitsFromIndex: this.#executions.length - 1, startMs: null, endMs: null };
  }

  run(plannedRuns: readonly PlannedRun[]): void {
    const events = plannedRuns
      .filter((planned) => planned.queueAtMs !== null)
      .sort((a, b) => (a.queueAtMs as number) - (b.queueAtMs as number) || a.dueAtMs - b.dueAtMs);
    let index = 0;
    for (;;) {
      const next = events[index];
      if (this.#waiting.length > 0) {
        const startMs = Math.max(this.#freeAtMs, this.#cursorMs);
        // A run that joins the queue at the very instant the executor frees up is ordered with the others.
        if (!next || startMs < (next.queueAtMs as number)) {
          this.#startHead(startMs);
          continue;
        }
      }
      if (!next) break;
      index += 1;
      this.#cursorMs = next.queueAtMs as number;
      this.#enqueue(next);
    }
    this.#fillMergedRuns(plannedRuns);
  }

  #enqueue(planned: PlannedRun): void {
    const atMs = planned.queueAtMs as number;
    const waitingTarget = this.#waiting.find((item) => item.connectionId === planned.connectionId && !item.isTestRun);
    const running = this.#executionAt(atMs);
    const runningTarget = running && running.item.connectionId === planned.connectionId ? running.item : undefined;
    const target = waitingTarget ?? runningTarget;
    if (target) {
      planned.status = 'merged';
      planned.mergedInto = target.planned
        ? { kind: 'planned', dueAtMs: target.planned.dueAtMs }
        : { kind: target === runningTarget ? 'running' : 'queued', runId: target.runId as number };
      this.#mergedTargets.set(planned, target);
      return;
    }
    const key: QueueKey = { priority: 1, dueAtMs: atMs, queuedAtMs: atMs, promotedAtMs: null };
    const item = this.#newItem(key, planned.connectionId, planned, null, false);
    item.waitsFromIndex = running ? this.#executions.length - 1 : this.#executions.length;
    this.#waiting.push(item);
  }

  #executionAt(atMs: number): Execution | undefined {
    const last = this.#executions[this.#executions.length - 1];
    return last && last.startMs <= atMs && last.endMs > atMs ? last : undefined;
  }

  #startHead(startMs: number): void {
    this.#waiting.sort((a, b) => compareQueued(a.key, b.key));
    const item = this.#waiting.shift() as WorkItem;
    const endMs = startMs + item.runTimeMs;
    item.startMs = startMs;
    item.endMs = endMs;
    if (item.planned) {
      const from = Math.max(0, item.waitsFromIndex);
      item.planned.predictedStartMs = startMs;
      item.planned.predictedEndMs = endMs;
      item.planned.waitsBehind = this.#executions.slice(from).map((execution) => execution.item.connectionId);
    }
    this.#executions.push({ item, startMs, endMs });
    this.#freeAtMs = endMs;
  }

  #fillMergedRuns(plannedRuns: readonly PlannedRun[]): void {
    for (const planned of plannedRuns) {
      const target = this.#mergedTargets.get(planned);
      if (!target) continue;
      planned.predictedStartMs = target.startMs;
      planned.predictedEndMs = target.endMs;
    }
  }

  queuePredictions(): QueuePrediction[] {
    return this.#existing
      .filter((item) => item.startMs !== null && item.endMs !== null)
      .sort((a, b) => (a.startMs as number) - (b.startMs as number))
      .map((item) => ({ runId: item.runId as number, connectionId: item.connectionId, predictedStartMs: item.startMs as number, predictedEndMs: item.endMs as number }));
  }
}
