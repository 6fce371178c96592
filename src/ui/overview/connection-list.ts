/**
 * The overview's data: every connection, reconciled by id so that rows keep their elements when a live
 * query emits new objects, and the last run of each connection from one indexed query per connection.
 * Each connection's query is live on its own, so a run's progress re-reads only its connection's last run.
 */
import { createEffect, createMemo, mapArray, on, onCleanup, type Accessor } from 'solid-js';
import { createStore, reconcile } from 'solid-js/store';
import type { Connection, Run } from '../../contract/model.ts';
import type { RunlaneDb } from '../../storage/db.ts';
import { listConnections } from '../../storage/queries.ts';
import { createLive, createLiveQuery } from '../live.ts';

/** Loads the connection's newest run that is not waiting in the queue. */
export function loadLastRun(db: RunlaneDb, connectionId: string): Promise<Run | undefined> {
  return db.runs
    .where('[connectionId+number]')
    .between([connectionId, -Infinity], [connectionId, Infinity])
    .reverse()
    .filter((run) => run.state !== 'queued')
    .first();
}

export interface ConnectionList {
  connections: Connection[];
  isLoaded: Accessor<boolean>;
  lastRunOf(connectionId: string): Run | undefined;
}

function isSameList(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((id, i) => id === b[i]);
}

export function createConnectionList(): ConnectionList {
  const [state, setState] = createStore<{ connections: Connection[]; lastRuns: Record<string, Run | undefined>; isLoaded: boolean }>({
    connections: [],
    lastRuns: {},
    isLoaded: false,
  });
  const listed = createLive(listConnections);
  createEffect(
    on(listed, (connections) => {
      if (!connections) return;
      setState('connections', reconcile(connections, { key: 'id' }));
      setState('isLoaded', true);
    }),
  );

  const ids = createMemo(() => state.connections.map((connection) => connection.id), [], { equals: isSameList });
  const subscriptions = mapArray(ids, (id) => {
    const lastRun = createLiveQuery(() => id, loadLastRun);
    createEffect(() => {
      const run = lastRun();
      setState('lastRuns', id, run === undefined ? undefined : reconcile(run));
    });
    onCleanup(() => setState('lastRuns', id, undefined));
    return id;
  });
  // mapArray creates and disposes each connection's query only while something reads it.
  createEffect(() => subscriptions());

  return {
    get connections() {
      return state.connections;
    },
    isLoaded: () => state.isLoaded,
    lastRunOf: (connectionId) => state.lastRuns[connectionId],
  };
}
