/**
 * The settings area's background work in the scheduling tab: it prunes run history once, a while after it
 * starts to lead, and after each run ends. The pruning code loads on the first of these.
 */
import type { PruneResult } from '../../contract/api/settings.ts';
import type { RunlaneDb } from '../../storage/db.ts';
import type { WorkerContext, WorkerState } from '../context.ts';
import { createLogger } from '../log.ts';
import type { RunHistoryPruner } from './run-history-pruner.ts';

const log = createLogger('settings');

/**
 * Pruning at start waits this long after the worker starts to lead, so that its reads do not compete with
 * the first screen's for IndexedDB.
 */
export const START_PRUNE_DELAY_MS = 10_000;

// One pruner per database, shared with the settings API, because it runs one pruning request at a time.
const pruners = new WeakMap<RunlaneDb, Promise<RunHistoryPruner>>();

/** Returns the database's pruner, loading the pruning code on first use. */
export function usePruner(state: WorkerState): Promise<RunHistoryPruner> {
  let pruner = pruners.get(state.db);
  if (!pruner) {
    pruner = import('./run-history-pruner.ts').then(({ RunHistoryPruner: Pruner }) => new Pruner(state.db, state.clock));
    pruner.catch(() => pruners.delete(state.db));
    pruners.set(state.db, pruner);
  }
  return pruner;
}

function logPruned(result: PruneResult, scope: string): void {
  if (result.removedRuns > 0 || result.removedMissedRuns > 0) log.info(`run history pruned (${scope})`, result);
}

export function registerSettingsListeners(context: WorkerContext, options: { startPruneDelayMs?: number } = {}): void {
  const startPruneDelayMs = options.startPruneDelayMs ?? START_PRUNE_DELAY_MS;
  context.onLead(async (state) => {
    // A timer, not the clock: this delay is about the app's own start, not about scheduling time.
    await new Promise((resolve) => setTimeout(resolve, startPruneDelayMs));
    logPruned(await (await usePruner(state)).pruneAll(), 'start');
  });
  context.onRunEnded(async (run, state) => logPruned(await (await usePruner(state)).pruneConnection(run.connectionId), `run ${run.id} ended`));
}
