import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { Connection, NotificationSettings } from '../../contract/model.ts';
import { loadRunLog } from '../../storage/queries.ts';
import { handleRunEnded } from './run-ended.ts';
import { addConnection, addEndedRun, makeDeps, scriptedFetch, settle, waitUntil, type SeenRequest } from './test-support.ts';
import { WEBHOOK_RETRY_WAITS_MS } from './webhook.ts';

const URL_WITH_TOKEN = 'https://hooks.example.com/runlane?token=query-secret';

type Webhook = NonNullable<NotificationSettings['webhook']>;

async function setup(reply: (request: SeenRequest) => number | 'network-error', webhook: Partial<Webhook> = {}, online = true) {
  const scripted = scriptedFetch(reply);
  const deps = makeDeps({ fetch: scripted.fetch, isOnline: () => online });
  const connection = await addConnection(deps, { when: 'every-run', webhook: { url: URL_WITH_TOKEN, headers: [], allowNoCorsFallback: false, ...webhook } });
  return { deps, connection, requests: scripted.requests };
}

async function failRun(deps: ReturnType<typeof makeDeps>, connection: Connection) {
  const run = await addEndedRun(deps, connection, { number: 1, state: 'failed' });
  const id = (await handleRunEnded(deps, run)) ?? -1;
  return { run, id };
}

async function webhookState(deps: ReturnType<typeof makeDeps>, id: number) {
  return (await deps.db.notifications.get(id))?.webhook;
}

async function logMessages(deps: ReturnType<typeof makeDeps>, runId: number): Promise<string[]> {
  return (await loadRunLog(deps.db, runId)).map((entry) => `[${entry.level}] ${entry.message}`);
}

