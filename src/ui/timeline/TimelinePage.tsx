import { For, Show, createMemo, createSignal, type JSX } from 'solid-js';
import { DEFAULT_RUN_TIME_MS, RUN_TIME_SAMPLE_SIZE, TIMELINE_DAYS, predictTimeline, type PlannedRun, type TimelinePrediction } from '../../domain/timeline.ts';
import { useNow } from '../clock.ts';
import { browserZone } from '../browser-zone.ts';
import { formatNumber, formatRunTime, formatTime } from '../format.ts';
import { createLive } from '../live.ts';
import { PlannedRunItem } from './PlannedRunItem.tsx';
import { loadTimelineData, type TimelineData } from './timeline-data.ts';
import { dayKeyOf, formatDayLabel, predictedWaitMs } from './timeline-text.ts';

const DAY_MS = 86_400_000;
/** The prediction is recomputed when the clock passes a step of this size, not on every clock tick. */
const RECOMPUTE_STEP_MS = 10_000;

interface TimelineDay {
  key: string;
  runs: PlannedRun[];
  waitingCount: number;
}

/** Renders the coming 7 days of planned runs of every connection, with the predicted start of each. */
export function TimelinePage(): JSX.Element {
  const data = createLive(loadTimelineData);
  const now = useNow();
  const nowStepMs = createMemo(() => Math.floor(now() / RECOMPUTE_STEP_MS) * RECOMPUTE_STEP_MS);
  const prediction = createMemo(() => {
    const current = data();
    return current ? predict(current, nowStepMs()) : null;
  });
  const nameOf = (id: string): string => data()?.connections.find((connection) => connection.id === id)?.name ?? 'Deleted connection';

  const [connectionFilter, setConnectionFilter] = createSignal('all');
  const [onlyWaiting, setOnlyWaiting] = createSignal(false);
  const [chosenDay, setChosenDay] = createSignal<string | null>(null);

  const days = createMemo<TimelineDay[]>(() => {
    const filtered = (prediction()?.plannedRuns ?? []).filter((run) => connectionFilter() === 'all' || run.connectionId === connectionFilter());
    return groupByDay(filtered);
  });
  const selectedDay = createMemo(() => days().find((day) => day.key === chosenDay()) ?? days()[0]);
  const shownRuns = createMemo(() => (selectedDay()?.runs ?? []).filter((run) => !onlyWaiting() || predictedWaitMs(run) > 0));
  const waitingTotal = createMemo(() => days().reduce((sum, day) => sum + day.waitingCount, 0));
  const plannedTotal = createMemo(() => days().reduce((sum, day) => sum + day.runs.filter((run) => run.status !== 'left-out').length, 0));

  return (
    <main class="page timeline-page">
      <h1>Timeline</h1>
      <p class="hint">
        The planned runs of the next {TIMELINE_DAYS} days of every connection that is ON, with the predicted start once the runs ahead of them have
        finished: runs execute one at a time. Run times are the median of each connection's last {RUN_TIME_SAMPLE_SIZE} finished runs; for a
        connection without finished runs, {formatRunTime(DEFAULT_RUN_TIME_MS)} is assumed. Times are in your time zone, {browserZone()}.
      </p>
      <Show when={prediction()} fallback={<p>Loading…</p>}>
        {(current) => (
          <>
            <QueueNow prediction={current()} nameOf={nameOf} />
            <p class="timeline-summary" data-testid="timeline-summary">
              {formatNumber(plannedTotal())} planned {plannedTotal() === 1 ? 'run' : 'runs'};{' '}
              {waitingTotal() === 0
                ? 'none is predicted to wait behind another run.'
                : `${formatNumber(waitingTotal())} ${waitingTotal() === 1 ? 'is' : 'are'} predicted to wait behind another run.`}
            </p>
            <div class="toolbar">
              <label>
                Connection{' '}
                <select value={connectionFilter()} onChange={(event) => setConnectionFilter(event.currentTarget.value)}>
                  <option value="all">All connections</option>
                  <For each={data()?.connections.filter((connection) => connection.enabled && connection.schedule)}>
                    {(connection) => <option value={connection.id}>{connection.name}</option>}
                  </For>
                </select>
              </label>
              <label class="checkbox">
                <input type="checkbox" checked={onlyWaiting()} onChange={(event) => setOnlyWaiting(event.currentTarget.checked)} /> Only runs that wait
              </label>
            </div>
            <Show when={days().length > 0} fallback={<p class="empty-state">No run is planned in the next {TIMELINE_DAYS} days. Switch a connection with a schedule ON to plan runs.</p>}>
              <DayPicker days={days()} selected={selectedDay()?.key ?? null} onSelect={setChosenDay} />
              <section aria-labelledby="timeline-day-heading">
                <h2 id="timeline-day-heading">{selectedDay() ? formatDayLabel((selectedDay() as TimelineDay).key) : ''}</h2>
                <Show when={shownRuns().length > 0} fallback={<p>No run on this day waits behind another run.</p>}>
                  <ol class="planned-runs">
                    <For each={shownRuns()}>{(run) => <PlannedRunItem run={run} name={nameOf(run.connectionId)} nameOf={nameOf} />}</For>
                  </ol>
                </Show>
              </section>
            </Show>
          </>
        )}
      </Show>
    </main>
  );
}

