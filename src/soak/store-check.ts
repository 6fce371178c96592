/**
 * The browser soak's check that every run's counters match what the store holds, for runs of the demo CRM
 * (imports) and the demo ad platform (exports). Pure functions of stored records:
 *
 * - Runs execute one at a time, so no two runs' times (from start to end) overlap.
 * - Every run: Checked = Added + Updated + Unchanged + Failed + Blocked, and a run that never started
 *   counts nothing.
 * - Imports: Added equals the profiles created while the run ran, and the rows it applied (Added, Updated
 *   and Unchanged) equal the fingerprints it stored. Every profile was created and last changed while an
 *   import ran, by the run it names.
 * - Exports: the counters equal the batches the run's log records as delivered, rejected and left out,
 *   less a batch the log reports as not in the counters, and the stored cursor counts those batches.
 */
import type { Counters, Run } from '../contract/model.ts';
import { isConsistent } from '../domain/counters.ts';

export type CheckedRun = Pick<Run, 'id' | 'connectionId' | 'number' | 'state' | 'attempt' | 'startedAtMs' | 'endedAtMs' | 'counters' | 'exportCursor'>;

export interface ProfileStamp {
  key: string;
  createdAtMs: number;
  updatedAtMs: number;
  lastRunId: number | null;
}

export interface FingerprintStamp {
  runId: number;
}

/** A stored fingerprint record as the check reads it: one batch's `[connectionId, hash]` pairs. */
export interface StoredFingerprintBatch {
  runId: number;
  fingerprints: readonly (readonly [string, string])[];
}

/**
 * Returns one stamp per stored connection and row content, with the latest run that applied it. A retried
 * attempt stores the fingerprints of the earlier attempts' rows again in its own batch records, so the
 * records can contain a fingerprint more than once.
 */
export function fingerprintStampsOf(batches: readonly StoredFingerprintBatch[]): FingerprintStamp[] {
  const runIdByFingerprint = new Map<string, number>();
  for (const batch of [...batches].sort((a, b) => a.runId - b.runId)) {
    for (const [connectionId, hash] of batch.fingerprints) runIdByFingerprint.set(`${connectionId}\n${hash}`, batch.runId);
  }
  return [...runIdByFingerprint.values()].map((runId) => ({ runId }));
}

export interface LogLine {
  runId: number;
  seq: number;
  message: string;
}

export interface StoreCheckInput {
  runs: readonly CheckedRun[];
  /** The direction of each run's connection, by connection id. */
  directionOf: (connectionId: string) => 'import' | 'export' | 'realtime' | undefined;
  profiles: readonly ProfileStamp[];
  fingerprints: readonly FingerprintStamp[];
  logs: readonly LogLine[];
}

export interface StoreCheck {
  importRuns: number;
  exportRuns: number;
  /**
   * Import runs with more than one attempt. A later attempt evaluates the rows of the earlier attempts'
   * batches again (they count as Unchanged) without storing their fingerprints again, so for these runs
   * the fingerprints bound Added + Updated + Unchanged instead of equalling it.
   */
  retriedImportRuns: number;
  /** Export batches the logs record as delivered or left out. */
  exportBatches: number;
  problems: string[];
}

/** An export run's logged outcome for one batch, from the last attempt that reached it. */
interface BatchRecord {
  attempt: number;
  /** The run ended after the batch was delivered but before its counters were saved. */
  isNotCounted: boolean;
  delivered: number;
  leftOut: number;
  rejected: number;
}

const BATCH_LINE = /^Batch ([\d,]+)(?::| \(| is not in the counters)/;
const DELIVERED = /^Batch [\d,]+: ([\d,]+) profiles? delivered /;
const LEFT_OUT = /^Batch [\d,]+: ([\d,]+) profiles? left out for lacking the required consent\.$/;
const PROFILE_REJECTED = /^Batch [\d,]+: profile .* was rejected: /;
const BATCH_REJECTED = /^Batch [\d,]+ \(([\d,]+) profiles?\) was rejected with /;
const ATTEMPT_STARTED = /^Attempt (\d+) started\.$/;
const NOT_COUNTED = /^Batch [\d,]+ is not in the counters/;
const CAPPED = /^(\d+) more messages of kind "([^"]+)" were left out of this log\.$/;

