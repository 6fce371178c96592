import { A, useParams } from '@solidjs/router';
import { For, Show, createEffect, createSignal, on, type JSX } from 'solid-js';
import type { Connection, Run } from '../../contract/model.ts';
import { getConnection, loadQueueView } from '../../storage/queries.ts';
import { callWorker } from '../bridge.ts';
import { useNow } from '../clock.ts';
import { COUNTER_LABELS } from '../components/CountersText.tsx';
import { downloadRunLog } from '../download.ts';
import { formatDateTime, formatNumber, formatRunTime } from '../format.ts';
import { createLive, createLiveQuery, useDb } from '../live.ts';
import { stateLabel } from '../run-text.ts';
import { act } from '../toast.tsx';
import { loadRunByNumber } from './history-queries.ts';
import { connectionPath, runDetailPath } from './run-paths.ts';
import { RunLogViewer } from './RunLogViewer.tsx';
import { formatDateTimeWithZone } from './zone-time.ts';
import './history.css';

const TRIGGER_LABELS: Record<Run['trigger'], string> = {
  schedule: 'Schedule',
  manual: 'Run now',
  'catch-up': 'Catch-up for missed runs',
  test: 'Test run (writes nothing)',
};

/** Shows one run: its state, times, counters and message, and its log. */
export function RunDetailPage(): JSX.Element {
  const params = useParams<{ id: string; number: string }>();
  const runNumber = (): number => Number(params.number);
  const connection = createLiveQuery(() => params.id, getConnection);
  const run = createLiveQuery(
    () => `${params.id}\n${params.number}`,
    (db) => (Number.isInteger(runNumber()) ? loadRunByNumber(db, params.id, runNumber()) : Promise.resolve(undefined)),
  );
  const [loaded, setLoaded] = createSignal(false);
  createEffect(on(run, () => setLoaded(true), { defer: true }));

  return (
    <main class="page run-detail">
      <Show
        when={run()}
        fallback={
          <Show when={loaded()} fallback={<p>Loading…</p>}>
            <h1>Run not found</h1>
            <p>This connection has no run #{params.number}. It may have been deleted with its connection.</p>
            <A href={connectionPath(params.id)}>Go to the connection</A>
          </Show>
        }
      >
        {(current) => <RunDetail run={current()} connection={connection()} />}
      </Show>
    </main>
  );
}

function RunDetail(props: { run: Run; connection: Connection | undefined }): JSX.Element {
  const queue = createLive(loadQueueView);
  const now = useNow();
  const name = (): string => props.connection?.name ?? 'Deleted connection';
  const zone = (): string | null => props.connection?.schedule?.timeZone ?? null;
  const position = (): number => {
    const view = queue();
    if (!view) return 0;
    return view.active.length + view.queued.findIndex((queued) => queued.id === props.run.id) + 1;
  };
  const stateText = (): string => {
    if (props.run.state === 'queued') return `Queued (position ${position()})`;
    if (props.run.waitingForNetwork) return 'Waiting for network';
    return stateLabel(props.run);
  };
  const runTime = (): string => {
    const { startedAtMs, endedAtMs } = props.run;
    return startedAtMs === null ? '—' : formatRunTime((endedAtMs ?? now()) - startedAtMs);
  };

  return (
    <>
      <nav aria-label="Breadcrumb" class="breadcrumb">
        <ol>
          <li>
            <A href="/" end>
              Connections
            </A>
          </li>
          <li>
            <A href={connectionPath(props.run.connectionId)} end>
              {name()}
            </A>
          </li>
          <li aria-current="page">Run #{props.run.number}</li>
        </ol>
      </nav>
      <div class="page-header">
        <h1>
          Run #{props.run.number} of {name()}
        </h1>
        <span class={`state-badge state-${props.run.state}`} data-testid="run-state">
          {stateText()}
        </span>
      </div>
      <Show when={props.run.summary || props.run.errorMessage}>
        <p class="run-summary">
          {props.run.errorMessage && !props.run.summary.includes(props.run.errorMessage) ? `${props.run.summary} ${props.run.errorMessage}`.trim() : props.run.summary}
        </p>
      </Show>
      <div class="actions">
        <Show when={props.run.state === 'running'}>
          <button type="button" onClick={() => act(() => callWorker('stopRun', { runId: props.run.id }))}>
            Stop run
          </button>
        </Show>
        <Show when={props.run.state === 'queued'}>
          <button type="button" onClick={() => act(() => callWorker('cancelRun', { runId: props.run.id }))}>
            Cancel run
          </button>
        </Show>
        <button type="button" onClick={() => act(() => downloadRunLog(useDb(), name(), props.run))}>
          Download log
        </button>
        <Show when={props.run.number > 1}>
          <A class="button" href={runDetailPath(props.run.connectionId, props.run.number - 1)}>
            Previous run (#{props.run.number - 1})
          </A>
        </Show>
        <Show when={(props.connection?.nextRunNumber ?? 0) > props.run.number + 1}>
          <A class="button" href={runDetailPath(props.run.connectionId, props.run.number + 1)}>
            Next run (#{props.run.number + 1})
          </A>
        </Show>
      </div>
      <dl class="run-facts">
        <Fact term="Trigger">{TRIGGER_LABELS[props.run.trigger]}</Fact>
        <Fact term="Queued">{formatDateTimeWithZone(props.run.queuedAtMs, zone())}</Fact>
        <Show when={props.run.dueAtMs !== null}>
          <Fact term="Due">{formatDateTimeWithZone(props.run.dueAtMs as number, zone())}</Fact>
        </Show>
        <Fact term="Started">{props.run.startedAtMs !== null ? formatDateTimeWithZone(props.run.startedAtMs, zone()) : 'Not yet'}</Fact>
        <Fact term="Ended">{props.run.endedAtMs !== null ? formatDateTime(props.run.endedAtMs) : 'Not yet'}</Fact>
        <Fact term="Run time">{runTime()}</Fact>
        <Fact term="Attempts">{formatNumber(props.run.attempt)}</Fact>
        <Show when={props.run.mergedDueAtMs.length > 0}>
          <Fact term="Merged ticks">{formatNumber(props.run.mergedDueAtMs.length)}</Fact>
        </Show>
        <Fact term="Warnings">{formatNumber(props.run.warningCount)}</Fact>
      </dl>
      <h2 class="counters-heading">Counters</h2>
      <dl class="run-counters" data-testid="run-counters">
        <For each={COUNTER_LABELS}>
          {([key, label]) => (
            <div>
              <dt>{label}</dt>
              <dd data-counter={key}>{formatNumber(props.run.counters[key])}</dd>
            </div>
          )}
        </For>
      </dl>
      <RunLogViewer run={props.run} />
    </>
  );
}

function Fact(props: { term: string; children: JSX.Element }): JSX.Element {
  return (
    <div>
      <dt>{props.term}</dt>
      <dd>{props.children}</dd>
    </div>
  );
}
