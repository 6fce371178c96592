/** The interface every connector implements, and the context the executor hands to one run. */
import type { Clock } from '../domain/clock.ts';
import type { Connection, ConnectorSettings, Run } from '../contract/model.ts';
import type { RunlaneDb } from '../storage/db.ts';
import type { RunLogger } from '../worker/run-log.ts';

export interface SettingsProblem {
  field: string;
  message: string;
}

export interface RunContext {
  db: RunlaneDb;
  /** The run as it was when it started. */
  run: Run;
  /** A snapshot of the connection's settings taken when the run started; edits apply to the next run. */
  connection: Connection;
  signal: AbortSignal;
  log: RunLogger;
  clock: Clock;
  /** A test run computes counters and messages but writes no profile or fingerprint. */
  isTestRun: boolean;
  /**
   * Throws when the run or this attempt is no longer live (stopped, timed out, taken over). Batch
   * transactions call it first, so a connector that ignores its signal cannot write after a stop.
   */
  assertLive(): Promise<void>;
}

export interface Connector<S extends ConnectorSettings = ConnectorSettings> {
  validateSettings(settings: S): SettingsProblem[];
  run(context: RunContext): Promise<void>;
}
