/**
 * The overview's data: every connection, reconciled by id so that rows keep their elements when a live
 * query emits new objects, and the last run of each connection from one indexed query per connection.
 * The first screen reads all of them in one transaction and renders once. After that each connection's
 * query is live on its own, so a run's progress re-reads only its connection's last run.
 */
import { batch, createEffect, createMemo, createSignal, mapArray, on, onCleanup, type Accessor } from 'solid-js';
import { createStore, reconcile } from 'solid-js/store';
import type { Connection, Run } from '../../contract/model.ts';
import type { RunlaneDb } from '../../storage/db.ts';
import { listConnections } from '../../storage/queries.ts';
import { createLive, createLiveQuery, useDb } from '../live.ts';

/** Loads the connection's newest run that is not waiting in the queue. */
export function loadLastRun(db: RunlaneDb, connectionId: string): Promise<Run | undefined> {
  return db.runs
    .where('[connectionId+number]')
    .between([connectionId, -Infinity], [connectionId, Infinity])
    .reverse()
    .filter((run) => run.state !== 'queued')
    .first();
}

/** Reads the connections and each one's last run in one read transaction, with the runs read in parallel. */
export function loadConnectionsWithLastRuns(db: RunlaneDb): Promise<{ connections: Connection[]; lastRuns: (Run | undefined)[] }> {
  return db.transaction('r', db.connections, db.runs, async () => {
    const connections = await listConnections(db);
    const lastRuns = await Promise.all(connections.map((connection) => loadLastRun(db, connection.id)));
    return { connections, lastRuns };
  });
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
  // The live queries' results apply once the first read has, so the first render has every last run.
  const [isFirstReadDone, setFirstReadDone] = createSignal(false);
  // Each connection's live query starts once the first render is painted, because starting 200 of them in
  // the render's task delayed that paint. Their first results equal the first read's.
  const [isFollowingRuns, setFollowingRuns] = createSignal(false);
  const followRunsAfterPaint = (): void => {
    const start = (): void => {
      setFollowingRuns(true);
    };
    requestAnimationFrame(() => setTimeout(start));
    // A hidden tab paints no frames, so the queries start after a second there.
    setTimeout(start, 1000);
  };
  loadConnectionsWithLastRuns(useDb()).then(
    ({ connections, lastRuns }) =>
      batch(() => {
        const byId: Record<string, Run | undefined> = {};
        connections.forEach((connection, index) => {
          byId[connection.id] = lastRuns[index];
        });
        setState('lastRuns', byId);
        setState('connections', connections);
        setState('isLoaded', true);
        setFirstReadDone(true);
        followRunsAfterPaint();
      }),
    (error: unknown) => {
      // eslint-disable-next-line no-console -- the live queries below still load the list
      console.warn('the connections could not be read at once; the list loads row by row', error);
      setFirstReadDone(true);
      setFollowingRuns(true);
    },
  );

  const listed = createLive(listConnections);
  createEffect(
    on([listed, isFirstReadDone], ([connections, isDone]) => {
      if (!connections || !isDone) return;
      setState('connections', reconcile(connections, { key: 'id' }));
      setState('isLoaded', true);
    }),
  );

  const ids = createMemo(() => (isFollowingRuns() ? state.connections.map((connection) => connection.id) : []), [], { equals: isSameList });
  const subscriptions = mapArray(ids, (id) => {
    // Wrapped, so that "no result yet" (undefined) differs from "no run" and keeps the first read's run.
    const lastRun = createLiveQuery(() => id, async (db, connectionId) => ({ run: await loadLastRun(db, connectionId) }));
    createEffect(() => {
      const result = lastRun();
      if (!result) return;
      setState('lastRuns', id, result.run === undefined ? undefined : reconcile(result.run));
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
