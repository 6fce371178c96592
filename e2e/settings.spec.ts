import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import type { ConnectionInput } from '../src/contract/worker-api.ts';
import { appUrl, createConnection, expect, goToScreen, openApp, test } from './fixtures.ts';
import { ConnectionPage, NewConnectionPage } from './pages/connection-page.ts';
import { SettingsPage } from './pages/settings-page.ts';

test.use({ timezoneId: 'Europe/Amsterdam', locale: 'en-GB' });

const START = '2026-03-05T10:00:00Z';

const CUSTOMERS = ['email,first_name,points', 'ada@example.com,Ada,12', 'alan@example.com,Alan,7'].join('\r\n');

/** Reads all records of one IndexedDB store of Runlane's database, in the page. */
async function readStore<T>(page: Page, store: string): Promise<T[]> {
  return page.evaluate(
    (name) =>
      new Promise<T[]>((resolve, reject) => {
        const request = indexedDB.open('runlane');
        request.onerror = () => reject(request.error);
        request.onsuccess = () => {
          const db = request.result;
          const read = db.transaction(name, 'readonly').objectStore(name).getAll();
          read.onsuccess = () => {
            resolve(read.result as T[]);
            db.close();
          };
          read.onerror = () => reject(read.error);
        };
      }),
    store,
  );
}

interface StoredConnection {
  id: string;
  name: string;
  enabled: boolean;
  schedule: unknown;
  settings: { mapping?: unknown };
}

function stepsConnection(name: string, rowsPerStep: number): ConnectionInput {
  return { name, description: '', settings: { connector: 'test-steps', steps: 1, stepMs: 0, rowsPerStep }, schedule: null };
}

/** Runs a connection through the test controls and waits until the run has ended. */
async function runToEnd(page: Page, connectionId: string): Promise<number> {
  const { runId } = await page.evaluate(
    (id) => (window as unknown as { runlaneTest: { runNow(id: string): Promise<{ runId: number }> } }).runlaneTest.runNow(id),
    connectionId,
  );
  await expect
    .poll(async () => {
      const runs = await readStore<{ id: number; state: string }>(page, 'runs');
      return runs.find((run) => run.id === runId)?.state ?? 'removed';
    })
    .toMatch(/finished|removed/);
  return runId;
}

test('backup round trip restores a deleted connection OFF', async ({ page }) => {
  await openApp(page, { clock: START });
  const form = new NewConnectionPage(page);
  await form.open();
  await form.pickFile({ name: 'customers.csv', content: CUSTOMERS });
  await form.setName('Nightly CRM import');
  await form.setNewPropertyType('points', 'number');
  await page.getByRole('combobox', { name: 'Runs', exact: true }).selectOption({ label: '4 times a day (every 6 h)' });
  await form.save();
  const connectionPage = new ConnectionPage(page);
  await expect(connectionPage.runRow(1).getByText('Finished', { exact: true })).toBeVisible();
  const [before] = await readStore<StoredConnection>(page, 'connections');

  const settings = new SettingsPage(page);
  await settings.open();
  const backup = await settings.downloadBackup();
  expect(backup.fileName).toBe('runlane-backup-2026-03-05-1000.json');
  const file = JSON.parse(backup.text);
  expect(file.format).toBe('runlane-backup');
  expect(file.connections.map((connection: StoredConnection) => connection.name)).toEqual(['Nightly CRM import']);
  expect(file.connections[0].leftOutFile).toEqual({ kind: 'stored-file', name: 'customers.csv' });

  await goToScreen(page, `/connections/${before?.id}`);
  page.once('dialog', (dialog) => void dialog.accept());
  await page.getByRole('button', { name: 'Delete connection' }).click();
  await expect(page.getByRole('heading', { name: 'No connections yet' })).toBeVisible();

  await settings.open();
  await settings.pickBackupFile(backup.fileName, backup.text);
  const preview = page.getByTestId('restore-preview');
  await expect(preview).toContainText('Backup made 5 Mar 2026, 11:00.');
  await expect(preview).toContainText('Connections to add, switched OFF: Nightly CRM import');
  await expect(preview).toContainText('Property definitions to add: none');
  await settings.restore();
  const result = page.getByTestId('restore-result');
  await expect(result).toContainText('Restored 1 connection, switched OFF.');
  await expect(result.getByTestId('restore-notes')).toHaveText(
    '"Nightly CRM import": pick the file "customers.csv" again on the connection\'s page before switching it ON; backups do not contain files.',
  );

  const [after] = await readStore<StoredConnection>(page, 'connections');
  expect(after?.id).toBe(before?.id);
  expect(after?.enabled).toBe(false);
  expect(after?.schedule).toEqual(before?.schedule);
  expect(after?.settings.mapping).toEqual(before?.settings.mapping);
  await result.getByRole('link', { name: 'Nightly CRM import' }).click();
  await expect(page.getByRole('heading', { name: 'Nightly CRM import', level: 1 })).toBeVisible();
  await expect(page.getByRole('switch')).not.toBeChecked();
  await expect(page.getByText('4 times a day at 05:00, 11:00, 17:00 and 23:00 (Europe/Amsterdam) The connection is OFF.')).toBeVisible();
});

