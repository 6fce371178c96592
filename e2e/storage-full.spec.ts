/**
 * Storage full. Chromium 156 does not apply the DevTools quota override to a dedicated worker's IndexedDB
 * writes, so the test build refuses the worker's writes with the browser's own QuotaExceededError once a
 * byte budget set here is spent (src/storage/write-budget.ts).
 */
import type { Page } from '@playwright/test';
import { advanceClock, countStored, expect, openApp, test } from './fixtures.ts';
import { ConnectionPage, NewConnectionPage } from './pages/connection-page.ts';

test.use({ timezoneId: 'Europe/Amsterdam', locale: 'en-GB' });

async function setWriteBudget(page: Page, bytes: number | null): Promise<void> {
  await page.evaluate((value) => (window as unknown as { runlaneTest: { setWriteBudget(v: number | null): Promise<void> } }).runlaneTest.setWriteBudget(value), bytes);
}

test('an import fails with a clear message when storage is full', async ({ page }) => {
  await openApp(page, { clock: '2026-03-05T10:00:00Z' });
  const lines = ['email,first_name,city'];
  for (let i = 1; i <= 5_000; i++) lines.push(`customer${i}@example.com,Name ${i},City ${i % 50}`);
  const form = new NewConnectionPage(page);
  await form.open();
  await form.pickFile({ name: 'customers.csv', content: lines.join('\n') });
  await form.setName('Customer import');
  await form.setOn(false);
  await form.save();
  await expect(page.getByRole('heading', { name: 'Customer import', level: 1 })).toBeVisible();

  // Room for a few batches of 500 profiles, then every write is refused, the run's final state included.
  await setWriteBudget(page, 1_000_000);
  const connection = new ConnectionPage(page);
  await connection.runNow();
  await expect(page.getByRole('alert').filter({ hasText: 'Storage is full: the browser refuses to save more data for Runlane' })).toBeVisible();
  const added = await countStored(page, 'profiles');
  expect(added).toBeGreaterThan(0);
  expect(added).toBeLessThan(5_000);
  expect(added % 500).toBe(0);

  // Space is freed; the executor writes the run's final state at its next retry.
  await setWriteBudget(page, null);
  await advanceClock(page, 10_000);
  await expect(connection.runRow(1)).toContainText('Failed');
  await expect(connection.runRow(1)).toContainText('Storage is full: the browser refused to save more data for Runlane.');
  expect(await connection.counters(1)).toEqual([String(added.toLocaleString('en-GB')), added.toLocaleString('en-GB'), '0', '0', '0', '0', '0']);
  expect(await countStored(page, 'profiles')).toBe(added);
});
