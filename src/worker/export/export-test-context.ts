/**
 * Builders for export and demo-system tests: a fresh fake-indexeddb database with one connection, profiles
 * written at chosen instants, and run contexts on a manual clock with a real RunLogger.
 */
import 'fake-indexeddb/auto';
import type { Connection, ConnectorSettings, Profile, Run, RunTrigger } from '../../contract/model.ts';
import type { RunContext } from '../../connectors/connector.ts';
import { ManualClock } from '../../domain/clock.ts';
import { RunlaneDb } from '../../storage/db.ts';
import { RunLogger } from '../run-log.ts';
import { makeConnection, makeRun } from '../test-helpers.ts';

/** 2026-03-05T10:00:00Z. */
export const EXPORT_TEST_START_MS = Date.UTC(2026, 2, 5, 10, 0, 0);

export interface ExportFixture {
  db: RunlaneDb;
  connection: Connection;
  clock: ManualClock;
}

export async function createExportFixture(settings: ConnectorSettings, overrides: Partial<Connection> = {}): Promise<ExportFixture> {
  const db = new RunlaneDb(`test-${crypto.randomUUID()}`);
  const connection = makeConnection({ name: 'Export', direction: 'export', settings, maxRetries: 0, ...overrides });
  await db.connections.put(connection);
  return { db, connection, clock: new ManualClock(EXPORT_TEST_START_MS) };
}

export function makeProfile(email: string, atMs: number, overrides: Partial<Profile> = {}): Profile {
  return {
    key: email.toLowerCase(),
    identifier: email,
    properties: { email },
    consent: {},
    createdAtMs: atMs,
    updatedAtMs: atMs,
    lastRunId: null,
    lastConnectionId: null,
    ...overrides,
  };
}

/** Writes `count` profiles named `prefix-<n>@example.com`, all updated at `atMs`. */
export async function addProfiles(fixture: ExportFixture, prefix: string, count: number, atMs: number, overrides: Partial<Profile> = {}): Promise<Profile[]> {
  const profiles = Array.from({ length: count }, (_, index) => makeProfile(`${prefix}-${String(index).padStart(4, '0')}@example.com`, atMs, overrides));
  await fixture.db.profiles.bulkPut(profiles);
  return profiles;
}

export interface ExportTestRun {
  context: RunContext;
  controller: AbortController;
  runId: number;
}

/** Adds a running run (or reuses `runId` with the next attempt) and returns a context for it. */
export async function startExportRun(fixture: ExportFixture, options: { trigger?: RunTrigger; runId?: number; attempt?: number } = {}): Promise<ExportTestRun> {
  const { db, connection, clock } = fixture;
  let run: Run;
  if (options.runId !== undefined) {
    const stored = await db.runs.get(options.runId);
    if (!stored) throw new Error(`Run ${options.runId} not found.`);
    run = { ...stored, attempt: options.attempt ?? stored.attempt + 1 };
    await db.runs.update(run.id, { attempt: run.attempt, state: 'running' });
  } else {
    const number = (await db.runs.where('connectionId').equals(connection.id).count()) + 1;
    const fresh = makeRun(connection.id, clock.nowMs(), { number, trigger: options.trigger ?? 'manual' });
    const id = await db.runs.add(fresh as Run);
    run = { ...fresh, id };
  }
  const stored = await db.runs.get(run.id);
  const controller = new AbortController();
  const context: RunContext = {
    db,
    run,
    connection: structuredClone(connection),
    signal: controller.signal,
    log: new RunLogger(db, run.id, clock, stored?.logCount ?? 0),
    clock,
    isTestRun: run.trigger === 'test',
    assertLive: async () => controller.signal.throwIfAborted(),
  };
  return { context, controller, runId: run.id };
}

/** Marks a run finished, as the executor does, so that the next run exports the changes since its start. */
export async function finishRun(fixture: ExportFixture, runId: number): Promise<void> {
  await fixture.db.runs.update(runId, { state: 'finished', endedAtMs: fixture.clock.nowMs() });
}

export async function readRun(fixture: ExportFixture, runId: number): Promise<Run> {
  const run = await fixture.db.runs.get(runId);
  if (!run) throw new Error(`Run ${runId} not found.`);
  return run;
}

export async function readLog(fixture: ExportFixture, runId: number): Promise<string[]> {
  const entries = await fixture.db.runLogs.where('[runId+seq]').between([runId, 0], [runId, Infinity]).toArray();
  return entries.map((entry) => entry.message);
}

/** Lets pending promise callbacks and fake-indexeddb transactions settle. */
export async function settle(rounds = 20): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((resolve) => setTimeout(resolve, 0));
}
