import type { ConnectionInput } from '../src/contract/worker-api.ts';
import { advanceClock, countStored, createConnection, expect, goToScreen, openApp, setClock, test } from './fixtures.ts';
import { ConnectionPage } from './pages/connection-page.ts';

test.use({ timezoneId: 'Europe/Amsterdam', locale: 'en-GB' });

const MINUTE = 60_000;

function stepsConnection(steps: number, schedule: ConnectionInput['schedule'] = null): ConnectionInput {
  return {
    name: 'Nightly CRM import',
    description: '',
    settings: { connector: 'test-steps', steps, stepMs: MINUTE, rowsPerStep: 10 },
    schedule,
  };
}

// Every day at 12:00 in Amsterdam, which is 11:00Z in March.
const NOON_DAILY: ConnectionInput['schedule'] = { kind: 'daysOfWeek', days: [1, 2, 3, 4, 5, 6, 7], time: '12:00', timeZone: 'Europe/Amsterdam' };

test('closing the page mid-run leaves the run interrupted', async ({ page, context }) => {
  await openApp(page, { clock: '2026-03-05T10:30:00Z' });
  const connection = await createConnection(page, stepsConnection(5), true);
  await goToScreen(page, `/connections/${connection.id}`);
  const history = new ConnectionPage(page);
  await expect(history.runRow(1)).toContainText('Running');
  await advanceClock(page, MINUTE);
  await expect.poll(() => history.counters(1)).toEqual(['10', '10', '0', '0', '0', '0', '0']);
  await advanceClock(page, MINUTE);
  await expect.poll(() => history.counters(1)).toEqual(['20', '20', '0', '0', '0', '0', '0']);
  await page.close();

  const reopened = await context.newPage();
  await openApp(reopened, { path: `/connections/${connection.id}` });
  const after = new ConnectionPage(reopened);
  await expect(after.runRow(1)).toContainText('Interrupted');
  await expect(after.runRow(1)).toContainText('Interrupted: the tab that ran it closed or crashed. Batches committed before that are kept.');
  expect(await after.counters(1)).toEqual(['20', '20', '0', '0', '0', '0', '0']);
  await expect(reopened.getByRole('status').filter({ hasText: 'A run was interrupted because the tab that ran it closed or crashed.' })).toBeVisible();
});

test('two tabs run each due run once and hand over when one closes', async ({ page, context }) => {
  await openApp(page, { clock: '2026-03-05T10:30:00Z' });
  await expect(page.getByText('This tab runs the schedules')).toBeVisible();
  const connection = await createConnection(page, { ...stepsConnection(1, NOON_DAILY), settings: { connector: 'test-steps', steps: 1, stepMs: 0, rowsPerStep: 1 } }, true);
  const second = await context.newPage();
  await openApp(second, { path: `/connections/${connection.id}` });
  await expect(second.getByText('Schedules run in another tab')).toBeVisible();
  const history = new ConnectionPage(second);
  await expect(history.runRow(1)).toContainText('Finished');

  // The due time at 12:00 Amsterdam comes; both tabs see it, one runs it.
  await setClock(second, '2026-03-05T11:00:00Z');
  await expect(history.runRow(2)).toContainText('Finished');
  expect(await countStored(second, 'runs')).toBe(2);

  await page.close();
  await expect(second.getByText('This tab runs the schedules')).toBeVisible({ timeout: 5_000 });
  await setClock(second, '2026-03-06T11:00:00Z');
  await expect(history.runRow(3)).toContainText('Finished');
  await expect(history.runRow(3)).toContainText('6 Mar 2026, 12:00');
  expect(await countStored(second, 'runs')).toBe(3);
});

test('due times passed while the app was closed are recorded as missed', async ({ page, context }) => {
  await openApp(page, { clock: '2026-03-05T10:30:00Z' });
  const connection = await createConnection(page, { ...stepsConnection(1, NOON_DAILY), settings: { connector: 'test-steps', steps: 1, stepMs: 0, rowsPerStep: 1 } }, true);
  await goToScreen(page, `/connections/${connection.id}`);
  await expect(new ConnectionPage(page).runRow(1)).toContainText('Finished');
  await page.close();

  // The noons of 5 to 8 March pass with no tab open; the app opens again on 8 March at 13:00 Amsterdam.
  const reopened = await context.newPage();
  await openApp(reopened, { path: `/connections/${connection.id}` });
  await setClock(reopened, '2026-03-08T12:00:00Z');
  const missedRow = reopened.locator('tr.missed-row');
  await expect(missedRow).toContainText('4 runs were missed while Runlane was closed or asleep (noticed 8 Mar 2026, 13:00). One catch-up run was queued.');
  await expect(missedRow).toContainText('5 Mar 2026, 12:00');
  const history = new ConnectionPage(reopened);
  await expect(history.runRow(2)).toContainText('(catch-up)');
  await expect(history.runRow(2)).toContainText('Finished');
  await advanceClock(reopened, MINUTE);
  expect(await countStored(reopened, 'runs')).toBe(2);
});
