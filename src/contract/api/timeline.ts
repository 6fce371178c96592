/**
 * The timeline's worker API: leave out or postpone one planned run of a schedule. Each change is an
 * override on one due time, and the schedule itself stays as it is. The page computes the timeline itself from
 * live queries and `domain/timeline.ts`.
 */
import type { DueTimeOverride } from '../model.ts';

/** One due time of one connection's schedule, as epoch milliseconds. */
export interface DueTimeRef {
  connectionId: string;
  dueAtMs: number;
}

export interface TimelineApi {
  /** Leaves out the run due at `dueAtMs`: that due time queues nothing and is recorded as left out. */
  leaveOutRun(request: DueTimeRef): Promise<DueTimeOverride>;
  /**
   * Postpones the run due at `dueAtMs` to `postponedToMs`, which must be in the future, after the due time
   * and at most 7 days after it.
   */
  postponeRun(request: DueTimeRef & { postponedToMs: number }): Promise<DueTimeOverride>;
  /** Removes an override that the scheduler has not acted on yet, so the run is due at its due time again. */
  removeOverride(request: DueTimeRef): Promise<void>;
}
