/**
 * Connects notifications to the scheduling worker: every run end may notify, and when this worker starts
 * to lead it resumes pending webhooks, starts the digest loop and sends the start summaries. The
 * notification code loads only when one of these has work: at the first run end, when a webhook delivery
 * is pending, or once a connection turns on notifications or a digest.
 */
import type { Connection } from '../../contract/model.ts';
import { isDigestOn } from '../../domain/notification-decision.ts';
import { readMeta } from '../../storage/queries.ts';
import { subscribeLive } from '../../storage/live-subscription.ts';
import type { WorkerContext, WorkerState } from '../context.ts';
import type { NotifierDeps } from './deps.ts';

type NotifierModule = typeof import('./notifier.ts');

/** True when some connection has notifications on: only then can a start summary or a digest contain anything. */
function wantsNotifications(connections: Connection[]): boolean {
  return connections.some((connection) => connection.notifications.when !== 'never');
}

export function registerNotifications(context: WorkerContext): void {
  let loading: Promise<NotifierModule> | null = null;
  let deps: NotifierDeps | null = null;
  const load = (state: WorkerState): Promise<{ notifier: NotifierModule; deps: NotifierDeps }> => {
    loading ??= import('./notifier.ts').catch((error: unknown) => {
      loading = null;
      throw error;
    });
    return loading.then((notifier) => ({ notifier, deps: (deps ??= notifier.createNotifierDeps(state)) }));
  };

  context.onRunEnded(async (run, state) => {
    const { notifier, deps: current } = await load(state);
    await notifier.handleRunEnded(current, run);
  });

  context.onLead(async (state) => {
    const { db, clock, init } = state;
    const leadStartMs = (await readMeta<{ sinceMs: number }>(db, 'scheduling-tab'))?.sinceMs ?? clock.nowMs();
    const hasPendingWebhook = (await db.notifications.filter((record) => record.webhook?.state === 'pending').count()) > 0;
    if (hasPendingWebhook) {
      const { notifier, deps: current } = await load(state);
      await notifier.resumePendingWebhooks(current);
    }

    // The digest loop sleeps while no connection has a digest on, so it starts with the first one.
    let isDigestLoopStarted = false;
    subscribeLive(
      () => db.connections.toArray(),
      (connections) => {
        if (isDigestLoopStarted || !connections.some((connection) => isDigestOn(connection.notifications))) return;
        isDigestLoopStarted = true;
        void load(state).then(({ notifier, deps: current }) => notifier.runDigestLoop(current, new AbortController().signal));
      },
    );

    // Runs interrupted or missed at this start are summarised only for connections with notifications on,
    // so without any such connection there is nothing to summarise now, nor later.
    if (!wantsNotifications(await db.connections.toArray())) return;
    const { notifier, deps: current } = await load(state);
    await notifier.waitForSchedulerPass(db, leadStartMs);
    await notifier.summariseStart(current, { leadStartMs, restartReason: init.restartReason });
  });
}
