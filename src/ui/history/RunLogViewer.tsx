import { For, Show, batch, createEffect, createSignal, on, onCleanup, type JSX } from 'solid-js';
import type { LogLevel, Run, RunLogEntry } from '../../contract/model.ts';
import { formatNumber } from '../format.ts';
import { createLiveQuery, useDb } from '../live.ts';
import { showError } from '../toast.tsx';
import { LogMessage } from './LogMessage.tsx';
import { NO_FILTER, countLogLines, createLineMatcher, findFirstLine, isUnfiltered, readLogPage, type LogFilter, type LogPage, type LogPageRequest } from './log-queries.ts';

export const LOG_PAGE_LINES = 100;
/** Lines shown above the first error when the viewer jumps to it. */
const CONTEXT_LINES = 3;

const LEVEL_CHOICES: { value: LogLevel | ''; label: string }[] = [
  { value: '', label: 'All levels' },
  { value: 'info', label: 'Info and above' },
  { value: 'warn', label: 'Warnings and errors' },
  { value: 'error', label: 'Errors only' },
];

const LEVEL_LABELS: Record<LogLevel, string> = { debug: 'Debug', info: 'Info', warn: 'Warning', error: 'Error' };

type Position = Pick<LogPageRequest, 'fromSeq' | 'direction'>;

/**
 * Shows a run's log one page at a time, with a level filter, a text search, paging and "jump to first
 * error". Pages and searches read bounded ranges of the log, so a log of 100,000 lines opens at once.
 */
