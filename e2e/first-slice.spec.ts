import { readFile } from 'node:fs/promises';
import { advanceClock, expect, openApp, test } from './fixtures.ts';
import { ConnectionPage, NewConnectionPage } from './pages/connection-page.ts';

test.use({ timezoneId: 'Europe/Amsterdam', locale: 'en-GB' });

// Six rows: Ada is added and later updated by the ADA row (identifiers ignore case); Alan is added;
// Grace has text in a number column, one row has no identifier and Linus has an unknown boolean.
const CUSTOMERS = [
  'email,first_name,loyalty_points,birth_date,newsletter',
  'ada@example.com,Ada,"1,200",1990-01-31,yes',
  'grace@example.com,Grace,forty,1985-12-09,no',
  'alan@example.com,Alan,17,1912-06-23,y',
  ',Nobody,5,2000-01-01,no',
  'linus@example.com,Linus,3,1969-12-28,maybe',
  'ADA@example.com,Ada L.,1300,1990-01-31,yes',
].join('\r\n');

test('imports a CSV file on a schedule and shows exact counters and log', async ({ page }) => {
  // 10:00Z is 11:00 in Amsterdam (UTC+1 in March before the change).
  await openApp(page, { clock: '2026-03-05T10:00:00Z' });
  const form = new NewConnectionPage(page);
  await form.open();
  await form.pickFile({ name: 'customers.csv', content: CUSTOMERS });
  await expect(page.getByText('customers.csv: 294 bytes, 5 columns, delimiter comma.')).toBeVisible();
  await form.setName('Nightly CRM import');
  await form.setNewPropertyType('loyalty_points', 'number');
  await form.setNewPropertyType('newsletter', 'boolean');
  await expect(page.getByLabel('Type of new property birth_date')).toHaveValue('date');
  await expect(page.getByRole('radio', { name: 'Column email is the identifier' })).toBeChecked();
  await form.setTimesPerDay('4 times a day (every 6 h)');
  await form.save();

  const connection = new ConnectionPage(page);
  await expect(page.getByRole('heading', { name: 'Nightly CRM import', level: 1 })).toBeVisible();
  await expect(connection.runRow(1).getByText('Finished with warnings', { exact: true })).toBeVisible();
  expect(await connection.counters(1)).toEqual(['6', '2', '1', '0', '0', '3', '0']);
  await expect(connection.runRow(1)).toContainText('5 Mar 2026, 11:00');
  await expect(connection.runRow(1)).toContainText('Finished with warnings: 3 rows failed.');
  await expect(page.getByText('4 times a day at 05:00, 11:00, 17:00 and 23:00 (Europe/Amsterdam)')).toBeVisible();
  await expect(connection.nextRow()).toContainText('5 Mar 2026, 17:00 (in 6 h)');

  await connection.runRow(1).hover();
  const downloadPromise = page.waitForEvent('download');
  await connection.runRow(1).getByRole('button', { name: 'Download log of run 1' }).click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toBe('Nightly-CRM-import-run-1.log');
  const log = await readFile(await download.path(), 'utf8');
  const lines = log.trimEnd().split('\n');
  expect(lines[0]).toBe('2026-03-05T10:00:00.000Z [info] Run #1 of "Nightly CRM import" started (trigger: manual; waited 0 s in the queue).');
  expect(log).toContain('[info] Reading file customers.csv (294 bytes), delimiter comma (detected), encoding UTF-8.');
  expect(log).toContain('[warn] Line 3, column "loyalty_points": "forty" is not a number');
  expect(log).toContain('[warn] Line 5: the identifier column "email" is empty');
  expect(log).toContain('[warn] Line 6, column "newsletter": "maybe" is not a true/false value');
  expect(lines.at(-1)).toBe('2026-03-05T10:00:00.000Z [info] Checked 6, Added 2, Updated 1, Unchanged 0, Skipped 0, Failed 3, Blocked by consent 0.');

  // The next slot comes: rows applied by run 1 are Skipped, the failed rows are evaluated again.
  await advanceClock(page, 6 * 60 * 60_000);
  await expect(connection.runRow(2).getByText('Finished with warnings', { exact: true })).toBeVisible();
  expect(await connection.counters(2)).toEqual(['3', '0', '0', '0', '3', '3', '0']);
  await expect(connection.runRow(2)).toContainText('5 Mar 2026, 17:00');
  await expect(connection.nextRow()).toContainText('5 Mar 2026, 23:00 (in 6 h)');
});
