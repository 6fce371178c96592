/**
 * Commands that leave out or postpone one planned run. Each stores an override on one due time in the
 * `overrides` table. The scheduler honours it (scheduler-overrides.ts) and the run history shows it.
 */
import type { DueTimeRef } from '../../contract/api/timeline.ts';
import { AppError } from '../../contract/errors.ts';
import type { Connection, DueTimeOverride } from '../../contract/model.ts';
import { Temporal } from 'temporal-polyfill';
import type { Clock } from '../../domain/clock.ts';
import { dueTimesBetween } from '../../domain/schedule.ts';
import type { RunlaneDb } from '../../storage/db.ts';

/** A run can be postponed by at most this long: the span the timeline shows. */
export const MAX_POSTPONE_MS = 7 * 86_400_000;

interface Commands {
  db: RunlaneDb;
  clock: Clock;
}

function invalid(message: string): AppError {
  return new AppError('invalid-input', message);
}

function formatInstant(ms: number): string {
  return new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(ms);
}

export async function leaveOutRun({ db, clock }: Commands, ref: DueTimeRef): Promise<DueTimeOverride> {
  return db.transaction('rw', db.connections, db.overrides, async () => {
    const nowMs = clock.nowMs();
    const existing = await requireChangeable(db, ref, nowMs);
    const override = newOverride(ref, 'leave-out', null, existing?.createdAtMs ?? nowMs);
    await db.overrides.put(override);
    return override;
  });
}

export async function postponeRun({ db, clock }: Commands, request: DueTimeRef & { postponedToMs: number }): Promise<DueTimeOverride> {
  return db.transaction('rw', db.connections, db.overrides, async () => {
    const nowMs = clock.nowMs();
    const existing = await requireChangeable(db, request, nowMs);
    checkPostponedTo(request, nowMs);
    const override = newOverride(request, 'postpone', request.postponedToMs, existing?.createdAtMs ?? nowMs);
    await db.overrides.put(override);
    return override;
  });
}

export async function removeOverride({ db, clock }: Commands, ref: DueTimeRef): Promise<void> {
  await db.transaction('rw', db.connections, db.overrides, async () => {
    const nowMs = clock.nowMs();
    const connection = await requireScheduledConnection(db, ref.connectionId);
    const existing = await db.overrides.get([ref.connectionId, ref.dueAtMs]);
    if (!existing) throw new AppError('not-found', `The run of "${connection.name}" due ${formatInstant(ref.dueAtMs)} has no change to undo.`);
    requireOpen(existing, connection, nowMs);
    if (ref.dueAtMs <= Math.max(nowMs, connection.scheduleMarkMs ?? nowMs)) {
      throw invalid(
        `The due time ${formatInstant(ref.dueAtMs)} has passed, so the run of "${connection.name}" cannot go back to it. Postpone it to another time or leave it out instead.`,
      );
    }
    await db.overrides.delete([ref.connectionId, ref.dueAtMs]);
  });
}

function newOverride(ref: DueTimeRef, action: DueTimeOverride['action'], postponedToMs: number | null, createdAtMs: number): DueTimeOverride {
  return { connectionId: ref.connectionId, dueAtMs: ref.dueAtMs, action, postponedToMs, createdAtMs, handledAtMs: null, outcome: null, runId: null };
}

/**
 * Checks that the due time belongs to the connection's schedule and that the scheduler has not acted on it.
 * Returns the override already stored on it, if any.
 */
async function requireChangeable(db: RunlaneDb, ref: DueTimeRef, nowMs: number): Promise<DueTimeOverride | undefined> {
  const connection = await requireScheduledConnection(db, ref.connectionId);
  if (!Number.isSafeInteger(ref.dueAtMs) || !isDueTime(connection, ref.dueAtMs)) {
    throw invalid(`${describeInstant(ref.dueAtMs)} is not a due time of the schedule of "${connection.name}". Pick a run from the timeline.`);
  }
  const existing = await db.overrides.get([ref.connectionId, ref.dueAtMs]);
  if (existing) {
    requireOpen(existing, connection, nowMs);
    return existing;
  }
  if (ref.dueAtMs <= Math.max(nowMs, connection.scheduleMarkMs ?? nowMs)) {
    throw invalid(`The run of "${connection.name}" due ${formatInstant(ref.dueAtMs)} is no longer planned: its due time has passed. Pick a later run.`);
  }
  return undefined;
}

/** Refuses an override that the scheduler has already acted on. */
function requireOpen(override: DueTimeOverride, connection: Connection, nowMs: number): void {
  const effectiveMs = override.action === 'postpone' ? (override.postponedToMs ?? override.dueAtMs) : override.dueAtMs;
  if (override.handledAtMs != null || effectiveMs <= nowMs) {
    throw invalid(`The run of "${connection.name}" due ${formatInstant(override.dueAtMs)} has been handled already; its entry in the run history says how.`);
  }
}

function checkPostponedTo(request: DueTimeRef & { postponedToMs: number }, nowMs: number): void {
  const { dueAtMs, postponedToMs } = request;
  if (!Number.isSafeInteger(postponedToMs)) throw invalid('The new time is missing or invalid: pick a date and time.');
  if (postponedToMs <= dueAtMs) throw invalid(`Postpone to a time after the due time ${formatInstant(dueAtMs)}; ${formatInstant(postponedToMs)} is not later.`);
  if (postponedToMs <= nowMs) throw invalid(`${formatInstant(postponedToMs)} has passed already: pick a time in the future.`);
  if (postponedToMs - dueAtMs > MAX_POSTPONE_MS) {
    throw invalid(`Postpone by at most 7 days: ${formatInstant(postponedToMs)} is more than 7 days after the due time ${formatInstant(dueAtMs)}.`);
  }
}

async function requireScheduledConnection(db: RunlaneDb, connectionId: string): Promise<Connection> {
  const connection = await db.connections.get(connectionId);
  if (!connection) throw new AppError('not-found', `Connection ${connectionId} does not exist; it may have been deleted in another tab.`);
  if (!connection.schedule) throw invalid(`"${connection.name}" has no schedule, so it has no planned runs to change.`);
  return connection;
}

function isDueTime(connection: Connection, dueAtMs: number): boolean {
  if (!connection.schedule) return false;
  const after = Temporal.Instant.fromEpochMilliseconds(dueAtMs - 1);
  const until = Temporal.Instant.fromEpochMilliseconds(dueAtMs);
  return dueTimesBetween(connection.schedule, after, until, 1).length === 1;
}

function describeInstant(ms: number): string {
  return Number.isFinite(ms) ? formatInstant(ms) : String(ms);
}
