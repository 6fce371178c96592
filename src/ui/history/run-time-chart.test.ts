import { describe, expect, it } from 'vitest';
import type { Run } from '../../contract/model.ts';
import { emptyCounters } from '../../domain/counters.ts';
import { chooseCountScale, chooseRunTimeScale, formatDurationTick, formatSlotInterval, medianOf, runsLongerThan, toChartRuns } from './run-time-chart.ts';

const MINUTE_MS = 60_000;

function run(number: number, startedAtMs: number | null, endedAtMs: number | null, state: Run['state'] = 'finished'): Run {
  return {
    id: number,
    connectionId: 'c',
    number,
    trigger: 'schedule',
    state,
    priority: 1,
    queuedAtMs: 0,
    promotedAtMs: null,
    dueAtMs: null,
    startedAtMs,
    endedAtMs,
    stopRequestedAtMs: null,
    attempt: 1,
    waitingForNetwork: false,
    counters: { ...emptyCounters(), checked: number * 10, failed: number },
    warningCount: 0,
    errorMessage: null,
    summary: '',
    mergedDueAtMs: [],
    logCount: 0,
  };
}

describe('run-time chart data', () => {
  it('keeps ended runs, oldest first, with their run time', () => {
    const chartRuns = toChartRuns([run(3, 0, 5 * MINUTE_MS), run(2, null, null, 'cancelled'), run(1, 1_000, 61_000)]);
    expect(chartRuns.map((entry) => [entry.number, entry.runTimeMs, entry.checked])).toEqual([
      [1, 60_000, 10],
      [3, 300_000, 30],
    ]);
  });

  it('finds runs longer than the slot interval', () => {
    const chartRuns = toChartRuns([run(1, 0, 10 * MINUTE_MS), run(2, 0, 20 * MINUTE_MS), run(3, 0, 15 * MINUTE_MS)]);
    expect(runsLongerThan(chartRuns, 15 * MINUTE_MS).map((entry) => entry.number)).toEqual([2]);
    expect(runsLongerThan(chartRuns, null)).toEqual([]);
  });

  it('takes the median of an even and an odd count', () => {
    expect(medianOf([5, 1, 3])).toBe(3);
    expect(medianOf([80, 100, 120, 140, 160, 1800])).toBe(130);
    expect(medianOf([])).toBe(0);
  });
});

describe('run-time scale', () => {
  it('draws a slot interval close to the run times', () => {
    const scale = chooseRunTimeScale([5 * MINUTE_MS, 30 * MINUTE_MS], 15 * MINUTE_MS);
    expect(scale.isIntervalShown).toBe(true);
    expect(scale.maxMs).toBe(40 * MINUTE_MS);
    expect(scale.ticksMs).toEqual([0, 10 * MINUTE_MS, 20 * MINUTE_MS, 30 * MINUTE_MS, 40 * MINUTE_MS]);
  });

  it('raises the axis to a slot interval above the longest run', () => {
    const scale = chooseRunTimeScale([4 * MINUTE_MS], 6 * MINUTE_MS);
    expect(scale.isIntervalShown).toBe(true);
    expect(scale.maxMs).toBeGreaterThanOrEqual(6 * MINUTE_MS);
  });

  it('leaves out a slot interval far above every run', () => {
    const scale = chooseRunTimeScale([2_000, 3_000], 6 * 60 * MINUTE_MS);
    expect(scale.isIntervalShown).toBe(false);
    expect(scale.maxMs).toBe(4_000);
  });

  it('chooses round count ticks', () => {
    expect(chooseCountScale([0, 101, 150])).toEqual({ max: 150, ticks: [0, 50, 100, 150] });
    expect(chooseCountScale([12])).toEqual({ max: 15, ticks: [0, 5, 10, 15] });
    expect(chooseCountScale([])).toEqual({ max: 1, ticks: [0, 1] });
  });
});

describe('duration words', () => {
  it('writes slot intervals', () => {
    expect(formatSlotInterval(15 * MINUTE_MS)).toBe('15 min');
    expect(formatSlotInterval(90 * MINUTE_MS)).toBe('1 h 30 min');
    expect(formatSlotInterval(24 * 60 * MINUTE_MS)).toBe('1 day');
    expect(formatSlotInterval(7 * 24 * 60 * MINUTE_MS)).toBe('7 days');
  });

  it('writes axis labels', () => {
    expect(formatDurationTick(0)).toBe('0');
    expect(formatDurationTick(30_000)).toBe('30 s');
    expect(formatDurationTick(6 * MINUTE_MS)).toBe('6 min');
    expect(formatDurationTick(90_000)).toBe('1 min 30 s');
  });
});
