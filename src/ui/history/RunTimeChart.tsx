import { For, Show, createMemo, createSignal, createUniqueId, onCleanup, onMount, type JSX } from 'solid-js';
import type { Connection } from '../../contract/model.ts';
import { slotIntervalMinutes } from '../../domain/schedule.ts';
import { formatDateTime, formatNumber, formatRunTime } from '../format.ts';
import { createLiveQuery } from '../live.ts';
import { stateLabel } from '../run-text.ts';
import { loadRecentEndedRuns } from './history-queries.ts';
import { chooseCountScale, chooseRunTimeScale, formatDurationTick, formatSlotInterval, medianOf, runsLongerThan, toChartRuns, type ChartRun } from './run-time-chart.ts';
import './chart.css';

export const CHART_RUNS = 50;
const MARGIN = { top: 16, right: 12, bottom: 28, left: 56 };
const RUN_TIME_HEIGHT_PX = 200;
const COUNTERS_HEIGHT_PX = 140;
/** The widest slot a run gets, so that a few runs do not turn into wide blocks. */
const MAX_BAND_PX = 40;

function intervalMsOf(connection: Connection): number | null {
  if (!connection.schedule) return null;
  try {
    return slotIntervalMinutes(connection.schedule) * 60_000;
  } catch {
    return null;
  }
}

function isFailure(run: ChartRun): boolean {
  return run.state === 'failed' || run.state === 'interrupted';
}

/**
 * Run time and counters of the connection's recent runs, with the schedule's slot interval drawn in, so
 * that runs that take longer than the time between two due times stand out. A table gives the same data.
 */
export function RunTimeChart(props: { connection: Connection }): JSX.Element {
  const recent = createLiveQuery(
    () => props.connection.id,
    (db, id) => loadRecentEndedRuns(db, id, CHART_RUNS),
  );
  const runs = createMemo(() => toChartRuns(recent() ?? []));
  const intervalMs = createMemo(() => intervalMsOf(props.connection));
  const longer = createMemo(() => runsLongerThan(runs(), intervalMs()));
  const [widthPx, setWidthPx] = createSignal(640);
  let box: HTMLDivElement | undefined;

  onMount(() => {
    if (!box) return;
    const observer = new ResizeObserver(() => setWidthPx(Math.max(280, box?.clientWidth ?? 640)));
    observer.observe(box);
    onCleanup(() => observer.disconnect());
  });

  const summary = (): string => {
    const list = runs();
    const longest = list.reduce<ChartRun | null>((best, run) => (best === null || run.runTimeMs > best.runTimeMs ? run : best), null);
    if (!longest) return '';
    const parts = [
      `Last ${formatNumber(list.length)} ${list.length === 1 ? 'run' : 'runs'}: median run time ${formatRunTime(medianOf(list.map((run) => run.runTimeMs)))}, longest ${formatRunTime(longest.runTimeMs)} (run #${longest.number}).`,
    ];
    const interval = intervalMs();
    if (interval === null) parts.push('The connection has no schedule, so runs cannot overlap their next due time.');
    else if (longer().length > 0)
      parts.push(
        `${formatNumber(longer().length)} of them took longer than the ${formatSlotInterval(interval)} between two due times, so the next due time came before they ended. Choose fewer runs a day, or make the runs faster.`,
      );
    else parts.push(`Every run ended within the ${formatSlotInterval(interval)} between two due times.`);
    return parts.join(' ');
  };

  return (
    <div class="run-time-chart" ref={box}>
      <Show when={runs().length > 0} fallback={<p class="hint">The chart shows run times once the connection has run.</p>}>
        <figure>
          <figcaption data-testid="chart-summary" classList={{ 'chart-warning': longer().length > 0 }}>
            {longer().length > 0 ? '⚠ ' : ''}
            {summary()}
          </figcaption>
          <RunTimeBars runs={runs()} intervalMs={intervalMs()} widthPx={widthPx()} label={summary()} />
          <Show when={intervalMs() !== null && !chooseRunTimeScale(runs().map((run) => run.runTimeMs), intervalMs()).isIntervalShown}>
            <p class="hint chart-note">The slot interval ({formatSlotInterval(intervalMs() ?? 0)}) is far above every run time, so the chart leaves it out.</p>
          </Show>
          <CounterBars runs={runs()} widthPx={widthPx()} />
          <ChartLegend hasInterval={intervalMs() !== null} />
        </figure>
        <details class="chart-table">
          <summary>Show the run times as a table</summary>
          <RunTimeTable runs={runs()} intervalMs={intervalMs()} />
        </details>
      </Show>
    </div>
  );
}

