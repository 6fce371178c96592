/**
 * A generated CSV file of about 200 MB (205,000 rows of 21 columns, about 1 KB each, as a CRM export with
 * a notes column writes them), imported through the New connection form as a stored copy. The run reads
 * every row with exact counters, the store contains the profiles they count, and the worker still
 * responds and runs the next import. The file is written to the system's temporary folder and removed after the test.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { countStored, expect, goToScreen, openApp, test } from './fixtures.ts';
import { ConnectionPage, NewConnectionPage } from './pages/connection-page.ts';
import { downloadLogLines, readProfiles, readWorkerClock } from './support/import-checks.ts';

test.use({ timezoneId: 'Europe/Amsterdam', locale: 'en-GB' });

const START = '2026-03-05T10:00:00Z';
const ROWS = 205_000;
const MIN_BYTES = 200 * 1024 * 1024;
/** Every 1,000th row, from row 1,000 on, changes the customer of the row 500 rows earlier: Updated. */
const REPEAT_EVERY = 1000;
/** Row 250 and every 1,000th row after it has text in the number column loyalty_points: Failed. */
const FAILED_AT = 250;
const REPEATED = Math.floor(ROWS / REPEAT_EVERY);
const FAILED = Math.floor((ROWS - FAILED_AT) / REPEAT_EVERY) + 1;
const ADDED = ROWS - REPEATED - FAILED;

const HEADER =
  'customer_id,email,first_name,last_name,company,job_title,street,postal_code,city,region,country,phone,mobile,' +
  'birth_date,signup_date,loyalty_points,lifetime_value,newsletter,sms_optin,segment,notes';
const NOTE =
  'Prefers contact by email, asks about delivery times, has a loyalty card since the shop in the old town opened; ' +
  'called twice about an order that arrived late, and liked the ""quick reply""';

function noteOf(customer: number): string {
  return `${NOTE} ${NOTE} ${NOTE} ${NOTE} (#${customer}, ""vip"" ${customer % 7})`;
}

/** Data row `row` (1-based). A repeated row describes an earlier customer with a new first name. */
function csvRow(row: number): string {
  const customer = row % REPEAT_EVERY === 0 ? row - REPEAT_EVERY / 2 : row;
  const id = String(customer).padStart(8, '0');
  const points = row % REPEAT_EVERY === FAILED_AT ? 'n/a' : String(customer % 5000);
  return [
    `C${id}`,
    `customer${customer}@example.com`,
    `First${row}`,
    `Last${customer % 977}`,
    `Company ${customer % 311} International Trading B.V.`,
    `Senior Procurement Manager ${customer % 13}`,
    `${customer % 300} Long Street Name Avenue`,
    `0${(customer % 9000) + 1000}`,
    `City ${customer % 97}`,
    `Region ${customer % 12}`,
    'Netherlands',
    `+31 20 ${id}`,
    `+31 6 ${id}`,
    `19${50 + (customer % 50)}-0${1 + (customer % 9)}-1${customer % 10}`,
    `20${10 + (customer % 15)}-1${customer % 3}-2${customer % 9}`,
    points,
    String((customer % 100000) / 100),
    customer % 2 ? 'yes' : 'no',
    customer % 3 ? 'no' : 'yes',
    `Segment ${customer % 7}`,
    `"${noteOf(customer)}"`,
  ].join(',');
}

