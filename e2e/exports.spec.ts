import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import type { Connection } from '../src/contract/model.ts';
import { advanceClock, createConnection, expect, goToScreen, openApp, test } from './fixtures.ts';
import { ConnectionPage } from './pages/connection-page.ts';
import { ExportConnectionForm } from './pages/export-forms.ts';
import { WebhookReceiver } from './support/webhook-receiver.ts';

test.use({ timezoneId: 'Europe/Amsterdam', locale: 'en-GB' });

const START = '2026-03-05T10:00:00Z';
const START_ISO = '2026-03-05T10:00:00.000Z';

let receiver: WebhookReceiver;

test.beforeEach(async () => {
  receiver = await WebhookReceiver.start();
});

test.afterEach(async () => {
  await receiver.close();
});

/** Adds `rows` profiles through the test-steps connector and waits until its run has finished. */
async function addProfilesWithSteps(page: Page, name: string, rows: number): Promise<Connection> {
  const connection = await createConnection(
    page,
    { name, description: '', settings: { connector: 'test-steps', steps: 1, stepMs: 0, rowsPerStep: rows }, schedule: null },
    true,
  );
  await goToScreen(page, `/connections/${connection.id}`);
  await expect(new ConnectionPage(page).runRow(1).getByText('Finished', { exact: true })).toBeVisible();
  return connection;
}

/** Returns the identifier the test-steps connector gives row `row` of step 1 of run 1. */
function stepsIdentifier(connection: Connection, row: number): string {
  return `${connection.id.slice(0, 8)}-run1-step1-row${row}@example.com`;
}

test('webhook export batches and retries a 500', async ({ page }) => {
  await openApp(page, { clock: START });
  const source = await addProfilesWithSteps(page, 'Steps source', 5);
  receiver.respondWith('/export', [500]);

  const form = new ExportConnectionForm(page);
  await form.open();
  await form.chooseConnector('Webhook (Export)');
  await form.setName('Nightly webhook');
  await form.setReceiver(receiver.url('/export'));
  await form.fillNumber('Profiles per request', 2);
  await form.addHeader('Authorization', 'Bearer s3cret');
  await expect(page.getByLabel('Value of header 1')).toHaveAttribute('type', 'password');
  await form.save();
  await expect(page.getByRole('heading', { name: 'Nightly webhook', level: 1 })).toBeVisible();

  // Batch 1 meets the 500 and waits 1 s on the run's clock before its retry.
  await expect.poll(() => receiver.received('/export').length).toBe(1);
  await advanceClock(page, 1_000);
  await expect.poll(() => receiver.received('/export').map((request) => `${request.status}:${(request.body as { batch: number }).batch}`)).toEqual([
    '500:1',
    '200:1',
    '200:2',
    '200:3',
  ]);

  const delivered = receiver.received('/export').filter((request) => request.status === 200);
  const profileJson = (row: number): string =>
    `{"identifier":"${stepsIdentifier(source, row)}","properties":{"email":"${stepsIdentifier(source, row)}"},"consent":{},"createdAt":"${START_ISO}","updatedAt":"${START_ISO}"}`;
  const connectionId = page.url().split('/').at(-1);
  expect(delivered[0]?.text).toBe(`{"batchId":"${connectionId}:1:1","run":1,"batch":1,"profiles":[${profileJson(0)},${profileJson(1)}]}`);
  expect(delivered[1]?.text).toBe(`{"batchId":"${connectionId}:1:2","run":1,"batch":2,"profiles":[${profileJson(2)},${profileJson(3)}]}`);
  expect(delivered[2]?.text).toBe(`{"batchId":"${connectionId}:1:3","run":1,"batch":3,"profiles":[${profileJson(4)}]}`);
  expect(delivered[0]?.headers.authorization).toBe('Bearer s3cret');
  expect(delivered[0]?.headers['content-type']).toBe('application/json');
  // The retried request carried the same batch.
  expect(receiver.received('/export')[0]?.text).toBe(delivered[0]?.text);

  const connection = new ConnectionPage(page);
  await expect(connection.runRow(1).getByText('Finished', { exact: true })).toBeVisible();
  expect(await connection.counters(1)).toEqual(['5', '5', '0', '0', '0', '0', '0']);

  await connection.runRow(1).hover();
  const downloadPromise = page.waitForEvent('download');
  await connection.runRow(1).getByRole('button', { name: 'Download log of run 1' }).click();
  const log = await readFile(await (await downloadPromise).path(), 'utf8');
  expect(log).toContain('[warn] Batch 1: the receiver responded with HTTP 500 Internal Server Error. Retrying in 1 s (retry 1 of 3).');
  expect(log).toContain('[info] Batch 3: 1 profile delivered (HTTP 200 OK).');
  expect(log).not.toContain('s3cret');
});

