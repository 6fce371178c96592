import { For, Show, onCleanup, onMount, type JSX } from 'solid-js';
import { A } from '@solidjs/router';
import type { Run } from '../../contract/model.ts';
import { createLive } from '../live.ts';
import { listConnections, loadQueueView } from '../../storage/queries.ts';
import { useNow } from '../clock.ts';
import { formatNumber, formatRunTime } from '../format.ts';
import { callWorker } from '../bridge.ts';
import { act } from '../toast.tsx';
import { connectionPath, runDetailPath } from '../history/run-paths.ts';
import { CountersText } from './CountersText.tsx';

/**
 * The running run and the queued ones, in the order they will run. It takes keyboard focus when it opens,
 * closes with Escape and gives focus back to where it was.
 */
export function QueuePanel(props: { onClose: () => void }): JSX.Element {
  const queue = createLive(loadQueueView);
  const connections = createLive(listConnections);
  const now = useNow();
  const nameOf = (id: string): string => connections()?.find((c) => c.id === id)?.name ?? 'Deleted connection';
  let heading: HTMLHeadingElement | undefined;
  let panel: HTMLElement | undefined;
  const openerElement = document.activeElement instanceof HTMLElement ? document.activeElement : null;

  onMount(() => heading?.focus());
  onCleanup(() => {
    const active = document.activeElement;
    if (!active || active === document.body || panel?.contains(active)) openerElement?.focus();
  });
  const onKeyDown = (event: KeyboardEvent): void => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    props.onClose();
  };
  const runLink = (run: Run): JSX.Element => <A href={runDetailPath(run.connectionId, run.number)}>run #{run.number}</A>;

  return (
    <aside id="queue-panel" class="queue-panel" aria-labelledby="queue-heading" ref={panel} onKeyDown={onKeyDown}>
      <div class="panel-header">
        <h2 id="queue-heading" tabIndex={-1} ref={heading}>
          Queue
        </h2>
        <button type="button" aria-label="Close the queue" onClick={() => props.onClose()}>
          Close
        </button>
      </div>
      <p class="hint">Runs execute one at a time, across all connections. Press Escape to close this panel.</p>
      <h3>Running</h3>
      <Show when={(queue()?.active.length ?? 0) > 0} fallback={<p>Nothing is running.</p>}>
        <For each={queue()?.active}>
          {(run) => (
            <div class="queue-item" data-testid="queue-running">
              <A href={connectionPath(run.connectionId)}>{nameOf(run.connectionId)}</A> — {runLink(run)}
              {run.state === 'stopping' ? ' (stopping)' : ''}, running for {formatRunTime(now() - (run.startedAtMs ?? now()))}
              <Show when={run.waitingForNetwork}> · waiting for the network</Show>
              <div>
                <CountersText counters={run.counters} />
              </div>
              <button
                type="button"
                disabled={run.state === 'stopping'}
                aria-label={`Stop run ${run.number} of ${nameOf(run.connectionId)}`}
                onClick={() => act(() => callWorker('stopRun', { runId: run.id }))}
              >
                Stop run
              </button>
            </div>
          )}
        </For>
      </Show>
      <h3>Waiting</h3>
      <Show when={(queue()?.queued.length ?? 0) > 0} fallback={<p>No run is waiting.</p>}>
        <ol class="queue-list">
          <For each={queue()?.queued}>
            {(run) => (
              <li class="queue-item" data-testid="queue-waiting">
                <A href={connectionPath(run.connectionId)}>{nameOf(run.connectionId)}</A> — {runLink(run)} ({run.trigger}), waiting{' '}
                {formatRunTime(now() - run.queuedAtMs)}
                <Show when={run.mergedDueAtMs.length > 0}> · {formatNumber(run.mergedDueAtMs.length)} merged ticks</Show>{' '}
                <button type="button" aria-label={`Cancel run ${run.number} of ${nameOf(run.connectionId)}`} onClick={() => act(() => callWorker('cancelRun', { runId: run.id }))}>
                  Cancel
                </button>
              </li>
            )}
          </For>
        </ol>
      </Show>
    </aside>
  );
}
