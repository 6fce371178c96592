/**
 * Writes one batch of import rows in one Dexie transaction: profiles, fingerprints, the run's counters
 * and its log lines commit together or not at all, so counters never disagree with stored data.
 */
import type { Profile } from '../../contract/model.ts';
import type { RunContext } from '../../connectors/connector.ts';
import { addCounters, countOutcome, emptyCounters, type Counters } from '../../domain/counters.ts';
import { addFingerprintBatch, findHashesFromOtherRuns, hasFingerprints, nextFingerprintBatch } from '../../storage/fingerprint-queries.ts';
import { appendToOutbox } from '../realtime/outbox.ts';
import { applyRow, hasConsent, type ImportPlan, type PreparedRow, type ProfileStamp, type RowProblem } from './row-rules.ts';
import { bulkGetSparse } from './sparse-get.ts';

/**
 * State that a run carries from one batch to the next.
 * NOTE: on a test run `testProfiles` grows with the number of profiles the file adds or changes.
 */
export interface ImportRunState {
  totals: Counters;
  /**
   * Test runs only: profiles as the run would have left them. A test run writes nothing, so later
   * batches read earlier batches' results from here.
   */
  testProfiles: Map<string, Profile> | null;
  /** Whether the connection had any fingerprint when the run's first batch began; null until then. */
  hasFingerprintsBeforeRun: boolean | null;
  /** The `batch` number of the next fingerprint record this run writes; null until the first batch. */
  nextFingerprintBatch: number | null;
}

export function createImportRunState(isTestRun: boolean): ImportRunState {
  return { totals: emptyCounters(), testProfiles: isTestRun ? new Map() : null, hasFingerprintsBeforeRun: null, nextFingerprintBatch: null };
}

interface BatchResult {
  counters: Counters;
  profiles: Map<string, Profile>;
  /** Fingerprints of the rows the batch applied, each once. */
  fingerprints: Set<string>;
}

/**
 * Evaluates and writes `rows` in file order. `beforeFlush` runs inside the transaction just before the
 * log lines are written, so that a last batch can add its summary lines. Returns the batch's counters.
 */
export async function commitBatch(
  context: RunContext,
  plan: ImportPlan,
  rows: readonly PreparedRow[],
  state: ImportRunState,
  beforeFlush?: (totals: Counters) => void,
): Promise<Counters> {
  const { db } = context;
  const connectionId = context.connection.id;
  const { batch: result, nextFingerprintBatch: nextBatch } = await db.transaction('rw', [db.profiles, db.fingerprintBatches, db.runs, db.runLogs, db.outbox, db.connections], async (transaction) => {
    await context.assertLive();
    let fingerprintBatch = state.nextFingerprintBatch ?? (await nextFingerprintBatch(db, connectionId, context.run.id));
    const batch = await evaluateBatch(context, plan, rows, state);

    const writes: Promise<unknown>[] = [addToRunCounters(context, batch.counters)];
    if (!context.isTestRun) {
      writes.push(db.profiles.bulkPut([...batch.profiles.values()]));
      if (batch.fingerprints.size > 0) {
        const fingerprints = [...batch.fingerprints].map((hash): [string, string] => [connectionId, hash]);
        addFingerprintBatch(transaction, { connectionId, runId: context.run.id, batch: fingerprintBatch, fingerprints });
        fingerprintBatch += 1;
      }
      // Real-time connections send these changes; the outbox entries commit with the profiles.
      writes.push(appendToOutbox(db, batch.profiles.values(), context.clock.nowMs()));
    }
    // The writes are sent at once, so IndexedDB is never idle while the worker waits for one of them.
    await Promise.all(writes);

    beforeFlush?.(addCounters(state.totals, batch.counters));
    await context.log.flush();
    return { batch, nextFingerprintBatch: fingerprintBatch };
  });

  // The run state changes only after the transaction committed, so a failed batch leaves no trace in it.
  state.totals = addCounters(state.totals, result.counters);
  state.nextFingerprintBatch = nextBatch;
  if (state.testProfiles) for (const [key, profile] of result.profiles) state.testProfiles.set(key, profile);
  return result.counters;
}

async function addToRunCounters(context: RunContext, counters: Counters): Promise<void> {
  const { db } = context;
  const run = await db.runs.get(context.run.id);
  if (!run) throw new Error(`Run ${context.run.id} is missing from the database.`);
  // A put of the record read above saves the read that `update` would make again.
  await db.runs.put({ ...run, counters: addCounters(run.counters, counters) });
}

