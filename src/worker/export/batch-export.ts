/**
 * The batch export run shared by the webhook export and the demo ad platform. It reads the selected
 * profiles page by page, leaves out those lacking consent, and delivers each page as one batch. Each
 * batch's counters commit with the run's cursor, so a retried attempt resumes after the last one.
 */
import { AppError } from '../../contract/errors.ts';
import type { ExportSelection, Profile } from '../../contract/model.ts';
import type { RunContext } from '../../connectors/connector.ts';
import { countOutcome, emptyCounters, type Counters } from '../../domain/counters.ts';
import { commitExportBatch, countDelivered, pluralise, readExportCursor } from './export-batch.ts';
import { countRemaining, findLastSuccessfulStartMs, readExportPages } from './export-selection.ts';

/** A run stops after this many batches in a row were rejected, since the next ones would be too. */
export const MAX_REJECTED_BATCHES_IN_A_ROW = 5;

/**
 * 'delivered': the destination took the batch; `rejected` names profiles it refused (key → reason).
 * 'rejected': the destination refused the whole batch, for example with HTTP 400.
 */
export type BatchResult = { kind: 'delivered'; description: string; rejected: Map<string, string> } | { kind: 'rejected'; description: string };

export interface BatchDestination {
  deliver(batch: { profiles: Profile[]; batchNumber: number }): Promise<BatchResult>;
}

export interface BatchExportOptions {
  selection: ExportSelection;
  /** Profiles read per batch; those lacking consent are left out of its request. */
  batchSize: number;
  isBlocked: (profile: Profile) => boolean;
  destination: BatchDestination;
  /** Called before the first batch: the profiles this attempt still reads, and the batches before them. */
  onPlanned?: (plan: { remaining: number; resumedAfterBatch: number }) => void;
}

export async function runBatchExport(context: RunContext, options: BatchExportOptions): Promise<void> {
  const { db, connection, run, log } = context;
  const lastSuccessStartMs = await findLastSuccessfulStartMs(db, connection.id, run.id);
  const fromMs = options.selection.exportAll ? null : lastSuccessStartMs;
  const cursor = await readExportCursor(context);
  logSelection(context, fromMs, lastSuccessStartMs);
  if (cursor) log.info(`Attempt ${run.attempt} resumes after batch ${cursor.batches}; the batches up to it were delivered.`);

  const remaining = await countRemaining(db, { fromMs, after: cursor });
  options.onPlanned?.({ remaining, resumedAfterBatch: cursor?.batches ?? 0 });
  if (remaining === 0 && !cursor) log.info(fromMs === null ? 'The profile store is empty; nothing to send.' : 'No profile changed since then; nothing to send.');
  if (context.isTestRun && remaining > 0) {
    log.info(`This test run sends nothing: ${pluralise(remaining, 'profile')} would be read in ${pluralise(Math.ceil(remaining / options.batchSize), 'batch', 'batches')}.`);
  }

  let batchNumber = cursor?.batches ?? 0;
  let rejectedInARow = 0;
  const pages = readExportPages(db, { fromMs, after: cursor, pageSize: options.batchSize, isBlocked: options.isBlocked, signal: context.signal });
  for await (const page of pages) {
    batchNumber += 1;
    const counters = emptyCounters();
    for (let i = 0; i < page.blocked.length; i++) countOutcome(counters, 'blocked');
    const result = await deliverPage(context, options, page.deliver, batchNumber);
    // Logged once the batch was delivered, so a batch that an abort or a failure cut short leaves no line.
    if (page.blocked.length > 0) {
      log.info(`Batch ${batchNumber}: ${pluralise(page.blocked.length, 'profile')} left out for lacking the required consent.`, 'batch-blocked');
    }
    if (result) {
      rejectedInARow = result.kind === 'rejected' ? rejectedInARow + 1 : 0;
      countResult(context, counters, page.deliver, batchNumber, result, lastSuccessStartMs);
    } else {
      for (const profile of page.deliver) countDelivered(counters, profile, lastSuccessStartMs);
    }
    try {
      await commitExportBatch(context, counters, { ...page.last, batches: batchNumber });
    } catch (error) {
      // The destination took the batch, but its counters were not saved, for example because the run was
      // stopped or timed out meanwhile. The lines above stay true, and this one gives the reason.
      const isRunEnded = error instanceof AppError && error.code === 'run-stopped';
      const reason = isRunEnded ? ': the run ended before they were saved.' : `, because saving them failed: ${error instanceof Error ? error.message : String(error)}`;
      log.warn(`Batch ${batchNumber} is not in the counters${reason}`);
      throw error;
    }
    if (result?.kind === 'rejected' && rejectedInARow >= MAX_REJECTED_BATCHES_IN_A_ROW) {
      throw new AppError(
        'remote-rejected',
        `The receiver rejected ${MAX_REJECTED_BATCHES_IN_A_ROW} batches in a row (last: ${result.description}), so the run stopped sending. Check the URL and the request headers, then run it again.`,
      );
    }
  }
}

/** Delivers a page unless it is empty or the run is a test run; returns null when nothing was sent. */
async function deliverPage(context: RunContext, options: BatchExportOptions, profiles: Profile[], batchNumber: number): Promise<BatchResult | null> {
  if (profiles.length === 0 || context.isTestRun) return null;
  context.signal.throwIfAborted();
  return options.destination.deliver({ profiles, batchNumber });
}

function countResult(
  context: RunContext,
  counters: Counters,
  profiles: Profile[],
  batchNumber: number,
  result: BatchResult,
  lastSuccessStartMs: number | null,
): void {
  const { log } = context;
  if (result.kind === 'rejected') {
    for (let i = 0; i < profiles.length; i++) countOutcome(counters, 'failed');
    log.warn(`Batch ${batchNumber} (${pluralise(profiles.length, 'profile')}) was rejected with ${result.description} and not retried; its profiles count as Failed.`, 'batch-rejected');
    return;
  }
  for (const profile of profiles) {
    const reason = result.rejected.get(profile.key);
    if (reason === undefined) {
      countDelivered(counters, profile, lastSuccessStartMs);
      continue;
    }
    countOutcome(counters, 'failed');
    log.warn(`Batch ${batchNumber}: profile ${JSON.stringify(profile.identifier)} was rejected: ${reason}`, 'profile-rejected');
  }
  const delivered = profiles.length - result.rejected.size;
  log.info(`Batch ${batchNumber}: ${pluralise(delivered, 'profile')} delivered (${result.description}).`, 'batch-delivered');
}

function logSelection(context: RunContext, fromMs: number | null, lastSuccessStartMs: number | null): void {
  if (fromMs !== null) {
    context.log.info(`Reading the profiles changed since ${new Date(fromMs).toISOString()}, when the last successful run started.`);
  } else if (lastSuccessStartMs === null) {
    context.log.info('Reading every profile: this connection has no successful run yet.');
  } else {
    context.log.info('Reading every profile ("Export all" is on).');
  }
}
