/**
 * The scheduling worker's health as the page last read it: whether storage refuses writes, and the ends of
 * runs that storage refused to save. The page shows those ends in place of the stored "running" state until
 * the worker manages to write them.
 */
import { createSignal } from 'solid-js';
import type { Run } from '../contract/model.ts';
import type { WorkerHealth } from '../contract/worker-api.ts';
import { callWorker } from './bridge.ts';

const HEALTH_CHECK_MS = 3_000;

const [health, setHealth] = createSignal<WorkerHealth>({ isStorageFull: false, unsavedEndings: [] });

export { health };

/** Reads the worker's health every few seconds; returns a function that stops reading. */
export function watchHealth(): () => void {
  const timer = setInterval(() => {
    callWorker('getHealth').then(setHealth, () => undefined);
  }, HEALTH_CHECK_MS);
  return () => clearInterval(timer);
}

/** Applies the run's unsaved end, if the worker keeps one; otherwise returns the run as stored. */
export function withUnsavedEnding(run: Run | undefined): Run | undefined {
  if (!run) return run;
  const ending = health().unsavedEndings.find((candidate) => candidate.runId === run.id);
  return ending ? { ...run, ...ending.changes } : run;
}
