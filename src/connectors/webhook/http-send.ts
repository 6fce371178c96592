/**
 * Sends one JSON request and sorts the result into what the caller does next: delivered, retry later, or
 * rejected for good. A browser rejects `fetch` with the same TypeError for a CORS rejection, a refused
 * connection, an unknown host and an offline browser. So a failed request is classified afterwards with
 * `navigator.onLine` and a `no-cors` probe, whose opaque response proves the server is reachable.
 */
import { AppError } from '../../contract/errors.ts';
import type { HeaderEntry } from '../../contract/model.ts';
import type { Clock } from '../../domain/clock.ts';

/** How long a request may wait for a response, on the run's clock. */
export const REQUEST_TIMEOUT_MS = 30_000;
const PROBE_TIMEOUT_MS = 10_000;

export interface JsonPost {
  url: string;
  headers: readonly HeaderEntry[];
  body: string;
  clock: Clock;
  signal: AbortSignal;
}

/**
 * 'ok': a 2xx response. 'retryable': 5xx, 408 or 429, which another try may overcome. 'rejected': any
 * other response, which another try would get again.
 */
export type HttpOutcome =
  | { kind: 'ok'; status: number; description: string }
  | { kind: 'retryable'; status: number; description: string }
  | { kind: 'rejected'; status: number; description: string };

const TIMED_OUT = Symbol('timed out');

/**
 * POSTs `body` as application/json. Rejects with AppError 'offline', 'remote-timeout', 'remote-cors' or
 * 'network-unreachable' when no response could be read, and with the signal's reason when it aborts.
 */
export async function postJson(request: JsonPost): Promise<HttpOutcome> {
  const { clock, signal } = request;
  signal.throwIfAborted();
  const controller = new AbortController();
  const stopTimer = new AbortController();
  const forwardAbort = (): void => controller.abort(signal.reason);
  signal.addEventListener('abort', forwardAbort, { once: true });
  clock.sleepUntil(clock.nowMs() + REQUEST_TIMEOUT_MS, stopTimer.signal).then(
    () => controller.abort(TIMED_OUT),
    () => undefined,
  );
  try {
    const response = await fetch(request.url, {
      method: 'POST',
      headers: buildHeaders(request.headers),
      body: request.body,
      signal: controller.signal,
      credentials: 'omit',
      cache: 'no-store',
    });
    await response.body?.cancel().catch(() => undefined);
    return classifyStatus(response.status, response.statusText);
  } catch (error) {
    signal.throwIfAborted();
    if (controller.signal.reason === TIMED_OUT) {
      throw new AppError('remote-timeout', `${hostOf(request.url)} did not respond within ${REQUEST_TIMEOUT_MS / 1000} s.`);
    }
    throw await explainFailedRequest(request, error);
  } finally {
    stopTimer.abort();
    signal.removeEventListener('abort', forwardAbort);
  }
}

function buildHeaders(entries: readonly HeaderEntry[]): Headers {
  const headers = new Headers();
  for (const entry of entries) headers.set(entry.name.trim(), entry.value);
  headers.set('Content-Type', 'application/json');
  return headers;
}

export function describeStatus(status: number, statusText: string): string {
  return statusText ? `HTTP ${status} ${statusText}` : `HTTP ${status}`;
}

export function classifyStatus(status: number, statusText: string): HttpOutcome {
  const description = describeStatus(status, statusText);
  if (status >= 200 && status < 300) return { kind: 'ok', status, description };
  if (status >= 500 || status === 408 || status === 429) return { kind: 'retryable', status, description };
  return { kind: 'rejected', status, description };
}

/** True unless `navigator.onLine` is false; Node, where unit tests run, has no `navigator.onLine`. */
export function isBrowserOnline(): boolean {
  return typeof navigator === 'undefined' || navigator.onLine !== false;
}

export function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

function pageOrigin(): string | null {
  return typeof location === 'undefined' ? null : location.origin;
}

/** Turns a request that got no readable response into the AppError that names the likely cause. */
async function explainFailedRequest(request: JsonPost, cause: unknown): Promise<AppError> {
  const host = hostOf(request.url);
  if (!isBrowserOnline()) return new AppError('offline', 'The browser is offline.', { cause });
  const origin = pageOrigin();
  if (origin?.startsWith('https:') && request.url.startsWith('http:')) {
    return new AppError(
      'remote-cors',
      `The browser blocks requests from this https: page to the http: address ${host} (mixed content). Use an https: address.`,
      { cause },
    );
  }
  if (await isReachable(request)) {
    const extra = request.headers.map((entry) => entry.name.trim()).filter(Boolean);
    const allowHeaders = ['Content-Type', ...extra].join(', ');
    return new AppError(
      'remote-cors',
      `${host} responded, but its response does not let Runlane${origin ? ` (${origin})` : ''} read it (CORS). ` +
        `The receiver must respond to the preflight request with Access-Control-Allow-Origin: ${origin ?? '*'}, ` +
        `Access-Control-Allow-Methods: POST and Access-Control-Allow-Headers: ${allowHeaders}.`,
      { cause },
    );
  }
  return new AppError(
    'network-unreachable',
    `${host} could not be reached: the server may be down or refuse connections, or the host name may be wrong.`,
    { cause },
  );
}

/** Sends a `no-cors` HEAD request; an opaque response of any status means the server responded. */
async function isReachable(request: JsonPost): Promise<boolean> {
  const controller = new AbortController();
  const stopTimer = new AbortController();
  request.clock.sleepUntil(request.clock.nowMs() + PROBE_TIMEOUT_MS, stopTimer.signal).then(
    () => controller.abort(),
    () => undefined,
  );
  try {
    await fetch(request.url, { method: 'HEAD', mode: 'no-cors', credentials: 'omit', cache: 'no-store', signal: controller.signal });
    return true;
  } catch {
    return false;
  } finally {
    stopTimer.abort();
  }
}
