import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import type { UrlImportSettings } from '../src/contract/model.ts';
import type { ConnectionInput } from '../src/contract/worker-api.ts';
import { advanceClock, createConnection, expect, goToScreen, openApp, test } from './fixtures.ts';
import { ConnectionPage } from './pages/connection-page.ts';
import { ConsentObjectivesPage, ImportConnectionForm } from './pages/import-forms.ts';
import { findClosedPort, startFileServer, type FileServer } from './support/file-server.ts';

test.use({ timezoneId: 'Europe/Amsterdam', locale: 'en-GB' });

const START = '2026-03-05T10:00:00Z';
const TOKEN = 'Bearer s3cret-token-4711';

// Three rows: Ada and Alan are added, Grace has text in a number column.
const CUSTOMERS_CSV = ['email,first_name,loyalty_points', 'ada@example.com,Ada,1200', 'grace@example.com,Grace,forty', 'alan@example.com,Alan,17', ''].join('\n');

function appOrigin(page: Page): string {
  return new URL(page.url()).origin;
}

/** Builds a URL connection whose properties are created with it, so it runs without the form. */
function urlConnection(name: string, url: string, overrides: Partial<UrlImportSettings> = {}): ConnectionInput {
  return {
    name,
    description: '',
    schedule: null,
    maxRetries: 2,
    newProperties: [
      { id: 'email', label: 'Email', type: 'text' },
      { id: 'first_name', label: 'First name', type: 'text' },
      { id: 'loyalty_points', label: 'Loyalty points', type: 'number' },
    ],
    settings: {
      connector: 'url-import',
      url,
      requestHeaders: [],
      format: 'csv',
      layout: 'array',
      delimiter: 'auto',
      encoding: 'utf-8',
      numberFormat: '1,234.5',
      emptyCellsClear: false,
      headers: ['email', 'first_name', 'loyalty_points'],
      mapping: [
        { column: 'email', propertyId: 'email', isIdentifier: true },
        { column: 'first_name', propertyId: 'first_name', isIdentifier: false },
        { column: 'loyalty_points', propertyId: 'loyalty_points', isIdentifier: false },
      ],
      requiredConsent: null,
      ...overrides,
    },
  };
}

async function downloadLog(page: Page, connection: ConnectionPage, runNumber: number): Promise<string> {
  await connection.runRow(runNumber).hover();
  const downloadPromise = page.waitForEvent('download');
  await connection.runRow(runNumber).getByRole('button', { name: `Download log of run ${runNumber}` }).click();
  return readFile(await (await downloadPromise).path(), 'utf8');
}

/** Moves the controlled clock in steps until `done` holds, for waits whose start the test cannot see. */
async function advanceUntil(page: Page, stepMs: number, done: () => Promise<boolean>, limit = 10): Promise<void> {
  for (let i = 0; i < limit; i++) {
    if (await done()) return;
    await advanceClock(page, stepMs);
    await page.waitForTimeout(100);
  }
  expect(await done()).toBe(true);
}