test('bad backup file changes nothing and says why', async ({ page }) => {
  await openApp(page, { clock: START });
  await createConnection(page, { ...stepsConnection('Step import', 1), schedule: { kind: 'daysOfWeek', days: [1], time: '06:00', timeZone: 'Europe/Amsterdam' } }, false);
  const settings = new SettingsPage(page);
  await settings.open();
  const backup = await settings.downloadBackup();
  const broken = JSON.parse(backup.text);
  broken.connections[0].id = 'restored-copy';
  broken.connections[0].schedule.timeZone = 'Mars/Olympus';
  broken.connections[0].maxRetries = 9;

  await settings.pickBackupFile('broken.json', JSON.stringify(broken));

  const error = page.getByTestId('restore-error');
  await expect(error).toBeVisible();
  expect(await error.innerText()).toBe(
    [
      'The backup file was not restored and nothing was changed. Correct the file or use another backup:',
      'connections[0].schedule.timeZone is "Mars/Olympus": unknown time zone \'Mars/Olympus\'.',
      'connections[0].maxRetries is 9: expected a whole number from 0 to 4.',
    ].join('\n'),
  );
  await expect(page.getByTestId('restore-preview')).toHaveCount(0);
  expect((await readStore<StoredConnection>(page, 'connections')).map((connection) => connection.name)).toEqual(['Step import']);

  await settings.pickBackupFile('notes.json', 'shopping list: milk, eggs');
  await expect(error).toContainText(/The file is not valid JSON \(.+\), so it is not a Runlane backup\./);
  expect(await readStore<StoredConnection>(page, 'connections')).toHaveLength(1);
});

test('retention removes the oldest runs with their logs', async ({ page }) => {
  await openApp(page, { clock: START });
  const connection = await createConnection(page, stepsConnection('Step import', 1), false);
  const settings = new SettingsPage(page);
  await settings.open();
  await settings.setOwnLimits('Step import', { maxRuns: 3, maxDays: 30 });
  await expect(page.getByText('Limits of "Step import" saved. No runs were beyond the limits.')).toBeVisible();
  await expect(settings.section('Run history').getByTestId('retention-row')).toHaveText(/Step import\s*Own limits: 3 runs, 30 days/);

  const runIds: number[] = [];
  for (let i = 0; i < 5; i++) runIds.push(await runToEnd(page, connection.id));

  await expect.poll(async () => (await readStore<{ number: number }>(page, 'runs')).map((run) => run.number).sort()).toEqual([3, 4, 5]);
  const logRunIds = new Set((await readStore<{ runId: number }>(page, 'runLogs')).map((entry) => entry.runId));
  expect([...logRunIds].sort()).toEqual(runIds.slice(2));
  const logLineCount = (await readStore(page, 'runLogs')).length;
  const storage = settings.section('Storage');
  await storage.getByRole('button', { name: 'Measure again' }).click();
  const cells = storage.getByTestId('storage-row').getByRole('cell');
  await expect(cells.nth(1)).toHaveText('3');
  await expect(cells.nth(2)).toHaveText(String(logLineCount));
});