interface BarLayout {
  xPx: number;
  widthPx: number;
}

function layoutBars(count: number, widthPx: number): BarLayout[] {
  const plotWidthPx = widthPx - MARGIN.left - MARGIN.right;
  const bandPx = Math.min(MAX_BAND_PX, plotWidthPx / Math.max(count, 1));
  const barWidthPx = Math.max(1, bandPx * 0.7);
  return Array.from({ length: count }, (_, i) => ({ xPx: MARGIN.left + i * bandPx + (bandPx - barWidthPx) / 2, widthPx: barWidthPx }));
}

function StripePattern(props: { id: string; class: string }): JSX.Element {
  return (
    <pattern id={props.id} patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)">
      <rect width="6" height="6" class={`${props.class}-fill`} />
      <line x1="0" y1="0" x2="0" y2="6" class="stripe" stroke-width="3" />
    </pattern>
  );
}

function RunTimeBars(props: { runs: ChartRun[]; intervalMs: number | null; widthPx: number; label: string }): JSX.Element {
  const stripes = createUniqueId();
  const scale = createMemo(() => chooseRunTimeScale(props.runs.map((run) => run.runTimeMs), props.intervalMs));
  const plotHeightPx = RUN_TIME_HEIGHT_PX - MARGIN.top - MARGIN.bottom;
  const y = (ms: number): number => MARGIN.top + plotHeightPx * (1 - ms / scale().maxMs);
  const bars = createMemo(() => layoutBars(props.runs.length, props.widthPx));
  const intervalY = (): number | null => (props.intervalMs !== null && scale().isIntervalShown ? y(props.intervalMs) : null);

  return (
    <svg class="chart" width={props.widthPx} height={RUN_TIME_HEIGHT_PX} role="img" aria-label={`Run time per run. ${props.label}`} data-testid="run-time-chart">
      <defs>
        <StripePattern id={stripes} class="bar-failed" />
      </defs>
      <For each={scale().ticksMs}>
        {(tick) => (
          <g class="grid">
            <line x1={MARGIN.left} x2={props.widthPx - MARGIN.right} y1={y(tick)} y2={y(tick)} />
            <text x={MARGIN.left - 6} y={y(tick)} dy="0.35em" text-anchor="end">
              {formatDurationTick(tick)}
            </text>
          </g>
        )}
      </For>
      <For each={props.runs}>
        {(run, i) => (
          <rect
            class={isFailure(run) ? 'bar bar-failed' : 'bar bar-ok'}
            classList={{ 'bar-over': props.intervalMs !== null && run.runTimeMs > props.intervalMs }}
            x={bars()[i()]?.xPx ?? 0}
            width={bars()[i()]?.widthPx ?? 0}
            y={y(run.runTimeMs)}
            height={Math.max(1, y(0) - y(run.runTimeMs))}
            fill={isFailure(run) ? `url(#${stripes})` : undefined}
          >
            <title>
              Run #{run.number}, {formatDateTime(run.startedAtMs)}: {formatRunTime(run.runTimeMs)}, {stateLabel(run)}
            </title>
          </rect>
        )}
      </For>
      <Show when={intervalY()}>
        {(lineY) => (
          <g class="interval" data-testid="slot-interval-line">
            <line x1={MARGIN.left} x2={props.widthPx - MARGIN.right} y1={lineY()} y2={lineY()} />
            <text x={props.widthPx - MARGIN.right} y={lineY() - 4} text-anchor="end">
              Slot interval: {formatSlotInterval(props.intervalMs ?? 0)}
            </text>
          </g>
        )}
      </Show>
      <XAxisLabels runs={props.runs} widthPx={props.widthPx} yPx={RUN_TIME_HEIGHT_PX - 8} />
    </svg>
  );
}