test.describe('URL import', () => {
  let server: FileServer | null = null;

  test.afterEach(async () => {
    await server?.close();
    server = null;
  });

  test('imports a CSV file from a URL with an Authorization header', async ({ page }) => {
    await openApp(page, { clock: START });
    server = await startFileServer({ allowOrigin: appOrigin(page), authorization: TOKEN });
    server.serve('/export/customers.csv', { body: CUSTOMERS_CSV, contentType: 'text/csv; charset=utf-8' });

    const form = new ImportConnectionForm(page);
    await form.open();
    await form.chooseConnector('File from a URL');
    await form.setUrl(server.url('/export/customers.csv'));
    await form.addHeader('Authorization', TOKEN);
    const value = page.getByLabel('Value of header 1');
    await expect(value).toHaveAttribute('type', 'password');
    await page.getByRole('button', { name: 'Show value' }).click();
    await expect(value).toHaveAttribute('type', 'text');
    await page.getByRole('button', { name: 'Hide value' }).click();
    await expect(value).toHaveAttribute('type', 'password');

    await form.loadColumns();
    await expect(page.getByText(`customers.csv: ${CUSTOMERS_CSV.length} bytes, 3 columns, delimiter comma. Content type text/csv; charset=utf-8.`)).toBeVisible();
    await expect(page.getByRole('radio', { name: 'Column email is the identifier' })).toBeChecked();
    await form.setNewPropertyType('loyalty_points', 'number');
    await form.setName('CRM export');
    await form.save();

    const connection = new ConnectionPage(page);
    await expect(page.getByRole('heading', { name: 'CRM export', level: 1 })).toBeVisible();
    await expect(connection.runRow(1).getByText('Finished with warnings', { exact: true })).toBeVisible();
    expect(await connection.counters(1)).toEqual(['3', '2', '0', '0', '0', '1', '0']);

    const gets = server.requests.filter((request) => request.method === 'GET');
    expect(gets).toHaveLength(2);
    expect(gets.every((request) => request.headers.authorization === TOKEN)).toBe(true);
    expect(server.requests.some((request) => request.method === 'OPTIONS')).toBe(true);

    const log = await downloadLog(page, connection, 1);
    expect(log).toContain(`[info] Requesting GET ${server.url('/export/customers.csv')} with the request header Authorization (values hidden).`);
    expect(log).toContain('[warn] Line 3, column "loyalty_points": "forty" is not a number');
    expect(log).toContain('Checked 3, Added 2, Updated 0, Unchanged 0, Skipped 0, Failed 1, Blocked by consent 0.');
    expect(log).not.toContain('s3cret');
  });

  test('fails with the CORS message when the server sends no CORS headers', async ({ page }) => {
    await openApp(page, { clock: START });
    server = await startFileServer({ allowOrigin: null });
    server.serve('/customers.csv', { body: CUSTOMERS_CSV, contentType: 'text/csv' });
    const url = server.url('/customers.csv');
    const created = await createConnection(page, urlConnection('No CORS import', url), true);

    await goToScreen(page, `/connections/${created.id}`);
    const connection = new ConnectionPage(page);
    await expect(connection.runRow(1).getByText('Failed', { exact: true })).toBeVisible();
    await expect(connection.runRow(1)).toContainText('blocked the response because of CORS');
    await expect(connection.runRow(1)).toContainText(`Access-Control-Allow-Origin: ${appOrigin(page)}`);
    const log = await downloadLog(page, connection, 1);
    expect(log).not.toContain('Attempt 2');
    expect(log).toContain("Change the server's settings; another attempt does not help.");

    // The form's Load columns makes the same request and shows the same reason.
    await goToScreen(page, '/');
    const form = new ImportConnectionForm(page);
    await form.open();
    await form.chooseConnector('File from a URL');
    await form.setUrl(url);
    await form.loadColumns();
    await expect(page.getByRole('alert').filter({ hasText: 'because of CORS' })).toBeVisible();
  });

  test('retries an unreachable host with growing waits', async ({ page }) => {
    await openApp(page, { clock: START });
    const port = await findClosedPort();
    const created = await createConnection(page, urlConnection('Unreachable import', `http://127.0.0.1:${port}/customers.csv`), true);
    await goToScreen(page, `/connections/${created.id}`);
    const connection = new ConnectionPage(page);
    const row = connection.runRow(1);
    await expect(row.getByText('Running', { exact: true })).toBeVisible();

    await advanceUntil(page, 30_000, async () => (await row.innerText()).includes('Attempt 2'));
    await advanceUntil(page, 120_000, async () => (await row.getByText('Failed', { exact: true }).count()) === 1);
    await expect(row).toContainText(`Could not reach 127.0.0.1:${port}: nothing answered at that address.`);

    const log = await downloadLog(page, connection, 1);
    expect(log).toContain(`[warn] Attempt 1 failed: Could not reach 127.0.0.1:${port}: nothing answered at that address. The server may be down, or the address may be wrong. Retrying in 30 s.`);
    expect(log).toContain('[info] Attempt 2 started.');
    expect(log).toContain('[warn] Attempt 2 failed: Could not reach');
    expect(log).toContain('Retrying in 2 min.');
    expect(log).toContain('[info] Attempt 3 started.');
    expect(log).toContain(`[error] Run failed: Could not reach 127.0.0.1:${port}`);
    expect(log).not.toContain('Attempt 4');
  });

  test('waits for the network while offline and finishes when online', async ({ page, context }) => {
    await openApp(page, { clock: START });
    // The service worker serves the app's own files while offline, such as chunks loaded on demand.
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    server = await startFileServer({ allowOrigin: appOrigin(page) });
    server.serve('/customers.csv', { body: CUSTOMERS_CSV, contentType: 'text/csv' });
    const created = await createConnection(page, urlConnection('Offline import', server.url('/customers.csv')), false);
    await goToScreen(page, `/connections/${created.id}`);
    const connection = new ConnectionPage(page);

    await context.setOffline(true);
    await connection.runNow();
    await expect(connection.runRow(1).getByText('Waiting for network', { exact: true })).toBeVisible();
    expect(server.requests).toHaveLength(0);

    await context.setOffline(false);
    await expect(connection.runRow(1).getByText('Finished with warnings', { exact: true })).toBeVisible();
    expect(await connection.counters(1)).toEqual(['3', '2', '0', '0', '0', '1', '0']);
    const log = await downloadLog(page, connection, 1);
    expect(log).toContain('[warn] The browser is offline. The run waits for the network');
    expect(log).toContain('[info] The browser is online again; the attempt starts over.');
  });
});