test('lower default limits remove runs at once', async ({ page }) => {
  await openApp(page, { clock: START });
  const connection = await createConnection(page, stepsConnection('Step import', 1), false);
  await page.evaluate(
    (request) => (window as unknown as { runlaneTest: { seedRunHistory(r: unknown): Promise<unknown> } }).runlaneTest.seedRunHistory(request),
    { connectionId: connection.id, runCount: 25, firstStartMs: Date.parse(START) - 25 * 3_600_000, intervalMs: 3_600_000, logLineCount: 40 },
  );
  const settings = new SettingsPage(page);
  await settings.open();
  const defaults = settings.section('Run history').getByRole('group', { name: 'Default for every connection' });
  await expect(defaults.getByLabel('Runs to keep')).toHaveValue('1000');
  await expect(defaults.getByLabel('Days to keep')).toHaveValue('365');
  await defaults.getByLabel('Runs to keep').fill('10');
  await defaults.getByRole('button', { name: 'Save defaults' }).click();

  await expect(page.getByText('Default limits saved. Removed 15 runs with 0 log lines.')).toBeVisible();
  expect((await readStore<{ number: number }>(page, 'runs')).map((run) => run.number).sort((a, b) => a - b)).toEqual([16, 17, 18, 19, 20, 21, 22, 23, 24, 25]);
  expect(await readStore(page, 'runLogs')).toHaveLength(40);
  await expect(settings.section('Storage').getByTestId('storage-row')).toContainText('Step import');
});

test('persistent storage request shows a refusal', async ({ page }) => {
  await openApp(page, { path: '/settings' });
  const storage = new SettingsPage(page).section('Storage');
  await expect(storage.getByTestId('persistence-state')).toHaveText('Not granted: the browser may delete Runlane\'s data when the device runs low on storage.');
  await expect(storage.getByTestId('storage-use')).toContainText(/^Runlane uses .+ of the .+ this browser allows it; .+ are available\.$/);

  await storage.getByRole('button', { name: 'Request persistent storage' }).click();

  await expect(storage.getByTestId('persistence-result')).toHaveText(
    'The browser did not grant persistent storage; each browser decides by its own rules. Installing Runlane as an app may help: ask again after that.',
  );
});

test('persistent storage request shows a grant', async ({ playwright, launchOptions, baseURL }) => {
  // Chromium grants durable storage only to a profile on disk with the permission, which CDP sets here.
  const profileDir = await mkdtemp(join(tmpdir(), 'runlane-settings-'));
  const context = await playwright.chromium.launchPersistentContext(profileDir, { ...launchOptions, baseURL, locale: 'en-GB' });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    const errors: string[] = [];
    page.on('console', (message) => void (message.type() === 'error' && errors.push(message.text())));
    await page.goto(appUrl({ path: '/settings' }));
    const storage = new SettingsPage(page).section('Storage');
    await expect(storage.getByTestId('persistence-state')).toHaveText('Not granted: the browser may delete Runlane\'s data when the device runs low on storage.');
    const cdp = await context.newCDPSession(page);
    await cdp.send('Browser.grantPermissions', { origin: new URL(baseURL ?? '').origin, permissions: ['durableStorage'] });

    await storage.getByRole('button', { name: 'Request persistent storage' }).click();

    await expect(storage.getByTestId('persistence-result')).toHaveText('The browser granted persistent storage.');
    await expect(storage.getByTestId('persistence-state')).toHaveText('Granted: the browser keeps Runlane\'s data until you delete it.');
    await expect(storage.getByRole('button', { name: 'Request persistent storage' })).toHaveCount(0);
    expect(errors).toEqual([]);
  } finally {
    await context.close();
    await rm(profileDir, { recursive: true, force: true });
  }
});