export function RunLogViewer(props: { run: Run }): JSX.Element {
  const runId = (): number => props.run.id;
  const totalLines = createLiveQuery(runId, countLogLines);
  const [filter, setFilter] = createSignal<LogFilter>(NO_FILTER);
  const [searchDraft, setSearchDraft] = createSignal('');
  const [position, setPosition] = createSignal<Position>({ fromSeq: 0, direction: 'forward' });
  const [page, setPage] = createSignal<LogPage | null>(null);
  const [scannedLines, setScannedLines] = createSignal<number | null>(null);
  const [notice, setNotice] = createSignal<string | null>(null);
  const [highlightSeq, setHighlightSeq] = createSignal<number | null>(null);
  const [goToLine, setGoToLine] = createSignal('');
  const [refreshCount, setRefreshCount] = createSignal(0);
  let controller: AbortController | null = null;
  let table: HTMLTableElement | undefined;

  const stopScan = (): void => {
    controller?.abort();
    controller = null;
    setScannedLines(null);
  };
  onCleanup(stopScan);

  const load = async (request: LogPageRequest): Promise<void> => {
    stopScan();
    const current = new AbortController();
    controller = current;
    const isScan = !isUnfiltered(request.filter);
    if (isScan) setScannedLines(0);
    try {
      const result = await readLogPage(useDb(), request, { signal: current.signal, onProgress: (count) => isScan && setScannedLines(count) });
      if (controller !== current) return;
      setPage(result);
      focusHighlight();
    } catch (error) {
      if (!(error instanceof DOMException && error.name === 'AbortError')) showError(error);
    } finally {
      if (controller === current) {
        controller = null;
        setScannedLines(null);
      }
    }
  };

  createEffect(
    on([runId, filter, position, refreshCount], ([id, currentFilter, current]) => {
      void load({ runId: id, filter: currentFilter, pageSize: LOG_PAGE_LINES, ...current });
    }),
  );
  // A running run keeps writing lines: read the page again when it ends at the end of the log.
  createEffect(
    on(
      totalLines,
      () => {
        if (page() && !page()?.hasAfter && controller === null) setRefreshCount((count) => count + 1);
      },
      { defer: true },
    ),
  );

  const moveTo = (next: Position, highlight: number | null = null): void => {
    setNotice(null);
    setHighlightSeq(highlight);
    setPosition(next);
  };
  const showFirst = (): void => moveTo({ fromSeq: 0, direction: 'forward' });
  const showLast = (): void => moveTo({ fromSeq: Number.MAX_SAFE_INTEGER, direction: 'backward' });
  const showPrevious = (): void => moveTo({ fromSeq: (page()?.lines[0]?.seq ?? position().fromSeq) - 1, direction: 'backward' });
  const showNext = (): void => moveTo({ fromSeq: (page()?.lines.at(-1)?.seq ?? position().fromSeq) + 1, direction: 'forward' });

  const applySearch = (event: SubmitEvent): void => {
    event.preventDefault();
    batch(() => {
      setFilter({ ...filter(), text: searchDraft() });
      moveTo({ fromSeq: 0, direction: 'forward' });
    });
  };
  const applyLevel = (value: string): void => {
    batch(() => {
      setFilter({ ...filter(), minLevel: value === '' ? null : (value as LogLevel) });
      moveTo({ fromSeq: 0, direction: 'forward' });
    });
  };
  const submitGoToLine = (event: SubmitEvent): void => {
    event.preventDefault();
    const line = Number(goToLine());
    const total = totalLines() ?? 0;
    if (!Number.isInteger(line) || line < 1 || line > Math.max(total, 1)) {
      setNotice(`Enter a line number from 1 to ${formatNumber(Math.max(total, 1))}.`);
      return;
    }
    moveTo({ fromSeq: line - 1, direction: 'forward' }, line - 1);
  };

  const jumpToFirstError = async (): Promise<void> => {
    stopScan();
    const current = new AbortController();
    controller = current;
    setScannedLines(0);
    try {
      const hit = await findFirstLine(useDb(), runId(), 0, (entry) => entry.level === 'error', { signal: current.signal, onProgress: setScannedLines });
      if (controller !== current) return;
      controller = null;
      setScannedLines(null);
      if (!hit) {
        setNotice('This run logged no errors.');
        return;
      }
      const keepsFilter = createLineMatcher(filter())(hit);
      const nextFilter = keepsFilter ? filter() : NO_FILTER;
      const fromSeq = isUnfiltered(nextFilter) ? Math.max(0, hit.seq - CONTEXT_LINES) : hit.seq;
      batch(() => {
        if (!keepsFilter) {
          setFilter(NO_FILTER);
          setSearchDraft('');
        }
        moveTo({ fromSeq, direction: 'forward' }, hit.seq);
        if (!keepsFilter) setNotice('The search did not match the first error, so it was cleared.');
      });
    } catch (error) {
      if (!(error instanceof DOMException && error.name === 'AbortError')) showError(error);
    } finally {
      if (controller === current) {
        controller = null;
        setScannedLines(null);
      }
    }
  };

  const focusHighlight = (): void => {
    const seq = highlightSeq();
    if (seq === null) return;
    requestAnimationFrame(() => table?.querySelector<HTMLElement>(`tr[data-seq="${seq}"]`)?.focus());
  };

  const status = (): string => {
    const scanned = scannedLines();
    const total = totalLines() ?? 0;
    if (scanned !== null) return `Searching the log: ${formatNumber(scanned)} of ${formatNumber(total)} lines checked…`;
    const current = page();
    if (!current) return 'Loading the log…';
    if (total === 0) return 'This run has no log lines.';
    const first = current.lines[0];
    const last = current.lines.at(-1);
    if (!first || !last) return isUnfiltered(filter()) ? 'No lines here.' : `No matching lines ${position().direction === 'forward' ? 'after' : 'before'} this point.`;
    const span = `${formatNumber(first.seq + 1)}–${formatNumber(last.seq + 1)}`;
    if (isUnfiltered(filter())) return `Lines ${span} of ${formatNumber(total)}.`;
    return `${formatNumber(current.lines.length)} matching ${current.lines.length === 1 ? 'line' : 'lines'} between lines ${span} of ${formatNumber(total)}.`;
  };

  return (
    <section class="panel log-viewer" aria-labelledby="log-heading">
      <h2 id="log-heading">Log</h2>
      <div class="log-tools">
        <label>
          Level
          <select value={filter().minLevel ?? ''} onChange={(event) => applyLevel(event.currentTarget.value)}>
            <For each={LEVEL_CHOICES}>{(choice) => <option value={choice.value}>{choice.label}</option>}</For>
          </select>
        </label>
        <form class="log-search" role="search" aria-label="Search the log" onSubmit={applySearch}>
          <label>
            Search
            <input type="search" value={searchDraft()} onInput={(event) => setSearchDraft(event.currentTarget.value)} placeholder="Text in a message" />
          </label>
          <button type="submit">Search</button>
        </form>
        <button type="button" onClick={() => void jumpToFirstError()}>
          Jump to first error
        </button>
        <form class="log-go-to" onSubmit={submitGoToLine}>
          <label>
            Line
            <input type="number" min="1" inputMode="numeric" value={goToLine()} onInput={(event) => setGoToLine(event.currentTarget.value)} />
          </label>
          <button type="submit">Go</button>
        </form>
      </div>
      <div class="log-status">
        <p role="status" data-testid="log-status">
          {status()}
        </p>
        <Show when={scannedLines() !== null}>
          <button type="button" onClick={stopScan}>
            Stop search
          </button>
        </Show>
      </div>
      <Show when={notice()}>
        <p class="notice notice-warn" role="alert">
          {notice()}
        </p>
      </Show>
      <Show when={(totalLines() ?? 0) > 0}>
        <LogPager page={page()} onFirst={showFirst} onPrevious={showPrevious} onNext={showNext} onLast={showLast} />
        <div class="table-scroll">
          <table class="data-table log-lines" aria-label="Log lines" ref={table}>
            <thead>
              <tr>
                <th scope="col" class="num">
                  Line
                </th>
                <th scope="col">Time</th>
                <th scope="col">Level</th>
                <th scope="col">Message</th>
              </tr>
            </thead>
            <tbody>
              <For each={page()?.lines ?? []}>{(entry) => <LogLineRow entry={entry} search={filter().text} isHighlighted={highlightSeq() === entry.seq} />}</For>
            </tbody>
          </table>
        </div>
        <LogPager page={page()} onFirst={showFirst} onPrevious={showPrevious} onNext={showNext} onLast={showLast} />
      </Show>
    </section>
  );
}

