import type { Page } from '@playwright/test';
import type { ConnectionInput } from '../src/contract/worker-api.ts';
import { advanceClock, createConnection, expect, goToScreen, openApp, setClock, test } from './fixtures.ts';
import { ConnectionPage } from './pages/connection-page.ts';
import { TimelinePage } from './pages/timeline-page.ts';

test.use({ timezoneId: 'Europe/Amsterdam', locale: 'en-GB' });

const MINUTE = 60_000;

/**
 * Builds a test connection whose run takes `runMinutes` of the controlled clock, every day at `time` in Amsterdam
 * (UTC+1 in March).
 */
function dailyConnection(name: string, time: string, runMinutes: number): ConnectionInput {
  return {
    name,
    description: '',
    settings: { connector: 'test-steps', steps: 1, stepMs: runMinutes * MINUTE, rowsPerStep: 5 },
    schedule: { kind: 'daysOfWeek', days: [1, 2, 3, 4, 5, 6, 7], time, timeZone: 'Europe/Amsterdam' },
  };
}

/** Waits until the scheduler has queued (or started) a run: the Queue button counts it. */
async function expectQueueCount(page: Page, count: number): Promise<void> {
  await expect(page.getByRole('button', { name: /Queue/ })).toHaveText(new RegExp(`${count}$`));
}

/** Moves the controlled clock one minute at a time until the queue is empty. */
async function advanceUntilQueueEmpty(page: Page, limitMinutes = 40): Promise<void> {
  const queueButton = page.getByRole('button', { name: /Queue/ });
  for (let i = 0; i < limitMinutes; i++) {
    if ((await queueButton.innerText()).endsWith('0')) return;
    await advanceClock(page, MINUTE);
    await page.waitForTimeout(50);
  }
  await expect(queueButton).toHaveText(/0$/);
}

test('the timeline predicts delays, and leaving out and postponing change the runs', async ({ page }) => {
  // Thursday 5 March 2026, 09:00 in Amsterdam.
  await openApp(page, { clock: '2026-03-05T08:00:00Z' });
  const crm = await createConnection(page, dailyConnection('Nightly CRM import', '12:00', 25), true);
  const shop = await createConnection(page, dailyConnection('Shop orders import', '12:10', 5), true);
  // Switching ON ran each connection once: 25 and 5 minutes, the run times the timeline learns from.
  await advanceUntilQueueEmpty(page);

  await goToScreen(page, '/timeline');
  const timeline = new TimelinePage(page);
  await timeline.expectShown();
  await expect(timeline.summary).toHaveText('14 planned runs; 7 are predicted to wait behind another run.');
  await timeline.showDay('Thursday 5 March');
  await expect(timeline.plannedRun('Nightly CRM import')).toContainText('Due 12:00, predicted to start on time.');
  await expect(timeline.plannedRun('Nightly CRM import')).toContainText('Takes about 25 min 00 s (median of recent runs).');
  await expect(timeline.plannedRun('Shop orders import')).toContainText(
    'Due 12:10, predicted 12:25: waits behind Nightly CRM import (15 min 00 s late).',
  );

  // Leave out Thursday's CRM run: the shop run no longer waits.
  await timeline.leaveOut('Nightly CRM import');
  await expect(timeline.plannedRun('Nightly CRM import')).toContainText('Left out: this due time queues nothing. The schedule is unchanged.');
  await expect(timeline.plannedRun('Shop orders import')).toContainText('Due 12:10, predicted to start on time.');
  await expect(timeline.summary).toHaveText('13 planned runs; 6 are predicted to wait behind another run.');

  // Postpone Friday's shop run to 14:00.
  await timeline.showDay('Friday 6 March');
  await timeline.postpone('Shop orders import', '2026-03-06T14:00');
  await expect(timeline.plannedRun('Shop orders import')).toContainText('Postponed to 14:00, predicted to start on time.');

  // Thursday 12:00: the left-out CRM run queues nothing, and the shop run starts on time at 12:10.
  await setClock(page, '2026-03-05T11:00:00Z');
  await setClock(page, '2026-03-05T11:10:00Z');
  await expectQueueCount(page, 1);
  await advanceUntilQueueEmpty(page);
  const connection = new ConnectionPage(page);
  await goToScreen(page, `/connections/${crm.id}`);
  const crmChanges = page.getByTestId('timeline-change');
  await expect(crmChanges).toHaveCount(1);
  await expect(crmChanges).toHaveText('Left out from the timeline: the run due 5 Mar 2026, 12:00 did not run. The schedule is unchanged.');
  await expect(connection.runRow(1)).toBeVisible();
  await expect(connection.runRow(2)).toHaveCount(0);
  await goToScreen(page, `/connections/${shop.id}`);
  await expect(connection.runRow(2)).toContainText('5 Mar 2026, 12:105 min 00 sFinished');

  // Friday: the CRM run at 12:00 runs, and the shop run waits for 14:00 instead of 12:10.
  await setClock(page, '2026-03-06T11:00:00Z');
  await expectQueueCount(page, 1);
  await advanceUntilQueueEmpty(page);
  await setClock(page, '2026-03-06T11:10:00Z');
  await expect(page.getByTestId('timeline-change').first()).toContainText('Postponed to 14:00 from the timeline: the run due 6 Mar 2026, 12:10 waits for that time.');
  await expect(connection.runRow(3)).toHaveCount(0);
  await setClock(page, '2026-03-06T13:00:00Z');
  await expectQueueCount(page, 1);
  await advanceUntilQueueEmpty(page);
  // The run time depends on how the clock steps meet the connector's steps, so only the start is exact.
  await expect(connection.runRow(3)).toContainText(/6 Mar 2026, 14:00\d+ min 00 sFinished/);
  await expect(page.getByTestId('timeline-change').first()).toHaveText(
    'Postponed to 14:00 from the timeline: the run due 6 Mar 2026, 12:10 was queued then, as run #3.',
  );
});
