import { For, Show, createMemo, type JSX } from 'solid-js';
import { Temporal } from 'temporal-polyfill';
import type { Connection, MissedRuns, Run } from '../../contract/model.ts';
import { nextRuns } from '../../domain/schedule.ts';
import { listMissedRuns, listRuns, loadQueueView } from '../../storage/queries.ts';
import { callWorker } from '../bridge.ts';
import { useNow } from '../clock.ts';
import { downloadRunLog } from '../download.ts';
import { formatDateTime, formatNumber, formatRelative, formatRunTime } from '../format.ts';
import { createLive, createLiveQuery, useDb } from '../live.ts';
import { act } from '../toast.tsx';
import { stateLabel } from '../run-text.ts';
import { COUNTER_LABELS } from './CountersText.tsx';

type HistoryEntry = { kind: 'run'; run: Run; atMs: number } | { kind: 'missed'; missed: MissedRuns; atMs: number };

/** The runs list: the projected next run, running and queued runs, past runs and missed runs. */
export function RunHistory(props: { connection: Connection }): JSX.Element {
  const id = (): string => props.connection.id;
  const runs = createLiveQuery(id, listRuns);
  const missed = createLiveQuery(id, listMissedRuns);
  const queue = createLive(loadQueueView);
  const now = useNow();

  const entries = createMemo<HistoryEntry[]>(() => {
    const list: HistoryEntry[] = (runs() ?? []).map((run) => ({ kind: 'run', run, atMs: run.startedAtMs ?? run.queuedAtMs }));
    for (const entry of missed() ?? []) list.push({ kind: 'missed', missed: entry, atMs: entry.noticedAtMs });
    const rank = (entry: HistoryEntry): number => (entry.kind === 'run' && (entry.run.state === 'queued' || entry.run.state === 'running' || entry.run.state === 'stopping') ? 1 : 0);
    return list.sort((a, b) => rank(b) - rank(a) || b.atMs - a.atMs);
  });

  const nextMs = createMemo(() => {
    const connection = props.connection;
    if (!connection.enabled || !connection.schedule) return null;
    const after = Math.max(now(), connection.scheduleMarkMs ?? 0);
    return nextRuns(connection.schedule, Temporal.Instant.fromEpochMilliseconds(after), 1)[0]?.epochMilliseconds ?? null;
  });

  const queuePosition = (run: Run): number => {
    const view = queue();
    if (!view) return 0;
    return view.active.length + view.queued.findIndex((queued) => queued.id === run.id) + 1;
  };

  return (
    <div class="table-scroll">
      <table class="data-table runs" aria-label="Run history">
        <thead>
          <tr>
            <th scope="col">Run</th>
            <th scope="col">Start</th>
            <th scope="col">Run time</th>
            <th scope="col">State</th>
            <For each={COUNTER_LABELS}>{([, label]) => <th scope="col" class="num">{label}</th>}</For>
            <th scope="col">Message</th>
            <th scope="col">
              <span class="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          <tr class="next-row" data-testid="next-row">
            <th scope="row">Next</th>
            <td colSpan={4 + COUNTER_LABELS.length}>
              <Show when={nextMs()} fallback={props.connection.enabled ? 'No run is planned.' : 'The connection is OFF: no run is planned.'}>
                {(ms) => (
                  <>
                    {formatDateTime(ms())} ({formatRelative(ms(), now())})
                  </>
                )}
              </Show>
            </td>
            <td />
          </tr>
          <For each={entries()}>
            {(entry) =>
              entry.kind === 'run' ? (
                <RunRow run={entry.run} connection={props.connection} nowMs={now()} position={queuePosition(entry.run)} />
              ) : (
                <MissedRow missed={entry.missed} />
              )
            }
          </For>
        </tbody>
      </table>
      <Show when={runs()?.length === 0}>
        <p class="hint">No runs yet. Use Run now, or switch the connection ON.</p>
      </Show>
    </div>
  );
}

function RunRow(props: { run: Run; connection: Connection; nowMs: number; position: number }): JSX.Element {
  const run = (): Run => props.run;
  const isActive = (): boolean => run().state === 'running' || run().state === 'stopping';
  const runTime = (): string => {
    const { startedAtMs, endedAtMs } = run();
    if (startedAtMs === null) return '';
    return formatRunTime((endedAtMs ?? props.nowMs) - startedAtMs);
  };
  const state = (): string => {
    if (run().state === 'queued') return `Queued (position ${props.position})`;
    if (run().waitingForNetwork) return 'Waiting for network';
    return stateLabel(run());
  };
  const message = (): string => {
    if (run().state === 'queued') return `Waiting ${formatRunTime(props.nowMs - run().queuedAtMs)}${run().mergedDueAtMs.length > 0 ? `; ${run().mergedDueAtMs.length} ticks merged` : ''}`;
    if (isActive()) return run().attempt > 1 ? `Attempt ${run().attempt}` : '';
    return run().summary;
  };
  return (
    <tr class={`run-row state-${run().state}`} data-testid={`run-row-${run().number}`} tabIndex={0}>
      <th scope="row">
        #{run().number}
        <Show when={run().trigger === 'test'}> (test run)</Show>
        <Show when={run().trigger === 'catch-up'}> (catch-up)</Show>
      </th>
      <td>{run().startedAtMs !== null ? formatDateTime(run().startedAtMs as number) : '—'}</td>
      <td>{runTime()}</td>
      <td>
        <span class={`state-badge state-${run().state}`}>{state()}</span>
      </td>
      <For each={COUNTER_LABELS}>{([key]) => <td class="num" data-counter={key}>{formatNumber(run().counters[key])}</td>}</For>
      <td class="message">{message()}</td>
      <td class="row-actions">
        <Show when={run().state === 'running'}>
          <button type="button" onClick={() => act(() => callWorker('stopRun', { runId: run().id }))}>
            Stop run
          </button>
        </Show>
        <Show when={run().state === 'queued'}>
          <button type="button" onClick={() => act(() => callWorker('cancelRun', { runId: run().id }))}>
            Cancel
          </button>
        </Show>
        <Show when={run().state !== 'queued'}>
          <button type="button" class="reveal" aria-label={`Download log of run ${run().number}`} onClick={() => act(() => downloadRunLog(useDb(), props.connection.name, run()))}>
            Download log
          </button>
        </Show>
      </td>
    </tr>
  );
}

function MissedRow(props: { missed: MissedRuns }): JSX.Element {
  const first = (): number | undefined => props.missed.dueAtMs[0];
  return (
    <tr class="missed-row">
      <th scope="row">Missed</th>
      <td>{first() !== undefined ? formatDateTime(first() as number) : ''}</td>
      <td />
      <td>
        <span class="state-badge state-missed">Missed</span>
      </td>
      <td colSpan={COUNTER_LABELS.length} />
      <td class="message">
        {formatNumber(props.missed.count)} {props.missed.count === 1 ? 'run was' : 'runs were'} missed while Runlane was closed or asleep (noticed{' '}
        {formatDateTime(props.missed.noticedAtMs)}).{props.missed.catchUpRunId !== null ? ' One catch-up run was queued.' : ''}
      </td>
      <td />
    </tr>
  );
}
