/**
 * Test builds only: bulk-fills a connection's run history and one run's log, so that end-to-end tests can
 * check screens with 100,000 runs or log lines without running them.
 */

export interface SeedRunHistoryRequest {
  connectionId: string;
  /** Finished runs to add after the connection's existing runs, numbered on from its next run number. */
  runCount: number;
  /** Start of the first added run; the others start `intervalMs` apart. */
  firstStartMs: number;
  intervalMs: number;
  /**
   * Log lines for the newest added run. Line n (1-based) is an error when n is a multiple of 25,000
   * ("Row n: the profile store rejected the write."), a warning when n is a multiple of 100 ("Row n: "forty"
   * is not a number; the value was left out."), debug when n is a multiple of 7 ("Row n: read."), and info
   * otherwise ("Row n: profile customer-n@example.com updated.").
   */
  logLineCount: number;
  /**
   * Sets the connection's retention limits to the maximum first, so that the run-history pruner keeps every
   * seeded run. Without it, the default limits (1,000 runs, 365 days) apply as usual.
   */
  keepEveryRun?: boolean;
}

export interface SeedRunHistoryResult {
  firstNumber: number;
  lastNumber: number;
  /** The run that received the log lines, or null when `runCount` is 0. */
  logRunId: number | null;
}

export interface HistorySeedApi {
  /**
   * Adds `runCount` runs: every 10th one failed ("Failed: the file could not be read."), every 7th one
   * finished with one warning, the rest finished. Run k of the batch (1-based) took 60 s + (k mod 13) × 20 s
   * and checked 100 + (k mod 50) rows. Rejects outside test builds.
   */
  seedRunHistory(request: SeedRunHistoryRequest): Promise<SeedRunHistoryResult>;
}