test('CORS rejection fails the export run', async ({ page }) => {
  await openApp(page, { clock: START });
  await addProfilesWithSteps(page, 'Steps source', 1);
  receiver.rejectCors('/no-cors');

  const form = new ExportConnectionForm(page);
  await form.open();
  await form.chooseConnector('Webhook (Export)');
  await form.setName('Webhook without CORS');
  await form.setReceiver(receiver.url('/no-cors'));
  await form.save();

  const connection = new ConnectionPage(page);
  await expect(connection.runRow(1).getByText('Failed', { exact: true })).toBeVisible();
  const origin = new URL(page.url()).origin;
  await expect(connection.runRow(1)).toContainText(`${new URL(receiver.url('/')).host} responded, but its response does not let Runlane (${origin}) read it (CORS).`);
  expect(receiver.received('/no-cors')).toEqual([]);
});

test('real-time webhook sends imported changes', async ({ page }) => {
  await openApp(page, { clock: START });
  const form = new ExportConnectionForm(page);
  await form.open();
  await form.chooseConnector('Webhook on change (Real-time)');
  await form.setName('Changes to CRM');
  await form.setReceiver(receiver.url('/changes'));
  await expect(page.getByRole('switch', { name: 'ON: send each change as it happens' })).toBeChecked();
  await form.save();
  await expect(page.getByRole('heading', { name: 'Changes to CRM', level: 1 })).toBeVisible();
  await expect(page.getByTestId('realtime-event').first()).toContainText(`Switched ON: each change from now on is sent to ${new URL(receiver.url('/')).host}.`);
  await expect(page.getByRole('table', { name: 'Run history' })).toHaveCount(0);
  const realtimePath = new URL(page.url()).hash.slice(1);

  // Import a CSV file while the real-time connection is ON.
  await form.open();
  await form.pickFile({ name: 'customers.csv', content: 'email,first_name\r\nada@example.com,Ada\r\nalan@example.com,Alan\r\n' });
  await form.setName('Customer file');
  await form.save();
  await expect(new ConnectionPage(page).runRow(1).getByText('Finished', { exact: true })).toBeVisible();

  await expect.poll(() => receiver.received('/changes').flatMap((request) => (request.body as { events: { profile: { identifier: string } }[] }).events.map((event) => event.profile.identifier))).toEqual([
    'ada@example.com',
    'alan@example.com',
  ]);
  const [request] = receiver.received('/changes');
  const events = (request?.body as { events: { eventId: string; type: string; occurredAt: string; profile: unknown }[] }).events;
  for (const event of events) {
    expect(event.eventId).toMatch(/^[0-9a-f-]{36}$/);
    expect(event.type).toBe('profile.changed');
    expect(event.occurredAt).toBe(START_ISO);
  }
  expect(events[0]?.profile).toEqual({ identifier: 'ada@example.com', properties: { email: 'ada@example.com', first_name: 'Ada' }, consent: {}, createdAt: START_ISO, updatedAt: START_ISO });
  expect(new Set(events.map((event) => event.eventId)).size).toBe(2);

  await goToScreen(page, realtimePath);
  await expect(page.getByTestId('realtime-status')).toHaveText('The connection is ON and every change has been sent.');
  await expect(page.getByTestId('realtime-event').first()).toContainText(`Sent 2 changes (events ${events[0]?.eventId} to ${events[1]?.eventId}); the receiver responded with HTTP 200 OK.`);

  // Switched OFF, changes are not sent; switched ON again, only later changes are.
  await page.getByRole('switch').first().uncheck();
  await expect(page.getByTestId('realtime-event').first()).toContainText('Switched OFF.');
  await addProfilesWithSteps(page, 'While OFF', 2);
  await goToScreen(page, realtimePath);
  // The page must show the stored OFF state first, or check() finds the switch still on and does nothing.
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByRole('switch').first()).not.toBeChecked();
  await page.getByRole('switch').first().check();
  await expect(page.getByTestId('realtime-event').first()).toContainText('Switched ON');
  const afterOn = await addProfilesWithSteps(page, 'After ON', 1);
  await expect.poll(() => receiver.received('/changes').length).toBe(2);
  const lastEvents = (receiver.received('/changes')[1]?.body as { events: { profile: { identifier: string } }[] }).events;
  expect(lastEvents.map((event) => event.profile.identifier)).toEqual([stepsIdentifier(afterOn, 0)]);
});