test('profile store export downloads every profile', async ({ page }) => {
  await openApp(page, { clock: START });
  const connection = await createConnection(page, stepsConnection('Step import', 3), false);
  await runToEnd(page, connection.id);
  const settings = new SettingsPage(page);
  await settings.open();

  const csv = await settings.exportProfiles('CSV');

  const prefix = connection.id.slice(0, 8);
  const identifiers = [0, 1, 2].map((row) => `${prefix}-run1-step1-row${row}@example.com`);
  expect(csv.fileName).toBe('runlane-profiles-2026-03-05.csv');
  expect(csv.text).toBe(
    ['identifier,email,createdAt,updatedAt', ...identifiers.map((id) => `${id},${id},2026-03-05T10:00:00.000Z,2026-03-05T10:00:00.000Z`), ''].join('\r\n'),
  );
  await expect(page.getByTestId('profile-export-result')).toHaveText(`Exported 3 profiles to runlane-profiles-2026-03-05.csv (${Buffer.byteLength(csv.text)} bytes).`);

  const jsonLines = await settings.exportProfiles('JSON lines');

  expect(jsonLines.fileName).toBe('runlane-profiles-2026-03-05.jsonl');
  const profiles = jsonLines.text.trimEnd().split('\n').map((line) => JSON.parse(line));
  expect(profiles.map((profile) => profile.identifier)).toEqual(identifiers);
  expect(profiles.map((profile) => profile.lastConnectionId)).toEqual([connection.id, connection.id, connection.id]);
  expect(profiles[0].properties).toEqual({ email: identifiers[0] });
});

test('demo reset seeds the demo again', async ({ page }) => {
  await openApp(page, { demo: true, clock: START });
  await expect(page.getByRole('link', { name: 'Demo CRM import' })).toBeVisible();
  const [firstDemo] = await readStore<StoredConnection>(page, 'connections');
  await expect.poll(async () => (await readStore<{ state: string }>(page, 'runs')).map((run) => run.state)).toEqual([expect.stringMatching(/finished/)]);
  const demoProfileCount = (await readStore(page, 'profiles')).length;
  expect(demoProfileCount).toBeGreaterThan(900);
  const settings = new SettingsPage(page);
  await settings.open();
  const demo = settings.section('Demo data');

  let question = '';
  page.once('dialog', (dialog) => {
    question = dialog.message();
    void dialog.dismiss();
  });
  await demo.getByRole('button', { name: 'Reset demo data' }).click();
  expect(question).toBe('Reset the demo? The demo connection is deleted with its runs, logs and file; the profiles it imported stay. Then the demo is seeded again and its first run starts.');
  expect((await readStore<StoredConnection>(page, 'connections')).map((connection) => connection.id)).toEqual([firstDemo?.id]);

  page.once('dialog', (dialog) => void dialog.accept());
  await demo.getByRole('button', { name: 'Reset demo data' }).click();
  await expect(demo.getByTestId('demo-reset-result')).toHaveText('Removed the demo connection with 1 run. The demo was seeded again and its first run is queued.');
  const [secondDemo] = await readStore<StoredConnection>(page, 'connections');
  expect(secondDemo?.name).toBe('Demo CRM import');
  expect(secondDemo?.id).not.toBe(firstDemo?.id);
  expect(await readStore(page, 'profiles')).toHaveLength(demoProfileCount);
  await expect.poll(async () => (await readStore<{ connectionId: string; state: string }>(page, 'runs')).map((run) => [run.connectionId, run.state])).toEqual([
    [secondDemo?.id, expect.stringMatching(/finished/)],
  ]);

  await demo.getByLabel(/Also remove demo profiles/).check();
  page.once('dialog', (dialog) => void dialog.accept());
  await demo.getByRole('button', { name: 'Reset demo data' }).click();
  await expect(demo.getByTestId('demo-reset-result')).toHaveText(
    `Removed the demo connection with 1 run and ${demoProfileCount.toLocaleString('en-GB')} profiles. The demo was seeded again and its first run is queued.`,
  );
  const [thirdDemo] = await readStore<StoredConnection>(page, 'connections');
  await goToScreen(page, `/connections/${thirdDemo?.id}`);
  const connectionPage = new ConnectionPage(page);
  await expect(connectionPage.runRow(1)).toContainText('Finished');
  expect((await connectionPage.counters(1))[1]).toBe(demoProfileCount.toLocaleString('en-GB'));
});
