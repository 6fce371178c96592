/**
 * The loaded part of a connection's runs: a live window of runs around the rows on screen, read by
 * [connectionId+number] range. Runs are reconciled by id, so rows keep their elements while the worker
 * updates a run's counters or the window moves.
 */
import { batch, createEffect, createMemo, on, type Accessor } from 'solid-js';
import { createStore, reconcile } from 'solid-js/store';
import type { Run } from '../../contract/model.ts';
import { createLiveQuery } from '../live.ts';
import { runWindowFor, type HistoryLayout } from './history-layout.ts';
import { loadRunWindow, type RunWindowRequest } from './history-queries.ts';

/** Runs per block; the window covers the blocks on screen plus one block each side. */
const BLOCK_SIZE = 50;

export interface RunWindow {
  runAtOffset(offset: number): Run | undefined;
  runByNumber(number: number): Run | undefined;
}

function isSameRequest(a: RunWindowRequest, b: RunWindowRequest): boolean {
  return a.connectionId === b.connectionId && a.from === b.from && a.to === b.to && a.maxNumber === b.maxNumber && a.isContiguous === b.isContiguous;
}

export function createRunWindow(
  connectionId: Accessor<string>,
  layout: Accessor<HistoryLayout>,
  visibleIndexes: Accessor<{ first: number; last: number }>,
): RunWindow {
  const request = createMemo(
    (): RunWindowRequest => {
      const { first, last } = visibleIndexes();
      const current = layout();
      return { connectionId: connectionId(), ...runWindowFor(current, first, last, BLOCK_SIZE), maxNumber: current.maxNumber, isContiguous: current.isContiguous };
    },
    undefined,
    { equals: isSameRequest },
  );
  const result = createLiveQuery(request, async (db, current) => ({ request: current, runs: await loadRunWindow(db, current) }));
  const [loaded, setLoaded] = createStore<{ from: number; runs: Run[] }>({ from: 0, runs: [] });

  createEffect(
    on(result, (current) => {
      if (!current) return;
      batch(() => {
        setLoaded('from', current.request.from);
        setLoaded('runs', reconcile(current.runs, { key: 'id' }));
      });
    }),
  );

  const runAtOffset = (offset: number): Run | undefined => loaded.runs[offset - loaded.from];
  return {
    runAtOffset,
    runByNumber(number) {
      const offset = layout().isContiguous ? layout().maxNumber - number : -1;
      const candidate = offset >= 0 ? runAtOffset(offset) : undefined;
      if (candidate?.number === number) return candidate;
      return loaded.runs.find((run) => run.number === number);
    },
  };
}
