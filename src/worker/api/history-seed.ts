/**
 * Test builds only: the bulk seeding behind `HistorySeedApi`, which end-to-end tests use to check long run
 * histories and long logs. Production builds reject the call.
 */
import type { HistorySeedApi, SeedRunHistoryRequest, SeedRunHistoryResult } from '../../contract/api/history-seed.ts';
import { AppError } from '../../contract/errors.ts';
import type { LogLevel, Run, RunLogEntry } from '../../contract/model.ts';
import { MAX_RETENTION_DAYS, MAX_RETENTION_RUNS } from '../../contract/api/settings.ts';
import type { RunlaneDb } from '../../storage/db.ts';
import type { WorkerContext } from '../context.ts';
import { readRetentionPolicy, writeRetentionPolicy } from '../settings/retention-policy.ts';

/** Records per bulk write. Each chunk is its own transaction, so no single transaction grows with the count. */
const CHUNK_SIZE = 10_000;
const MAX_SEEDED_RECORDS = 200_000;

export function createHistorySeedApi(context: WorkerContext): HistorySeedApi {
  return {
    async seedRunHistory(request) {
      if (!__RUNLANE_TEST__) throw new AppError('invalid-input', 'Seeding a run history exists only in test builds.');
      assertCount('runCount', request.runCount);
      assertCount('logLineCount', request.logLineCount);
      const { db } = await context.ready();
      return seedRunHistory(db, request);
    },
  };
}

function assertCount(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 0 || value > MAX_SEEDED_RECORDS) {
    throw new AppError('invalid-input', `${name} is ${value}: it must be a whole number from 0 to ${MAX_SEEDED_RECORDS}.`);
  }
}

async function seedRunHistory(db: RunlaneDb, request: SeedRunHistoryRequest): Promise<SeedRunHistoryResult> {
  const connection = await db.connections.get(request.connectionId);
  if (!connection) throw new AppError('not-found', `Connection ${request.connectionId} was not found.`);
  const firstNumber = connection.nextRunNumber;
  const lastNumber = firstNumber + request.runCount - 1;
  if (request.keepEveryRun) {
    const policy = await readRetentionPolicy(db);
    policy.byConnection[connection.id] = { maxRuns: MAX_RETENTION_RUNS, maxDays: MAX_RETENTION_DAYS };
    await writeRetentionPolicy(db, policy);
  }

  let logRunId: number | null = null;
  for (let offset = 0; offset < request.runCount; offset += CHUNK_SIZE) {
    const runs: Omit<Run, 'id'>[] = [];
    for (let k = offset + 1; k <= Math.min(offset + CHUNK_SIZE, request.runCount); k++) {
      runs.push(buildSeededRun(request, firstNumber, k));
    }
    await db.transaction('rw', db.runs, db.connections, async () => {
      const ids = await db.runs.bulkAdd(runs as Run[], { allKeys: true });
      logRunId = ids.at(-1) ?? logRunId;
      await db.connections.update(connection.id, { nextRunNumber: firstNumber + offset + runs.length });
    });
  }

  if (logRunId !== null) await seedRunLog(db, logRunId, request.logLineCount, request.firstStartMs + (request.runCount - 1) * request.intervalMs);
  return { firstNumber, lastNumber, logRunId };
}

/** Builds run k (1-based) of the seeded batch, as `HistorySeedApi.seedRunHistory` describes it. */
function buildSeededRun(request: SeedRunHistoryRequest, firstNumber: number, k: number): Omit<Run, 'id'> {
  const startedAtMs = request.firstStartMs + (k - 1) * request.intervalMs;
  const runTimeMs = 60_000 + (k % 13) * 20_000;
  const checked = 100 + (k % 50);
  const isFailed = k % 10 === 0;
  const hasWarning = !isFailed && k % 7 === 0;
  const failedRows = hasWarning ? 1 : 0;
  return {
    connectionId: request.connectionId,
    number: firstNumber + k - 1,
    trigger: 'schedule',
    state: isFailed ? 'failed' : 'finished',
    priority: 1,
    queuedAtMs: startedAtMs,
    promotedAtMs: null,
    dueAtMs: startedAtMs,
    startedAtMs,
    endedAtMs: startedAtMs + runTimeMs,
    stopRequestedAtMs: null,
    attempt: 1,
    waitingForNetwork: false,
    counters: { checked, added: checked - failedRows, updated: 0, unchanged: 0, skipped: 0, failed: failedRows, blocked: 0 },
    warningCount: failedRows,
    errorMessage: isFailed ? 'The file could not be read.' : null,
    summary: seededSummary(isFailed, hasWarning),
    mergedDueAtMs: [],
    logCount: 0,
  };
}

function seededSummary(isFailed: boolean, hasWarning: boolean): string {
  if (isFailed) return 'Failed: the file could not be read.';
  if (hasWarning) return 'Finished with warnings: 1 row failed.';
  return 'Finished.';
}

async function seedRunLog(db: RunlaneDb, runId: number, lineCount: number, startMs: number): Promise<void> {
  for (let offset = 0; offset < lineCount; offset += CHUNK_SIZE) {
    const entries: RunLogEntry[] = [];
    for (let seq = offset; seq < Math.min(offset + CHUNK_SIZE, lineCount); seq++) {
      entries.push({ runId, seq, atMs: startMs + seq * 10, ...seededLine(seq + 1) });
    }
    await db.runLogs.bulkPut(entries);
  }
  await db.runs.update(runId, { logCount: lineCount });
}

function seededLine(line: number): { level: LogLevel; message: string } {
  if (line % 25_000 === 0) return { level: 'error', message: `Row ${line}: the profile store rejected the write.` };
  if (line % 100 === 0) return { level: 'warn', message: `Row ${line}: "forty" is not a number; the value was left out.` };
  if (line % 7 === 0) return { level: 'debug', message: `Row ${line}: read.` };
  return { level: 'info', message: `Row ${line}: profile customer-${line}@example.com updated.` };
}