export function checkRunsAgainstStore(input: StoreCheckInput): StoreCheck {
  const check: StoreCheck = { importRuns: 0, exportRuns: 0, retriedImportRuns: 0, exportBatches: 0, problems: [] };
  check.problems.push(...checkOneAtATime(input.runs));
  const runsById = new Map(input.runs.map((run) => [run.id, run]));
  const fingerprintsByRun = countBy(input.fingerprints, (fingerprint) => fingerprint.runId);
  const logsByRun = groupLogs(input.logs);
  const createdByRun = attributeCreatedProfiles(input, check.problems);

  for (const run of input.runs) {
    const label = `run ${run.id} (#${run.number}, ${run.state})`;
    const { counters } = run;
    if (!isConsistent(counters)) check.problems.push(`${label}: Checked ${counters.checked} is not Added + Updated + Unchanged + Failed + Blocked (${JSON.stringify(counters)})`);
    if (run.startedAtMs === null) {
      if (sumCounters(counters) !== 0) check.problems.push(`${label} never started but counts ${JSON.stringify(counters)}`);
      continue;
    }
    const direction = input.directionOf(run.connectionId);
    if (direction === 'import') {
      check.importRuns += 1;
      if (run.attempt > 1) check.retriedImportRuns += 1;
      checkImportRun(run, label, createdByRun.get(run.id) ?? 0, fingerprintsByRun.get(run.id) ?? 0, check.problems);
    } else if (direction === 'export') {
      check.exportRuns += 1;
      check.exportBatches += checkExportRun(run, label, logsByRun.get(run.id) ?? [], check.problems);
    } else {
      check.problems.push(`${label}: its connection is missing or is not a batch connection`);
    }
  }

  for (const profile of input.profiles) {
    if (profile.lastRunId === null) {
      check.problems.push(`profile ${profile.key} names no run that wrote it`);
      continue;
    }
    const run = runsById.get(profile.lastRunId);
    if (!run || input.directionOf(run.connectionId) !== 'import' || !isWithin(run, profile.updatedAtMs)) {
      check.problems.push(`profile ${profile.key} was last changed at ${iso(profile.updatedAtMs)}, outside the import run ${profile.lastRunId} it names`);
    }
  }
  return check;
}

/** Reports runs whose times overlap: the executor runs one at a time. */
function checkOneAtATime(runs: readonly CheckedRun[]): string[] {
  const problems: string[] = [];
  const started = runs.filter((run) => run.startedAtMs !== null).sort((a, b) => (a.startedAtMs ?? 0) - (b.startedAtMs ?? 0) || a.id - b.id);
  for (let i = 1; i < started.length; i++) {
    const before = started[i - 1] as CheckedRun;
    const run = started[i] as CheckedRun;
    if (before.endedAtMs === null) problems.push(`run ${before.id} started but never ended`);
    else if ((run.startedAtMs ?? 0) < before.endedAtMs) problems.push(`run ${run.id} started at ${iso(run.startedAtMs ?? 0)}, before run ${before.id} ended at ${iso(before.endedAtMs)}`);
  }
  return problems;
}

/**
 * Counts the profiles created while each run ran. A run's batches commit after its start (the demo
 * systems wait before each batch) and before its end, so the run is the one whose times contain the
 * creation. Reports profiles created while no run ran.
 */
function attributeCreatedProfiles(input: StoreCheckInput, problems: string[]): Map<number, number> {
  const started = input.runs.filter((run) => run.startedAtMs !== null).sort((a, b) => (a.startedAtMs ?? 0) - (b.startedAtMs ?? 0));
  const startTimes = started.map((run) => run.startedAtMs ?? 0);
  const created = new Map<number, number>();
  for (const profile of input.profiles) {
    // The last run that started before the profile was created.
    const index = lastIndexBelow(startTimes, profile.createdAtMs);
    const run = index >= 0 ? started[index] : undefined;
    if (!run || !isWithin(run, profile.createdAtMs)) {
      problems.push(`profile ${profile.key} was created at ${iso(profile.createdAtMs)}, while no run ran`);
      continue;
    }
    created.set(run.id, (created.get(run.id) ?? 0) + 1);
  }
  return created;
}

function checkImportRun(run: CheckedRun, label: string, created: number, fingerprints: number, problems: string[]): void {
  const { added, updated, unchanged } = run.counters;
  if (created !== added) problems.push(`${label}: Added ${added}, but ${created} profiles were created while it ran`);
  const applied = added + updated + unchanged;
  if (run.attempt <= 1) {
    if (fingerprints !== applied) problems.push(`${label}: Added + Updated + Unchanged = ${applied}, but it stored ${fingerprints} fingerprints`);
  } else if (fingerprints < added + updated || fingerprints > applied) {
    problems.push(`${label}: ${fingerprints} fingerprints after ${run.attempt} attempts, outside Added + Updated = ${added + updated} to Added + Updated + Unchanged = ${applied}`);
  }
}