async function evaluateBatch(
  context: RunContext,
  plan: ImportPlan,
  rows: readonly PreparedRow[],
  state: ImportRunState,
): Promise<BatchResult> {
  const appliedBefore = await findFingerprintsFromEarlierRuns(context, rows, state);
  const working = await loadProfiles(context, rows, appliedBefore, state);
  const stamp: ProfileStamp = { nowMs: context.clock.nowMs(), runId: context.run.id, connectionId: context.connection.id };
  const result: BatchResult = { counters: emptyCounters(), profiles: new Map(), fingerprints: new Set() };

  for (const row of rows) {
    if (row.kind === 'broken') {
      reportFailed(context, result.counters, row.problem);
      continue;
    }
    if (appliedBefore.has(row.fingerprint)) {
      countOutcome(result.counters, 'skipped');
      continue;
    }
    if (!row.result.ok) {
      reportFailed(context, result.counters, row.result.problem);
      continue;
    }
    const { key } = row.result.row;
    // Consent is checked after type errors. A Blocked row is not applied and gets no fingerprint, so the
    // next run evaluates it again.
    if (plan.requiredConsent && !hasConsent(working.get(key), row.result.row, plan.requiredConsent.id)) {
      reportBlocked(context, result.counters, row.line, plan);
      continue;
    }
    const { outcome, profile } = applyRow(working.get(key), row.result.row, plan, stamp);
    countOutcome(result.counters, outcome);
    working.set(key, profile);
    if (outcome !== 'unchanged') result.profiles.set(key, profile);
    result.fingerprints.add(row.fingerprint);
  }
  return result;
}

function reportFailed(context: RunContext, counters: Counters, problem: RowProblem): void {
  countOutcome(counters, 'failed');
  context.log.warn(problem.message, problem.kind);
}

function reportBlocked(context: RunContext, counters: Counters, line: number, plan: ImportPlan): void {
  countOutcome(counters, 'blocked');
  const label = plan.requiredConsent?.label ?? '';
  context.log.info(`Line ${line} was Blocked: its profile has not agreed to "${label}", which this connection requires, so the row was not applied.`, 'blocked');
}

/**
 * Returns the fingerprints of `rows` that an earlier run of this connection applied. A fingerprint this
 * run wrote is not among them, so an identical row later in the same file is evaluated again.
 */
async function findFingerprintsFromEarlierRuns(context: RunContext, rows: readonly PreparedRow[], state: ImportRunState): Promise<Set<string>> {
  if (!(await hasFingerprintsBeforeRun(context, state))) return new Set();
  const hashes = [...new Set(rows.flatMap((row) => (row.kind === 'readable' ? [row.fingerprint] : [])))];
  return findHashesFromOtherRuns(context.db, context.connection.id, context.run.id, hashes);
}

/**
 * Tells whether the connection had fingerprints before this run wrote any. Runs execute one at a time,
 * so without any at the first batch no earlier run's fingerprint can appear later in the run, and a
 * connection's first run skips the per-row lookups. Fingerprints of an earlier attempt of this same run
 * count as present, which only costs the lookups.
 */
async function hasFingerprintsBeforeRun(context: RunContext, state: ImportRunState): Promise<boolean> {
  if (state.hasFingerprintsBeforeRun === null) {
    state.hasFingerprintsBeforeRun = await hasFingerprints(context.db, context.connection.id);
  }
  return state.hasFingerprintsBeforeRun;
}

/** Loads the stored profiles the batch may touch, seen through a test run's own results. */
async function loadProfiles(
  context: RunContext,
  rows: readonly PreparedRow[],
  appliedBefore: ReadonlySet<string>,
  state: ImportRunState,
): Promise<Map<string, Profile | undefined>> {
  const keys = new Set<string>();
  for (const row of rows) {
    if (row.kind === 'readable' && row.result.ok && !appliedBefore.has(row.fingerprint)) keys.add(row.result.row.key);
  }
  const keyList = [...keys];
  const stored = await bulkGetSparse(context.db.profiles, keyList);
  const working = new Map<string, Profile | undefined>();
  keyList.forEach((key, index) => working.set(key, state.testProfiles?.get(key) ?? stored[index]));
  return working;
}
