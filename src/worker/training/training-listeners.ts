/** Training mode's background work: the scheduling tab of the training database keeps the training clock's heartbeat. */
import type { WorkerContext } from '../context.ts';
import type { TrainingClock } from './training-clock.ts';

export function registerTrainingListeners(context: WorkerContext): void {
  context.onLead((state) => {
    // A worker started in training mode always runs on the training clock (see openClock in worker/index.ts).
    if (state.init.training) (state.clock as TrainingClock).startHeartbeat(state.db);
  });
}