test('real-time changes unsent at close go on reopen', async ({ page }) => {
  await openApp(page, { clock: START });
  await createConnection(
    page,
    {
      name: 'Changes to CRM',
      description: '',
      settings: { connector: 'webhook-realtime', url: receiver.url('/reopen'), headers: [], batchSize: 100, requiredConsent: null },
      schedule: null,
    },
    true,
  );
  // The first delivery meets a 503; its retry would wait 1 s of the controlled clock, which never moves.
  receiver.respondWith('/reopen', [503]);
  await addProfilesWithSteps(page, 'Steps source', 2);
  await expect.poll(() => receiver.received('/reopen').length).toBe(1);

  await page.reload();
  await expect(page.getByRole('link', { name: 'Runlane' })).toBeVisible();
  await expect.poll(() => receiver.received('/reopen').map((request) => request.status)).toEqual([503, 200]);
  const [failed, sent] = receiver.received('/reopen');
  expect(sent?.text).toBe(failed?.text);
});

test('file export downloads neutralised CSV', async ({ page }) => {
  await openApp(page, { clock: START });
  const form = new ExportConnectionForm(page);
  await form.open();
  await form.pickFile({
    name: 'customers.csv',
    content: 'email,first_name\r\nada@example.com,Ada\r\neve@example.com,"=HYPERLINK(""http://evil.example"",""click"")"\r\nmal@example.com,-1+2\r\n',
  });
  await form.setName('Customer file');
  await form.save();
  await expect(new ConnectionPage(page).runRow(1).getByText('Finished', { exact: true })).toBeVisible();

  await form.open();
  await form.chooseConnector('CSV or JSON file (Export)');
  await form.setName('Profiles file');
  await page.getByRole('radio', { name: 'Kept in this browser, downloaded from the run history' }).check();
  await form.save();

  const connection = new ConnectionPage(page);
  await expect(connection.runRow(1).getByText('Finished', { exact: true })).toBeVisible();
  expect(await connection.counters(1)).toEqual(['3', '3', '0', '0', '0', '0', '0']);
  const downloadPromise = page.waitForEvent('download');
  await connection.runRow(1).getByRole('button', { name: 'Download file of run 1' }).click();
  const download = await downloadPromise;
  // 10:00Z is 11:00 in Amsterdam.
  expect(download.suggestedFilename()).toBe('profiles-2026-03-05T1100.csv');
  const bytes = await readFile(await download.path());
  expect(bytes.toString('utf8')).toBe(
    '\uFEFFidentifier,email,first_name\r\n' +
      'ada@example.com,ada@example.com,Ada\r\n' +
      `eve@example.com,eve@example.com,"'=HYPERLINK(""http://evil.example"",""click"")"\r\n` +
      "mal@example.com,mal@example.com,'-1+2\r\n",
  );

  // "Export now and download" downloads the next run's file as soon as it ends.
  await advanceClock(page, 60_000);
  const nextDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export now and download' }).click();
  expect((await nextDownload).suggestedFilename()).toBe('profiles-2026-03-05T1101.csv');
  await expect(connection.runRow(2).getByText('Finished', { exact: true })).toBeVisible();
});

