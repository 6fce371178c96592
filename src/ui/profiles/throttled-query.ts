/**
 * Query results of the profile list that follow writes to the profiles table at most once per interval.
 * Dexie's liveQuery runs its query again after every write to a table it read, which during an import is
 * every batch. Counting or paging a large profile table that often would slow the import, because each
 * read transaction on the table delays the next batch's write transaction.
 */
import Dexie from 'dexie';
import { createEffect, createSignal, on, onCleanup, type Accessor } from 'solid-js';
import type { RunlaneDb } from '../../storage/db.ts';
import { useDb } from '../live.ts';

/** Changed parts of the database, as Dexie's 'storagemutated' event reports them. */
type MutatedParts = Record<string, unknown>;

/**
 * Runs `query` whenever `source` changes, and again after writes to `tableName` (in this tab or any
 * other context), at most once per `minIntervalMs`. A failed query is passed to `onError`.
 */
export function createThrottledTableQuery<S, T>(
  source: Accessor<S>,
  tableName: string,
  query: (db: RunlaneDb, value: S) => Promise<T>,
  options: { minIntervalMs: number; onError: (error: unknown) => void },
): Accessor<T | undefined> {
  const [value, setValue] = createSignal<T>();
  createEffect(
    on(source, (current) => {
      let isCurrent = true;
      const stop = followTable(useDb(), tableName, options.minIntervalMs, async (db) => {
        try {
          const result = await query(db, current);
          // A result for an earlier source that arrives late must not replace the newer one.
          if (isCurrent) setValue(() => result);
        } catch (error) {
          if (isCurrent) options.onError(error);
        }
      });
      onCleanup(() => {
        isCurrent = false;
        stop();
      });
    }),
  );
  return value;
}

/** Calls `refresh` now and after writes to the table, never twice at once, and returns a function that stops it. `refresh` must not reject. */
export function followTable(db: RunlaneDb, tableName: string, minIntervalMs: number, refresh: (db: RunlaneDb) => Promise<void>): () => void {
  const tablePart = `idb://${db.name}/${tableName}/`;
  let isStopped = false;
  let isRunning = false;
  let isDirty = false;
  let lastStartMs = -Infinity;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const run = async (): Promise<void> => {
    isRunning = true;
    isDirty = false;
    lastStartMs = performance.now();
    try {
      await refresh(db);
    } finally {
      isRunning = false;
      if (isDirty) schedule();
    }
  };
  const schedule = (): void => {
    isDirty = true;
    if (isStopped || isRunning || timer !== undefined) return;
    const waitMs = Math.max(0, lastStartMs + minIntervalMs - performance.now());
    timer = setTimeout(() => {
      timer = undefined;
      if (!isStopped) void run();
    }, waitMs);
  };
  const onMutated = (parts: MutatedParts): void => {
    if ('all' in parts || Object.keys(parts).some((part) => part.startsWith(tablePart))) schedule();
  };

  Dexie.on('storagemutated', onMutated);
  void run();
  return () => {
    isStopped = true;
    clearTimeout(timer);
    Dexie.on('storagemutated').unsubscribe(onMutated);
  };
}
