import { A, useNavigate } from '@solidjs/router';
import { createVirtualizer } from '@tanstack/solid-virtual';
import { For, Show, createEffect, createMemo, createSignal, on, onCleanup, onMount, type JSX } from 'solid-js';
import type { Connection, MissedRuns, Run } from '../../contract/model.ts';
import { loadQueueView } from '../../storage/queries.ts';
import { callWorker } from '../bridge.ts';
import { useNow } from '../clock.ts';
import { downloadRunLog } from '../download.ts';
import { formatDateTime, formatNumber, formatRelative, formatRunTime } from '../format.ts';
import { createLive, createLiveQuery, useDb } from '../live.ts';
import { act } from '../toast.tsx';
import { stateLabel } from '../run-text.ts';
import { COUNTER_LABELS } from './CountersText.tsx';
import { ExportFileButton } from '../connectors/file-export/ExportFileButton.tsx';
import { EMPTY_LAYOUT, countRows, numberAtOffset, rowAt, type HistoryLayout } from '../history/history-layout.ts';
import { loadHistoryLayout } from '../history/history-queries.ts';
import { createRunWindow } from '../history/create-run-window.ts';
import { createNextRunMs } from '../history/next-run.ts';
import { formatInZone } from '../history/zone-time.ts';
import { runDetailPath } from '../history/run-paths.ts';
import '../history/history.css';
import { withUnsavedEnding } from '../health.ts';
import { TimelineChanges } from '../timeline/TimelineChanges.tsx';

/** Run, Start, Run time, State, the counters, Message and the actions. */
const COLUMN_COUNT = 4 + COUNTER_LABELS.length + 2;
/** A first guess at a row's height; the list measures a rendered row and uses that. */
const DEFAULT_ROW_HEIGHT_PX = 53;
const PAGE_ROWS = 10;

/**
 * Renders the runs list: the projected next run, queued and running runs, past runs and missed runs,
 * newest first. Only the rows on screen are rendered and only a window of runs around them is loaded.
 */
