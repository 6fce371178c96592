import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import type { Connection } from '../src/contract/model.ts';
import { advanceClock, createConnection, expect, goToScreen, openApp, test } from './fixtures.ts';
import { ConnectionPage } from './pages/connection-page.ts';
import { NotificationCenter, NotificationSettings, shownNotifications } from './pages/notifications.ts';

test.use({ timezoneId: 'Europe/Amsterdam', locale: 'en-GB' });

const START = '2026-03-05T10:00:00Z';
const FAILURES = 'Only when a run fails, and once when the connection recovers';

interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A webhook receiver on 127.0.0.1 that records every request; with `cors` it allows any origin. */
interface Receiver {
  url: string;
  requests: ReceivedRequest[];
  posts(): ReceivedRequest[];
  close(): Promise<void>;
}

async function startReceiver(cors: boolean): Promise<Receiver> {
  const requests: ReceivedRequest[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      requests.push({ method: request.method ?? '', path: request.url ?? '', headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      if (cors) {
        response.setHeader('Access-Control-Allow-Origin', '*');
        response.setHeader('Access-Control-Allow-Methods', 'POST');
        response.setHeader('Access-Control-Allow-Headers', 'content-type, x-runlane-token');
      }
      response.statusCode = request.method === 'OPTIONS' ? 204 : 200;
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/runlane`,
    requests,
    posts: () => requests.filter((request) => request.method === 'POST'),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function appOrigin(page: Page): string {
  return new URL(page.url()).origin;
}

async function openWithServiceWorker(page: Page): Promise<void> {
  await page.context().grantPermissions(['notifications']);
  await openApp(page, { clock: START });
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
}

function failingConnection(page: Page, name: string): Promise<Connection> {
  return createConnection(page, { name, description: '', settings: { connector: 'test-fail', message: 'The CRM refused the login.', warnings: 1 }, schedule: null }, false);
}

function succeedingConnection(page: Page, name: string): Promise<Connection> {
  return createConnection(page, { name, description: '', settings: { connector: 'test-steps', steps: 1, stepMs: 0, rowsPerStep: 1 }, schedule: null }, false);
}

async function readRunLog(page: Page, connection: ConnectionPage, runNumber: number): Promise<string> {
  await connection.runRow(runNumber).hover();
  const downloadPromise = page.waitForEvent('download');
  await connection.runRow(runNumber).getByRole('button', { name: `Download log of run ${runNumber}` }).click();
  return readFile(await (await downloadPromise).path(), 'utf8');
}

test('failing run shows a notification and a ready email', async ({ page }) => {
  await openWithServiceWorker(page);
  const created = await failingConnection(page, 'Nightly CRM import');
  await goToScreen(page, `/connections/${created.id}`);
  const settings = new NotificationSettings(page);
  await settings.expectSummary('Off: nobody is told about runs.');
  await settings.open();
  await settings.setWhen(FAILURES);
  await settings.setBrowser(true);
  await expect(settings.section.getByText('This browser may show notifications from Runlane.')).toBeVisible();
  await settings.setEmails('ops@example.com, crm.team+alerts@example.org');
  await settings.save();
  await settings.expectSummary(`${FAILURES}: the notification center, a browser notification, an email to ops@example.com, crm.team+alerts@example.org.`);

  const connection = new ConnectionPage(page);
  await connection.runNow();
  await expect(connection.runRow(1)).toContainText('Failed');

  const counters = 'Counters: Checked 0 · Added 0 · Updated 0 · Unchanged 0 · Skipped 0 · Failed 0 · Blocked by consent 0';
  await expect.poll(() => shownNotifications(page)).toEqual([{ title: '✖ Nightly CRM import — run #1 failed', body: `Reason: The CRM refused the login.\n${counters}` }]);

  const center = new NotificationCenter(page);
  await expect(center.button).toHaveText('Notifications 1 unread');
  await center.open();
  const item = center.item('✖ Nightly CRM import — run #1 failed');
  await expect(item).toContainText('Browser notification: shown');
  await expect(item).toContainText('Email: ready to send');
  const emailLink = item.getByTestId('notification-email-link');
  const encodedCounters = 'Counters%3A%20Checked%200%20%C2%B7%20Added%200%20%C2%B7%20Updated%200%20%C2%B7%20Unchanged%200%20%C2%B7%20Skipped%200%20%C2%B7%20Failed%200%20%C2%B7%20Blocked%20by%20consent%200';
  const encodedLink = encodeURIComponent(`${appOrigin(page)}/#/connections/${created.id}`);
  await expect(emailLink).toHaveAttribute(
    'href',
    'mailto:ops@example.com,crm.team%2Balerts@example.org' +
      '?subject=%E2%9C%96%20Nightly%20CRM%20import%20%E2%80%94%20run%20%231%20failed' +
      '&body=Run%20%231%20of%20%22Nightly%20CRM%20import%22%20failed.%0D%0A' +
      'Reason%3A%20The%20CRM%20refused%20the%20login.%0D%0A%0D%0A' +
      'Started%3A%205%20Mar%202026%2C%2011%3A00%20(Europe%2FAmsterdam)%0D%0A' +
      'Run%20time%3A%200%20s%0D%0A' +
      `${encodedCounters}%0D%0A%0D%0A` +
      'First%20errors%20and%20warnings%20in%20the%20log%3A%0D%0A' +
      '-%20Warning%3A%20Test%20warning%201%20of%201.%0D%0A' +
      '-%20Error%3A%20Run%20failed%3A%20The%20CRM%20refused%20the%20login.%0D%0A%0D%0A' +
      `Full%20log%20in%20Runlane%3A%20${encodedLink}`,
  );
  expect(encodedLink).toBe(`http%3A%2F%2F127.0.0.1%3A${new URL(page.url()).port}%2F%23%2Fconnections%2F${created.id}`);

  await emailLink.click();
  await expect(item).toContainText('Email: opened in the mail program on 5 Mar 2026, 11:00');
  await expect(emailLink).toHaveText('Open email again to ops@example.com, crm.team+alerts@example.org');
  await expect(center.button).toHaveText('Notifications 0 unread');
});

test('webhook receiver gets the run summary as JSON', async ({ page }) => {
  const receiver = await startReceiver(true);
  try {
    await openWithServiceWorker(page);
    const created = await succeedingConnection(page, 'Webhook import');
    await goToScreen(page, `/connections/${created.id}`);
    const settings = new NotificationSettings(page);
    await settings.open();
    await settings.setWhen('After every run');
    await settings.setWebhook(receiver.url, [{ name: 'X-Runlane-Token', value: 'token-123' }]);
    await expect(settings.section.getByLabel('Header value (secret)')).toHaveAttribute('type', 'password');
    await settings.save();

    const connection = new ConnectionPage(page);
    await connection.runNow();
    await expect(connection.runRow(1)).toContainText('Finished');
    await expect.poll(() => receiver.posts().length).toBe(1);

    const [post] = receiver.posts();
    expect(post?.path).toBe('/hooks/runlane');
    expect(post?.headers['content-type']).toBe('application/json');
    expect(post?.headers['x-runlane-token']).toBe('token-123');
    expect(JSON.parse(post?.body ?? '')).toEqual({
      eventId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      kind: 'run',
      connectionId: created.id,
      connectionName: 'Webhook import',
      link: `${appOrigin(page)}/#/connections/${created.id}`,
      runNumber: 1,
      state: 'finished',
      outcome: 'success',
      startedAt: '2026-03-05T10:00:00.000Z',
      endedAt: '2026-03-05T10:00:00.000Z',
      runTimeMs: 0,
      counters: { checked: 1, added: 1, updated: 0, unchanged: 0, skipped: 0, failed: 0, blocked: 0 },
      warningCount: 0,
      errorMessage: null,
      firstErrors: [],
    });

    const center = new NotificationCenter(page);
    await center.open();
    await expect(center.item('✔ Webhook import — run #1 finished')).toContainText('Webhook: delivered (HTTP 200)');
    await center.panel.getByRole('button', { name: 'Close' }).click();
    const log = await readRunLog(page, connection, 1);
    expect(log).toContain(`[info] Webhook delivered to ${receiver.url} (HTTP 200) on attempt 1.`);
    expect(log).not.toContain('token-123');
  } finally {
    await receiver.close();
  }
});

test('receiver without CORS gets the summary only through the fallback', async ({ page }) => {
  const receiver = await startReceiver(false);
  try {
    await openWithServiceWorker(page);
    const created = await failingConnection(page, 'Plain receiver import');
    await goToScreen(page, `/connections/${created.id}`);
    const settings = new NotificationSettings(page);
    await settings.open();
    await settings.setWhen(FAILURES);
    await settings.setWebhook(receiver.url);
    await settings.save();

    const connection = new ConnectionPage(page);
    await connection.runNow();
    await expect(connection.runRow(1)).toContainText('Failed');
    const center = new NotificationCenter(page);
    await center.open();
    const first = center.item('✖ Plain receiver import — run #1 failed');
    await expect(first).toContainText("Webhook: failed after 1 attempt: the receiver refused the browser's CORS check");
    await expect(first).toContainText('A webhook without headers can be sent without CORS if you allow it in the notification settings.');
    expect(receiver.posts()).toEqual([]);
    await center.panel.getByRole('button', { name: 'Close' }).click();

    await settings.open();
    await settings.setNoCorsFallback(true);
    await settings.save();
    await connection.runNow();
    await expect(connection.runRow(2)).toContainText('Failed');
    await expect.poll(() => receiver.posts().length).toBe(1);
    // Later retries would come after these waits; a request sent without CORS is never retried.
    await advanceClock(page, 60 * 60_000);
    await center.open();
    await expect(center.item('✖ Plain receiver import — run #2 failed')).toContainText('Webhook: sent without CORS, response unreadable');
    expect(receiver.posts()).toHaveLength(1);

    const [post] = receiver.posts();
    expect(post?.headers['content-type']).toBe('text/plain;charset=UTF-8');
    expect(JSON.parse(post?.body ?? '')).toMatchObject({ kind: 'run', connectionId: created.id, runNumber: 2, state: 'failed', outcome: 'failure', errorMessage: 'The CRM refused the login.' });
    await center.panel.getByRole('button', { name: 'Close' }).click();
    const log = await readRunLog(page, connection, 2);
    expect(log).toContain(
      `[info] Webhook sent to ${receiver.url} without CORS, because the receiver refused CORS and sending without CORS is allowed: sent, response unreadable. It arrived as text/plain without headers and is not retried.`,
    );
  } finally {
    await receiver.close();
  }
});

test('only one tab shows a notification', async ({ page, context }) => {
  // Counts every notification a page shows, in each tab.
  await context.addInitScript(() => {
    const original = ServiceWorkerRegistration.prototype.showNotification;
    ServiceWorkerRegistration.prototype.showNotification = function (this: ServiceWorkerRegistration, title: string, options?: NotificationOptions) {
      const counter = window as unknown as { shownCount?: number };
      counter.shownCount = (counter.shownCount ?? 0) + 1;
      return original.call(this, title, options);
    };
  });
  await openWithServiceWorker(page);
  const second = await context.newPage();
  await openApp(second, {});
  await expect(second.getByText('Schedules run in another tab')).toBeVisible();
  const created = await failingConnection(page, 'Two tabs import');
  await goToScreen(second, `/connections/${created.id}`);
  const settings = new NotificationSettings(second);
  await settings.open();
  await settings.setWhen(FAILURES);
  await settings.setBrowser(true);
  await settings.save();
  await new ConnectionPage(second).runNow();

  await expect.poll(() => shownNotifications(page)).toHaveLength(1);
  const counts = await Promise.all([page, second].map((tab) => tab.evaluate(() => (window as unknown as { shownCount?: number }).shownCount ?? 0)));
  expect(counts).toEqual([1, 0]);
});

test('invalid recipients and webhook URL show messages on their fields', async ({ page }) => {
  await openApp(page, { clock: START });
  const created = await failingConnection(page, 'Checked import');
  await goToScreen(page, `/connections/${created.id}`);
  const settings = new NotificationSettings(page);
  await settings.open();
  await settings.setWhen('After every run');
  await settings.setEmails('ops@example.com, ops@example');
  await settings.setWebhook('ftp://hooks.example.com/runlane');
  await settings.save();

  const emails = settings.section.getByLabel('Email recipients');
  await expect(emails).toHaveAttribute('aria-invalid', 'true');
  await expect(emails).toHaveAccessibleDescription(/^"ops@example" is not a valid email address: write each as name@example.com, separated by commas\./);
  await expect(emails).toBeFocused();
  const url = settings.section.getByLabel('Webhook URL');
  await expect(url).toHaveAttribute('aria-invalid', 'true');
  await expect(url).toHaveAccessibleDescription(/^The webhook URL uses ftp; only http and https are supported\./);
  await expect(settings.section.getByRole('alert')).toHaveText('2 settings need a change before they can be saved; see the messages above.');

  await settings.setEmails('ops@example.com');
  await settings.section.getByLabel('Webhook URL').fill('https://hooks.example.com/runlane');
  await settings.save();
  await settings.expectSummary('After every run: the notification center, an email to ops@example.com, a webhook to hooks.example.com.');
});

test('blocked permission is explained in the settings', async ({ page }) => {
  await openApp(page, { clock: START });
  await page.evaluate(() => {
    Object.defineProperty(Notification, 'permission', { get: () => 'denied' });
  });
  const created = await failingConnection(page, 'Blocked import');
  await goToScreen(page, `/connections/${created.id}`);
  const settings = new NotificationSettings(page);
  await settings.open();
  await settings.setWhen(FAILURES);
  await settings.setBrowser(true);
  await expect(settings.section.getByRole('status')).toHaveText(
    'Notifications are blocked for this site. To allow them, open the site settings (the icon left of the address), set Notifications to Allow, then reload the page.',
  );
});

test('runs interrupted by a reload make one start summary', async ({ page }) => {
  await openWithServiceWorker(page);
  const hanging = await createConnection(page, { name: 'Hanging import', description: '', settings: { connector: 'test-hang', mode: 'promise' }, schedule: null }, false);
  await goToScreen(page, `/connections/${hanging.id}`);
  const settings = new NotificationSettings(page);
  await settings.open();
  await settings.setWhen(FAILURES);
  await settings.setBrowser(true);
  await settings.save();
  const connection = new ConnectionPage(page);
  await connection.runNow();
  await expect(connection.runRow(1)).toContainText('Running');

  await page.reload();
  await expect(connection.runRow(1)).toContainText('Interrupted');
  const subject = '✖ Hanging import — found at start: 1 run interrupted';
  await expect.poll(() => shownNotifications(page)).toEqual([{ title: subject, body: 'Found at start: 1 run interrupted.' }]);
  const center = new NotificationCenter(page);
  await center.open();
  await expect(center.items).toHaveCount(1);
  await expect(center.item(subject)).toContainText('Found at start · Hanging import');

  await center.item(subject).getByRole('button', { name: 'Mark as read' }).click();
  await expect(center.button).toHaveText('Notifications 0 unread');
  await expect(center.item(subject)).not.toContainText('Unread');
  page.once('dialog', (dialog) => void dialog.accept());
  await center.panel.getByRole('button', { name: 'Clear all' }).click();
  await expect(center.items).toHaveCount(0);
  await expect(center.panel.getByText(/^No notifications\./)).toBeVisible();
});

test('daily digest replaces the messages of each run', async ({ page }) => {
  await openApp(page, { clock: START });
  const created = await succeedingConnection(page, 'Frequent import');
  await goToScreen(page, `/connections/${created.id}`);
  const settings = new NotificationSettings(page);
  await settings.open();
  await settings.setWhen('After every run');
  await settings.setEmails('ops@example.com');
  await settings.section.getByRole('checkbox', { name: 'Send one daily digest instead of one message per run' }).check();
  await settings.section.getByLabel('Digest time').fill('08:00');
  await settings.save();
  await settings.expectSummary('One daily digest at 08:00: the notification center, an email to ops@example.com.');
  // The digest covers runs that end after it was turned on.
  await advanceClock(page, 60_000);

  const connection = new ConnectionPage(page);
  await connection.runNow();
  await expect(connection.runRow(1)).toContainText('Finished');
  await advanceClock(page, 60 * 60_000);
  await connection.runNow();
  await expect(connection.runRow(2)).toContainText('Finished');
  const center = new NotificationCenter(page);
  await center.open();
  await expect(center.panel.getByText(/^No notifications\./)).toBeVisible();

  // 08:00 in Amsterdam on 6 March is 07:00Z, 19 h 59 min after the second run.
  await advanceClock(page, (19 * 60 + 59) * 60_000);
  const digest = center.item('✔ Frequent import — daily digest: 2 runs, all finished');
  await expect(digest).toContainText('Daily digest · Frequent import · 6 Mar 2026, 08:00');
  await expect(digest).toContainText('Email: ready to send');
  await expect(center.items).toHaveCount(1);
});
