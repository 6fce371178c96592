/**
 * Storage full. The first test sets a small quota through the DevTools protocol, so IndexedDB itself
 * refuses the worker's writes. Chromium 156 fixes an origin's quota when the origin first opens its storage
 * and ignores later overrides. So the test measures in a first browser context what the app uses before the
 * run, and sets the quota in a second one before the app opens. The second test needs a limit that it can
 * lift, so it uses the test build's write budget (src/storage/write-budget.ts), which refuses writes with
 * the same QuotaExceededError.
 */
import type { BrowserContext, Page } from '@playwright/test';
import { advanceClock, countStored, expect, goToScreen, openApp, test } from './fixtures.ts';
import { ConnectionPage, NewConnectionPage } from './pages/connection-page.ts';

test.use({ timezoneId: 'Europe/Amsterdam', locale: 'en-GB' });

function customerCsv(rows: number): string {
  const lines = ['email,first_name,city'];
  for (let i = 1; i <= rows; i++) lines.push(`customer${i}@example.com,Name ${i},City ${i % 50}`);
  return lines.join('\n');
}

/** Saves a CSV import through the form, OFF so that only Run now starts it. */
async function saveCsvImport(page: Page, name: string, rows: number): Promise<void> {
  await goToScreen(page, '/');
  const form = new NewConnectionPage(page);
  await form.open();
  await form.pickFile({ name: 'customers.csv', content: customerCsv(rows) });
  await form.setName(name);
  await form.setOn(false);
  await form.save();
  await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();
}

/** Opens the app on a clean store and saves the customer import. */
async function prepareStore(page: Page): Promise<void> {
  await openApp(page, { clock: '2026-03-05T10:00:00Z' });
  await saveCsvImport(page, 'Customer import', 30_000);
}

/** Returns the origin's usage once the service worker has precached the app, which counts against the same quota. */
async function storageUsage(page: Page): Promise<number> {
  return page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    return (await navigator.storage.estimate()).usage ?? 0;
  });
}

/**
 * Overrides the quota of the app's origin. Chromium keys the override by storage key, so the origin needs
 * its trailing slash: without it the override is accepted and has no effect. The override lasts while the
 * DevTools session stays attached.
 */
async function overrideQuota(context: BrowserContext, page: Page, baseURL: string, bytes: number): Promise<void> {
  const session = await context.newCDPSession(page);
  await session.send('Storage.overrideQuotaForOrigin', { origin: `${new URL(baseURL).origin}/`, quotaSize: bytes });
}

test('a small quota fails the import and keeps whole batches', async ({ page, browser, baseURL }) => {
  test.slow();

  const scout = await browser.newContext({ timezoneId: 'Europe/Amsterdam', locale: 'en-GB' });
  const scoutPage = await scout.newPage();
  await prepareStore(scoutPage);
  const usedBeforeRun = await storageUsage(scoutPage);
  await scout.close();

  // Room for a few batches of 500 profiles; the whole run needs several times more.
  await overrideQuota(page.context(), page, baseURL ?? '', usedBeforeRun + 2_000_000);
  await prepareStore(page);
  await storageUsage(page);
  const connection = new ConnectionPage(page);
  await connection.runNow();
  const notice = page.getByRole('alert').filter({ hasText: 'Storage is full: the browser refuses to save more data for Runlane' });
  await expect(notice).toBeVisible();
  await expect(notice).toContainText('Delete connections or old runs you no longer need, or free disk space on this device.');

  // Chromium rejects even the run's final state once the quota is crossed. The page shows the end that the
  // worker keeps until it can save it.
  await expect(connection.runRow(1)).toContainText('Failed');
  await expect(connection.runRow(1)).toContainText('Storage is full: the browser refused to save more data for Runlane.');
  await expect(connection.runRow(1).getByRole('button', { name: 'Stop run' })).toHaveCount(0);
  const added = await countStored(page, 'profiles');
  expect(added).toBeGreaterThan(0);
  expect(added).toBeLessThan(30_000);
  expect(added % 500).toBe(0);
  const addedText = added.toLocaleString('en-GB');
  expect(await connection.counters(1)).toEqual([addedText, addedText, '0', '0', '0', '0', '0']);
  expect(await countStored(page, 'connections')).toBe(1);
  expect(await countStored(page, 'runs')).toBe(1);
});

async function setWriteBudget(page: Page, bytes: number | null): Promise<void> {
  await page.evaluate((value) => (window as unknown as { runlaneTest: { setWriteBudget(v: number | null): Promise<void> } }).runlaneTest.setWriteBudget(value), bytes);
}

/** Reads the first run's state from IndexedDB, which the page's display of unsaved ends does not change. */
async function storedStateOfFirstRun(page: Page): Promise<string> {
  return page.evaluate(
    () =>
      new Promise<string>((resolve, reject) => {
        const request = indexedDB.open('runlane');
        request.onerror = () => reject(request.error);
        request.onsuccess = () => {
          const read = request.result.transaction('runs').objectStore('runs').getAll();
          read.onsuccess = () => {
            resolve((read.result as { number: number; state: string }[]).find((run) => run.number === 1)?.state ?? 'missing');
            request.result.close();
          };
        };
      }),
  );
}

test('final state is saved once space is freed', async ({ page }) => {
  await openApp(page, { clock: '2026-03-05T10:00:00Z' });
  await saveCsvImport(page, 'Customer import', 5_000);

  // Room for a few batches of 500 profiles, then every write is refused, the run's final state included.
  await setWriteBudget(page, 1_000_000);
  const connection = new ConnectionPage(page);
  await connection.runNow();
  await expect(page.getByRole('alert').filter({ hasText: 'Storage is full: the browser refuses to save more data for Runlane' })).toBeVisible();
  await expect(connection.runRow(1)).toContainText('Failed');
  expect(await storedStateOfFirstRun(page)).toBe('running');
  const added = await countStored(page, 'profiles');
  expect(added).toBeGreaterThan(0);
  expect(added).toBeLessThan(5_000);
  expect(added % 500).toBe(0);

  // Space is freed; the executor writes the run's final state at its next retry.
  await setWriteBudget(page, null);
  await advanceClock(page, 10_000);
  await expect.poll(() => storedStateOfFirstRun(page)).toBe('failed');
  await expect(connection.runRow(1)).toContainText('Storage is full: the browser refused to save more data for Runlane.');
  const addedText = added.toLocaleString('en-GB');
  expect(await connection.counters(1)).toEqual([addedText, addedText, '0', '0', '0', '0', '0']);
  expect(await countStored(page, 'profiles')).toBe(added);
});
