import { countStored, expect, openApp, test } from './fixtures.ts';
import { ConnectionPage, NewConnectionPage } from './pages/connection-page.ts';

test.use({ timezoneId: 'Europe/Amsterdam', locale: 'en-GB' });

const ROWS = 100_000;
const BATCH_ROWS = 500;

function bigCsv(): string {
  const lines = ['email,first_name,city,loyalty_points'];
  for (let i = 1; i <= ROWS; i++) lines.push(`customer${i}@example.com,Name ${i},City ${i % 97},${i % 5000}`);
  return lines.join('\n') + '\n';
}

function toNumber(text: string): number {
  return Number(text.replace(/[^\d]/g, ''));
}

test('a stopped import keeps whole batches and the next run skips them', async ({ page }) => {
  test.setTimeout(180_000);
  await openApp(page, { clock: '2026-03-05T10:00:00Z' });
  const form = new NewConnectionPage(page);
  await form.open();
  await form.pickFile({ name: 'big.csv', content: bigCsv() });
  await form.setName('Big import');
  await form.setNewPropertyType('loyalty_points', 'number');
  await form.setOn(false);
  await form.save();

  const connection = new ConnectionPage(page);
  await expect(page.getByRole('heading', { name: 'Big import', level: 1 })).toBeVisible();
  await connection.runNow();
  await expect(connection.runRow(1)).toContainText('Running');
  await expect.poll(async () => toNumber((await connection.counters(1))[0] ?? '0'), { timeout: 60_000 }).toBeGreaterThan(0);
  await connection.runRow(1).getByRole('button', { name: 'Stop run' }).click();
  await expect(connection.runRow(1)).toContainText('Stopped', { timeout: 30_000 });

  const [checked, added, updated, unchanged, skipped, failed, blocked] = (await connection.counters(1)).map(toNumber);
  expect(checked).toBeGreaterThan(0);
  expect(checked).toBeLessThan(ROWS);
  expect(checked % BATCH_ROWS).toBe(0);
  expect([added, updated, unchanged, skipped, failed, blocked]).toEqual([checked, 0, 0, 0, 0, 0]);
  expect(await countStored(page, 'profiles')).toBe(added);

  await connection.runNow();
  await expect(connection.runRow(2)).toContainText('Finished', { timeout: 120_000 });
  const second = (await connection.counters(2)).map(toNumber);
  expect(second).toEqual([ROWS - added, ROWS - added, 0, 0, added, 0, 0]);
  expect(await countStored(page, 'profiles')).toBe(ROWS);
});