/** Makes `showOpenFilePicker` return a file of the Origin Private File System, which tests can write. */
async function stubFilePicker(page: Page, fileName: string): Promise<void> {
  await page.addInitScript((name) => {
    (window as unknown as { showOpenFilePicker: () => Promise<FileSystemFileHandle[]> }).showOpenFilePicker = async () => {
      const root = await navigator.storage.getDirectory();
      return [await root.getFileHandle(name, { create: true })];
    };
  }, fileName);
}

async function writeDeviceFile(page: Page, fileName: string, content: string): Promise<void> {
  await page.evaluate(
    async ([name, text]) => {
      const root = await navigator.storage.getDirectory();
      const handle = await root.getFileHandle(name, { create: true });
      const writable = await handle.createWritable();
      await writable.write(text);
      await writable.close();
    },
    [fileName, content] as const,
  );
}

test('reads a linked device file at each run and asks for access again', async ({ page }) => {
  await stubFilePicker(page, 'linked-customers.csv');
  // The page's permission state follows a flag, so the test can act as a browser that forgot the grant.
  await page.addInitScript(() => {
    const prototype = FileSystemHandle.prototype as unknown as Record<string, unknown>;
    prototype.queryPermission = async () => sessionStorage.getItem('test-permission') ?? 'granted';
    prototype.requestPermission = async () => {
      sessionStorage.setItem('test-permission', 'granted');
      return 'granted';
    };
  });
  await openApp(page, { clock: START });
  await writeDeviceFile(page, 'linked-customers.csv', CUSTOMERS_CSV);

  const form = new ImportConnectionForm(page);
  await form.open();
  await page.getByRole('radio', { name: /^Read the file on this device at each run/ }).check();
  await page.getByRole('button', { name: 'Choose the CSV file on this device…' }).click();
  await expect(page.getByText(`linked-customers.csv: ${CUSTOMERS_CSV.length} bytes, 3 columns, delimiter comma.`)).toBeVisible();
  await expect(page.getByText('Linked file: linked-customers.csv. Each run reads its current contents.')).toBeVisible();
  await form.setNewPropertyType('loyalty_points', 'number');
  await form.save();

  const connection = new ConnectionPage(page);
  await expect(connection.runRow(1).getByText('Finished with warnings', { exact: true })).toBeVisible();
  expect(await connection.counters(1)).toEqual(['3', '2', '0', '0', '0', '1', '0']);
  await expect(page.getByText('Linked file: linked-customers.csv on this device. Each run reads its current contents.')).toBeVisible();

  // The file changes on the device: Grace is corrected, Ada has more points, Linus is new.
  await writeDeviceFile(page, 'linked-customers.csv', ['email,first_name,loyalty_points', 'ada@example.com,Ada,1300', 'grace@example.com,Grace,40', 'alan@example.com,Alan,17', 'linus@example.com,Linus,3', ''].join('\n'));
  await connection.runNow();
  await expect(connection.runRow(2).getByText('Finished', { exact: true })).toBeVisible();
  expect(await connection.counters(2)).toEqual(['3', '2', '1', '0', '1', '0', '0']);
  const log = await downloadLog(page, connection, 2);
  expect(log).toContain('[info] Reading linked file linked-customers.csv on this device (');

  // After the browser forgot the permission, one notice requests it again.
  await page.evaluate(() => sessionStorage.setItem('test-permission', 'prompt'));
  await page.reload();
  const notice = page.getByRole('status').filter({ hasText: 'Runlane needs your permission again to read a linked file on this device.' });
  await expect(notice).toBeVisible();
  await expect(notice).toContainText('linked-customers.csv (connection "linked-customers")');
  await notice.getByRole('button', { name: 'Allow access again' }).click();
  await expect(notice).toHaveCount(0);
});

