/**
 * Downloads a file with HTTP(S) GET and distinguishes the ways it can fail. A CORS refusal, a refused
 * connection, an unknown host and an offline browser all reject `fetch` with the same TypeError. So the
 * browser's online state and a second `no-cors` request decide which one it was: an opaque response to
 * that request means the server is reachable and only the CORS check failed.
 */
import { AppError } from '../../contract/errors.ts';
import type { HeaderEntry } from '../../contract/model.ts';
import type { Clock } from '../../domain/clock.ts';
import { checkRequestHeaders, isMixedContent } from '../../domain/import-url.ts';

/** How long the server may take to send the response headers, and then each further part of the body. */
export const RESPONSE_TIMEOUT_MS = 30_000;
/** Body parts are joined into one Blob about this often, so the browser can keep large bodies on disk. */
const SPOOL_BYTES = 8 * 1024 * 1024;

/** The browser functions a download uses; unit tests pass their own. */
export interface HttpEnvironment {
  fetch(url: string, init: RequestInit): Promise<Response>;
  isOnline(): boolean;
  /** The origin Runlane is served from, which the server must allow. */
  appOrigin: string;
}

export function browserHttpEnvironment(): HttpEnvironment {
  return {
    fetch: (url, init) => fetch(url, init),
    isOnline: () => navigator.onLine,
    appOrigin: self.location.origin,
  };
}

export interface DownloadRequest {
  url: string;
  headers: readonly HeaderEntry[];
  signal: AbortSignal;
  clock: Clock;
  /** Stops reading after this many bytes, for a preview; reads the whole body when absent. */
  maxBytes?: number;
}

export interface Download {
  blob: Blob;
  contentType: string | null;
  /** False when `maxBytes` cut the body short. */
  isComplete: boolean;
}

/**
 * Downloads `request.url`. Rejects with an AppError: 'invalid-input' for request headers that cannot be
 * sent or an http address the https app may not request, 'offline' while the browser is offline,
 * 'remote-cors' when the server responds without allowing this origin, 'network-unreachable' when nothing
 * responds, 'remote-timeout' after `RESPONSE_TIMEOUT_MS` without progress, 'remote-server-error' for HTTP
 * 5xx and 'remote-rejected' for other statuses that are not 2xx. Rejects with the signal's reason when
 * the run is stopped.
 */
export async function downloadFile(request: DownloadRequest, env: HttpEnvironment): Promise<Download> {
  const headerProblem = checkRequestHeaders(request.headers);
  if (headerProblem !== null) throw new AppError('invalid-input', headerProblem);
  // The browser blocks mixed content with the same TypeError as an unreachable host, which is retried.
  if (isMixedContent(new URL(request.url), new URL(env.appOrigin).protocol)) {
    throw new AppError(
      'invalid-input',
      `Runlane is served over https, so the browser blocks the http:// address ${hostOf(request.url)} (mixed content). Use the https:// address of the file.`,
    );
  }
  if (!env.isOnline()) throw offlineError();
  const timeout = createIdleTimeout(request.clock, request.signal, RESPONSE_TIMEOUT_MS);
  try {
    let response: Response;
    try {
      response = await env.fetch(request.url, {
        method: 'GET',
        headers: request.headers.filter((header) => header.name.trim() !== '').map((header) => [header.name.trim(), header.value]),
        signal: timeout.signal,
        credentials: 'omit',
        cache: 'no-store',
        redirect: 'follow',
      });
    } catch (error) {
      throw await classifyRequestFailure(error, request, env, timeout);
    }
    checkStatus(response, request.url);
    return await readBody(response, request, env, timeout);
  } finally {
    timeout.dispose();
  }
}

function offlineError(): AppError {
  return new AppError('offline', 'The browser is offline.');
}

function hostOf(url: string): string {
  return new URL(url).host;
}

async function classifyRequestFailure(error: unknown, request: DownloadRequest, env: HttpEnvironment, timeout: IdleTimeout): Promise<unknown> {
  if (request.signal.aborted) return request.signal.reason;
  if (timeout.isTimedOut) return timeoutError(request.url, 'to respond');
  if (!(error instanceof TypeError)) return error;
  if (!env.isOnline()) return offlineError();
  const isReachable = await probeWithoutCors(request, env);
  if (request.signal.aborted) return request.signal.reason;
  if (isReachable) return corsError(request, env);
  return new AppError(
    'network-unreachable',
    `Could not reach ${hostOf(request.url)}: nothing answered at that address. The server may be down, or the address may be wrong.`,
    { cause: error },
  );
}

/**
 * Sends the same GET without custom headers in `no-cors` mode. An opaque response means the server
 * responded. The body is not read: the request is aborted once the headers are in.
 */
