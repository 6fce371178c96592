import { describe, expect, it } from 'vitest';
import type { Schedule } from './schedule.ts';
import { DEFAULT_RUN_TIME_MS, medianRunTimeMs, predictTimeline, type TimelineConnection, type TimelineInput } from './timeline.ts';

// 2026-03-05 is a Thursday. Schedules here use UTC, so wall-clock times equal the ISO instants.
const NOW_MS = Date.parse('2026-03-05T10:00:00Z');
const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
const at = (iso: string): number => Date.parse(iso);

function daily(time: string): Schedule {
  return { kind: 'daysOfWeek', days: [1, 2, 3, 4, 5, 6, 7], time, timeZone: 'UTC' };
}

function connection(id: string, schedule: Schedule | null, overrides: Partial<TimelineConnection> = {}): TimelineConnection {
  return { id, schedule, enabled: true, scheduleMarkMs: NOW_MS, ...overrides };
}

function input(overrides: Partial<TimelineInput>): TimelineInput {
  return { nowMs: NOW_MS, untilMs: NOW_MS + DAY_MS, connections: [], overrides: [], runTimesMs: {}, running: [], queued: [], ...overrides };
}

describe('predictTimeline', () => {
  it('delays a run due while another one runs', () => {
    const { plannedRuns } = predictTimeline(
      input({
        connections: [connection('crm', daily('12:00')), connection('shop', daily('12:10'))],
        runTimesMs: { crm: 25 * MINUTE_MS, shop: 5 * MINUTE_MS },
      }),
    );
    expect(plannedRuns).toHaveLength(2);
    const [crm, shop] = plannedRuns;
    expect(crm?.predictedStartMs).toBe(at('2026-03-05T12:00:00Z'));
    expect(crm?.predictedEndMs).toBe(at('2026-03-05T12:25:00Z'));
    expect(crm?.waitsBehind).toEqual([]);
    expect(shop?.dueAtMs).toBe(at('2026-03-05T12:10:00Z'));
    expect(shop?.predictedStartMs).toBe(at('2026-03-05T12:25:00Z'));
    expect(shop?.predictedEndMs).toBe(at('2026-03-05T12:30:00Z'));
    expect(shop?.waitsBehind).toEqual(['crm']);
  });

  it('assumes the default run time without finished runs', () => {
    const { plannedRuns } = predictTimeline(input({ connections: [connection('crm', daily('12:00'))] }));
    expect(plannedRuns[0]?.runTimeMs).toBe(DEFAULT_RUN_TIME_MS);
    expect(plannedRuns[0]?.isRunTimeDefault).toBe(true);
    expect(plannedRuns[0]?.predictedEndMs).toBe(at('2026-03-05T12:00:00Z') + DEFAULT_RUN_TIME_MS);
  });

  it('orders runs due at once and lists each run waited behind', () => {
    const { plannedRuns } = predictTimeline(
      input({
        connections: [connection('a', daily('12:00')), connection('b', daily('12:00')), connection('c', daily('12:00'))],
        runTimesMs: { a: 10 * MINUTE_MS, b: 10 * MINUTE_MS, c: 10 * MINUTE_MS },
      }),
    );
    expect(plannedRuns.map((run) => run.predictedStartMs)).toEqual([
      at('2026-03-05T12:00:00Z'),
      at('2026-03-05T12:10:00Z'),
      at('2026-03-05T12:20:00Z'),
    ]);
    expect(plannedRuns.map((run) => run.waitsBehind)).toEqual([[], ['a'], ['a', 'b']]);
  });

  it('plans nothing for a left-out due time', () => {
    const { plannedRuns } = predictTimeline(
      input({
        connections: [connection('crm', daily('12:00')), connection('shop', daily('12:10'))],
        overrides: [{ connectionId: 'crm', dueAtMs: at('2026-03-05T12:00:00Z'), action: 'leave-out', postponedToMs: null, handledAtMs: null }],
        runTimesMs: { crm: 25 * MINUTE_MS, shop: 5 * MINUTE_MS },
      }),
    );
    const [crm, shop] = plannedRuns;
    expect(crm?.status).toBe('left-out');
    expect(crm?.queueAtMs).toBeNull();
    expect(crm?.predictedStartMs).toBeNull();
    expect(shop?.predictedStartMs).toBe(at('2026-03-05T12:10:00Z'));
    expect(shop?.waitsBehind).toEqual([]);
  });

  it('queues a postponed due time at its new instant', () => {
    const { plannedRuns } = predictTimeline(
      input({
        connections: [connection('crm', daily('12:00')), connection('shop', daily('14:00'))],
        overrides: [{ connectionId: 'crm', dueAtMs: at('2026-03-05T12:00:00Z'), action: 'postpone', postponedToMs: at('2026-03-05T13:55:00Z'), handledAtMs: null }],
        runTimesMs: { crm: 20 * MINUTE_MS, shop: 5 * MINUTE_MS },
      }),
    );
    const [crm, shop] = plannedRuns;
    expect(crm?.status).toBe('postponed');
    expect(crm?.dueAtMs).toBe(at('2026-03-05T12:00:00Z'));
    expect(crm?.queueAtMs).toBe(at('2026-03-05T13:55:00Z'));
    expect(crm?.predictedStartMs).toBe(at('2026-03-05T13:55:00Z'));
    // The postponed run now delays the 14:00 run of the other connection.
    expect(shop?.predictedStartMs).toBe(at('2026-03-05T14:15:00Z'));
    expect(shop?.waitsBehind).toEqual(['crm']);
  });

  it('keeps a due time that passed while postponed', () => {
    const { plannedRuns } = predictTimeline(
      input({
        nowMs: at('2026-03-05T12:30:00Z'),
        untilMs: at('2026-03-06T12:30:00Z'),
        connections: [connection('crm', daily('12:00'), { scheduleMarkMs: at('2026-03-05T12:00:00Z') })],
        overrides: [{ connectionId: 'crm', dueAtMs: at('2026-03-05T12:00:00Z'), action: 'postpone', postponedToMs: at('2026-03-05T14:00:00Z'), handledAtMs: null }],
      }),
    );
    expect(plannedRuns.map((run) => [run.status, run.dueAtMs, run.predictedStartMs])).toEqual([
      ['postponed', at('2026-03-05T12:00:00Z'), at('2026-03-05T14:00:00Z')],
      ['planned', at('2026-03-06T12:00:00Z'), at('2026-03-06T12:00:00Z')],
    ]);
  });

  it('ignores overrides the scheduler has handled', () => {
    const { plannedRuns } = predictTimeline(
      input({
        connections: [connection('crm', daily('12:00'))],
        overrides: [{ connectionId: 'crm', dueAtMs: at('2026-03-05T12:00:00Z'), action: 'leave-out', postponedToMs: null, handledAtMs: at('2026-03-04T12:00:00Z') }],
      }),
    );
    expect(plannedRuns[0]?.status).toBe('planned');
  });

  it('merges a due time into the same connection’s running run', () => {
    // Every 15 minutes, but each run takes 20 minutes: every other due time merges.
    const every15: Schedule = { kind: 'timesPerDay', timesPerDay: 96, anchorTime: '00:00', timeZone: 'UTC' };
    const { plannedRuns } = predictTimeline(
      input({ untilMs: at('2026-03-05T11:00:00Z'), connections: [connection('crm', every15)], runTimesMs: { crm: 20 * MINUTE_MS } }),
    );
    expect(plannedRuns.map((run) => run.status)).toEqual(['planned', 'merged', 'planned', 'merged']);
    expect(plannedRuns[1]?.mergedInto).toEqual({ kind: 'planned', dueAtMs: at('2026-03-05T10:15:00Z') });
    expect(plannedRuns[1]?.predictedStartMs).toBe(at('2026-03-05T10:15:00Z'));
    expect(plannedRuns[2]?.predictedStartMs).toBe(at('2026-03-05T10:45:00Z'));
  });

  it('merges a due time into the same connection’s queued run', () => {
    const { plannedRuns } = predictTimeline(
      input({
        connections: [connection('crm', daily('10:30')), connection('shop', null)],
        running: [{ id: 1, connectionId: 'shop', startedAtMs: NOW_MS }],
        queued: [{ id: 2, connectionId: 'crm', trigger: 'manual', priority: 0, dueAtMs: null, queuedAtMs: NOW_MS, promotedAtMs: null }],
        runTimesMs: { shop: 60 * MINUTE_MS },
      }),
    );
    expect(plannedRuns[0]?.status).toBe('merged');
    expect(plannedRuns[0]?.mergedInto).toEqual({ kind: 'queued', runId: 2 });
    expect(plannedRuns[0]?.predictedStartMs).toBe(at('2026-03-05T11:00:00Z'));
  });

  it('waits for the queue of now', () => {
    const { plannedRuns, queue } = predictTimeline(
      input({
        connections: [connection('crm', daily('10:20'))],
        running: [{ id: 1, connectionId: 'shop', startedAtMs: at('2026-03-05T09:55:00Z') }],
        queued: [{ id: 2, connectionId: 'erp', trigger: 'schedule', priority: 1, dueAtMs: at('2026-03-05T09:58:00Z'), queuedAtMs: at('2026-03-05T09:58:00Z'), promotedAtMs: null }],
        runTimesMs: { shop: 15 * MINUTE_MS, erp: 10 * MINUTE_MS },
      }),
    );
    expect(queue).toEqual([
      { runId: 1, connectionId: 'shop', predictedStartMs: at('2026-03-05T09:55:00Z'), predictedEndMs: at('2026-03-05T10:10:00Z') },
      { runId: 2, connectionId: 'erp', predictedStartMs: at('2026-03-05T10:10:00Z'), predictedEndMs: at('2026-03-05T10:20:00Z') },
    ]);
    expect(plannedRuns[0]?.predictedStartMs).toBe(at('2026-03-05T10:20:00Z'));
    expect(plannedRuns[0]?.waitsBehind).toEqual([]);
  });

  it('predicts a run past its estimate to end now', () => {
    const { queue } = predictTimeline(
      input({ running: [{ id: 1, connectionId: 'shop', startedAtMs: at('2026-03-05T08:00:00Z') }], runTimesMs: { shop: 15 * MINUTE_MS } }),
    );
    expect(queue[0]?.predictedEndMs).toBe(NOW_MS);
  });

  it('runs manual runs before scheduled ones', () => {
    const { plannedRuns, queue } = predictTimeline(
      input({
        connections: [connection('crm', daily('10:05'))],
        running: [{ id: 1, connectionId: 'shop', startedAtMs: NOW_MS }],
        queued: [{ id: 2, connectionId: 'erp', trigger: 'manual', priority: 0, dueAtMs: null, queuedAtMs: NOW_MS, promotedAtMs: null }],
        runTimesMs: { shop: 10 * MINUTE_MS, erp: 10 * MINUTE_MS, crm: 10 * MINUTE_MS },
      }),
    );
    expect(queue.map((run) => run.runId)).toEqual([1, 2]);
    expect(plannedRuns[0]?.predictedStartMs).toBe(at('2026-03-05T10:20:00Z'));
    expect(plannedRuns[0]?.waitsBehind).toEqual(['shop', 'erp']);
  });

  it('plans nothing for connections that are OFF or unscheduled', () => {
    const { plannedRuns } = predictTimeline(
      input({ connections: [connection('off', daily('12:00'), { enabled: false }), connection('manual', null)] }),
    );
    expect(plannedRuns).toEqual([]);
  });

  it('starts after the schedule mark', () => {
    const { plannedRuns } = predictTimeline(
      input({ connections: [connection('crm', daily('12:00'), { scheduleMarkMs: at('2026-03-05T12:00:00Z') })], untilMs: NOW_MS + 2 * DAY_MS }),
    );
    expect(plannedRuns.map((run) => run.dueAtMs)).toEqual([at('2026-03-06T12:00:00Z')]);
  });

  it('lists 7 days of a 96-times-a-day schedule', () => {
    const every15: Schedule = { kind: 'timesPerDay', timesPerDay: 96, anchorTime: '00:00', timeZone: 'UTC' };
    const { plannedRuns } = predictTimeline(input({ connections: [connection('crm', every15)], untilMs: NOW_MS + 7 * DAY_MS }));
    expect(plannedRuns).toHaveLength(672);
    expect(plannedRuns.every((run) => run.status === 'planned')).toBe(true);
  });
});

describe('medianRunTimeMs', () => {
  it('returns null without run times', () => {
    expect(medianRunTimeMs([])).toBeNull();
  });

  it('takes the middle of an odd count', () => {
    expect(medianRunTimeMs([30_000, 10_000, 600_000])).toBe(30_000);
  });

  it('averages the middle two of an even count', () => {
    expect(medianRunTimeMs([10_000, 20_000, 40_000, 90_000])).toBe(30_000);
  });
});
