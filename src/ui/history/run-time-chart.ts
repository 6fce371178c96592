/** Scales and summaries for the run-time chart: pure functions of the runs and the schedule's slot interval. */
import type { Run } from '../../contract/model.ts';

export interface ChartRun {
  number: number;
  startedAtMs: number;
  runTimeMs: number;
  state: Run['state'];
  checked: number;
  failed: number;
  warningCount: number;
}

export interface RunTimeScale {
  /** The top of the chart's run-time axis. */
  maxMs: number;
  ticksMs: number[];
  /** True when the slot interval is drawn; a slot interval far above every run time is left off so the bars stay readable. */
  isIntervalShown: boolean;
}

const SECOND_MS = 1_000;
const MINUTE_MS = 60 * SECOND_MS;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;
const TIME_STEPS_MS = [
  SECOND_MS, 2 * SECOND_MS, 5 * SECOND_MS, 10 * SECOND_MS, 15 * SECOND_MS, 30 * SECOND_MS,
  MINUTE_MS, 2 * MINUTE_MS, 5 * MINUTE_MS, 10 * MINUTE_MS, 15 * MINUTE_MS, 30 * MINUTE_MS,
  HOUR_MS, 2 * HOUR_MS, 3 * HOUR_MS, 6 * HOUR_MS, 12 * HOUR_MS, DAY_MS, 2 * DAY_MS, 7 * DAY_MS, 14 * DAY_MS, 28 * DAY_MS,
];
/** A slot interval up to this many times the longest run is drawn on the chart. */
const INTERVAL_SHOWN_RATIO = 3;
const MAX_TICKS = 4;

export function toChartRuns(runs: Run[]): ChartRun[] {
  return runs
    .filter((run) => run.startedAtMs !== null && run.endedAtMs !== null)
    .map((run) => ({
      number: run.number,
      startedAtMs: run.startedAtMs as number,
      runTimeMs: Math.max(0, (run.endedAtMs as number) - (run.startedAtMs as number)),
      state: run.state,
      checked: run.counters.checked,
      failed: run.counters.failed,
      warningCount: run.warningCount,
    }))
    .sort((a, b) => a.number - b.number);
}

/** Chooses the run-time axis: whole time steps, at most four ticks above zero. */
export function chooseRunTimeScale(runTimesMs: number[], intervalMs: number | null): RunTimeScale {
  const longestMs = Math.max(SECOND_MS, ...runTimesMs);
  const isIntervalShown = intervalMs !== null && intervalMs <= longestMs * INTERVAL_SHOWN_RATIO;
  const topMs = (isIntervalShown ? Math.max(longestMs, intervalMs) : longestMs) * 1.1;
  const stepMs = TIME_STEPS_MS.find((step) => topMs / step <= MAX_TICKS) ?? Math.ceil(topMs / MAX_TICKS / DAY_MS) * DAY_MS;
  const maxMs = Math.ceil(topMs / stepMs) * stepMs;
  const ticksMs: number[] = [];
  for (let tick = 0; tick <= maxMs; tick += stepMs) ticksMs.push(tick);
  return { maxMs, ticksMs, isIntervalShown };
}

/** Chooses a count axis with round steps (1, 2 or 5 times a power of ten), at most four ticks above zero. */
export function chooseCountScale(counts: number[]): { max: number; ticks: number[] } {
  const largest = Math.max(1, ...counts);
  const magnitude = 10 ** Math.floor(Math.log10(largest));
  const step = [0.1, 0.2, 0.5, 1, 2, 5, 10]
    .map((factor) => Math.max(1, factor * magnitude))
    .find((candidate) => largest / candidate <= MAX_TICKS) ?? 10 * magnitude;
  const max = Math.ceil(largest / step) * step;
  const ticks: number[] = [];
  for (let tick = 0; tick <= max; tick += step) ticks.push(tick);
  return { max, ticks };
}

export function medianOf(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** Returns the runs that took longer than the slot interval, so that the next due time came before they ended. */
export function runsLongerThan(runs: ChartRun[], intervalMs: number | null): ChartRun[] {
  if (intervalMs === null) return [];
  return runs.filter((run) => run.runTimeMs > intervalMs);
}

/** Formats a slot interval in words: "15 min", "1 h 30 min", "6 h", "1 day", "7 days". */
export function formatSlotInterval(intervalMs: number): string {
  const totalMinutes = Math.round(intervalMs / MINUTE_MS);
  const days = Math.floor(totalMinutes / (24 * 60));
  const hours = Math.floor((totalMinutes % (24 * 60)) / 60);
  const minutes = totalMinutes % 60;
  const parts: string[] = [];
  if (days > 0) parts.push(days === 1 ? '1 day' : `${days} days`);
  if (hours > 0) parts.push(`${hours} h`);
  if (minutes > 0 || parts.length === 0) parts.push(`${minutes} min`);
  return parts.join(' ');
}

/** Formats a run-time axis label: "0", "30 s", "6 min", "1 h 30 min". */
export function formatDurationTick(ms: number): string {
  if (ms === 0) return '0';
  if (ms < MINUTE_MS) return `${Math.round(ms / SECOND_MS)} s`;
  if (ms % MINUTE_MS === 0) return formatSlotInterval(ms);
  return `${Math.floor(ms / MINUTE_MS)} min ${Math.round((ms % MINUTE_MS) / SECOND_MS)} s`;
}
