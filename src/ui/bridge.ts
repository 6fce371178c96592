/**
 * The page's one way to the worker. It wraps the worker once with Comlink, turns `[code] message` rejections
 * back into AppErrors, and restarts a worker that stops answering pings.
 */
import * as Comlink from 'comlink';
import type { WorkerApi, WorkerInit } from '../contract/worker-api.ts';
import { AppError, toAppError } from '../contract/errors.ts';

const PING_INTERVAL_MS = 5_000;
/** A worker that has not answered a ping for this long is presumed stuck and restarted. */
const DEFAULT_PING_TIMEOUT_MS = 15_000;
let pingTimeoutMs = DEFAULT_PING_TIMEOUT_MS;

type Remote = Comlink.Remote<WorkerApi>;

let worker: Worker | null = null;
let remote: Remote | null = null;
let initOptions: WorkerInit | null = null;
let watchdog: ReturnType<typeof setInterval> | null = null;
let checking = false;
let restartListeners: ((reason: string) => void)[] = [];

function spawn(options: WorkerInit): Remote {
  worker = new Worker(new URL('../worker/index.ts', import.meta.url), { type: 'module', name: 'runlane-scheduler' });
  remote = Comlink.wrap<WorkerApi>(worker);
  void remote.init(options);
  return remote;
}

/** Starts this tab's worker and the ping that watches it. */
export function startWorker(options: WorkerInit, watchdogTimeoutMs: number | null = null): void {
  initOptions = options;
  pingTimeoutMs = watchdogTimeoutMs ?? DEFAULT_PING_TIMEOUT_MS;
  spawn(options);
  watchdog = setInterval(() => void checkWorker(), Math.min(PING_INTERVAL_MS, pingTimeoutMs));
}

async function checkWorker(): Promise<void> {
  if (!remote || checking) return;
  checking = true;
  try {
    await pingOnce(remote);
  } finally {
    checking = false;
  }
}

async function pingOnce(current: Remote): Promise<void> {
  const answered = await Promise.race([
    current.ping().then(() => true, () => true),
    new Promise<boolean>((resolve) => setTimeout(() => resolve(false), pingTimeoutMs)),
  ]);
  if (!answered) {
    restartWorker(`The worker stopped answering for ${Math.round(pingTimeoutMs / 1000)} s, probably because a connector is stuck in a loop, and was restarted.`);
  }
}

/** Terminates the worker and starts a new one, which marks its running run failed with `reason`. */
export function restartWorker(reason: string): void {
  if (!initOptions) return;
  worker?.terminate();
  spawn({ ...initOptions, restartReason: reason });
  for (const listener of restartListeners) listener(reason);
}

export function onWorkerRestart(listener: (reason: string) => void): () => void {
  restartListeners.push(listener);
  return () => {
    restartListeners = restartListeners.filter((l) => l !== listener);
  };
}

export function stopWatchdog(): void {
  if (watchdog) clearInterval(watchdog);
}

/** Calls a worker method; expected failures reject with an AppError. */
export async function callWorker<K extends keyof WorkerApi>(
  method: K,
  ...args: Parameters<WorkerApi[K]>
): Promise<Awaited<ReturnType<WorkerApi[K]>>> {
  if (!remote) throw new Error('The worker has not been started.');
  const fn = remote[method] as unknown as (...a: Parameters<WorkerApi[K]>) => Promise<Awaited<ReturnType<WorkerApi[K]>>>;
  try {
    return await fn(...args);
  } catch (error) {
    throw toAppError(error) ?? error;
  }
}

export { AppError };