describe('webhook delivery', () => {
  it('posts the JSON summary with the headers', async () => {
    const { deps, connection, requests } = await setup(() => 200, { headers: [{ name: 'Authorization', value: 'Bearer header-secret' }] });
    const { run, id } = await failRun(deps, connection);
    await waitUntil(async () => (await webhookState(deps, id))?.state === 'delivered');

    expect(requests).toHaveLength(1);
    expect(requests[0]?.method).toBe('POST');
    expect(requests[0]?.mode).toBe('cors');
    expect(requests[0]?.headers).toEqual({ authorization: 'Bearer header-secret', 'content-type': 'application/json' });
    const body = JSON.parse(requests[0]?.body ?? '{}') as Record<string, unknown>;
    expect(body.eventId).toMatch(/^[0-9a-f-]{36}$/);
    expect(body.kind).toBe('run');
    expect(body.connectionId).toBe(connection.id);
    expect(body.state).toBe('failed');
    expect(await logMessages(deps, run.id)).toEqual(['[info] Webhook delivered to https://hooks.example.com/runlane (HTTP 200) on attempt 1.']);
  });

  it('retries after growing waits on the clock', async () => {
    let calls = 0;
    const { deps, connection, requests } = await setup(() => (++calls < 3 ? 503 : 200));
    const { run, id } = await failRun(deps, connection);
    await waitUntil(async () => (await webhookState(deps, id))?.attempts === 1);
    expect((await webhookState(deps, id))?.nextAttemptAtMs).toBe(deps.clock.nowMs() + WEBHOOK_RETRY_WAITS_MS[0]!);

    deps.clock.advance(WEBHOOK_RETRY_WAITS_MS[0]! - 1);
    await settle();
    expect(requests).toHaveLength(1);
    deps.clock.advance(1);
    await waitUntil(async () => (await webhookState(deps, id))?.attempts === 2);
    deps.clock.advance(WEBHOOK_RETRY_WAITS_MS[1]!);
    await waitUntil(async () => (await webhookState(deps, id))?.state === 'delivered');

    expect(requests).toHaveLength(3);
    // Every attempt sends the same summary, with the same eventId.
    expect(new Set(requests.map((request) => request.body)).size).toBe(1);
    expect(await logMessages(deps, run.id)).toEqual([
      '[warn] Webhook to https://hooks.example.com/runlane failed on attempt 1: the receiver answered HTTP 503. Retrying in 30 s.',
      '[warn] Webhook to https://hooks.example.com/runlane failed on attempt 2: the receiver answered HTTP 503. Retrying in 2 min.',
      '[info] Webhook delivered to https://hooks.example.com/runlane (HTTP 200) on attempt 3.',
    ]);
  });

  it('gives up after the last wait', async () => {
    const { deps, connection, requests } = await setup(() => 'network-error');
    const { run, id } = await failRun(deps, connection);
    for (const waitMs of WEBHOOK_RETRY_WAITS_MS) {
      const before = requests.length;
      await waitUntil(async () => (await webhookState(deps, id))?.nextAttemptAtMs !== null && requests.length > before);
      deps.clock.advance(waitMs);
    }
    await waitUntil(async () => (await webhookState(deps, id))?.state === 'failed');
    // Each attempt is a POST and a HEAD request without CORS that finds the receiver unreachable.
    expect(requests.filter((request) => request.method === 'POST')).toHaveLength(4);
    const log = await logMessages(deps, run.id);
    expect(log.at(-1)).toBe(
      '[warn] Webhook to https://hooks.example.com/runlane failed on attempt 4: the receiver could not be reached (connection refused, unknown host, or the request was blocked). No attempts are left.',
    );
  });

  it('does not retry a receiver that refuses CORS', async () => {
    const { deps, connection, requests } = await setup((request) => (request.mode === 'cors' ? 'network-error' : 200));
    const { run, id } = await failRun(deps, connection);
    await waitUntil(async () => (await webhookState(deps, id))?.state === 'failed');
    deps.clock.advance(3_600_000);
    await settle();

    expect(requests.map((request) => `${request.method} ${request.mode}`)).toEqual(['POST cors', 'HEAD no-cors']);
    expect((await webhookState(deps, id))?.lastError).toMatch(/^the receiver refused the browser's CORS check .*A webhook without headers can be sent without CORS/);
    expect((await logMessages(deps, run.id))[0]).toMatch(/failed on attempt 1: the receiver refused the browser's CORS check .* It is not retried\. A webhook without headers/);
  });

  it('sends without CORS once when the fallback is allowed', async () => {
    const { deps, connection, requests } = await setup((request) => (request.mode === 'cors' ? 'network-error' : 200), { allowNoCorsFallback: true });
    const { run, id } = await failRun(deps, connection);
    await waitUntil(async () => (await webhookState(deps, id))?.state === 'sent-unreadable');
    deps.clock.advance(3_600_000);
    await settle();

    expect(requests.map((request) => `${request.method} ${request.mode}`)).toEqual(['POST cors', 'HEAD no-cors', 'POST no-cors']);
    expect(requests[2]?.headers).toEqual({});
    expect(requests[2]?.body).toBe(requests[0]?.body);
    expect(await logMessages(deps, run.id)).toEqual([
      '[info] Webhook sent to https://hooks.example.com/runlane without CORS, because the receiver refused CORS and sending without CORS is allowed: sent, response unreadable. It arrived as text/plain without headers and is not retried.',
    ]);
  });

  it('waits and retries while the browser is offline', async () => {
    const { deps, connection, requests } = await setup(() => 'network-error', {}, false);
    const { id } = await failRun(deps, connection);
    await waitUntil(async () => (await webhookState(deps, id))?.attempts === 1);
    expect((await webhookState(deps, id))?.lastError).toBe('the browser is offline');
    expect((await webhookState(deps, id))?.state).toBe('pending');
    expect(requests.map((request) => request.method)).toEqual(['POST']);
  });

  it('does not retry a 4xx answer', async () => {
    const { deps, connection } = await setup(() => 404);
    const { id } = await failRun(deps, connection);
    await waitUntil(async () => (await webhookState(deps, id))?.state === 'failed');
    expect((await webhookState(deps, id))?.lastStatus).toBe(404);
  });

  it('never writes header values or the query to the log', async () => {
    const { deps, connection } = await setup(() => 500, { headers: [{ name: 'X-Api-Key', value: 'header-secret' }] });
    const { run } = await failRun(deps, connection);
    await waitUntil(async () => (await logMessages(deps, run.id)).length === 1);
    const text = (await logMessages(deps, run.id)).join('\n');
    expect(text).not.toContain('header-secret');
    expect(text).not.toContain('query-secret');
  });
});
