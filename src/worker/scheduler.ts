/**
 * Turns schedules into queued runs. It sleeps until the earliest next due time of all connections that are
 * ON, and is woken early when a connection changes. Each connection stores the latest due time handled
 * (`scheduleMarkMs`), so due times that passed while no tab was open are exactly those after that mark.
 * Overrides set from the timeline leave out or postpone single due times (see scheduler-overrides.ts).
 */
import { Temporal } from 'temporal-polyfill';
import type { Connection } from '../contract/model.ts';
import type { Clock } from '../domain/clock.ts';
import { dueTimesBetween, nextRuns, type Schedule } from '../domain/schedule.ts';
import { classifyDueTimes } from '../domain/scheduling.ts';
import type { RunlaneDb } from '../storage/db.ts';
import { createLogger } from './log.ts';
import { queueScheduledRun } from './queue.ts';
import { applyOverrides, nextPostponedAtMs, recordLeftOut, recordPostponedOutcome } from './scheduler-overrides.ts';

const log = createLogger('scheduler');

/** Due times looked at in one pass per connection; a longer absence is recorded by count. */
const MAX_DUE_TIMES_PER_PASS = 100_000;
const MAX_LISTED_MISSED = 1_000;

export interface SchedulerOptions {
  db: RunlaneDb;
  clock: Clock;
  onMissed?: (connection: Connection, count: number) => void;
  /** How late a due time may be noticed and still run; 5 minutes unless given (training mode gives one). */
  lateThresholdMs?: () => number;
}

export class Scheduler {
  readonly #options: SchedulerOptions;
  #wakeController = new AbortController();

  constructor(options: SchedulerOptions) {
    this.#options = options;
  }

  /** Re-reads the connections now, for example after one was saved or the clock changed. */
  wake(): void {
    this.#wakeController.abort();
  }

  async loop(signal: AbortSignal): Promise<void> {
    const { clock } = this.#options;
    while (!signal.aborted) {
      this.#wakeController = new AbortController();
      const wakeSignal = this.#wakeController.signal;
      let nextAtMs: number | null = null;
      try {
        nextAtMs = await this.tick();
      } catch (error) {
        log.error('scheduling pass failed', error);
      }
      const sleep = AbortSignal.any([signal, wakeSignal]);
      try {
        if (nextAtMs === null) await new Promise((_, reject) => sleep.addEventListener('abort', () => reject(sleep.reason), { once: true }));
        else await clock.sleepUntil(nextAtMs, sleep);
      } catch {
        // Woken early: look again.
      }
    }
  }

  /** Handles every due time up to now and returns the earliest next due time, if any. */
  async tick(): Promise<number | null> {
    const { db } = this.#options;
    const connections = await db.connections.toArray();
    let earliestMs: number | null = null;
    for (const connection of connections) {
      if (!connection.enabled || !connection.schedule) continue;
      const nextMs = await this.#handleConnection(connection.id);
      if (nextMs !== null && (earliestMs === null || nextMs < earliestMs)) earliestMs = nextMs;
    }
    return earliestMs;
  }

  async #handleConnection(connectionId: string): Promise<number | null> {
    const { db, clock } = this.#options;
    const nowMs = clock.nowMs();
    // One transaction, so that the runs, merges and misses of these due times commit together with the mark
    // that records them as handled. A tab that closes midway leaves neither, and the next pass handles them once.
    const tables = [db.connections, db.runs, db.missedRuns, db.overrides];
    const handled = await db.transaction('rw', tables, async () => this.#handleDueTimes(connectionId, nowMs));
    if (!handled) return null;
    const { schedule, markMs } = handled;
    const [next] = nextRuns(schedule, Temporal.Instant.fromEpochMilliseconds(Math.max(markMs, nowMs)), 1);
    const nextDueMs = next ? next.epochMilliseconds : null;
    const postponedMs = await nextPostponedAtMs(db, connectionId, Math.max(markMs, nowMs));
    if (postponedMs !== null && (nextDueMs === null || postponedMs < nextDueMs)) return postponedMs;
    return nextDueMs;
  }

  /** Queues, merges or records as missed the due times up to `nowMs`; null when the connection is OFF. */
  async #handleDueTimes(connectionId: string, nowMs: number): Promise<{ schedule: Schedule; markMs: number } | null> {
    const { db } = this.#options;
    const connection = await db.connections.get(connectionId);
    if (!connection?.enabled || !connection.schedule) return null;
    const markMs = connection.scheduleMarkMs ?? nowMs;
    const schedule = connection.schedule;
    if (markMs < nowMs) {
      const dueTimes = dueTimesBetween(
        schedule,
        Temporal.Instant.fromEpochMilliseconds(markMs),
        Temporal.Instant.fromEpochMilliseconds(nowMs),
        MAX_DUE_TIMES_PER_PASS,
      ).map((zoned) => zoned.epochMilliseconds);
      const overridden = await applyOverrides(db, connection.id, dueTimes, markMs, nowMs);
      await recordLeftOut(db, overridden.leftOut, nowMs);
      const { dueAtMs, missedAtMs } = classifyDueTimes(overridden.dueTimesMs, nowMs, this.#options.lateThresholdMs?.());
      if (missedAtMs.length > 0) await this.#recordMissed(connection, missedAtMs, nowMs);
      // Dexie keeps a transaction across at most 100 awaits in a row that do no database work, and a pass can
      // miss thousands of due times, so only instants with a postponed override are awaited here.
      for (const atMs of missedAtMs) {
        if (overridden.postponedByAtMs.has(atMs)) await recordPostponedOutcome(db, overridden, atMs, 'missed', nowMs);
      }
      for (const atMs of dueAtMs) {
        const result = await queueScheduledRun(db, connection.id, 'schedule', atMs, nowMs);
        await recordPostponedOutcome(db, overridden, atMs, result, nowMs);
        log.debug(`due time ${new Date(atMs).toISOString()} ${result?.kind ?? 'ignored'}`, { connectionId });
      }
      // With no due time since the mark, the mark stays: writing it would wake this loop again through the
      // live query on connections.
      if (dueTimes.length > 0 || overridden.dueTimesMs.length > 0) await advanceMark(db, connection, nowMs);
    } else if (connection.scheduleMarkMs === null) {
      await advanceMark(db, connection, nowMs);
    }
    return { schedule, markMs };
  }

  async #recordMissed(connection: Connection, missedAtMs: number[], nowMs: number): Promise<void> {
    const { db } = this.#options;
    const lastMissedMs = missedAtMs[missedAtMs.length - 1];
    let catchUpRunId: number | null = null;
    if (connection.catchUp === 'once' && lastMissedMs !== undefined) {
      const result = await queueScheduledRun(db, connection.id, 'catch-up', lastMissedMs, nowMs);
      catchUpRunId = result?.run.id ?? null;
    }
    await db.missedRuns.add({
      connectionId: connection.id,
      noticedAtMs: nowMs,
      count: missedAtMs.length,
      dueAtMs: missedAtMs.slice(0, MAX_LISTED_MISSED),
      catchUpRunId,
    });
    log.info(`recorded ${missedAtMs.length} missed runs`, { connectionId: connection.id });
    this.#options.onMissed?.(connection, missedAtMs.length);
  }
}

/** Moves the mark forward unless a command (switch ON, new schedule) set it meanwhile. */
async function advanceMark(db: RunlaneDb, connection: Connection, nowMs: number): Promise<void> {
  await db.connections
    .where('id')
    .equals(connection.id)
    .and((stored) => stored.scheduleMarkMs === connection.scheduleMarkMs)
    .modify({ scheduleMarkMs: nowMs });
}