test('file export writes into a picked folder', async ({ page }) => {
  // Headless Chromium rejects showDirectoryPicker at once, so the stub returns a folder of the origin private file system.
  await page.addInitScript(() => {
    (window as unknown as { showDirectoryPicker: () => Promise<FileSystemDirectoryHandle> }).showDirectoryPicker = async () =>
      (await navigator.storage.getDirectory()).getDirectoryHandle('Exports', { create: true });
  });
  await openApp(page, { clock: START });
  const source = await addProfilesWithSteps(page, 'Steps source', 2);

  const form = new ExportConnectionForm(page);
  await form.open();
  await form.chooseConnector('CSV or JSON file (Export)');
  await form.setName('Profiles to folder');
  await page.getByRole('radio', { name: 'JSON', exact: true }).check();
  await page.getByLabel('Start of the file name').fill('Nightly: profiles/all');
  await expect(page.getByRole('radio', { name: 'Into a folder on this device' })).toBeChecked();
  await page.getByRole('button', { name: 'Pick a folder…' }).click();
  await expect(page.getByText('Folder: Exports')).toBeVisible();
  await form.save();

  const connection = new ConnectionPage(page);
  await expect(connection.runRow(1).getByText('Finished', { exact: true })).toBeVisible();
  expect(await connection.counters(1)).toEqual(['2', '2', '0', '0', '0', '0', '0']);
  await expect(connection.runRow(1).getByRole('button', { name: 'Download file of run 1' })).toHaveCount(0);
  const files = await page.evaluate(async () => {
    const folder = await (await navigator.storage.getDirectory()).getDirectoryHandle('Exports');
    const result: Record<string, string> = {};
    for await (const [name, handle] of folder as unknown as AsyncIterable<[string, FileSystemFileHandle]>) result[name] = await (await handle.getFile()).text();
    return result;
  });
  const profile = (row: number): string =>
    `{"identifier":"${stepsIdentifier(source, row)}","properties":{"email":"${stepsIdentifier(source, row)}"},"consent":{},"createdAt":"${START_ISO}","updatedAt":"${START_ISO}"}`;
  expect(files).toEqual({ 'Nightly-profiles-all-2026-03-05T1100.json': `[\n${profile(0)},\n${profile(1)}\n]\n` });
});

test('demo systems give exact counters for seeds', async ({ page }) => {
  await openApp(page, { clock: START });
  const form = new ExportConnectionForm(page);
  await form.open();
  await form.chooseConnector('Demo CRM (Import)');
  await form.setName('Demo CRM');
  await form.fillNumber('Seed', 42);
  await form.fillNumber('Number of profiles', 250);
  await form.fillNumber('Share changed between runs (%)', 10);
  await form.fillNumber('Share of bad values (%)', 4);
  await form.fillNumber('Share without consent (%)', 20);
  await form.fillNumber('Run duration (s)', 0);
  await form.fillNumber('Chance of a failure (%)', 0);
  await form.save();

  const connection = new ConnectionPage(page);
  await expect(connection.runRow(1).getByText('Finished with warnings', { exact: true })).toBeVisible();
  expect(await connection.counters(1)).toEqual(['250', '239', '0', '0', '0', '11', '0']);
  const crmPath = new URL(page.url()).hash.slice(1);

  await form.open();
  await form.chooseConnector('Demo ad platform (Export)');
  await form.setName('Demo ads');
  await form.fillNumber('Seed', 7);
  await form.fillNumber('Profiles per batch', 50);
  await form.fillNumber('Share of invalid profiles (%)', 5);
  await form.fillNumber('Share on the opt-out list (%)', 10);
  await form.fillNumber('Run duration (s)', 20);
  await form.fillNumber('Chance of a failure (%)', 0);
  await form.save();

  // The run spreads its 20 s over 5 batches of the controlled clock.
  await expect(connection.runRow(1).getByText('Running', { exact: true })).toBeVisible();
  await expect(connection.runRow(1).locator('td[data-counter="checked"]')).toHaveText('0');
  await expect
    .poll(async () => {
      await advanceClock(page, 4_000);
      return connection.runRow(1).getByText('Finished with warnings', { exact: true }).count();
    })
    .toBe(1);
  expect(await connection.counters(1)).toEqual(['239', '199', '0', '0', '0', '16', '24']);

  // The second CRM run reads the changed records; the unchanged ones are Skipped.
  await goToScreen(page, crmPath);
  await advanceClock(page, 60_000);
  await connection.runNow();
  await expect(connection.runRow(2).getByText('Finished with warnings', { exact: true })).toBeVisible();
  expect(await connection.counters(2)).toEqual(['35', '2', '24', '0', '215', '9', '0']);
});
