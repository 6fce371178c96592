import { A } from '@solidjs/router';
import { For, Show, createMemo, createSignal, type JSX } from 'solid-js';
import { Temporal } from 'temporal-polyfill';
import type { Connection, Run } from '../../contract/model.ts';
import { describeSchedule, nextRuns } from '../../domain/schedule.ts';
import { listConnections, loadLastRuns } from '../../storage/queries.ts';
import { callWorker } from '../bridge.ts';
import { useNow } from '../clock.ts';
import { formatDateTime, formatRelative } from '../format.ts';
import { createLive } from '../live.ts';
import { act, showToast } from '../toast.tsx';
import { describeRunNow, stateLabel } from '../run-text.ts';

/** Every connection with its schedule, last run and next run. */
export function ConnectionsPage(): JSX.Element {
  const connections = createLive(listConnections);
  const lastRuns = createLive(loadLastRuns);
  const now = useNow();
  const [search, setSearch] = createSignal('');
  const [filter, setFilter] = createSignal<'all' | 'on' | 'off' | 'failed'>('all');

  const visible = createMemo(() => {
    const text = search().trim().toLowerCase();
    return (connections() ?? []).filter((connection) => {
      if (text && !`${connection.name} ${connection.description}`.toLowerCase().includes(text)) return false;
      if (filter() === 'on') return connection.enabled;
      if (filter() === 'off') return !connection.enabled;
      if (filter() === 'failed') return lastRuns()?.get(connection.id)?.state === 'failed';
      return true;
    });
  });

  return (
    <main class="page">
      <div class="page-header">
        <h1>Connections</h1>
        <A class="button primary" href="/connections/new">
          New connection
        </A>
      </div>
      <p class="hint">Runs happen only while Runlane is open in a browser tab.</p>
      <div class="toolbar">
        <label>
          Search <input type="search" value={search()} onInput={(e) => setSearch(e.currentTarget.value)} />
        </label>
        <label>
          Show{' '}
          <select value={filter()} onChange={(e) => setFilter(e.currentTarget.value as 'all' | 'on' | 'off' | 'failed')}>
            <option value="all">All</option>
            <option value="on">ON</option>
            <option value="off">OFF</option>
            <option value="failed">Last run failed</option>
          </select>
        </label>
      </div>
      <Show
        when={(connections()?.length ?? 0) > 0}
        fallback={
          <Show when={connections()}>
            <div class="empty-state">
              <h2>No connections yet</h2>
              <p>A connection imports customer profiles from a file on a schedule. Create one to get started.</p>
              <A class="button primary" href="/connections/new">
                Create your first connection
              </A>
            </div>
          </Show>
        }
      >
        <table class="data-table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Kind</th>
              <th scope="col">Status</th>
              <th scope="col">Schedule</th>
              <th scope="col">Last run</th>
              <th scope="col">Next run</th>
              <th scope="col">
                <span class="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            <For each={visible()}>{(connection) => <ConnectionRow connection={connection} lastRun={lastRuns()?.get(connection.id)} nowMs={now()} />}</For>
          </tbody>
        </table>
      </Show>
    </main>
  );
}

function ConnectionRow(props: { connection: Connection; lastRun: Run | undefined; nowMs: number }): JSX.Element {
  const nextMs = createMemo(() => {
    const { connection } = props;
    if (!connection.enabled || !connection.schedule) return null;
    const after = Math.max(props.nowMs, connection.scheduleMarkMs ?? 0);
    const [next] = nextRuns(connection.schedule, Temporal.Instant.fromEpochMilliseconds(after), 1);
    return next?.epochMilliseconds ?? null;
  });
  const runNow = (): void =>
    act(async () => {
      const result = await callWorker('runNow', { id: props.connection.id });
      showToast(describeRunNow(props.connection.name, result));
    });
  return (
    <tr>
      <td>
        <A href={`/connections/${props.connection.id}`}>{props.connection.name}</A>
      </td>
      <td>{props.connection.direction === 'import' ? 'Import' : props.connection.direction === 'export' ? 'Export' : 'Real-time'}</td>
      <td>{props.connection.enabled ? 'ON' : 'OFF'}</td>
      <td>{props.connection.schedule ? describeSchedule(props.connection.schedule, navigator.language) : 'No schedule'}</td>
      <td>
        <Show when={props.lastRun} fallback="Never ran">
          {(run) => (
            <>
              {stateLabel(run())} · {run().startedAtMs ? formatDateTime(run().startedAtMs as number) : ''}
            </>
          )}
        </Show>
      </td>
      <td>
        <Show when={nextMs()} fallback={props.connection.enabled ? '—' : 'OFF'}>
          {(ms) => <span title={formatDateTime(ms())}>{formatRelative(ms(), props.nowMs)}</span>}
        </Show>
      </td>
      <td>
        <button type="button" onClick={runNow} aria-label={`Run ${props.connection.name} now`}>
          Run now
        </button>
      </td>
    </tr>
  );
}
