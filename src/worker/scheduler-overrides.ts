/**
 * The scheduler's handling of overrides set from the timeline. A left-out due time queues nothing and is
 * recorded as left out when it passes. A postponed due time queues nothing at its due time and is queued
 * at its postponed instant instead, by the same rules as a due time (noticed more than 5 minutes late, it
 * counts as missed).
 */
import type { DueTimeOverride } from '../contract/model.ts';
import type { RunlaneDb } from '../storage/db.ts';
import type { QueueScheduledResult } from './queue.ts';

/** The due times of one scheduler pass for one connection, with its overrides applied. */
export interface OverriddenDueTimes {
  /** Due times without an override and postponed instants that have come, in increasing order. */
  dueTimesMs: number[];
  leftOut: DueTimeOverride[];
  /** Postponed overrides whose instant came in this pass, by that instant. */
  postponedByAtMs: Map<number, DueTimeOverride[]>;
}

/** Overrides of a connection that the scheduler has not acted on yet. */
export async function loadOpenOverrides(db: RunlaneDb, connectionId: string): Promise<DueTimeOverride[]> {
  const overrides = await db.overrides.where('connectionId').equals(connectionId).toArray();
  return overrides.filter((override) => override.handledAtMs == null);
}

/**
 * Applies the open overrides to the due times in (markMs, nowMs]. Postponed instants in that same range
 * join the due times. Those before `markMs` fell while the connection was OFF and are ignored.
 */
export async function applyOverrides(
  db: RunlaneDb,
  connectionId: string,
  dueTimesMs: readonly number[],
  markMs: number,
  nowMs: number,
): Promise<OverriddenDueTimes> {
  const open = await loadOpenOverrides(db, connectionId);
  const byDueAtMs = new Map(open.map((override) => [override.dueAtMs, override]));
  const result: OverriddenDueTimes = { dueTimesMs: [], leftOut: [], postponedByAtMs: new Map() };
  for (const dueAtMs of dueTimesMs) {
    const override = byDueAtMs.get(dueAtMs);
    if (override?.action === 'leave-out') result.leftOut.push(override);
    else if (override?.action !== 'postpone') result.dueTimesMs.push(dueAtMs);
  }
  for (const override of open) {
    const atMs = override.postponedToMs;
    if (override.action !== 'postpone' || atMs === null || atMs <= markMs || atMs > nowMs) continue;
    result.dueTimesMs.push(atMs);
    result.postponedByAtMs.set(atMs, [...(result.postponedByAtMs.get(atMs) ?? []), override]);
  }
  result.dueTimesMs.sort((a, b) => a - b);
  return result;
}

export async function recordLeftOut(db: RunlaneDb, leftOut: readonly DueTimeOverride[], nowMs: number): Promise<void> {
  for (const override of leftOut) {
    await db.overrides.update([override.connectionId, override.dueAtMs], { handledAtMs: nowMs, outcome: 'left-out', runId: null });
  }
}

/** Records what became of the postponed overrides whose instant is `atMs`, if there are any. */
export async function recordPostponedOutcome(
  db: RunlaneDb,
  overridden: OverriddenDueTimes,
  atMs: number,
  result: QueueScheduledResult | null | 'missed',
  nowMs: number,
): Promise<void> {
  const overrides = overridden.postponedByAtMs.get(atMs);
  if (!overrides) return;
  for (const override of overrides) {
    const changes: Partial<DueTimeOverride> =
      result === 'missed'
        ? { handledAtMs: nowMs, outcome: 'missed', runId: null }
        : // Null: the connection was switched OFF meanwhile, so nothing was queued.
          { handledAtMs: nowMs, outcome: result?.kind ?? null, runId: result?.run.id ?? null };
    await db.overrides.update([override.connectionId, override.dueAtMs], changes);
  }
  overridden.postponedByAtMs.delete(atMs);
}

/** Returns the earliest postponed instant after `afterMs` that the scheduler has still to queue. */
export async function nextPostponedAtMs(db: RunlaneDb, connectionId: string, afterMs: number): Promise<number | null> {
  let earliestMs: number | null = null;
  for (const override of await loadOpenOverrides(db, connectionId)) {
    const atMs = override.postponedToMs;
    if (override.action !== 'postpone' || atMs === null || atMs <= afterMs) continue;
    if (earliestMs === null || atMs < earliestMs) earliestMs = atMs;
  }
  return earliestMs;
}