/** Writes the file in chunks, waiting whenever the stream's buffer is full, so memory stays small. */
async function writeLargeCsv(file: string): Promise<void> {
  const out = createWriteStream(file);
  out.write(`${HEADER}\n`);
  for (let row = 1; row <= ROWS; row++) {
    if (!out.write(`${csvRow(row)}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

let folder: string | null = null;

test.afterEach(async () => {
  if (folder) await rm(folder, { recursive: true, force: true });
  folder = null;
});

test('imports a 200 MB CSV file', async ({ page }) => {
  test.setTimeout(10 * 60_000);
  folder = await mkdtemp(path.join(tmpdir(), 'runlane-large-file-'));
  const file = path.join(folder, 'customers-200mb.csv');
  await writeLargeCsv(file);
  const { size } = await stat(file);
  expect(size).toBeGreaterThan(MIN_BYTES);

  await openApp(page, { clock: START });
  const form = new NewConnectionPage(page);
  await form.open();
  // A path hands Chromium the file on disk, so its 200 MB never pass through the test's connection.
  await page.getByLabel('CSV file').setInputFiles(file);
  await expect(page.getByText(/^customers-200mb\.csv: 20\d\.\d MB, 21 columns, delimiter comma\.$/)).toBeVisible();
  await expect(page.getByRole('radio', { name: 'Column email is the identifier' })).toBeChecked();
  await expect(page.getByLabel('Type of new property postal_code')).toHaveValue('text');
  await expect(page.getByLabel('Type of new property loyalty_points')).toHaveValue('number');
  await expect(page.getByLabel('Type of new property birth_date')).toHaveValue('date');
  await expect(page.getByLabel('Type of new property newsletter')).toHaveValue('boolean');
  await form.setName('Large CRM export');

  const startedMs = Date.now();
  await form.save();
  const connection = new ConnectionPage(page);
  const row = connection.runRow(1);
  await expect(row.locator('.state-badge')).toHaveText('Finished with warnings', { timeout: 8 * 60_000 });
  const runMs = Date.now() - startedMs;
  const counters = [ROWS, ADDED, REPEATED, 0, 0, FAILED, 0].map((value) => value.toLocaleString('en-GB'));
  expect(await connection.counters(1)).toEqual(counters);
  await expect(row.locator('td.message')).toHaveText(`Finished with warnings: ${FAILED} rows failed.`);
  test.info().annotations.push({
    type: 'measured',
    description: `${size} bytes, ${ROWS} rows: ${(runMs / 1000).toFixed(1)} s from Save to the end of the run`,
  });

  const log = await downloadLogLines(page, connection, 1);
  expect(log[1]).toMatch(/^\[info\] Reading file customers-200mb\.csv \(20\d\.\d MB\), delimiter comma \(detected\), encoding UTF-8\.$/);
  expect(log[2]).toBe(`[warn] Line ${FAILED_AT + 1}, column "loyalty_points": "n/a" is not a number (expected a number like 1,234.5).`);
  expect(log.filter((line) => line.includes('"n/a" is not a number'))).toHaveLength(FAILED);
  expect(log.slice(-3)).toEqual([
    `[info] Read ${ROWS.toLocaleString('en-US')} data rows: Checked ${ROWS}, Added ${ADDED}, Updated ${REPEATED}, Unchanged 0, Failed ${FAILED}, Blocked 0, Skipped 0.`,
    '[info] Run finished with warnings.',
    `[info] Checked ${ROWS}, Added ${ADDED}, Updated ${REPEATED}, Unchanged 0, Skipped 0, Failed ${FAILED}, Blocked by consent 0.`,
  ]);

  // The store contains one profile per Added row; a repeated row updated its customer, a failed row wrote nothing.
  expect(await countStored(page, 'profiles')).toBe(ADDED);
  const stored = await readProfiles(page, ['customer1@example.com', 'customer500@example.com', `customer${FAILED_AT}@example.com`]);
  expect(stored['customer1@example.com']).toEqual({
    identifier: 'customer1@example.com',
    properties: {
      customer_id: 'C00000001',
      email: 'customer1@example.com',
      first_name: 'First1',
      last_name: 'Last1',
      company: 'Company 1 International Trading B.V.',
      job_title: 'Senior Procurement Manager 1',
      street: '1 Long Street Name Avenue',
      postal_code: '01001',
      city: 'City 1',
      region: 'Region 1',
      country: 'Netherlands',
      phone: '+31 20 00000001',
      mobile: '+31 6 00000001',
      birth_date: '1951-02-11',
      signup_date: '2011-11-21',
      loyalty_points: 1,
      lifetime_value: 0.01,
      newsletter: true,
      sms_optin: false,
      segment: 'Segment 1',
      notes: noteOf(1).replaceAll('""', '"'),
    },
  });
  expect(stored['customer500@example.com']?.properties.first_name).toBe('First1000');
  expect(stored[`customer${FAILED_AT}@example.com`]).toBeNull();

  // The worker still responds, and the next import runs as usual.
  expect(await readWorkerClock(page)).toBe(Date.parse(START));
  await goToScreen(page, '/');
  await form.open();
  await form.pickFile({ name: 'after.csv', content: 'email,first_name\ncustomer1@example.com,Ada\nnew@example.com,Nia\n' });
  await form.setName('After the large file');
  await form.save();
  await expect(connection.runRow(1).locator('.state-badge')).toHaveText('Finished');
  expect(await connection.counters(1)).toEqual(['2', '1', '1', '0', '0', '0', '0']);
  expect(await countStored(page, 'profiles')).toBe(ADDED + 1);
});
