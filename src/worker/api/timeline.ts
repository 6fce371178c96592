/** The timeline's methods: overrides on single due times. See `contract/api/timeline.ts`. */
import type { TimelineApi } from '../../contract/api/timeline.ts';
import type { WorkerContext, WorkerState } from '../context.ts';
import { leaveOutRun, postponeRun, removeOverride } from '../timeline/overrides.ts';

export function createTimelineApi(context: WorkerContext): TimelineApi {
  /** Makes the scheduling tab look at its due times again. Other tabs' schedulers are null. */
  const wakeScheduler = (state: WorkerState): void => state.scheduler?.wake();
  return {
    async leaveOutRun(request) {
      const state = await context.ready();
      const override = await leaveOutRun(state, request);
      wakeScheduler(state);
      return override;
    },
    async postponeRun(request) {
      const state = await context.ready();
      const override = await postponeRun(state, request);
      wakeScheduler(state);
      return override;
    },
    async removeOverride(request) {
      const state = await context.ready();
      await removeOverride(state, request);
      wakeScheduler(state);
    },
  };
}