test('imports a JSON file with numbers, booleans and a nested key', async ({ page }) => {
  await openApp(page, { clock: START });
  const items = [
    { email: 'ada@example.com', first_name: 'Ada', loyalty_points: 1200, newsletter: true, address: { city: 'London' } },
    { email: 'grace@example.com', first_name: 'Grace', loyalty_points: 'forty', newsletter: false },
    { email: 'alan@example.com', first_name: 'Alan', loyalty_points: 17, newsletter: 'yes' },
    { first_name: 'Nobody', loyalty_points: 5 },
  ];
  const form = new ImportConnectionForm(page);
  await form.open();
  await form.chooseConnector('JSON file');
  await form.pickJsonFile('customers.json', JSON.stringify(items, null, 2));
  await expect(page.getByText(/^customers\.json: .+, 5 keys, JSON array\.$/)).toBeVisible();
  await expect(page.getByLabel('Property for column address')).toHaveValue('');
  await expect(page.getByLabel('Type of new property newsletter')).toHaveValue('boolean');
  await form.setNewPropertyType('loyalty_points', 'number');
  await form.save();

  const connection = new ConnectionPage(page);
  await expect(connection.runRow(1).getByText('Finished with warnings', { exact: true })).toBeVisible();
  expect(await connection.counters(1)).toEqual(['4', '2', '0', '0', '0', '2', '0']);
  const log = await downloadLog(page, connection, 1);
  expect(log).toContain('[info] Reading file customers.json (');
  expect(log).toContain('), JSON array, encoding UTF-8.');
  // Line numbers are where each object starts in the pretty-printed file.
  expect(log).toContain('[warn] Line 11, key "loyalty_points": "forty" is not a number (expected a number like 1,234.5).');
  expect(log).toContain('[warn] Line 23: the identifier key "email" is empty.');
});

test('counts rows without the required consent as Blocked', async ({ page }) => {
  await openApp(page, { clock: START });
  await page.getByRole('link', { name: 'Consent', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Consent objectives', level: 1 })).toBeVisible();
  await new ConsentObjectivesPage(page).add('Email marketing');
  await expect(page.getByRole('cell', { name: 'email_marketing' })).toBeVisible();

  await page.getByRole('link', { name: 'Connections' }).click();
  const form = new ImportConnectionForm(page);
  await form.open();
  await form.pickFile({
    name: 'newsletter.csv',
    content: ['email,first_name,optin', 'ada@example.com,Ada,yes', 'grace@example.com,Grace,no', 'alan@example.com,Alan,', 'linus@example.com,Linus,maybe', ''].join('\n'),
  });
  await form.mapColumn('optin', 'Consent: Email marketing (true/false)');
  await expect(page.getByRole('radio', { name: 'Column optin is the identifier' })).toBeDisabled();
  await form.requireConsent('Email marketing');
  await form.save();

  const connection = new ConnectionPage(page);
  await expect(connection.runRow(1).getByText('Finished with warnings', { exact: true })).toBeVisible();
  expect(await connection.counters(1)).toEqual(['4', '1', '0', '0', '0', '1', '2']);
  const log = await downloadLog(page, connection, 1);
  expect(log).toContain('[info] This connection requires consent for "Email marketing": rows whose profile has not agreed to it are Blocked.');
  expect(log).toContain('[info] Line 3 was Blocked: its profile has not agreed to "Email marketing", which this connection requires, so the row was not applied.');
  expect(log).toContain('[info] Line 4 was Blocked:');
  expect(log).toContain('Checked 4, Added 1, Updated 0, Unchanged 0, Skipped 0, Failed 1, Blocked by consent 2.');

  // Blocked rows are evaluated again; Ada's applied row is Skipped.
  await connection.runNow();
  await expect(connection.runRow(2).getByText('Finished with warnings', { exact: true })).toBeVisible();
  expect(await connection.counters(2)).toEqual(['3', '0', '0', '0', '1', '1', '2']);

  // An objective in use cannot be deleted.
  await page.getByRole('link', { name: 'Consent', exact: true }).click();
  page.once('dialog', (dialog) => void dialog.accept());
  await page.getByRole('button', { name: 'Delete Email marketing' }).click();
  await expect(page.getByRole('alert').filter({ hasText: '"Email marketing" is used by the connection "newsletter".' })).toBeVisible();
});
