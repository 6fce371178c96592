/** Where a run is in its life. Its outcome (counters, warnings, errors) is kept apart. */
export type RunState =
  | 'queued'
  | 'running'
  | 'stopping'
  | 'finished'
  | 'failed'
  | 'stopped'
  | 'cancelled'
  | 'interrupted';

export type RunTrigger = 'schedule' | 'manual' | 'catch-up' | 'test';

export const FINAL_STATES: readonly RunState[] = ['finished', 'failed', 'stopped', 'cancelled', 'interrupted'];
export const ACTIVE_STATES: readonly RunState[] = ['running', 'stopping'];

const TRANSITIONS: Record<RunState, readonly RunState[]> = {
  queued: ['running', 'cancelled'],
  running: ['stopping', 'finished', 'failed', 'stopped', 'interrupted'],
  stopping: ['stopped', 'failed', 'finished', 'interrupted'],
  finished: [],
  failed: [],
  stopped: [],
  cancelled: [],
  interrupted: [],
};

export function isFinalState(state: RunState): boolean {
  return FINAL_STATES.includes(state);
}

export function canTransition(from: RunState, to: RunState): boolean {
  return TRANSITIONS[from].includes(to);
}

export interface QueueKey {
  id?: number;
  priority: number;
  dueAtMs: number | null;
  queuedAtMs: number;
  /** When Run now moved an already queued run to the head. */
  promotedAtMs: number | null;
}

/**
 * Orders the queue: manual runs first, in the order they were requested; then the others by due time,
 * then by the time they were queued.
 */
export function compareQueued(a: QueueKey, b: QueueKey): number {
  if (a.priority !== b.priority) return a.priority - b.priority;
  if (a.priority === 0) {
    const aRequested = a.promotedAtMs ?? a.queuedAtMs;
    const bRequested = b.promotedAtMs ?? b.queuedAtMs;
    if (aRequested !== bRequested) return aRequested - bRequested;
  }
  const aDue = a.dueAtMs ?? a.queuedAtMs;
  const bDue = b.dueAtMs ?? b.queuedAtMs;
  if (aDue !== bDue) return aDue - bDue;
  if (a.queuedAtMs !== b.queuedAtMs) return a.queuedAtMs - b.queuedAtMs;
  return (a.id ?? 0) - (b.id ?? 0);
}
