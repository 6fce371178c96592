/**
 * Writes one batch of import rows in one Dexie transaction: profiles, fingerprints, the run's counters
 * and its log lines commit together or not at all, so counters never disagree with stored data.
 */
import type { Profile } from '../../contract/model.ts';
import type { RunContext } from '../../connectors/connector.ts';
import { addCounters, countOutcome, emptyCounters, type Counters } from '../../domain/counters.ts';
import type { FingerprintRow } from '../../storage/db.ts';
import { applyRow, type ImportPlan, type PreparedRow, type ProfileStamp, type RowProblem } from './row-rules.ts';

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
}

export function createImportRunState(isTestRun: boolean): ImportRunState {
  return { totals: emptyCounters(), testProfiles: isTestRun ? new Map() : null };
}

interface BatchResult {
  counters: Counters;
  profiles: Map<string, Profile>;
  fingerprints: string[];
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
  const result = await db.transaction('rw', [db.profiles, db.fingerprints, db.runs, db.runLogs], async () => {
    await context.assertLive();
    const batch = await evaluateBatch(context, plan, rows, state);

    if (!context.isTestRun) {
      await db.profiles.bulkPut([...batch.profiles.values()]);
      const fingerprintRows = batch.fingerprints.map((hash): FingerprintRow => ({ connectionId: context.connection.id, hash, runId: context.run.id }));
      await db.fingerprints.bulkPut(fingerprintRows);
    }

    const run = await db.runs.get(context.run.id);
    if (!run) throw new Error(`Run ${context.run.id} is missing from the database.`);
    await db.runs.update(context.run.id, { counters: addCounters(run.counters, batch.counters) });

    beforeFlush?.(addCounters(state.totals, batch.counters));
    await context.log.flush();
    return batch;
  });

  // The run state changes only after the transaction committed, so a failed batch leaves no trace in it.
  state.totals = addCounters(state.totals, result.counters);
  if (state.testProfiles) for (const [key, profile] of result.profiles) state.testProfiles.set(key, profile);
  return result.counters;
}

async function evaluateBatch(
  context: RunContext,
  plan: ImportPlan,
  rows: readonly PreparedRow[],
  state: ImportRunState,
): Promise<BatchResult> {
  const appliedBefore = await findFingerprintsFromEarlierRuns(context, rows);
  const working = await loadProfiles(context, rows, appliedBefore, state);
  const stamp: ProfileStamp = { nowMs: context.clock.nowMs(), runId: context.run.id, connectionId: context.connection.id };
  const result: BatchResult = { counters: emptyCounters(), profiles: new Map(), fingerprints: [] };

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
    // TODO: count the row as Blocked here, after type errors and before matching, once connections can
    // require consent. No connection requires it yet, so Blocked stays 0.
    const { key } = row.result.row;
    const { outcome, profile } = applyRow(working.get(key), row.result.row, plan, stamp);
    countOutcome(result.counters, outcome);
    working.set(key, profile);
    if (outcome !== 'unchanged') result.profiles.set(key, profile);
    result.fingerprints.push(row.fingerprint);
  }
  return result;
}

function reportFailed(context: RunContext, counters: Counters, problem: RowProblem): void {
  countOutcome(counters, 'failed');
  context.log.warn(problem.message, problem.kind);
}

/**
 * Returns the fingerprints of `rows` that an earlier run of this connection applied. A fingerprint this
 * run wrote is not among them, so an identical row later in the same file is evaluated again.
 */
async function findFingerprintsFromEarlierRuns(context: RunContext, rows: readonly PreparedRow[]): Promise<Set<string>> {
  const hashes = [...new Set(rows.flatMap((row) => (row.kind === 'readable' ? [row.fingerprint] : [])))];
  const stored = await context.db.fingerprints.bulkGet(hashes.map((hash): [string, string] => [context.connection.id, hash]));
  const found = new Set<string>();
  for (const entry of stored) {
    if (entry && entry.runId !== context.run.id) found.add(entry.hash);
  }
  return found;
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
  const stored = await context.db.profiles.bulkGet(keyList);
  const working = new Map<string, Profile | undefined>();
  keyList.forEach((key, index) => working.set(key, state.testProfiles?.get(key) ?? stored[index]));
  return working;
}
