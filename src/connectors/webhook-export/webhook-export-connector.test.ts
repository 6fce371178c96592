import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../contract/errors.ts';
import type { WebhookExportSettings } from '../../contract/model.ts';
import { addProfiles, createExportFixture, EXPORT_TEST_START_MS, finishRun, readLog, readRun, settle, startExportRun, type ExportFixture } from '../../worker/export/export-test-context.ts';
import { webhookExportConnector } from './webhook-export-connector.ts';

const URL_ = 'https://receiver.example.com/profiles';

function makeSettings(overrides: Partial<WebhookExportSettings> = {}): WebhookExportSettings {
  return {
    connector: 'webhook-export',
    url: URL_,
    headers: [{ name: 'Authorization', value: 'Bearer secret-token' }],
    batchSize: 2,
    exportAll: false,
    requiredConsent: null,
    ...overrides,
  };
}

const STATUS_TEXTS: Record<number, string> = { 200: 'OK', 400: 'Bad Request', 401: 'Unauthorized', 500: 'Internal Server Error' };

interface Received {
  body: { batchId: string; run: number; batch: number; profiles: { identifier: string }[] };
  headers: Headers;
}

/** Returns a fetch mock that responds to each POST with the next status of `statuses` (200 once they run out). */
function mockReceiver(statuses: (number | 'network-error')[] = []): Received[] {
  const received: Received[] = [];
  const queue = [...statuses];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (_url: string, init: RequestInit) => {
      if (init.method === 'HEAD') throw new TypeError('Failed to fetch');
      const next = queue.shift() ?? 200;
      if (next === 'network-error') throw new TypeError('Failed to fetch');
      received.push({ body: JSON.parse(String(init.body)), headers: new Headers(init.headers) });
      return new Response(null, { status: next, statusText: STATUS_TEXTS[next] ?? '' });
    }),
  );
  return received;
}

/** Runs the connector, moving the manual clock whenever it waits. */
async function runToEnd(fixture: ExportFixture, run: Promise<void>): Promise<unknown> {
  let outcome: { error: unknown } | null = null;
  const done = run.then(
    () => {
      outcome = { error: null };
    },
    (error: unknown) => {
      outcome = { error };
    },
  );
  while (outcome === null) {
    await settle(5);
    fixture.clock.advance(1_000);
  }
  await done;
  return (outcome as { error: unknown }).error;
}