export function RunHistory(props: { connection: Connection }): JSX.Element {
  const navigate = useNavigate();
  const id = (): string => props.connection.id;
  const layoutQuery = createLiveQuery(id, loadHistoryLayout);
  const layout = (): HistoryLayout => layoutQuery() ?? EMPTY_LAYOUT;
  const queue = createLive(loadQueueView);
  const now = useNow();
  const zone = (): string | null => props.connection.schedule?.timeZone ?? null;

  let scroller: HTMLDivElement | undefined;
  let head: HTMLTableSectionElement | undefined;
  const [headHeightPx, setHeadHeightPx] = createSignal(0);
  const [rowHeightPx, setRowHeightPx] = createSignal(DEFAULT_ROW_HEIGHT_PX);

  const virtualizer = createVirtualizer<HTMLDivElement, HTMLTableRowElement>({
    get count() {
      return countRows(layout());
    },
    getScrollElement: () => scroller ?? null,
    get estimateSize() {
      const heightPx = rowHeightPx();
      return () => heightPx;
    },
    overscan: 10,
    get scrollMargin() {
      return headHeightPx();
    },
    get scrollPaddingStart() {
      return headHeightPx();
    },
  });

  const visibleIndexes = createMemo(
    () => {
      const items = virtualizer.getVirtualItems();
      return { first: items[0]?.index ?? 0, last: items.at(-1)?.index ?? 0 };
    },
    undefined,
    { equals: (a, b) => a.first === b.first && a.last === b.last },
  );
  const runs = createRunWindow(id, layout, visibleIndexes);

  const keyOf = (index: number): string => {
    const row = rowAt(layout(), index);
    if (row.kind === 'next') return 'next';
    if (row.kind === 'missed') return `missed-${row.slot.missed.id}`;
    const number = numberAtOffset(layout(), row.offset) ?? runs.runAtOffset(row.offset)?.number;
    return number !== undefined ? `run-${number}` : `offset-${row.offset}`;
  };
  const rows = createMemo(() => virtualizer.getVirtualItems().map((item) => ({ key: keyOf(item.index), index: item.index })));
  const rowKeys = createMemo(() => rows().map((row) => row.key), undefined, { equals: (a, b) => a.length === b.length && a.every((key, i) => key === b[i]) });
  const indexByKey = createMemo(() => new Map(rows().map((row) => [row.key, row.index])));

  const padding = createMemo(() => {
    const items = virtualizer.getVirtualItems();
    const first = items[0];
    const last = items.at(-1);
    if (!first || !last) return { topPx: 0, bottomPx: 0 };
    const marginPx = headHeightPx();
    return { topPx: Math.max(0, first.start - marginPx), bottomPx: Math.max(0, virtualizer.getTotalSize() - (last.end - marginPx)) };
  });

  onMount(() => {
    if (!head) return;
    const observer = new ResizeObserver(() => setHeadHeightPx(head?.offsetHeight ?? 0));
    observer.observe(head);
    onCleanup(() => observer.disconnect());
  });
  // All rows share one height (their cells do not wrap), so measuring one rendered run row is enough.
  createEffect(
    on(rowKeys, () => {
      requestAnimationFrame(() => {
        const row = scroller?.querySelector<HTMLTableRowElement>('tr.run-row:not(.placeholder-row)');
        if (row && Math.abs(row.offsetHeight - rowHeightPx()) >= 1) setRowHeightPx(row.offsetHeight);
      });
    }),
  );
  createEffect(on(id, () => virtualizer.scrollToOffset(0), { defer: true }));

  const focusRow = (index: number): void => {
    const target = Math.max(0, Math.min(index, countRows(layout()) - 1));
    virtualizer.scrollToIndex(target, { align: 'auto' });
    // The row may first render as a placeholder while its window of runs loads. Focus waits for the
    // loaded row, because the browser scrolls when a focused placeholder is replaced.
    let frames = 0;
    const tryFocus = (): void => {
      const row = scroller?.querySelector<HTMLElement>(`tr[data-index="${target}"]`);
      if (row && !row.classList.contains('placeholder-row')) row.focus();
      else if (frames++ < 120) requestAnimationFrame(tryFocus);
    };
    requestAnimationFrame(tryFocus);
  };
  const onKeyDown = (event: KeyboardEvent): void => {
    const row = event.target instanceof HTMLElement ? event.target : null;
    if (!row || row.tagName !== 'TR' || row.dataset.index === undefined) return;
    const index = Number(row.dataset.index);
    const moves: Record<string, number> = {
      ArrowDown: index + 1,
      ArrowUp: index - 1,
      PageDown: index + PAGE_ROWS,
      PageUp: index - PAGE_ROWS,
      Home: 0,
      End: countRows(layout()) - 1,
    };
    const target = moves[event.key];
    if (target === undefined) return;
    event.preventDefault();
    focusRow(target);
  };
  const openRun = (run: Run): void => navigate(runDetailPath(run.connectionId, run.number));

  const queuePosition = (run: Run): number => {
    const view = queue();
    if (!view) return 0;
    return view.active.length + view.queued.findIndex((queued) => queued.id === run.id) + 1;
  };

  const renderRow = (key: string): JSX.Element => {
    const index = (): number => indexByKey().get(key) ?? 0;
    if (key === 'next') return <NextRow connection={props.connection} nowMs={now()} index={index()} />;
    if (key.startsWith('missed-')) {
      const slot = () => layout().missedSlots.find((candidate) => `missed-${candidate.missed.id}` === key);
      return <Show when={slot()}>{(current) => <MissedRow missed={current().missed} index={index()} zone={zone()} />}</Show>;
    }
    const run = (): Run | undefined => {
      if (key.startsWith('run-')) return withUnsavedEnding(runs.runByNumber(Number(key.slice('run-'.length))));
      return withUnsavedEnding(runs.runAtOffset(Number(key.slice('offset-'.length))));
    };
    const label = key.startsWith('run-') ? `#${key.slice('run-'.length)}` : '';
    return (
      <Show when={run()} keyed fallback={<PlaceholderRow label={label} index={index()} />}>
        {(current) => <RunRow run={current} connection={props.connection} nowMs={now()} position={queuePosition(current)} index={index()} zone={zone()} onOpen={openRun} />}
      </Show>
    );
  };

  return (
    <div class="history">
      <p class="hint history-count" data-testid="history-count">
        <Show when={layout().runCount > 0} fallback="No runs yet. Use Run now, or switch the connection ON.">
          {formatNumber(layout().runCount)} {layout().runCount === 1 ? 'run' : 'runs'}, newest first. Select a run, or press Enter on it, to see its log; arrow keys move between runs.
        </Show>
      </p>
      <TimelineChanges connection={props.connection} />
      <div class="table-scroll history-scroll" ref={scroller}>
        <table class="data-table runs" aria-label="Run history" aria-rowcount={countRows(layout()) + 1}>
          <thead ref={head}>
            <tr aria-rowindex={1}>
              <th scope="col">Run</th>
              <th scope="col">Start</th>
              <th scope="col">Run time</th>
              <th scope="col">State</th>
              <For each={COUNTER_LABELS}>
                {([, label]) => (
                  <th scope="col" class="num">
                    {label}
                  </th>
                )}
              </For>
              <th scope="col">Message</th>
              <th scope="col">
                <span class="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody onKeyDown={onKeyDown}>
            <Show when={padding().topPx > 0}>
              <tr class="spacer-row" aria-hidden="true">
                <td colSpan={COLUMN_COUNT} style={{ height: `${padding().topPx}px` }} />
              </tr>
            </Show>
            <For each={rowKeys()}>{(key) => renderRow(key)}</For>
            <Show when={padding().bottomPx > 0}>
              <tr class="spacer-row" aria-hidden="true">
                <td colSpan={COLUMN_COUNT} style={{ height: `${padding().bottomPx}px` }} />
              </tr>
            </Show>
          </tbody>
        </table>
      </div>
    </div>
  );
}