function predict(data: TimelineData, nowMs: number): TimelinePrediction {
  return predictTimeline({
    nowMs,
    untilMs: nowMs + TIMELINE_DAYS * DAY_MS,
    connections: data.connections,
    overrides: data.overrides.map((override) => ({ ...override, handledAtMs: override.handledAtMs ?? null })),
    runTimesMs: data.runTimesMs,
    running: data.running.map((run) => ({ id: run.id, connectionId: run.connectionId, startedAtMs: run.startedAtMs ?? nowMs })),
    queued: data.queued,
  });
}

function groupByDay(runs: readonly PlannedRun[]): TimelineDay[] {
  const byKey = new Map<string, TimelineDay>();
  for (const run of runs) {
    const key = dayKeyOf(run.dueAtMs);
    let day = byKey.get(key);
    if (!day) {
      day = { key, runs: [], waitingCount: 0 };
      byKey.set(key, day);
    }
    day.runs.push(run);
    if (predictedWaitMs(run) > 0) day.waitingCount += 1;
  }
  return [...byKey.values()].sort((a, b) => (a.key < b.key ? -1 : 1));
}

function DayPicker(props: { days: TimelineDay[]; selected: string | null; onSelect: (key: string) => void }): JSX.Element {
  return (
    <div class="day-picker" role="group" aria-label="Day">
      <For each={props.days}>
        {(day) => (
          <button type="button" class="day-button" aria-pressed={day.key === props.selected} onClick={() => props.onSelect(day.key)}>
            <span class="day-name">{formatDayLabel(day.key)}</span>
            <span class="day-counts">
              {formatNumber(day.runs.length)} {day.runs.length === 1 ? 'run' : 'runs'}
              <Show when={day.waitingCount > 0}>
                {' '}
                · <span class="day-waiting">{formatNumber(day.waitingCount)} waiting</span>
              </Show>
            </span>
          </button>
        )}
      </For>
    </div>
  );
}

/** Renders the running run and the queued ones with their predicted ends, since they delay the first planned runs. */
function QueueNow(props: { prediction: TimelinePrediction; nameOf: (id: string) => string }): JSX.Element {
  const first = (): TimelinePrediction['queue'][number] | undefined => props.prediction.queue[0];
  const waiting = (): number => Math.max(0, props.prediction.queue.length - 1);
  return (
    <p class="queue-now" data-testid="timeline-queue-now">
      <Show when={first()} fallback="Now: nothing is running and no run is waiting.">
        {(head) => (
          <>
            Now: {props.nameOf(head().connectionId)} is predicted to end at {formatTime(head().predictedEndMs)}
            {waiting() > 0 ? `; ${formatNumber(waiting())} more ${waiting() === 1 ? 'run waits' : 'runs wait'} in the queue until ${formatTime(props.prediction.queue[props.prediction.queue.length - 1]?.predictedEndMs ?? head().predictedEndMs)}.` : '.'}
          </>
        )}
      </Show>
    </p>
  );
}
