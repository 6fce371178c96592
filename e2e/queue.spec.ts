import type { Page } from '@playwright/test';
import type { ConnectionInput } from '../src/contract/worker-api.ts';
import { advanceClock, createConnection, expect, goToScreen, openApp, setClock, test } from './fixtures.ts';
import { ConnectionPage } from './pages/connection-page.ts';

test.use({ timezoneId: 'Europe/Amsterdam', locale: 'en-GB' });

const MINUTE = 60_000;

/** A test connector that adds 10 profiles per minute of the controlled clock, for three minutes. */
function stepsConnection(name: string, overrides: Partial<ConnectionInput> = {}): ConnectionInput {
  return {
    name,
    description: '',
    settings: { connector: 'test-steps', steps: 3, stepMs: MINUTE, rowsPerStep: 10 },
    // Every day at 12:00 in Amsterdam, which is 11:00Z in March.
    schedule: { kind: 'daysOfWeek', days: [1, 2, 3, 4, 5, 6, 7], time: '12:00', timeZone: 'Europe/Amsterdam' },
    ...overrides,
  };
}

/** Moves the controlled clock one minute at a time until `done` holds, at most `limit` minutes. */
async function advanceUntil(page: Page, done: () => Promise<boolean>, limit = 20): Promise<void> {
  for (let i = 0; i < limit; i++) {
    if (await done()) return;
    await advanceClock(page, MINUTE);
    await page.waitForTimeout(50);
  }
  expect(await done()).toBe(true);
}

