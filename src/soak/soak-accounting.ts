/**
 * The checks both soaks make once their clock stopped: every due time of every schedule produced exactly
 * one scheduled run, one recorded merge or one recorded miss, nothing else appeared, and no run was left
 * queued or running. Pure functions of stored records, so the Node soak (on fake-indexeddb) and the
 * browser soak (records read from Chromium's IndexedDB) share them.
 */
import { Temporal } from 'temporal-polyfill';
import type { Connection, MissedRuns, Run } from '../contract/model.ts';
import { dueTimesBetween } from '../domain/schedule.ts';

/** More due times than any soak window holds; the soaks never come near it. */
const MAX_DUE_TIMES = 1_000_000;

export type SoakConnection = Pick<Connection, 'id' | 'name' | 'schedule' | 'scheduleMarkMs'>;
export type SoakRun = Pick<Run, 'id' | 'connectionId' | 'number' | 'trigger' | 'state' | 'dueAtMs' | 'mergedDueAtMs'>;
export type SoakMissedRuns = Pick<MissedRuns, 'connectionId' | 'count' | 'dueAtMs'>;

export interface DueTimeAccount {
  dueTimes: number;
  scheduledRuns: number;
  merges: number;
  /** Due times recorded as missed, by count. */
  missed: number;
  problems: string[];
}

export interface DueTimeWindow {
  /** The due times after this instant are the soak's: the mark the connection had when the soak began. */
  fromMs: number;
  /**
   * Every due time up to this instant must have been handled, that is, lie at or before the connection's
   * stored mark. Null when the soak does not check how far the scheduler got.
   */
  handledUntilMs: number | null;
}

/**
 * Accounts for each connection's due times after `window(connection).fromMs` up to its stored mark, the
 * latest due time the scheduler handled.
 */
export function accountForDueTimes(connections: readonly SoakConnection[], runs: readonly SoakRun[], missedRuns: readonly SoakMissedRuns[], window: (connection: SoakConnection) => DueTimeWindow): DueTimeAccount {
  const account: DueTimeAccount = { dueTimes: 0, scheduledRuns: 0, merges: 0, missed: 0, problems: [] };
  for (const connection of connections) {
    if (!connection.schedule) continue;
    const { fromMs, handledUntilMs } = window(connection);
    const markMs = connection.scheduleMarkMs ?? fromMs;
    const expected = dueTimesMs(connection, fromMs, markMs);
    account.dueTimes += expected.length;
    if (handledUntilMs !== null && handledUntilMs > markMs) {
      for (const atMs of dueTimesMs(connection, markMs, handledUntilMs)) account.problems.push(`${connection.name}: due time ${iso(atMs)} was never handled`);
    }

    const outcomesByDueTime = new Map<number, string[]>();
    const recordOutcome = (atMs: number, outcome: string): void => {
      outcomesByDueTime.set(atMs, [...(outcomesByDueTime.get(atMs) ?? []), outcome]);
    };
    for (const run of runs) {
      if (run.connectionId !== connection.id) continue;
      if (run.trigger === 'schedule' && run.dueAtMs !== null) {
        recordOutcome(run.dueAtMs, `run #${run.number}`);
        account.scheduledRuns += 1;
      }
      for (const atMs of run.mergedDueAtMs) {
        recordOutcome(atMs, `merged into run #${run.number}`);
        account.merges += 1;
      }
    }
    for (const entry of missedRuns) {
      if (entry.connectionId !== connection.id) continue;
      if (entry.count !== entry.dueAtMs.length) account.problems.push(`${connection.name}: a missed-run record lists ${entry.dueAtMs.length} of ${entry.count} due times`);
      for (const atMs of entry.dueAtMs) recordOutcome(atMs, 'missed');
      account.missed += entry.count;
    }

    for (const atMs of expected) {
      const outcomes = outcomesByDueTime.get(atMs) ?? [];
      if (outcomes.length !== 1) account.problems.push(`${connection.name}: due time ${iso(atMs)} produced ${outcomes.length === 0 ? 'nothing' : outcomes.join(', ')}`);
      outcomesByDueTime.delete(atMs);
    }
    for (const [atMs, outcomes] of outcomesByDueTime) account.problems.push(`${connection.name}: ${outcomes.join(', ')} at ${iso(atMs)}, which is not a due time`);
  }
  return account;
}

/** Counts runs by state and reports every run left queued, running or stopping. */
export function checkRunStates(runs: readonly Pick<Run, 'id' | 'state'>[]): { byState: Record<string, number>; problems: string[] } {
  const byState: Record<string, number> = {};
  const problems: string[] = [];
  for (const run of runs) {
    byState[run.state] = (byState[run.state] ?? 0) + 1;
    if (run.state === 'queued' || run.state === 'running' || run.state === 'stopping') problems.push(`run ${run.id} was left ${run.state}`);
  }
  return { byState, problems };
}

/** Formats a count per state as "finished 280, stopped 19", in a fixed order. */
export function describeStates(byState: Record<string, number>): string {
  return Object.entries(byState)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([state, count]) => `${state} ${count}`)
    .join(', ');
}

function dueTimesMs(connection: SoakConnection, afterMs: number, untilMs: number): number[] {
  if (!connection.schedule || untilMs <= afterMs) return [];
  return dueTimesBetween(connection.schedule, Temporal.Instant.fromEpochMilliseconds(afterMs), Temporal.Instant.fromEpochMilliseconds(untilMs), MAX_DUE_TIMES).map((zoned) => zoned.epochMilliseconds);
}

function iso(epochMs: number): string {
  return new Date(epochMs).toISOString();
}