function LogPager(props: { page: LogPage | null; onFirst: () => void; onPrevious: () => void; onNext: () => void; onLast: () => void }): JSX.Element {
  return (
    <nav class="log-pager actions" aria-label="Log pages">
      <button type="button" disabled={!props.page?.hasBefore} onClick={() => props.onFirst()}>
        First lines
      </button>
      <button type="button" disabled={!props.page?.hasBefore} onClick={() => props.onPrevious()}>
        Previous {LOG_PAGE_LINES}
      </button>
      <button type="button" disabled={!props.page?.hasAfter} onClick={() => props.onNext()}>
        Next {LOG_PAGE_LINES}
      </button>
      <button type="button" disabled={!props.page?.hasAfter} onClick={() => props.onLast()}>
        Last lines
      </button>
    </nav>
  );
}

const timeFormat = new Intl.DateTimeFormat(navigator.language || 'en', { hour: '2-digit', minute: '2-digit', second: '2-digit', fractionalSecondDigits: 3 });
const dateTimeFormat = new Intl.DateTimeFormat(navigator.language || 'en', { dateStyle: 'medium', timeStyle: 'medium' });

function LogLineRow(props: { entry: RunLogEntry; search: string; isHighlighted: boolean }): JSX.Element {
  return (
    <tr class={`log-line level-${props.entry.level}`} classList={{ highlighted: props.isHighlighted }} data-seq={props.entry.seq} tabIndex={-1}>
      <td class="num">{formatNumber(props.entry.seq + 1)}</td>
      <td>
        <time dateTime={new Date(props.entry.atMs).toISOString()} title={dateTimeFormat.format(props.entry.atMs)}>
          {timeFormat.format(props.entry.atMs)}
        </time>
      </td>
      <td>
        <span class={`log-level log-level-${props.entry.level}`}>{LEVEL_LABELS[props.entry.level]}</span>
      </td>
      <td class="log-message">
        <LogMessage text={props.entry.message} search={props.search} />
      </td>
    </tr>
  );
}
