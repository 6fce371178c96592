import { A } from '@solidjs/router';
import { For, Show, createMemo, createSignal, type JSX } from 'solid-js';
import type { Connection } from '../../contract/model.ts';
import { useNow } from '../clock.ts';
import { formatNumber } from '../format.ts';
import { ConnectionRow, kindLabel } from '../overview/ConnectionRow.tsx';
import { createConnectionList } from '../overview/connection-list.ts';
import { WelcomeCard } from '../tour/WelcomeCard.tsx';
import { isWelcomeDismissed, showWelcomeAgain } from '../tour/welcome-preference.ts';
import '../overview/overview.css';

type StatusFilter = 'all' | 'on' | 'off' | 'failed';
type KindFilter = 'all' | Connection['direction'];

/** Lists every connection with its kind, schedule, last run and next run. Search and filters narrow the list. */
export function ConnectionsPage(): JSX.Element {
  const list = createConnectionList();
  const now = useNow();
  const [search, setSearch] = createSignal('');
  const [status, setStatus] = createSignal<StatusFilter>('all');
  const [kind, setKind] = createSignal<KindFilter>('all');

  const isFailure = (connectionId: string): boolean => {
    const state = list.lastRunOf(connectionId)?.state;
    return state === 'failed' || state === 'interrupted';
  };
  const visible = createMemo(() => {
    const text = search().trim().toLowerCase();
    return list.connections.filter((connection) => {
      if (text && !`${connection.name} ${connection.description} ${kindLabel(connection)}`.toLowerCase().includes(text)) return false;
      if (kind() !== 'all' && connection.direction !== kind()) return false;
      if (status() === 'on') return connection.enabled;
      if (status() === 'off') return !connection.enabled;
      if (status() === 'failed') return isFailure(connection.id);
      return true;
    });
  });
  const isFiltered = (): boolean => search().trim() !== '' || status() !== 'all' || kind() !== 'all';
  const clearFilters = (): void => {
    setSearch('');
    setStatus('all');
    setKind('all');
  };

  return (
    <main class="page overview">
      <div class="page-header">
        <h1 tabIndex={-1}>Connections</h1>
        <A class="button primary" href="/connections/new">
          New connection
        </A>
      </div>
      <WelcomeCard />
      <p class="hint">
        Runs happen only while Runlane is open in a browser tab.{' '}
        <Show when={isWelcomeDismissed()}>
          <button type="button" class="link-button" onClick={showWelcomeAgain}>
            Show the introduction
          </button>
        </Show>
      </p>
      <Show
        when={list.connections.length > 0}
        fallback={
          <Show when={list.isLoaded()}>
            <div class="empty-state">
              <h2>No connections yet</h2>
              <p>A connection imports customer profiles from a file, or exports them, on a schedule. Create one to get started.</p>
              <A class="button primary" href="/connections/new">
                Create your first connection
              </A>
            </div>
          </Show>
        }
      >
        <div class="toolbar" role="search" aria-label="Find connections">
          <label>
            Search
            <input type="search" value={search()} onInput={(event) => setSearch(event.currentTarget.value)} placeholder="Name, description or kind" />
          </label>
          <label>
            Show
            <select value={status()} onChange={(event) => setStatus(event.currentTarget.value as StatusFilter)}>
              <option value="all">All</option>
              <option value="on">ON</option>
              <option value="off">OFF</option>
              <option value="failed">Last run failed</option>
            </select>
          </label>
          <label>
            Kind
            <select value={kind()} onChange={(event) => setKind(event.currentTarget.value as KindFilter)}>
              <option value="all">All kinds</option>
              <option value="import">Import</option>
              <option value="export">Export</option>
              <option value="realtime">Real-time</option>
            </select>
          </label>
        </div>
        <p class="hint" role="status" data-testid="overview-count">
          {isFiltered()
            ? `Showing ${formatNumber(visible().length)} of ${formatNumber(list.connections.length)} connections.`
            : `${formatNumber(list.connections.length)} ${list.connections.length === 1 ? 'connection' : 'connections'}.`}
        </p>
        <Show
          when={visible().length > 0}
          fallback={
            <div class="empty-state">
              <p>No connection matches the search and filters.</p>
              <button type="button" onClick={clearFilters}>
                Clear the search and filters
              </button>
            </div>
          }
        >
          <table class="data-table connections-table" role="table" aria-label="Connections">
            <thead role="rowgroup">
              <tr role="row">
                <th role="columnheader" scope="col">
                  Name
                </th>
                <th role="columnheader" scope="col">
                  Kind
                </th>
                <th role="columnheader" scope="col">
                  Status
                </th>
                <th role="columnheader" scope="col">
                  Schedule
                </th>
                <th role="columnheader" scope="col">
                  Last run
                </th>
                <th role="columnheader" scope="col">
                  Next run
                </th>
                <th role="columnheader" scope="col">
                  <span class="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody role="rowgroup">
              <For each={visible()}>{(connection) => <ConnectionRow connection={connection} lastRun={list.lastRunOf(connection.id)} nowMs={now()} />}</For>
            </tbody>
          </table>
        </Show>
      </Show>
    </main>
  );
}
