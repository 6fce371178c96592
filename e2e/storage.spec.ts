import { expect, openApp, test } from './fixtures.ts';

test('a tab is told to reload when another tab upgrades the database', async ({ page }) => {
  await openApp(page, { demo: true });
  await expect(page.getByRole('link', { name: 'Demo CRM import' })).toBeVisible();
  // Another tab with a newer schema opens the database at a higher version. Dexie stores schema version n
  // as IndexedDB version 10 × n, so the next schema version is 10 higher.
  await page.evaluate(async () => {
    const current = (await indexedDB.databases()).find((database) => database.name === 'runlane')?.version ?? 0;
    await new Promise<void>((resolve, reject) => {
      const request = indexedDB.open('runlane', current + 10);
      request.onsuccess = () => {
        request.result.close();
        resolve();
      };
      request.onerror = () => reject(request.error);
    });
  });
  await expect(page.getByRole('alert').filter({ hasText: 'A newer version of Runlane was opened in another tab' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Reload' })).toBeVisible();
});