function NextRow(props: { connection: Connection; nowMs: number; index: number }): JSX.Element {
  const nextMs = createNextRunMs(() => props.connection, () => props.nowMs);
  const inScheduleZone = (): string | null => {
    const ms = nextMs();
    return ms === null ? null : formatInZone(ms, props.connection.schedule?.timeZone);
  };
  return (
    <tr class="next-row" data-testid="next-row" data-index={props.index} aria-rowindex={props.index + 2} tabIndex={-1}>
      <th scope="row">Next</th>
      <td colSpan={3}>
        <Show when={nextMs()} fallback={props.connection.enabled ? 'No run is planned.' : 'The connection is OFF: no run is planned.'}>
          {(ms) => (
            <>
              {formatDateTime(ms())} ({formatRelative(ms(), props.nowMs)})
            </>
          )}
        </Show>
      </td>
      <td colSpan={COUNTER_LABELS.length + 1} class="zone-note">
        <Show when={inScheduleZone()}>{(text) => <>{text()}, the schedule's time zone</>}</Show>
      </td>
      <td />
    </tr>
  );
}

function PlaceholderRow(props: { label: string; index: number }): JSX.Element {
  return (
    <tr class="run-row placeholder-row" data-index={props.index} aria-rowindex={props.index + 2} tabIndex={-1}>
      <th scope="row">{props.label}</th>
      <td colSpan={COLUMN_COUNT - 1}>Loading…</td>
    </tr>
  );
}

interface RunRowProps {
  run: Run;
  connection: Connection;
  nowMs: number;
  position: number;
  index: number;
  zone: string | null;
  onOpen: (run: Run) => void;
}

function RunRow(props: RunRowProps): JSX.Element {
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
  const onClick = (event: MouseEvent): void => {
    if (event.target instanceof Element && event.target.closest('button, a')) return;
    props.onOpen(run());
  };
  const onKeyDown = (event: KeyboardEvent): void => {
    if (event.key === 'Enter' && event.target === event.currentTarget) props.onOpen(run());
  };
  return (
    <tr
      class={`run-row state-${run().state}`}
      data-testid={`run-row-${run().number}`}
      data-index={props.index}
      aria-rowindex={props.index + 2}
      tabIndex={0}
      onClick={onClick}
      onKeyDown={onKeyDown}
    >
      <th scope="row">
        <A href={runDetailPath(run().connectionId, run().number)} tabIndex={-1}>
          #{run().number}
        </A>
        <Show when={run().trigger === 'test'}> (test run)</Show>
        <Show when={run().trigger === 'catch-up'}> (catch-up)</Show>
      </th>
      <td>
        <Show when={run().startedAtMs !== null} fallback="—">
          <StartTime ms={run().startedAtMs as number} zone={props.zone} />
        </Show>
      </td>
      <td>{runTime()}</td>
      <td>
        <span class={`state-badge state-${run().state}`}>{state()}</span>
      </td>
      <For each={COUNTER_LABELS}>
        {([key]) => (
          <td class="num" data-counter={key}>
            {formatNumber(run().counters[key])}
          </td>
        )}
      </For>
      <td class="message" title={message()}>
        {message()}
      </td>
      <td class="row-actions">
        <Show when={run().state === 'running'}>
          <button type="button" aria-label={`Stop run ${run().number}`} onClick={() => act(() => callWorker('stopRun', { runId: run().id }))}>
            Stop run
          </button>
        </Show>
        <Show when={run().state === 'queued'}>
          <button type="button" aria-label={`Cancel run ${run().number}`} onClick={() => act(() => callWorker('cancelRun', { runId: run().id }))}>
            Cancel
          </button>
        </Show>
        <Show when={run().state !== 'queued'}>
          <button type="button" class="reveal" aria-label={`Download log of run ${run().number}`} onClick={() => act(() => downloadRunLog(useDb(), props.connection.name, run()))}>
            Download log
          </button>
        </Show>
        <ExportFileButton run={run()} connection={props.connection} />
      </td>
    </tr>
  );
}

function MissedRow(props: { missed: MissedRuns; index: number; zone: string | null }): JSX.Element {
  const first = (): number | undefined => props.missed.dueAtMs[0];
  const message = (): string =>
    `${formatNumber(props.missed.count)} ${props.missed.count === 1 ? 'run was' : 'runs were'} missed while Runlane was closed or asleep (noticed ${formatDateTime(props.missed.noticedAtMs)}).${
      props.missed.catchUpRunId !== null ? ' One catch-up run was queued.' : ''
    }`;
  return (
    <tr class="missed-row" data-index={props.index} aria-rowindex={props.index + 2} tabIndex={-1}>
      <th scope="row">Missed</th>
      <td>
        <Show when={first() !== undefined}>
          <StartTime ms={first() as number} zone={props.zone} />
        </Show>
      </td>
      <td />
      <td>
        <span class="state-badge state-missed">Missed</span>
      </td>
      <td colSpan={COUNTER_LABELS.length + 1} class="message" title={message()}>
        {message()}
      </td>
      <td />
    </tr>
  );
}

/** Renders a start time in the browser's zone, with the schedule zone's time below it where that zone differs. */
function StartTime(props: { ms: number; zone: string | null }): JSX.Element {
  return (
    <>
      {formatDateTime(props.ms)}
      <Show when={formatInZone(props.ms, props.zone)}>
        {(inZone) => (
          <>
            {' '}
            <span class="zone-time">({inZone()})</span>
          </>
        )}
      </Show>
    </>
  );
}