/** Checks an export run's counters and cursor against its log; returns the batches the log records. */
function checkExportRun(run: CheckedRun, label: string, lines: readonly LogLine[], problems: string[]): number {
  const batches = new Map<number, BatchRecord>();
  let attempt = 1;
  let uncountedRejections = 0;
  for (const { message } of lines) {
    const attemptMatch = ATTEMPT_STARTED.exec(message);
    if (attemptMatch) {
      attempt = Number(attemptMatch[1]);
      continue;
    }
    const capped = CAPPED.exec(message);
    if (capped) {
      if (capped[2] === 'profile-rejected') uncountedRejections += Number(capped[1]);
      else problems.push(`${label}: its log left out messages of kind "${capped[2]}", so its batches cannot be checked`);
      continue;
    }
    const batchMatch = BATCH_LINE.exec(message);
    if (!batchMatch) continue;
    const batchNumber = toNumber(batchMatch[1]);
    let record = batches.get(batchNumber);
    // A later attempt that reaches a batch again replaces what an earlier attempt recorded for it.
    if (!record || record.attempt !== attempt) {
      record = { attempt, isNotCounted: false, delivered: 0, leftOut: 0, rejected: 0 };
      batches.set(batchNumber, record);
    }
    if (NOT_COUNTED.test(message)) record.isNotCounted = true;
    record.delivered += toNumber(DELIVERED.exec(message)?.[1]);
    record.leftOut += toNumber(LEFT_OUT.exec(message)?.[1]);
    record.rejected += PROFILE_REJECTED.test(message) ? 1 : toNumber(BATCH_REJECTED.exec(message)?.[1]);
  }

  const recordedNumbers = [...batches.entries()].filter(([, record]) => !record.isNotCounted && record.delivered + record.leftOut + record.rejected > 0).map(([batchNumber]) => batchNumber);
  const recorded = recordedNumbers.map((batchNumber) => batches.get(batchNumber) as BatchRecord);
  const delivered = sum(recorded, (record) => record.delivered);
  const leftOut = sum(recorded, (record) => record.leftOut);
  const rejected = sum(recorded, (record) => record.rejected) + uncountedRejections;
  const { added, updated, unchanged, failed, blocked } = run.counters;
  if (added + updated + unchanged !== delivered) problems.push(`${label}: Added + Updated + Unchanged = ${added + updated + unchanged}, but its log records ${delivered} profiles delivered`);
  if (failed !== rejected) problems.push(`${label}: Failed ${failed}, but its log records ${rejected} profiles rejected`);
  if (blocked !== leftOut) problems.push(`${label}: Blocked ${blocked}, but its log records ${leftOut} profiles left out`);
  // The cursor commits with each batch's counters, so it counts exactly the batches 1, 2, … the log records.
  const cursorBatches = run.exportCursor?.batches ?? 0;
  const lastRecorded = Math.max(0, ...recordedNumbers);
  if (lastRecorded !== cursorBatches || recordedNumbers.length !== cursorBatches) {
    problems.push(`${label}: its log records ${recordedNumbers.length} batches up to batch ${lastRecorded}, but its stored cursor counts ${cursorBatches}`);
  }
  return recorded.length;
}

function groupLogs(logs: readonly LogLine[]): Map<number, LogLine[]> {
  const byRun = new Map<number, LogLine[]>();
  for (const line of logs) {
    const lines = byRun.get(line.runId);
    if (lines) lines.push(line);
    else byRun.set(line.runId, [line]);
  }
  for (const lines of byRun.values()) lines.sort((a, b) => a.seq - b.seq);
  return byRun;
}

/** True when `atMs` lies after the run's start and no later than its end. */
function isWithin(run: CheckedRun, atMs: number): boolean {
  return run.startedAtMs !== null && run.endedAtMs !== null && atMs > run.startedAtMs && atMs <= run.endedAtMs;
}

/** Index of the last of the ascending `values` below `target`, or -1. */
function lastIndexBelow(values: readonly number[], target: number): number {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((values[middle] as number) < target) low = middle + 1;
    else high = middle;
  }
  return low - 1;
}

function countBy<T>(items: readonly T[], keyOf: (item: T) => number): Map<number, number> {
  const counts = new Map<number, number>();
  for (const item of items) counts.set(keyOf(item), (counts.get(keyOf(item)) ?? 0) + 1);
  return counts;
}

function sumCounters(counters: Counters): number {
  return Object.values(counters).reduce((total, value) => total + value, 0);
}

function sum<T>(items: readonly T[], valueOf: (item: T) => number): number {
  return items.reduce((total, item) => total + valueOf(item), 0);
}

function toNumber(text: string | undefined): number {
  return text === undefined ? 0 : Number(text.replaceAll(',', ''));
}

function iso(epochMs: number): string {
  return new Date(epochMs).toISOString();
}
