/**
 * The overview's facts about a connection's schedule (next due time, zone names): those the worker stored
 * on the connection while they hold, else computed here. Computing needs Temporal, which loads only then,
 * so the first screen fetches no Temporal when the stored facts are current.
 */
import { createMemo, createSignal, type Accessor } from 'solid-js';
import type { Connection } from '../../contract/model.ts';
import { reportedTimeZone, scheduleFactsKey, type ScheduleFacts } from '../../domain/schedule-facts.ts';

type ComputeModule = typeof import('../../domain/schedule-facts-compute.ts');

const [computeModule, setComputeModule] = createSignal<ComputeModule | null>(null);
let loading: Promise<void> | null = null;

function requestComputeModule(): void {
  loading ??= import('../../domain/schedule-facts-compute.ts').then(
    (module) => {
      setComputeModule(() => module);
    },
    (error: unknown) => {
      loading = null;
      // eslint-disable-next-line no-console -- the rows stay empty; the next clock tick tries again
      console.warn('the schedule code could not be loaded', error);
    },
  );
}

let cachedZone: string | null = null;

/** reportedTimeZone(), read once per task: the overview renders hundreds of rows at once, and asking Intl is slow. */
function currentReportedTimeZone(): string {
  if (cachedZone === null) {
    cachedZone = reportedTimeZone();
    queueMicrotask(() => {
      cachedZone = null;
    });
  }
  return cachedZone;
}

/**
 * Returns true when the facts describe the connection's current schedule, mark and zone. For a connection
 * that is ON, their next due time must also still be ahead: the first due time after the mark stays the
 * first after now until it comes.
 */
function isCurrent(facts: ScheduleFacts, connection: Connection, key: string, zone: string, nowMs: number): boolean {
  if (facts.key !== key || facts.reportedTimeZone !== zone || !facts.isValid) return false;
  return !connection.enabled || facts.nextDueAtMs === null || nowMs < facts.nextDueAtMs;
}

/**
 * Returns the facts of the connection's schedule, with the next due time after the later of `now` and the
 * scheduler's mark: undefined without a schedule, and while the code that computes stale facts loads.
 */
export function createScheduleFacts(connection: Accessor<Connection>, now: Accessor<number>): Accessor<ScheduleFacts | undefined> {
  let computed: ScheduleFacts | undefined;
  // A memo of its own, so that the clock's ticks do not serialise the schedule again.
  const inputsKey = createMemo(() => {
    const current = connection();
    return current.schedule ? scheduleFactsKey(current.schedule, current.scheduleMarkMs) : null;
  });
  return createMemo(() => {
    const current = connection();
    const key = inputsKey();
    if (!current.schedule || key === null) return undefined;
    const nowMs = now();
    const zone = currentReportedTimeZone();
    const stored = current.scheduleFacts;
    // Stored facts of a connection without a mark have no next due time: the scheduler sets the mark soon.
    const hasStoredNext = !current.enabled || current.scheduleMarkMs !== null;
    if (stored && hasStoredNext && isCurrent(stored, current, key, zone, nowMs)) return stored;
    if (computed && isCurrent(computed, current, key, zone, nowMs)) return computed;

    const module = computeModule();
    if (!module) {
      requestComputeModule();
      return undefined;
    }
    computed = module.computeScheduleFacts(current.schedule, current.scheduleMarkMs, Math.max(nowMs, current.scheduleMarkMs ?? 0), zone);
    return computed;
  });
}

/** Calls the loaded describeSchedule for a schedule whose facts mark it invalid, so it throws with the reasons. */
export function describeInvalidSchedule(connection: Connection, locale: string): string {
  const module = computeModule();
  if (!module || !connection.schedule) return '';
  return module.describeSchedule(connection.schedule, locale);
}
