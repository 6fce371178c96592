/**
 * The minimal page: a Solid list of connections and their last runs read through Dexie live queries, next
 * runs from a Comlink worker, and the service-worker registration.
 */
import * as Comlink from 'comlink';
import { liveQuery } from 'dexie';
import { For, Show, createResource, createSignal, onCleanup, type Accessor, type JSX } from 'solid-js';
import { render } from 'solid-js/web';
import { registerSW } from 'virtual:pwa-register';
import { MinimalDb, loadLastRun, type StoredConnection, type StoredRun } from './db.ts';
import type { MinimalWorkerApi } from './worker.ts';

const db = new MinimalDb();
const worker = Comlink.wrap<MinimalWorkerApi>(new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' }));
const dateTime = new Intl.DateTimeFormat(navigator.language, { dateStyle: 'medium', timeStyle: 'short' });

function createLive<T>(query: () => Promise<T>): Accessor<T | undefined> {
  const [value, setValue] = createSignal<T>();
  const subscription = liveQuery(query).subscribe({ next: (result) => setValue(() => result) });
  onCleanup(() => subscription.unsubscribe());
  return value;
}

function ConnectionRow(props: { connection: StoredConnection; nextRunMs: number | undefined }): JSX.Element {
  const lastRun = createLive<StoredRun | undefined>(() => loadLastRun(db, props.connection.id));
  return (
    <li>
      <a href={`#/connections/${props.connection.id}`}>{props.connection.name}</a>
      <Show when={lastRun()}>
        {(run) => (
          <>
            {' '}
            · <a href={`#/connections/${props.connection.id}/runs/${run().number}`}>#{run().number}</a> {run().state}
            {run().startedAtMs === null ? '' : ` ${dateTime.format(run().startedAtMs as number)}`}
          </>
        )}
      </Show>
      {props.nextRunMs === undefined ? ' · OFF' : ` · next ${dateTime.format(props.nextRunMs)}`}
    </li>
  );
}

function ConnectionList(): JSX.Element {
  const connections = createLive(() => db.connections.orderBy('name').toArray());
  const [nextRuns] = createResource(() => worker.listNextRuns());
  return (
    <main>
      <h1>Connections</h1>
      <Show when={connections()} fallback={<p>Loading…</p>}>
        {(list) => (
          <ul>
            <For each={list()}>{(connection) => <ConnectionRow connection={connection} nextRunMs={nextRuns()?.[connection.id]} />}</For>
          </ul>
        )}
      </Show>
    </main>
  );
}

registerSW({ immediate: true });
const root = document.getElementById('root');
if (root) render(() => <ConnectionList />, root);