async function probeWithoutCors(request: DownloadRequest, env: HttpEnvironment): Promise<boolean> {
  const timeout = createIdleTimeout(request.clock, request.signal, RESPONSE_TIMEOUT_MS);
  try {
    await env.fetch(request.url, { method: 'GET', mode: 'no-cors', credentials: 'omit', cache: 'no-store', signal: timeout.signal });
    return true;
  } catch {
    return false;
  } finally {
    timeout.abort();
    timeout.dispose();
  }
}

function corsError(request: DownloadRequest, env: HttpEnvironment): AppError {
  const headerNames = request.headers.map((header) => header.name.trim()).filter((name) => name !== '');
  const allowHeaders =
    headerNames.length === 0
      ? ''
      : ` Because the request sends the header${headerNames.length === 1 ? '' : 's'} ${headerNames.join(', ')}, the server must also answer the preflight OPTIONS request with Access-Control-Allow-Headers: ${headerNames.join(', ')}.`;
  return new AppError(
    'remote-cors',
    `The server at ${hostOf(request.url)} responded, but the browser blocked the response because of CORS (cross-origin resource sharing). ` +
      `The server must send the header Access-Control-Allow-Origin: ${env.appOrigin} (this app's origin).${allowHeaders} Change the server's settings; another attempt does not help.`,
  );
}

function timeoutError(url: string, what: string): AppError {
  return new AppError('remote-timeout', `The server at ${hostOf(url)} took longer than ${RESPONSE_TIMEOUT_MS / 1000} s ${what}.`);
}

function checkStatus(response: Response, url: string): void {
  if (response.ok) return;
  const status = `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
  if (response.status >= 500) {
    throw new AppError('remote-server-error', `The server at ${hostOf(url)} responded with ${status}, an error on its side.`);
  }
  throw new AppError('remote-rejected', `The server at ${hostOf(url)} responded with ${status}. ${adviceForStatus(response.status)}`);
}

function adviceForStatus(status: number): string {
  if (status === 401 || status === 403) return 'Check the request headers, for example the Authorization value.';
  if (status === 404 || status === 410) return 'Check the address of the file.';
  return 'Check the address and the request headers.';
}

async function readBody(response: Response, request: DownloadRequest, env: HttpEnvironment, timeout: IdleTimeout): Promise<Download> {
  const contentType = response.headers.get('content-type');
  if (!response.body) return { blob: await response.blob(), contentType, isComplete: true };
  const reader = response.body.getReader();
  let spooled = new Blob([]);
  let parts: Uint8Array<ArrayBuffer>[] = [];
  let partBytes = 0;
  let totalBytes = 0;
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      timeout.restart();
      parts.push(value as Uint8Array<ArrayBuffer>);
      partBytes += value.byteLength;
      totalBytes += value.byteLength;
      if (request.maxBytes !== undefined && totalBytes >= request.maxBytes) {
        await reader.cancel().catch(() => undefined);
        return { blob: new Blob([spooled, ...parts]).slice(0, request.maxBytes), contentType, isComplete: false };
      }
      if (partBytes >= SPOOL_BYTES) {
        spooled = new Blob([spooled, ...parts]);
        parts = [];
        partBytes = 0;
      }
    }
  } catch (error) {
    if (request.signal.aborted) throw request.signal.reason;
    if (timeout.isTimedOut) throw timeoutError(request.url, 'to send the next part of the file');
    if (!env.isOnline()) throw offlineError();
    throw new AppError('network-unreachable', `The connection to ${hostOf(request.url)} broke off during the download after ${totalBytes} bytes.`, { cause: error });
  }
  return { blob: new Blob([spooled, ...parts], { type: contentType ?? '' }), contentType, isComplete: true };
}

interface IdleTimeout {
  /** Aborts on the outer signal, and when the time runs out. */
  signal: AbortSignal;
  readonly isTimedOut: boolean;
  /** Starts the time again, after progress. */
  restart(): void;
  abort(): void;
  dispose(): void;
}

/** Creates a signal that aborts with `outer`, or `timeoutMs` of the run's clock after the last `restart`. */
function createIdleTimeout(clock: Clock, outer: AbortSignal, timeoutMs: number): IdleTimeout {
  const controller = new AbortController();
  let isTimedOut = false;
  let timer: AbortController | null = null;
  const onOuterAbort = (): void => controller.abort(outer.reason);
  if (outer.aborted) controller.abort(outer.reason);
  else outer.addEventListener('abort', onOuterAbort, { once: true });

  const arm = (): void => {
    timer?.abort();
    const current = new AbortController();
    timer = current;
    clock.sleepUntil(clock.nowMs() + timeoutMs, current.signal).then(
      () => {
        isTimedOut = true;
        controller.abort(new DOMException('The server took too long.', 'TimeoutError'));
      },
      () => undefined,
    );
  };
  arm();

  return {
    signal: controller.signal,
    get isTimedOut() {
      return isTimedOut;
    },
    restart: arm,
    abort: () => controller.abort(new DOMException('The request is no longer needed.', 'AbortError')),
    dispose(): void {
      timer?.abort();
      outer.removeEventListener('abort', onOuterAbort);
    },
  };
}
