import { describe, expect, it } from 'vitest';
import { AppError } from '../../contract/errors.ts';
import { ManualClock } from '../../domain/clock.ts';
import { downloadFile, RESPONSE_TIMEOUT_MS, type HttpEnvironment } from './fetch-file.ts';

const URL_TEXT = 'http://127.0.0.1:9/customers.csv';

interface FakeEnvironment extends HttpEnvironment {
  calls: { url: string; init: RequestInit }[];
  online: boolean;
}

/** Builds an environment whose fetch responds to CORS requests with `cors` and to no-cors probes with `probe`. */
function fakeEnvironment(cors: (init: RequestInit) => Promise<Response>, probe: () => Promise<Response> = () => Promise.reject(new TypeError('Failed to fetch'))): FakeEnvironment {
  const env: FakeEnvironment = {
    calls: [],
    online: true,
    appOrigin: 'http://127.0.0.1:4173',
    isOnline: () => env.online,
    fetch: (url, init) => {
      env.calls.push({ url, init });
      return init.mode === 'no-cors' ? probe() : cors(init);
    },
  };
  return env;
}

async function download(env: HttpEnvironment, options: { headers?: { name: string; value: string }[]; clock?: ManualClock; signal?: AbortSignal } = {}) {
  return downloadFile(
    { url: URL_TEXT, headers: options.headers ?? [], signal: options.signal ?? new AbortController().signal, clock: options.clock ?? new ManualClock(0) },
    env,
  );
}

async function failureOf(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('downloadFile failures', () => {
  it('reports offline without a request', async () => {
    const env = fakeEnvironment(() => Promise.resolve(new Response('x')));
    env.online = false;
    const error = await failureOf(download(env));
    expect(error.code).toBe('offline');
    expect(env.calls).toHaveLength(0);
  });

  it('reports offline when the browser went offline during the request', async () => {
    const env = fakeEnvironment(() => {
      env.online = false;
      return Promise.reject(new TypeError('Failed to fetch'));
    });
    expect((await failureOf(download(env))).code).toBe('offline');
  });

  it('reports a CORS refusal when the no-cors probe gets an answer', async () => {
    const env = fakeEnvironment(
      () => Promise.reject(new TypeError('Failed to fetch')),
      () => Promise.resolve(new Response(null, { status: 200 })),
    );
    const error = await failureOf(download(env, { headers: [{ name: 'Authorization', value: 'Bearer secret' }] }));
    expect(error.code).toBe('remote-cors');
    expect(error.message).toContain('blocked the response because of CORS');
    expect(error.message).toContain('Access-Control-Allow-Origin: http://127.0.0.1:4173');
    expect(error.message).toContain('Access-Control-Allow-Headers: Authorization');
    expect(error.message).not.toContain('secret');
    expect(env.calls[1].init.mode).toBe('no-cors');
    expect(env.calls[1].init.headers).toBeUndefined();
  });

  it('reports an unreachable host when the probe fails too', async () => {
    const env = fakeEnvironment(() => Promise.reject(new TypeError('Failed to fetch')));
    const error = await failureOf(download(env));
    expect(error.code).toBe('network-unreachable');
    expect(error.message).toBe('Could not reach 127.0.0.1:9: nothing answered at that address. The server may be down, or the address may be wrong.');
  });

  it('reports HTTP 5xx as a server error and 4xx as a rejection', async () => {
    const server = await failureOf(download(fakeEnvironment(() => Promise.resolve(new Response('', { status: 503, statusText: 'Service Unavailable' })))));
    expect(server.code).toBe('remote-server-error');
    expect(server.message).toBe('The server at 127.0.0.1:9 responded with HTTP 503 Service Unavailable, an error on its side.');
    const rejected = await failureOf(download(fakeEnvironment(() => Promise.resolve(new Response('', { status: 401, statusText: 'Unauthorized' })))));
    expect(rejected.code).toBe('remote-rejected');
    expect(rejected.message).toBe('The server at 127.0.0.1:9 responded with HTTP 401 Unauthorized. Check the request headers, for example the Authorization value.');
  });

  it('times out on the run clock while waiting for the answer', async () => {
    const clock = new ManualClock(0);
    const env = fakeEnvironment(
      (init) =>
        new Promise((_resolve, reject) => {
          init.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
        }),
    );
    const pending = failureOf(download(env, { clock }));
    await Promise.resolve();
    clock.advance(RESPONSE_TIMEOUT_MS);
    const error = await pending;
    expect(error.code).toBe('remote-timeout');
    expect(error.message).toBe('The server at 127.0.0.1:9 took longer than 30 s to respond.');
  });

  it('rejects with the stop reason when the run is stopped', async () => {
    const controller = new AbortController();
    const env = fakeEnvironment(
      (init) =>
        new Promise((_resolve, reject) => {
          init.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
        }),
    );
    const pending = download(env, { signal: controller.signal });
    controller.abort(new Error('Stopped by the user.'));
    await expect(pending).rejects.toThrow('Stopped by the user.');
    expect(env.calls).toHaveLength(1);
  });

  it('rejects an http address from an https app before any request', async () => {
    const env = fakeEnvironment(() => Promise.resolve(new Response('x')));
    env.appOrigin = 'https://runlane.example';
    const error = await failureOf(
      downloadFile({ url: 'http://files.example.com/a.csv', headers: [], signal: new AbortController().signal, clock: new ManualClock(0) }, env),
    );
    expect(error.code).toBe('invalid-input');
    expect(error.message).toContain('(mixed content)');
    expect(env.calls).toHaveLength(0);
  });

  it('rejects an invalid header before any request', async () => {
    const env = fakeEnvironment(() => Promise.resolve(new Response('x')));
    const error = await failureOf(download(env, { headers: [{ name: 'Bad Name', value: 'x' }] }));
    expect(error.code).toBe('invalid-input');
    expect(env.calls).toHaveLength(0);
  });
});

describe('downloadFile success', () => {
  it('sends the headers and reads the body in parts', async () => {
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('email\n'));
        controller.enqueue(new TextEncoder().encode('a@x.org\n'));
        controller.close();
      },
    });
    const env = fakeEnvironment(() => Promise.resolve(new Response(body, { headers: { 'content-type': 'text/csv' } })));
    const result = await download(env, { headers: [{ name: 'Authorization', value: 'Bearer s3cret' }] });
    expect(await result.blob.text()).toBe('email\na@x.org\n');
    expect(result.contentType).toBe('text/csv');
    expect(result.isComplete).toBe(true);
    expect(env.calls[0].init.headers).toEqual([['Authorization', 'Bearer s3cret']]);
    expect(env.calls[0].init.credentials).toBe('omit');
  });

  it('stops after maxBytes for a preview', async () => {
    const env = fakeEnvironment(() => Promise.resolve(new Response('0123456789')));
    const result = await downloadFile({ url: URL_TEXT, headers: [], signal: new AbortController().signal, clock: new ManualClock(0), maxBytes: 4 }, env);
    expect(await result.blob.text()).toBe('0123');
    expect(result.isComplete).toBe(false);
  });
});
