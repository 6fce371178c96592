/** Solid signals fed by Dexie live queries, so the page follows every write the worker makes. */
import { createEffect, createSignal, on, onCleanup, type Accessor } from 'solid-js';
import { openDb, type RunlaneDb } from '../storage/db.ts';
import { subscribeLive } from '../storage/live-subscription.ts';

let database: RunlaneDb | null = null;

/** Set when another tab opened a newer schema version, or this tab waits for older tabs to close. */
const [databaseNotice, setDatabaseNotice] = createSignal<'newer-version' | 'blocked' | null>(null);
export { databaseNotice };

export function setDatabase(name: string): RunlaneDb {
  database = openDb(name);
  // Dexie closes this connection when another tab upgrades the schema; this tab must then reload.
  database.on('versionchange', () => {
    setDatabaseNotice('newer-version');
  });
  database.on('blocked', () => {
    setDatabaseNotice('blocked');
  });
  return database;
}

export function useDb(): RunlaneDb {
  if (!database) throw new Error('setDatabase() must run before the page renders.');
  return database;
}

/** Runs `query` whenever `source` changes or the tables it read are written. */
export function createLiveQuery<S, T>(source: Accessor<S>, query: (db: RunlaneDb, value: S) => Promise<T>): Accessor<T | undefined> {
  const [value, setValue] = createSignal<T>();
  createEffect(
    on(source, (current) => {
      const db = useDb();
      const unsubscribe = subscribeLive(
        () => query(db, current),
        (result) => setValue(() => result),
        (error) => {
          // eslint-disable-next-line no-console -- a failed live query is logged once, where it is seen
          console.warn('live query failed; it subscribes again shortly', error);
        },
      );
      onCleanup(unsubscribe);
    }),
  );
  return value;
}

/** A live query without a changing source. */
export function createLive<T>(query: (db: RunlaneDb) => Promise<T>): Accessor<T | undefined> {
  return createLiveQuery(() => true, (db) => query(db));
}