test('two connections due at once run one after the other', async ({ page }) => {
  await openApp(page, { clock: '2026-03-05T10:30:00Z' });
  const alpha = await createConnection(page, stepsConnection('Alpha import'), true);
  const beta = await createConnection(page, stepsConnection('Beta import'), true);
  const queueButton = page.getByRole('button', { name: /Queue/ });
  // Switching ON queued a first run of each; let them finish.
  await advanceUntil(page, async () => (await queueButton.innerText()).endsWith('0'));

  await setClock(page, '2026-03-05T11:00:00Z');
  await queueButton.click();
  const panel = page.getByRole('complementary', { name: 'Queue' });
  const running = panel.getByTestId('queue-running');
  const waiting = panel.getByTestId('queue-waiting');
  // Both are due at the same instant, so either may go first; the other waits.
  await expect(running).toContainText(/(Alpha|Beta) import — run #2, running for 0 s/);
  const firstName = (await running.innerText()).startsWith('Alpha') ? 'Alpha import' : 'Beta import';
  const secondName = firstName === 'Alpha import' ? 'Beta import' : 'Alpha import';
  await expect(waiting).toHaveCount(1);
  await expect(waiting).toContainText(`${secondName} — run #2 (schedule), waiting 0 s`);

  await advanceClock(page, MINUTE);
  await expect(running).toContainText('Checked 10 · Added 10');
  await expect(waiting).toContainText('waiting 1 min 00 s');
  await advanceUntil(page, async () => (await running.innerText()).includes(secondName));
  await expect(waiting).toHaveCount(0);
  await advanceUntil(page, async () => (await panel.getByText('Nothing is running.').count()) === 1);

  const connection = new ConnectionPage(page);
  const [firstToRun, secondToRun] = firstName === 'Alpha import' ? [alpha, beta] : [beta, alpha];
  await goToScreen(page, `/connections/${firstToRun.id}`);
  await expect(connection.runRow(2)).toContainText('5 Mar 2026, 12:003 min 00 sFinished');
  expect(await connection.counters(2)).toEqual(['30', '30', '0', '0', '0', '0', '0']);
  // The second run waited in the queue for the three minutes the first one took.
  await goToScreen(page, `/connections/${secondToRun.id}`);
  await expect(connection.runRow(2)).toContainText('5 Mar 2026, 12:033 min 00 sFinished');
});

test('a run that ignores its stop is ended and the next one starts', async ({ page }) => {
  await openApp(page, { clock: '2026-03-05T10:30:00Z' });
  const hang = await createConnection(page, { name: 'Hanging import', description: '', settings: { connector: 'test-hang', mode: 'promise' }, schedule: null }, true);
  const next = await createConnection(page, stepsConnection('Next import', { schedule: null, settings: { connector: 'test-steps', steps: 1, stepMs: 0, rowsPerStep: 5 } }), false);
  await goToScreen(page, `/connections/${next.id}`);
  const connection = new ConnectionPage(page);
  await connection.runNow();
  await expect(connection.runRow(1)).toContainText('Queued (position 2)');

  await goToScreen(page, `/connections/${hang.id}`);
  await expect(connection.runRow(1)).toContainText('Running');
  await connection.runRow(1).getByRole('button', { name: 'Stop run' }).click();
  await expect(connection.runRow(1)).toContainText('Stopping');
  // The executor waits 5 s of the run's clock for the connector to stop.
  await advanceClock(page, 5_000);
  await expect(connection.runRow(1)).toContainText('Stopped');
  await expect(connection.runRow(1)).toContainText('Stopped on request.');

  await goToScreen(page, `/connections/${next.id}`);
  await expect(connection.runRow(1)).toContainText('Finished');
  expect(await connection.counters(1)).toEqual(['5', '5', '0', '0', '0', '0', '0']);
});

test('a worker stuck in a loop is restarted and the queue goes on', async ({ page }) => {
  await openApp(page, { clock: '2026-03-05T10:30:00Z', watchdogMs: 2_000 });
  const stuck = await createConnection(page, { name: 'Looping import', description: '', settings: { connector: 'test-hang', mode: 'busy-loop' }, schedule: null }, false);
  const next = await createConnection(page, stepsConnection('Next import', { schedule: null, settings: { connector: 'test-steps', steps: 1, stepMs: 0, rowsPerStep: 5 } }), false);
  await page.evaluate(
    async ([a, b]) => {
      const controls = (window as unknown as { runlaneTest: { runNow(id: string): Promise<unknown> } }).runlaneTest;
      await controls.runNow(a);
      await controls.runNow(b);
    },
    [stuck.id, next.id] as const,
  );
  await expect(page.getByRole('alert').filter({ hasText: 'The worker stopped answering for 2 s' })).toBeVisible({ timeout: 20_000 });
  await goToScreen(page, `/connections/${stuck.id}`);
  const connection = new ConnectionPage(page);
  await expect(connection.runRow(1)).toContainText('Failed');
  await expect(connection.runRow(1)).toContainText('The worker stopped answering for 2 s, probably because a connector is stuck in a loop, and was restarted.');
  await goToScreen(page, `/connections/${next.id}`);
  await expect(connection.runRow(1)).toContainText('Finished');
  expect(await connection.counters(1)).toEqual(['5', '5', '0', '0', '0', '0', '0']);
});

test('a run past its time limit fails with the limit in its message', async ({ page }) => {
  await openApp(page, { clock: '2026-03-05T10:30:00Z' });
  const hang = await createConnection(page, { name: 'Slow import', description: '', settings: { connector: 'test-hang', mode: 'promise' }, schedule: null }, false);
  await goToScreen(page, `/connections/${hang.id}`);
  await page.getByLabel('Time limit (minutes)').fill('0');
  await page.getByRole('button', { name: 'Save run settings' }).click();
  await expect(page.getByText('Time limit "0" is invalid: enter whole minutes from 1 to 1440.')).toBeVisible();
  await page.getByLabel('Time limit (minutes)').fill('2');
  await page.getByLabel('Retries after a transient failure').fill('0');
  await page.getByRole('button', { name: 'Save run settings' }).click();
  await expect(page.getByText('Run settings saved; they apply from the next run.')).toBeVisible();

  const connection = new ConnectionPage(page);
  await connection.runNow();
  await expect(connection.runRow(1)).toContainText('Running');
  await advanceClock(page, 2 * MINUTE);
  // The connector ignores its signal; the executor ends the run 5 s later.
  await advanceClock(page, 5_000);
  await expect(connection.runRow(1)).toContainText('Failed');
  await expect(connection.runRow(1)).toContainText('Timed out after 2 min');
});