beforeEach(() => {
  vi.unstubAllGlobals();
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('webhook export', () => {
  it('posts the profiles in batches with exact JSON', async () => {
    const fixture = await createExportFixture(makeSettings());
    await addProfiles(fixture, 'p', 5, EXPORT_TEST_START_MS);
    const received = mockReceiver();
    const { context, runId } = await startExportRun(fixture);
    expect(await runToEnd(fixture, webhookExportConnector.run(context))).toBeNull();

    expect(received.map((request) => request.body.profiles.length)).toEqual([2, 2, 1]);
    expect(received[0]?.body).toEqual({
      batchId: `${fixture.connection.id}:1:1`,
      run: 1,
      batch: 1,
      profiles: [
        { identifier: 'p-0000@example.com', properties: { email: 'p-0000@example.com' }, consent: {}, createdAt: '2026-03-05T10:00:00.000Z', updatedAt: '2026-03-05T10:00:00.000Z' },
        { identifier: 'p-0001@example.com', properties: { email: 'p-0001@example.com' }, consent: {}, createdAt: '2026-03-05T10:00:00.000Z', updatedAt: '2026-03-05T10:00:00.000Z' },
      ],
    });
    expect(received[0]?.headers.get('Authorization')).toBe('Bearer secret-token');
    expect(received[0]?.headers.get('Content-Type')).toBe('application/json');
    const run = await readRun(fixture, runId);
    expect(run.counters).toEqual({ checked: 5, added: 5, updated: 0, unchanged: 0, skipped: 0, failed: 0, blocked: 0 });
    expect(run.exportCursor).toEqual({ updatedAtMs: EXPORT_TEST_START_MS, key: 'p-0004@example.com', batches: 3 });
    expect((await readLog(fixture, runId)).join('\n')).not.toContain('secret-token');
  });

  it('sends only profiles changed since the last successful run started', async () => {
    const fixture = await createExportFixture(makeSettings());
    await addProfiles(fixture, 'old', 3, EXPORT_TEST_START_MS - 1);
    mockReceiver();
    const first = await startExportRun(fixture);
    await runToEnd(fixture, webhookExportConnector.run(first.context));
    await finishRun(fixture, first.runId);

    fixture.clock.setNow(EXPORT_TEST_START_MS + 60_000);
    const [changed] = await addProfiles(fixture, 'old', 1, EXPORT_TEST_START_MS + 60_000, { createdAtMs: EXPORT_TEST_START_MS - 1 });
    await addProfiles(fixture, 'new', 1, EXPORT_TEST_START_MS + 60_000);
    const received = mockReceiver();
    const second = await startExportRun(fixture);
    await runToEnd(fixture, webhookExportConnector.run(second.context));

    expect(received.flatMap((request) => request.body.profiles.map((profile) => profile.identifier))).toEqual(['new-0000@example.com', changed?.identifier]);
    expect((await readRun(fixture, second.runId)).counters).toEqual({ checked: 2, added: 1, updated: 1, unchanged: 0, skipped: 0, failed: 0, blocked: 0 });
  });

  it('sends every profile with "Export all", counting unchanged ones', async () => {
    const fixture = await createExportFixture(makeSettings({ exportAll: true }));
    await addProfiles(fixture, 'p', 3, EXPORT_TEST_START_MS - 1);
    mockReceiver();
    const first = await startExportRun(fixture);
    await runToEnd(fixture, webhookExportConnector.run(first.context));
    await finishRun(fixture, first.runId);
    fixture.clock.advance(60_000);
    const received = mockReceiver();
    const second = await startExportRun(fixture);
    await runToEnd(fixture, webhookExportConnector.run(second.context));
    expect(received.length).toBe(2);
    expect((await readRun(fixture, second.runId)).counters).toEqual({ checked: 3, added: 0, updated: 0, unchanged: 3, skipped: 0, failed: 0, blocked: 0 });
  });

  it('retries a 500 and delivers the batch once', async () => {
    const fixture = await createExportFixture(makeSettings());
    await addProfiles(fixture, 'p', 3, EXPORT_TEST_START_MS);
    const received = mockReceiver([500, 200, 200]);
    const { context, runId } = await startExportRun(fixture);
    expect(await runToEnd(fixture, webhookExportConnector.run(context))).toBeNull();
    expect(received.map((request) => request.body.batch)).toEqual([1, 1, 2]);
    expect((await readRun(fixture, runId)).counters.added).toBe(3);
    expect(await readLog(fixture, runId)).toContain('Batch 1: the receiver responded with HTTP 500 Internal Server Error. Retrying in 1 s (retry 1 of 3).');
  });

  it('fails a batch on a 400 without retrying, and goes on', async () => {
    const fixture = await createExportFixture(makeSettings());
    await addProfiles(fixture, 'p', 3, EXPORT_TEST_START_MS);
    const received = mockReceiver([400, 200]);
    const { context, runId } = await startExportRun(fixture);
    expect(await runToEnd(fixture, webhookExportConnector.run(context))).toBeNull();
    expect(received.map((request) => request.body.batch)).toEqual([1, 2]);
    expect((await readRun(fixture, runId)).counters).toEqual({ checked: 3, added: 1, updated: 0, unchanged: 0, skipped: 0, failed: 2, blocked: 0 });
    expect(await readLog(fixture, runId)).toContain('Batch 1 (2 profiles) was rejected with HTTP 400 Bad Request and not retried; its profiles count as Failed.');
  });

  it('stops after five rejected batches in a row', async () => {
    const fixture = await createExportFixture(makeSettings({ batchSize: 1 }));
    await addProfiles(fixture, 'p', 8, EXPORT_TEST_START_MS);
    const received = mockReceiver([401, 401, 401, 401, 401]);
    const { context, runId } = await startExportRun(fixture);
    const error = await runToEnd(fixture, webhookExportConnector.run(context));
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('remote-rejected');
    expect(received.length).toBe(5);
    expect((await readRun(fixture, runId)).counters.failed).toBe(5);
  });

  it('resumes a retried attempt after its last delivered batch', async () => {
    const fixture = await createExportFixture(makeSettings());
    await addProfiles(fixture, 'p', 5, EXPORT_TEST_START_MS);
    // Batch 1 is delivered; batch 2 meets a 500 on every one of its four tries.
    const received = mockReceiver([200, 500, 500, 500, 500]);
    const first = await startExportRun(fixture);
    const error = await runToEnd(fixture, webhookExportConnector.run(first.context));
    expect((error as AppError).code).toBe('remote-server-error');
    expect((error as AppError).message).toBe('Batch 2 could not be delivered in 4 tries: the receiver responded with HTTP 500 Internal Server Error.');
    expect((await readRun(fixture, first.runId)).counters.added).toBe(2);

    const second = await startExportRun(fixture, { runId: first.runId });
    expect(await runToEnd(fixture, webhookExportConnector.run(second.context))).toBeNull();
    const delivered = received.slice(5);
    expect(delivered.map((request) => request.body.batch)).toEqual([2, 3]);
    expect(delivered[0]?.body.profiles.map((profile) => profile.identifier)).toEqual(['p-0002@example.com', 'p-0003@example.com']);
    expect((await readRun(fixture, first.runId)).counters).toEqual({ checked: 5, added: 5, updated: 0, unchanged: 0, skipped: 0, failed: 0, blocked: 0 });
    expect(await readLog(fixture, first.runId)).toContain('Attempt 2 resumes after batch 1; the batches up to it were delivered.');
  });

  it('counts profiles without the required consent as Blocked and leaves them out', async () => {
    const fixture = await createExportFixture(makeSettings({ requiredConsent: 'email_marketing' }));
    await addProfiles(fixture, 'yes', 1, EXPORT_TEST_START_MS, { consent: { email_marketing: true } });
    await addProfiles(fixture, 'no', 2, EXPORT_TEST_START_MS, { consent: { email_marketing: false } });
    const received = mockReceiver();
    const { context, runId } = await startExportRun(fixture);
    await runToEnd(fixture, webhookExportConnector.run(context));
    expect(received.flatMap((request) => request.body.profiles.map((profile) => profile.identifier))).toEqual(['yes-0000@example.com']);
    expect((await readRun(fixture, runId)).counters).toEqual({ checked: 3, added: 1, updated: 0, unchanged: 0, skipped: 0, failed: 0, blocked: 2 });
  });

  it('tells an unreachable receiver from a CORS refusal', async () => {
    const fixture = await createExportFixture(makeSettings());
    await addProfiles(fixture, 'p', 1, EXPORT_TEST_START_MS);
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))));
    const unreachable = await runToEnd(fixture, webhookExportConnector.run((await startExportRun(fixture)).context));
    expect((unreachable as AppError).code).toBe('network-unreachable');

    // The no-cors probe gets an opaque response, so the server responded and CORS rejected the reading.
    vi.stubGlobal(
      'fetch',
      vi.fn(async (_url: string, init: RequestInit) => (init.mode === 'no-cors' ? new Response(null, { status: 200 }) : Promise.reject(new TypeError('Failed to fetch')))),
    );
    const cors = await runToEnd(fixture, webhookExportConnector.run((await startExportRun(fixture)).context));
    expect((cors as AppError).code).toBe('remote-cors');
    expect((cors as AppError).message).toContain('receiver.example.com responded, but its response does not let Runlane');
    expect((cors as AppError).message).toContain('Access-Control-Allow-Headers: Content-Type, Authorization');
  });

  it('sends nothing on a test run', async () => {
    const fixture = await createExportFixture(makeSettings());
    await addProfiles(fixture, 'p', 3, EXPORT_TEST_START_MS);
    const received = mockReceiver();
    const { context, runId } = await startExportRun(fixture, { trigger: 'test' });
    await runToEnd(fixture, webhookExportConnector.run(context));
    expect(received).toEqual([]);
    expect((await readRun(fixture, runId)).counters.checked).toBe(3);
    expect(await readLog(fixture, runId)).toContain('This test run sends nothing: 3 profiles would be read in 2 batches.');
  });

  it('reports invalid settings', () => {
    const problems = webhookExportConnector.validateSettings(makeSettings({ url: 'ftp://x', batchSize: 0, headers: [{ name: 'Content-Type', value: 'x' }] }));
    expect(problems.map((problem) => problem.message)).toEqual([
      'The URL starts with "ftp:": use an https:// (or http://) address.',
      'Request header "Content-Type" is set by the browser or by Runlane: remove it.',
      'Batch size is 0: use a whole number from 1 to 1,000.',
    ]);
  });
});