function CounterBars(props: { runs: ChartRun[]; widthPx: number }): JSX.Element {
  const stripes = createUniqueId();
  const scale = createMemo(() => chooseCountScale(props.runs.map((run) => run.checked)));
  const plotHeightPx = COUNTERS_HEIGHT_PX - MARGIN.top - MARGIN.bottom;
  const y = (count: number): number => MARGIN.top + plotHeightPx * (1 - count / scale().max);
  const bars = createMemo(() => layoutBars(props.runs.length, props.widthPx));
  const total = (): number => props.runs.reduce((sum, run) => sum + run.checked, 0);

  return (
    <svg
      class="chart"
      width={props.widthPx}
      height={COUNTERS_HEIGHT_PX}
      role="img"
      aria-label={`Rows checked per run, ${formatNumber(total())} in all, with the failed rows at the bottom of each bar.`}
      data-testid="counters-chart"
    >
      <defs>
        <StripePattern id={stripes} class="bar-failed" />
      </defs>
      <For each={scale().ticks}>
        {(tick) => (
          <g class="grid">
            <line x1={MARGIN.left} x2={props.widthPx - MARGIN.right} y1={y(tick)} y2={y(tick)} />
            <text x={MARGIN.left - 6} y={y(tick)} dy="0.35em" text-anchor="end">
              {formatNumber(tick)}
            </text>
          </g>
        )}
      </For>
      <For each={props.runs}>
        {(run, i) => (
          <g>
            <title>
              Run #{run.number}: {formatNumber(run.checked)} checked, {formatNumber(run.failed)} failed
            </title>
            <rect class="bar bar-checked" x={bars()[i()]?.xPx ?? 0} width={bars()[i()]?.widthPx ?? 0} y={y(run.checked)} height={Math.max(0, y(0) - y(run.checked))} />
            <rect class="bar" x={bars()[i()]?.xPx ?? 0} width={bars()[i()]?.widthPx ?? 0} y={y(run.failed)} height={Math.max(0, y(0) - y(run.failed))} fill={`url(#${stripes})`} />
          </g>
        )}
      </For>
      <XAxisLabels runs={props.runs} widthPx={props.widthPx} yPx={COUNTERS_HEIGHT_PX - 8} />
    </svg>
  );
}

function XAxisLabels(props: { runs: ChartRun[]; widthPx: number; yPx: number }): JSX.Element {
  const bars = createMemo(() => layoutBars(props.runs.length, props.widthPx));
  const centerOf = (bar: BarLayout | undefined): number => (bar ? bar.xPx + bar.widthPx / 2 : MARGIN.left);
  return (
    <g class="axis">
      <text x={centerOf(bars()[0])} y={props.yPx} text-anchor="middle">
        #{props.runs[0]?.number}
      </text>
      <Show when={props.runs.length > 1}>
        <text x={centerOf(bars().at(-1))} y={props.yPx} text-anchor="middle">
          #{props.runs.at(-1)?.number}
        </text>
      </Show>
    </g>
  );
}

function ChartLegend(props: { hasInterval: boolean }): JSX.Element {
  return (
    <ul class="chart-legend">
      <li>
        <span class="swatch swatch-ok" aria-hidden="true" /> Run time of a run that ended
      </li>
      <li>
        <span class="swatch swatch-failed" aria-hidden="true" /> Failed or interrupted (striped)
      </li>
      <Show when={props.hasInterval}>
        <li>
          <span class="swatch swatch-interval" aria-hidden="true" /> Slot interval: the time between two due times (dashed)
        </li>
      </Show>
      <li>
        <span class="swatch swatch-checked" aria-hidden="true" /> Rows checked, failed rows striped
      </li>
    </ul>
  );
}

function RunTimeTable(props: { runs: ChartRun[]; intervalMs: number | null }): JSX.Element {
  return (
    <div class="table-scroll">
      <table class="data-table" aria-label="Run times of the recent runs">
        <thead>
          <tr>
            <th scope="col">Run</th>
            <th scope="col">Start</th>
            <th scope="col">Run time</th>
            <th scope="col">State</th>
            <th scope="col" class="num">
              Checked
            </th>
            <th scope="col" class="num">
              Failed
            </th>
          </tr>
        </thead>
        <tbody>
          <For each={[...props.runs].reverse()}>
            {(run) => (
              <tr>
                <th scope="row">#{run.number}</th>
                <td>{formatDateTime(run.startedAtMs)}</td>
                <td>
                  {formatRunTime(run.runTimeMs)}
                  {props.intervalMs !== null && run.runTimeMs > props.intervalMs ? ' (longer than the slot interval)' : ''}
                </td>
                <td>{stateLabel(run)}</td>
                <td class="num">{formatNumber(run.checked)}</td>
                <td class="num">{formatNumber(run.failed)}</td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </div>
  );
}
