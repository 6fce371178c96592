/**
 * Connects notifications to the scheduling worker: every run end may notify, and when this worker starts
 * to lead it resumes pending webhooks, starts the digest loop and sends the start summaries.
 */
import { readMeta } from '../../storage/queries.ts';
import type { WorkerContext, WorkerState } from '../context.ts';
import { createNotifierDeps, type NotifierDeps } from './deps.ts';
import { runDigestLoop } from './digest.ts';
import { handleRunEnded } from './run-ended.ts';
import { summariseStart, waitForSchedulerPass } from './start-summary.ts';
import { resumePendingWebhooks } from './webhook.ts';

export function registerNotifications(context: WorkerContext): void {
  let deps: NotifierDeps | null = null;
  const depsFor = (state: WorkerState): NotifierDeps => (deps ??= createNotifierDeps(state));

  context.onRunEnded(async (run, state) => {
    await handleRunEnded(depsFor(state), run);
  });

  context.onLead(async (state) => {
    const current = depsFor(state);
    const leadStartMs = (await readMeta<{ sinceMs: number }>(state.db, 'scheduling-tab'))?.sinceMs ?? state.clock.nowMs();
    await resumePendingWebhooks(current);
    void runDigestLoop(current, new AbortController().signal);
    await waitForSchedulerPass(state.db, leadStartMs);
    await summariseStart(current, { leadStartMs, restartReason: state.init.restartReason });
  });
}
