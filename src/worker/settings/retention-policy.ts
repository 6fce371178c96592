/** The stored run-history retention policy: default limits and per-connection limits. */
import {
  MAX_RETENTION_DAYS,
  MAX_RETENTION_RUNS,
  RETENTION_POLICY_KEY,
  defaultRetentionPolicy,
  type RetentionLimits,
  type RetentionPolicy,
} from '../../contract/api/settings.ts';
import { AppError } from '../../contract/errors.ts';
import type { RunlaneDb } from '../../storage/db.ts';

export async function readRetentionPolicy(db: RunlaneDb): Promise<RetentionPolicy> {
  const stored = (await db.meta.get(RETENTION_POLICY_KEY))?.value as RetentionPolicy | undefined;
  return stored ?? defaultRetentionPolicy();
}

export async function writeRetentionPolicy(db: RunlaneDb, policy: RetentionPolicy): Promise<void> {
  await db.meta.put({ key: RETENTION_POLICY_KEY, value: policy });
}

/** Returns the limits that apply to one connection: its own, or the defaults. */
export function limitsFor(policy: RetentionPolicy, connectionId: string): RetentionLimits {
  return policy.byConnection[connectionId] ?? policy.defaults;
}

/** Describes what is wrong with a limits value, or returns null when both limits are in range. */
export function describeLimitsProblem(limits: RetentionLimits): string | null {
  const { maxRuns, maxDays } = limits;
  if (!Number.isInteger(maxRuns) || maxRuns < 1 || maxRuns > MAX_RETENTION_RUNS) {
    return `Runs to keep is ${String(maxRuns)}: enter a whole number from 1 to ${MAX_RETENTION_RUNS}.`;
  }
  if (!Number.isInteger(maxDays) || maxDays < 1 || maxDays > MAX_RETENTION_DAYS) {
    return `Days to keep is ${String(maxDays)}: enter a whole number from 1 to ${MAX_RETENTION_DAYS}.`;
  }
  return null;
}

export function checkLimits(limits: RetentionLimits): RetentionLimits {
  const problem = describeLimitsProblem(limits);
  if (problem) throw new AppError('invalid-input', problem);
  return { maxRuns: limits.maxRuns, maxDays: limits.maxDays };
}
