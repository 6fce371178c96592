import { For, Show, type JSX } from 'solid-js';
import { A } from '@solidjs/router';
import { createLive } from '../live.ts';
import { listConnections, loadQueueView } from '../../storage/queries.ts';
import { useNow } from '../clock.ts';
import { formatNumber, formatRunTime } from '../format.ts';
import { callWorker } from '../bridge.ts';
import { act } from '../toast.tsx';
import { CountersText } from './CountersText.tsx';

/** The running run and the queued ones, in the order they will run. */
export function QueuePanel(props: { onClose: () => void }): JSX.Element {
  const queue = createLive(loadQueueView);
  const connections = createLive(listConnections);
  const now = useNow();
  const nameOf = (id: string): string => connections()?.find((c) => c.id === id)?.name ?? 'Deleted connection';

  return (
    <aside id="queue-panel" class="queue-panel" aria-label="Queue">
      <div class="panel-header">
        <h2>Queue</h2>
        <button type="button" onClick={() => props.onClose()}>
          Close
        </button>
      </div>
      <p class="hint">Runs execute one at a time, across all connections.</p>
      <h3>Running</h3>
      <Show when={(queue()?.active.length ?? 0) > 0} fallback={<p>Nothing is running.</p>}>
        <For each={queue()?.active}>
          {(run) => (
            <div class="queue-item" data-testid="queue-running">
              <A href={`/connections/${run.connectionId}`}>{nameOf(run.connectionId)}</A> — run #{run.number}
              {run.state === 'stopping' ? ' (stopping)' : ''}, running for {formatRunTime(now() - (run.startedAtMs ?? now()))}
              <div>
                <CountersText counters={run.counters} />
              </div>
              <button type="button" disabled={run.state === 'stopping'} onClick={() => act(() => callWorker('stopRun', { runId: run.id }))}>
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
                <A href={`/connections/${run.connectionId}`}>{nameOf(run.connectionId)}</A> — run #{run.number} ({run.trigger}), waiting{' '}
                {formatRunTime(now() - run.queuedAtMs)}
                <Show when={run.mergedDueAtMs.length > 0}> · {formatNumber(run.mergedDueAtMs.length)} merged ticks</Show>{' '}
                <button type="button" onClick={() => act(() => callWorker('cancelRun', { runId: run.id }))}>
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
