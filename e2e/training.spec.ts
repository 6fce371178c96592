import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ConnectionInput } from '../src/contract/worker-api.ts';
import { createConnection, expect, goToScreen, openApp, test } from './fixtures.ts';
import { ConnectionPage } from './pages/connection-page.ts';
import { readStore, readTrainingNowMs } from './support/training.ts';

test.use({ timezoneId: 'Europe/Amsterdam', locale: 'en-GB' });

const HOUR_MS = 3_600_000;

/** Starts an HTTP server on 127.0.0.1 that responds to every request and counts what it received. */
async function startReceiver(): Promise<{ server: Server; url: string; requests: string[] }> {
  const requests: string[] = [];
  const server = createServer((request, response) => {
    requests.push(`${request.method} ${request.url}`);
    response.writeHead(200, { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Headers': '*', 'Content-Type': 'text/plain' });
    response.end('ok');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}`, requests };
}

interface StoredRun {
  connectionId: string;
  number: number;
  trigger: string;
  state: string;
  dueAtMs: number | null;
}

interface StoredConnection {
  id: string;
  name: string;
  enabled: boolean;
  scheduleMarkMs: number | null;
  nextRunNumber: number;
}

function realtimeWebhook(url: string): ConnectionInput {
  return {
    name: 'Live changes webhook',
    description: '',
    settings: { connector: 'webhook-realtime', url: `${url}/changes`, headers: [], batchSize: 100, requiredConsent: null },
    schedule: null,
  };
}

function webhookExport(url: string): ConnectionInput {
  return {
    name: 'Partner webhook export',
    description: '',
    settings: { connector: 'webhook-export', url: `${url}/profiles`, headers: [], batchSize: 100, exportAll: true, requiredConsent: null },
    schedule: null,
  };
}

test('training mode runs a day of schedules in seconds and touches nothing real', async ({ page }) => {
  test.setTimeout(120_000);
  const receiver = await startReceiver();
  try {
    // The real database: the demo connection (4 times a day, switched ON, its first run done) and a webhook
    // export to the receiver, OFF.
    await openApp(page, { demo: true });
    const connectionPage = new ConnectionPage(page);
    await expect.poll(async () => (await readStore<StoredRun>(page, 'runlane', 'runs')).filter((run) => run.state === 'finished').length, { timeout: 30_000 }).toBe(1);
    const realConnections = await readStore<StoredConnection>(page, 'runlane', 'connections');
    const demo = realConnections.find((connection) => connection.name === 'Demo CRM import');
    if (!demo) throw new Error('The demo connection was not seeded.');
    const webhook = await createConnection(page, webhookExport(receiver.url), false);
    const realtime = await createConnection(page, realtimeWebhook(receiver.url), false);
    const realRunsBefore = await readStore<StoredRun>(page, 'runlane', 'runs');
    const realProfileCount = (await readStore<unknown>(page, 'runlane', 'profiles')).length;
    const realDemoBefore = (await readStore<StoredConnection>(page, 'runlane', 'connections')).find((connection) => connection.id === demo.id);

    // Enter training mode at ×60 to set things up.
    await goToScreen(page, '/training');
    await page.getByRole('radio', { name: /^×60:/ }).check();
    await page.getByRole('button', { name: 'Enter training mode' }).click();
    const banner = page.getByRole('region', { name: 'Training mode', exact: true });
    await expect(banner).toBeVisible();
    await expect(banner).toContainText('Training mode');
    await expect(banner).toContainText('×60');
    const session = (await readStore<{ key: string; value: { startedAtMs: number } }>(page, 'runlane-training', 'meta')).find((row) => row.key === 'training-session');
    const startedAtMs = session?.value.startedAtMs ?? 0;
    await expect(page.getByText('Partner webhook export: The demo ad platform receives the profiles instead of')).toBeVisible();

    // In training, switch the webhook export ON: its first run delivers to the demo ad platform.
    await goToScreen(page, `/connections/${webhook.id}`);
    await expect(page.getByRole('heading', { name: 'Partner webhook export' })).toBeVisible();
    await page.getByRole('switch').check();
    await expect(connectionPage.runRow(1)).toContainText('Finished');
    // And the real-time webhook: each change to a profile in training is recorded instead of sent.
    await goToScreen(page, `/connections/${realtime.id}`);
    await expect(page.getByRole('heading', { name: 'Live changes webhook' })).toBeVisible();
    await page.getByRole('switch').check();

    // ×3600: a training day takes 24 s.
    await goToScreen(page, '/training');
    await page.getByRole('group', { name: 'Speed' }).getByRole('button', { name: '×3,600' }).click();
    await expect(banner).toContainText('×3,600');

    // One training day and an hour, then pause: the demo connection ran at its 4 due times.
    await expect.poll(() => readTrainingNowMs(page), { timeout: 60_000, intervals: [200] }).toBeGreaterThan(startedAtMs + 25 * HOUR_MS);
    await goToScreen(page, '/training');
    await page.getByRole('button', { name: 'Pause' }).click();
    await expect(page.getByRole('button', { name: 'Resume' })).toBeVisible();
    const pausedAtMs = await readTrainingNowMs(page);
    expect(pausedAtMs).toBeLessThan(startedAtMs + 30 * HOUR_MS);
    const trainingRuns = await readStore<StoredRun>(page, 'runlane-training', 'runs');
    const demoRuns = trainingRuns.filter((run) => run.connectionId === demo.id);
    expect(demoRuns.map((run) => run.trigger)).toEqual(['schedule', 'schedule', 'schedule', 'schedule']);
    expect(demoRuns.map((run) => run.state)).toEqual(['finished', 'finished', 'finished', 'finished']);
    expect(await readStore<unknown>(page, 'runlane-training', 'missedRuns')).toEqual([]);
    await goToScreen(page, `/connections/${demo.id}`);
    await expect(connectionPage.runRow(4)).toBeVisible();
    await expect(connectionPage.runRow(5)).toHaveCount(0);
    await expect(banner).toContainText('paused');
    await goToScreen(page, '/training');
    await expect(page.getByTestId('training-deliveries-count')).toContainText('requests recorded');
    await expect(page.getByRole('table', { name: 'Recorded requests' })).toContainText(`POST ${receiver.url}/changes`);

    // Leave training mode: the real database is as it was, and the receiver got nothing.
    await banner.getByRole('button', { name: 'Leave training mode' }).click();
    await expect(page.getByRole('heading', { name: 'Training mode', level: 1 })).toBeVisible();
    await expect(banner).toHaveCount(0);
    expect(await readStore<StoredRun>(page, 'runlane', 'runs')).toEqual(realRunsBefore);
    expect((await readStore<unknown>(page, 'runlane', 'profiles')).length).toBe(realProfileCount);
    const realDemoAfter = (await readStore<StoredConnection>(page, 'runlane', 'connections')).find((connection) => connection.id === demo.id);
    expect(realDemoAfter).toEqual(realDemoBefore);
    expect(receiver.requests).toEqual([]);
  } finally {
    await new Promise((resolve) => receiver.server.close(resolve));
  }
});
