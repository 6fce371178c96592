/**
 * Builders for import tests: a fresh fake-indexeddb database with a CSV connection, its stored file and
 * property definitions, and a RunContext with a manual clock and a real RunLogger.
 */
import 'fake-indexeddb/auto';
import { makeConnection, makeRun } from '../test-helpers.ts';
import type {
  Connection,
  CsvImportSettings,
  Profile,
  PropertyDefinition,
  Run,
  RunTrigger,
} from '../../contract/model.ts';
import type { RunContext } from '../../connectors/connector.ts';
import { ManualClock } from '../../domain/clock.ts';
import { RunlaneDb } from '../../storage/db.ts';
import { RunLogger } from '../run-log.ts';

/** 2024-03-31T08:00:00Z, the start time of every test clock. */
export const TEST_START_MS = Date.UTC(2024, 2, 31, 8, 0, 0);

export const TEST_DEFINITIONS: PropertyDefinition[] = [
  { id: 'email', label: 'Email', type: 'text' },
  { id: 'name', label: 'Name', type: 'text' },
  { id: 'age', label: 'Age', type: 'number' },
  { id: 'birthday', label: 'Birthday', type: 'date' },
  { id: 'subscribed', label: 'Subscribed', type: 'boolean' },
];

export function makeCsvSettings(overrides: Partial<CsvImportSettings> = {}): CsvImportSettings {
  return {
    connector: 'csv-file',
    fileName: 'customers.csv',
    encoding: 'utf-8',
    delimiter: 'auto',
    numberFormat: '1,234.5',
    emptyCellsClear: false,
    mapping: [
      { column: 'email', propertyId: 'email', isIdentifier: true },
      { column: 'name', propertyId: 'name', isIdentifier: false },
      { column: 'age', propertyId: 'age', isIdentifier: false },
    ],
    headers: ['email', 'name', 'age'],
    ...overrides,
  };
}

export interface ImportFixture {
  db: RunlaneDb;
  connection: Connection;
  clock: ManualClock;
}

/** Creates a database holding one CSV connection and the property definitions. */
export async function createImportFixture(
  options: { settings?: Partial<CsvImportSettings>; definitions?: PropertyDefinition[] } = {},
): Promise<ImportFixture> {
  const db = new RunlaneDb(`test-${crypto.randomUUID()}`);
  const connection: Connection = makeConnection({
    name: 'Customer file',
    settings: makeCsvSettings(options.settings),
    maxRetries: 0,
    createdAtMs: TEST_START_MS,
    updatedAtMs: TEST_START_MS,
  });
  await db.connections.put(connection);
  await db.propertyDefinitions.bulkPut(options.definitions ?? TEST_DEFINITIONS);
  return { db, connection, clock: new ManualClock(TEST_START_MS) };
}

/** Stores `content` as the connection's file; a string is stored as UTF-8. */
export async function storeFile(fixture: ImportFixture, content: string | Uint8Array, name = 'customers.csv'): Promise<void> {
  const blob = new Blob([content as BlobPart]);
  await fixture.db.files.put({
    connectionId: fixture.connection.id,
    name,
    size: blob.size,
    type: 'text/csv',
    storedAtMs: fixture.clock.nowMs(),
    blob,
  });
}

export interface TestRun {
  context: RunContext;
  controller: AbortController;
  runId: number;
}

/** Adds a running run for the connection and returns a context for it. */
export async function startRun(fixture: ImportFixture, options: { trigger?: RunTrigger } = {}): Promise<TestRun> {
  const { db, connection, clock } = fixture;
  const trigger = options.trigger ?? 'manual';
  const number = (await db.runs.where('connectionId').equals(connection.id).count()) + 1;
  const run = makeRun(connection.id, clock.nowMs(), { number, trigger });
  const runId = await db.runs.add(run as Run);
  const controller = new AbortController();
  const context: RunContext = {
    db,
    run: { ...run, id: runId },
    connection: structuredClone(connection),
    signal: controller.signal,
    log: new RunLogger(db, runId, clock, 0),
    clock,
    isTestRun: trigger === 'test',
    assertLive: async () => {
      controller.signal.throwIfAborted();
    },
  };
  return { context, controller, runId };
}

export async function readRun(fixture: ImportFixture, runId: number): Promise<Run> {
  const run = await fixture.db.runs.get(runId);
  if (!run) throw new Error(`Run ${runId} not found.`);
  return run;
}

export async function readLogMessages(fixture: ImportFixture, runId: number): Promise<string[]> {
  const entries = await fixture.db.runLogs.where('[runId+seq]').between([runId, 0], [runId, Infinity]).toArray();
  return entries.map((entry) => entry.message);
}

export async function readProfiles(fixture: ImportFixture): Promise<Map<string, Profile>> {
  const profiles = await fixture.db.profiles.toArray();
  return new Map(profiles.map((profile) => [profile.key, profile]));
}

/** Counts the fingerprints in every stored batch record, read without the index. */
export async function countStoredFingerprints(fixture: ImportFixture): Promise<number> {
  const batches = await fixture.db.fingerprintBatches.toArray();
  return batches.reduce((sum, batch) => sum + batch.fingerprints.length, 0);
}

/** Returns a stream that delivers `bytes` in chunks of `chunkSize` bytes. */
export function streamInChunks(bytes: Uint8Array<ArrayBuffer>, chunkSize: number): ReadableStream<Uint8Array<ArrayBuffer>> {
  let offset = 0;
  return new ReadableStream({
    pull(controller) {
      if (offset >= bytes.length) {
        controller.close();
        return;
      }
      controller.enqueue(bytes.slice(offset, offset + chunkSize));
      offset += chunkSize;
    },
  });
}
