/**
 * Starts real-time delivery in the scheduling tab once there is something for it: a real-time connection,
 * or changes left in the outbox for it to prune. Until then the delivery code is not loaded.
 */
import type { WorkerContext } from '../context.ts';
import { createLogger } from '../log.ts';
import { browserNetwork } from '../network.ts';
import { subscribeLive } from '../../storage/live-subscription.ts';

const log = createLogger('realtime');

export function registerRealtimeStart(context: WorkerContext): void {
  context.onLead(({ db, clock }) => {
    let isStarted = false;
    const stopWatching = subscribeLive(
      async () => (await db.connections.filter((connection) => connection.direction === 'realtime').count()) > 0 || (await db.outbox.count()) > 0,
      (hasWork) => {
        if (!hasWork || isStarted) return;
        isStarted = true;
        stopWatching();
        import('./realtime-supervisor.ts').then(
          ({ startRealtimeSupervisor }) => startRealtimeSupervisor({ db, clock, network: browserNetwork }),
          (error: unknown) => log.error('real-time delivery could not be loaded', error),
        );
      },
    );
  });
}
