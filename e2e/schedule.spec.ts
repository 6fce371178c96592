import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { expect, openApp, test } from './fixtures.ts';
import { ConnectionPage, NewConnectionPage } from './pages/connection-page.ts';

// The browser runs in Amsterdam (UTC+1 until 2026-03-29) with British formats. The controlled clock starts
// on Thursday 2026-03-05 at 10:00Z, which is 11:00 in Amsterdam and 05:00 in New York.
test.use({ timezoneId: 'Europe/Amsterdam', locale: 'en-GB' });

const START = '2026-03-05T10:00:00Z';
const PEOPLE_CSV = 'email,name\na@example.com,Ann\n';

/** Creates a CSV import connection through the form and returns its id, from the address it lands on. */
async function createConnection(page: Page, name: string, options: { on: boolean }): Promise<string> {
  const form = new NewConnectionPage(page);
  await form.open();
  await form.pickFile({ name: 'people.csv', content: PEOPLE_CSV });
  await expect(page.getByRole('table', { name: 'Mapping: which property each column fills' })).toBeVisible();
  await page.getByRole('radio', { name: 'Column email is the identifier' }).check();
  await form.setName(name);
  await form.setOn(options.on);
  await form.save();
  await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();
  const match = /#\/connections\/([^/?]+)$/.exec(page.url());
  if (!match) throw new Error(`Expected a connection address after saving, got ${page.url()}`);
  return match[1]!;
}

async function openScheduleDialog(page: Page): Promise<Locator> {
  await page.getByRole('button', { name: 'Schedule settings' }).click();
  const dialog = page.getByRole('dialog', { name: 'Schedule settings' });
  await expect(dialog).toBeVisible();
  return dialog;
}

function previewRows(dialog: Locator): Locator {
  return dialog.getByTestId('preview-row');
}

async function expectPreview(dialog: Locator, rows: string[]): Promise<void> {
  await expect(previewRows(dialog)).toHaveText(rows, { useInnerText: true });
}

async function saveSchedule(page: Page, dialog: Locator): Promise<void> {
  await dialog.getByRole('button', { name: 'Save schedule' }).click();
  await expect(page.getByText('Schedule saved.')).toBeVisible();
  await expect(dialog).toBeHidden();
}

function nextRunText(page: Page): Locator {
  return new ConnectionPage(page).nextRow().locator('td').first();
}

/**
 * Stores finished runs of a connection straight into IndexedDB, one per run time in minutes, so that the
 * dialog has a run history to take the typical run time from. The page is reloaded afterwards to show them.
 */
async function storeFinishedRuns(page: Page, connectionId: string, runTimesMinutes: number[]): Promise<void> {
  await page.evaluate(
    async ({ id, runTimes, firstStartMs }) => {
      const database = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open('runlane');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const transaction = database.transaction('runs', 'readwrite');
      const store = transaction.objectStore('runs');
      runTimes.forEach((minutes, index) => {
        const startedAtMs = firstStartMs + index * 3_600_000;
        store.add({
          connectionId: id,
          number: index + 1,
          trigger: 'schedule',
          state: 'finished',
          priority: 1,
          queuedAtMs: startedAtMs,
          promotedAtMs: null,
          dueAtMs: startedAtMs,
          startedAtMs,
          endedAtMs: startedAtMs + minutes * 60_000,
          stopRequestedAtMs: null,
          attempt: 1,
          waitingForNetwork: false,
          counters: { checked: 1, added: 0, updated: 0, unchanged: 1, skipped: 0, failed: 0, blocked: 0 },
          warningCount: 0,
          errorMessage: null,
          summary: 'Finished.',
          mergedDueAtMs: [],
          logCount: 0,
        });
      });
      await new Promise<void>((resolve, reject) => {
        transaction.oncomplete = () => resolve();
        transaction.onerror = () => reject(transaction.error);
      });
      database.close();
    },
    { id: connectionId, runTimes: runTimesMinutes, firstStartMs: Date.parse('2026-03-04T00:00:00Z') },
  );
  await page.reload();
  await expect(page.getByRole('table', { name: 'Run history' })).toBeVisible();
}

test('times per day shows the switch-on anchor', async ({ page }) => {
  await openApp(page, { clock: START });
  await createConnection(page, 'People every few hours', { on: true });

  const dialog = await openScheduleDialog(page);
  await expect(dialog.getByRole('radio', { name: 'Times per day' })).toBeChecked();
  await expect(dialog.getByRole('radio', { name: 'Times per day' })).toBeFocused();
  await expect(dialog.getByLabel('How often')).toHaveValue('1');
  await expect(dialog.getByLabel('How often').locator('option:checked')).toHaveText('Once a day (every 24 h)');
  await expect(dialog.getByLabel('Anchor time')).toHaveValue('11:00');
  await expect(dialog.getByRole('combobox', { name: 'Time zone' })).toHaveValue('Europe/Amsterdam');
  await expect(dialog.getByText('Europe/Amsterdam, now UTC+01:00 (this browser’s time zone).')).toBeVisible();
  await expectPreview(dialog, [
    'Fri, 6 Mar 2026, 11:00',
    'Sat, 7 Mar 2026, 11:00',
    'Sun, 8 Mar 2026, 11:00',
    'Mon, 9 Mar 2026, 11:00',
    'Tue, 10 Mar 2026, 11:00',
  ]);

  await dialog.getByLabel('How often').selectOption({ label: '4 times a day (every 6 h)' });
  await dialog.getByLabel('Anchor time').fill('05:15');
  await expect(dialog.getByTestId('schedule-summary')).toHaveText('4 times a day at 05:15, 11:15, 17:15 and 23:15 (Europe/Amsterdam)');
  await expectPreview(dialog, [
    'Thu, 5 Mar 2026, 11:15',
    'Thu, 5 Mar 2026, 17:15',
    'Thu, 5 Mar 2026, 23:15',
    'Fri, 6 Mar 2026, 05:15',
    'Fri, 6 Mar 2026, 11:15',
  ]);
  await expect(dialog.getByTestId('pile-up-warning')).toHaveCount(0);

  await saveSchedule(page, dialog);
  await expect(page.getByRole('button', { name: 'Schedule settings' })).toBeFocused();
  await expect(page.getByText('4 times a day at 05:15, 11:15, 17:15 and 23:15 (Europe/Amsterdam)')).toBeVisible();
  await expect(nextRunText(page)).toHaveText('5 Mar 2026, 11:15 (in 15 min)');
});

test('days of the week across spring forward', async ({ page }) => {
  await openApp(page, { clock: START });
  await createConnection(page, 'People on Sundays', { on: false });

  const dialog = await openScheduleDialog(page);
  await dialog.getByRole('radio', { name: 'Days of the week' }).check();
  const monday = dialog.getByRole('button', { name: 'Mon', exact: true });
  const sunday = dialog.getByRole('button', { name: 'Sun', exact: true });
  await expect(dialog.getByRole('group', { name: 'Days' }).getByRole('button')).toHaveText(['✓Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']);
  await expect(monday).toHaveAttribute('aria-pressed', 'true');
  await expect(sunday).toHaveAttribute('aria-pressed', 'false');

  await sunday.focus();
  await page.keyboard.press('Space');
  await monday.click();
  await expect(sunday).toHaveAttribute('aria-pressed', 'true');
  await expect(sunday).toHaveText('✓Sun');
  await expect(monday).toHaveAttribute('aria-pressed', 'false');
  await expect(monday).toHaveText('Mon');

  await dialog.getByLabel('Time', { exact: true }).fill('02:30');
  const zone = dialog.getByRole('combobox', { name: 'Time zone' });
  await zone.fill('America/New_York');
  await zone.blur();
  await expect(dialog.getByText('America/New_York, now UTC−05:00.')).toBeVisible();
  await expect(dialog.getByTestId('schedule-summary')).toHaveText('Every Sunday at 02:30 (America/New_York)');
  await expectPreview(dialog, [
    'Sun, 8 Mar 2026, 03:30 Your time: Sun, 8 Mar 2026, 08:30 ⚠ Clocks go forward: runs at 03:30 instead of 02:30',
    'Sun, 15 Mar 2026, 02:30 Your time: Sun, 15 Mar 2026, 07:30',
    'Sun, 22 Mar 2026, 02:30 Your time: Sun, 22 Mar 2026, 07:30',
    'Sun, 29 Mar 2026, 02:30 Your time: Sun, 29 Mar 2026, 08:30',
    'Sun, 5 Apr 2026, 02:30 Your time: Sun, 5 Apr 2026, 08:30',
  ]);
  await expect(dialog.getByText('The connection is OFF: these runs happen only after you switch it ON.')).toBeVisible();

  await saveSchedule(page, dialog);
  await expect(page.getByText('Every Sunday at 02:30 (America/New_York) The connection is OFF.')).toBeVisible();
  await expect(nextRunText(page)).toHaveText('The connection is OFF: no run is planned.');

  await page.getByRole('switch').check();
  await expect(nextRunText(page)).toHaveText('8 Mar 2026, 08:30 (in 69 h 30 min)');

  const reopened = await openScheduleDialog(page);
  await expect(reopened.getByRole('radio', { name: 'Days of the week' })).toBeChecked();
  await expect(reopened.getByRole('button', { name: 'Sun', exact: true })).toHaveAttribute('aria-pressed', 'true');
  await expect(reopened.getByLabel('Time', { exact: true })).toHaveValue('02:30');
  await expect(reopened.getByRole('combobox', { name: 'Time zone' })).toHaveValue('America/New_York');
});

test('day of the month lists skipped months', async ({ page }) => {
  await openApp(page, { clock: START });
  await createConnection(page, 'People monthly', { on: true });

  const dialog = await openScheduleDialog(page);
  await dialog.getByRole('radio', { name: 'Day of the month', exact: true }).check();
  await dialog.getByLabel('Day', { exact: true }).selectOption({ label: '31st' });
  await dialog.getByLabel('Time', { exact: true }).fill('06:00');
  await expectPreview(dialog, [
    'Tue, 31 Mar 2026, 06:00',
    'Sun, 31 May 2026, 06:00',
    'Fri, 31 Jul 2026, 06:00',
    'Mon, 31 Aug 2026, 06:00',
    'Sat, 31 Oct 2026, 06:00',
  ]);
  await expect(dialog.getByTestId('skipped-month')).toHaveText([
    'No run in April 2026: it has no 31st',
    'No run in June 2026: it has no 31st',
    'No run in September 2026: it has no 31st',
  ]);

  await dialog.getByLabel('Day', { exact: true }).selectOption({ label: 'Last day' });
  await expectPreview(dialog, [
    'Tue, 31 Mar 2026, 06:00',
    'Thu, 30 Apr 2026, 06:00',
    'Sun, 31 May 2026, 06:00',
    'Tue, 30 Jun 2026, 06:00',
    'Fri, 31 Jul 2026, 06:00',
  ]);
  await expect(dialog.getByTestId('skipped-month')).toHaveCount(0);

  await dialog.getByLabel('Day', { exact: true }).selectOption({ label: '31st' });
  await saveSchedule(page, dialog);
  await expect(page.getByText('On the 31st of each month at 06:00 (Europe/Amsterdam); no run in months with fewer than 31 days')).toBeVisible();
  await expect(nextRunText(page)).toHaveText('31 Mar 2026, 06:00 (in 618 h)');
});

test('weekday of the month in a legacy zone name', async ({ page }) => {
  await openApp(page, { clock: START });
  await createConnection(page, 'People last Friday', { on: true });

  const dialog = await openScheduleDialog(page);
  await dialog.getByRole('radio', { name: 'Weekday of the month' }).check();
  await dialog.getByLabel('Week', { exact: true }).selectOption({ label: 'Last' });
  await dialog.getByLabel('Weekday', { exact: true }).selectOption({ label: 'Friday' });
  await dialog.getByLabel('Time', { exact: true }).fill('18:00');
  const zone = dialog.getByRole('combobox', { name: 'Time zone' });
  await zone.fill('asia/calcutta');
  await zone.press('Tab');
  await expect(dialog.getByText('Saved as Asia/Kolkata, now UTC+05:30.')).toBeVisible();
  await expect(dialog.getByTestId('schedule-summary')).toHaveText('On the last Friday of each month at 18:00 (Asia/Kolkata)');
  await expectPreview(dialog, [
    'Fri, 27 Mar 2026, 18:00 Your time: Fri, 27 Mar 2026, 13:30',
    'Fri, 24 Apr 2026, 18:00 Your time: Fri, 24 Apr 2026, 14:30',
    'Fri, 29 May 2026, 18:00 Your time: Fri, 29 May 2026, 14:30',
    'Fri, 26 Jun 2026, 18:00 Your time: Fri, 26 Jun 2026, 14:30',
    'Fri, 31 Jul 2026, 18:00 Your time: Fri, 31 Jul 2026, 14:30',
  ]);

  await saveSchedule(page, dialog);
  await expect(page.getByText('On the last Friday of each month at 18:00 (Asia/Kolkata)')).toBeVisible();
  await expect(nextRunText(page)).toHaveText('27 Mar 2026, 13:30 (in 530 h 30 min)');

  const reopened = await openScheduleDialog(page);
  await expect(reopened.getByRole('combobox', { name: 'Time zone' })).toHaveValue('Asia/Kolkata');
  await expect(reopened.getByLabel('Week', { exact: true }).locator('option:checked')).toHaveText('Last');
  await expect(reopened.getByLabel('Weekday', { exact: true }).locator('option:checked')).toHaveText('Friday');
});

test('invalid schedule cannot be saved', async ({ page }) => {
  await openApp(page, { clock: START });
  await createConnection(page, 'People invalid schedule', { on: false });

  const dialog = await openScheduleDialog(page);
  await dialog.getByRole('radio', { name: 'Days of the week' }).check();
  const monday = dialog.getByRole('button', { name: 'Mon', exact: true });
  await monday.click();
  const days = dialog.getByRole('group', { name: 'Days' });
  await expect(days).toHaveAttribute('aria-invalid', 'true');
  await expect(days).toHaveAccessibleDescription('Pick at least one weekday.');
  await expect(dialog.getByText('Fix the problems above to see the next runs.')).toBeVisible();

  await dialog.getByRole('button', { name: 'Save schedule' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('Not saved: fix the marked field first.');
  await expect(monday).toBeFocused();
  await expect(dialog).toBeVisible();

  const zone = dialog.getByRole('combobox', { name: 'Time zone' });
  await zone.fill('Mars/Olympus');
  await zone.press('Tab');
  await expect(zone).toHaveAttribute('aria-invalid', 'true');
  await expect(zone).toHaveAccessibleDescription("Type to filter, for example Kolkata or New_York. Unknown time zone 'Mars/Olympus'.");
  await expect(dialog.getByRole('alert')).toHaveText('Not saved: fix the marked fields first.');

  const time = dialog.getByLabel('Time', { exact: true });
  await time.fill('');
  await expect(time).toHaveAttribute('aria-invalid', 'true');
  await expect(time).toHaveAccessibleDescription('Time must be HH:MM between 00:00 and 23:59.');

  await monday.click();
  await time.fill('07:00');
  await dialog.getByRole('button', { name: 'Use Europe/Amsterdam' }).click();
  await expect(zone).toHaveValue('Europe/Amsterdam');
  await expect(zone).not.toHaveAttribute('aria-invalid', 'true');
  await expect(days).not.toHaveAttribute('aria-invalid', 'true');
  await expect(dialog.getByRole('alert')).toHaveCount(0);
  await expectPreview(dialog, [
    'Mon, 9 Mar 2026, 07:00',
    'Mon, 16 Mar 2026, 07:00',
    'Mon, 23 Mar 2026, 07:00',
    'Mon, 30 Mar 2026, 07:00',
    'Mon, 6 Apr 2026, 07:00',
  ]);
  await saveSchedule(page, dialog);
  await expect(page.getByText('Every Monday at 07:00 (Europe/Amsterdam) The connection is OFF.')).toBeVisible();
});

test('escape closes without saving', async ({ page }) => {
  await openApp(page, { clock: START });
  await createConnection(page, 'People escape', { on: false });
  const cogwheel = page.getByRole('button', { name: 'Schedule settings' });

  const dialog = await openScheduleDialog(page);
  await dialog.getByRole('radio', { name: 'Day of the month', exact: true }).check();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(cogwheel).toBeFocused();
  await expect(page.getByText('Once a day at 00:00 (Europe/Amsterdam) The connection is OFF.')).toBeVisible();

  const reopened = await openScheduleDialog(page);
  await expect(reopened.getByRole('radio', { name: 'Times per day' })).toBeChecked();
  await reopened.getByRole('button', { name: 'Cancel' }).click();
  await expect(reopened).toBeHidden();
  await expect(cogwheel).toBeFocused();
});

test('warns when runs would pile up', async ({ page }) => {
  await openApp(page, { clock: START });
  const id = await createConnection(page, 'People slow import', { on: false });
  // Twelve runs with a median of 25 minutes: (24 + 26) / 2.
  await storeFinishedRuns(page, id, [20, 21, 22, 23, 24, 24, 26, 27, 28, 29, 30, 31]);

  const dialog = await openScheduleDialog(page);
  await dialog.getByLabel('How often').selectOption({ label: '96 times a day (every 15 min)' });
  await expect(dialog.getByTestId('pile-up-warning')).toHaveText(
    '⚠ Runs take about 25 min (median of the last 12), but this schedule starts one every 15 min: runs would pile up in the queue.',
  );
  await dialog.getByLabel('How often').selectOption({ label: '48 times a day (every 30 min)' });
  await expect(dialog.getByTestId('pile-up-warning')).toHaveCount(0);
});

test('dialog passes axe checks', async ({ page }) => {
  await openApp(page, { clock: START });
  await createConnection(page, 'People accessible', { on: false });

  const dialog = await openScheduleDialog(page);
  await dialog.getByRole('radio', { name: 'Days of the week' }).check();
  await dialog.getByRole('combobox', { name: 'Time zone' }).fill('America/New_York');
  await dialog.getByRole('button', { name: 'Mon', exact: true }).click();
  await expect(dialog.getByRole('group', { name: 'Days' })).toHaveAttribute('aria-invalid', 'true');
  const invalidState = await new AxeBuilder({ page }).include('dialog').analyze();
  expect(invalidState.violations.map((violation) => `${violation.id}: ${violation.help}`)).toEqual([]);

  await dialog.getByRole('button', { name: 'Sun', exact: true }).click();
  await expect(previewRows(dialog)).toHaveCount(5);
  const validState = await new AxeBuilder({ page }).include('dialog').analyze();
  expect(validState.violations.map((violation) => `${violation.id}: ${violation.help}`)).toEqual([]);
});

test.describe('phone width', () => {
  test.use({ viewport: { width: 375, height: 740 } });

  test('dialog fits without horizontal scroll', async ({ page }) => {
    await openApp(page, { clock: START });
    await createConnection(page, 'People on a phone', { on: false });

    const dialog = await openScheduleDialog(page);
    await dialog.getByRole('radio', { name: 'Days of the week' }).check();
    await dialog.getByRole('combobox', { name: 'Time zone' }).fill('America/New_York');
    await expect(previewRows(dialog)).toHaveCount(5);

    const overflow = await page.evaluate(() => {
      const element = document.querySelector('dialog[open]') as HTMLDialogElement;
      const right = element.getBoundingClientRect().right;
      const sticksOut = [...element.querySelectorAll('*')]
        .filter((child) => child.getBoundingClientRect().right > right + 0.5)
        .map((child) => child.outerHTML.slice(0, 80));
      return {
        scroll: element.scrollWidth - element.clientWidth,
        beyondViewport: right - window.innerWidth,
        sticksOut,
      };
    });
    expect(overflow.scroll).toBeLessThanOrEqual(0);
    expect(overflow.beyondViewport).toBeLessThanOrEqual(0);
    expect(overflow.sticksOut).toEqual([]);

    const targets = dialog.locator('button, select, input:not([type="radio"]), label.schedule-kind');
    const count = await targets.count();
    expect(count).toBeGreaterThan(10);
    for (let index = 0; index < count; index += 1) {
      const target = targets.nth(index);
      await target.scrollIntoViewIfNeeded();
      const box = await target.boundingBox();
      const name = await target.evaluate((element) => element.getAttribute('aria-label') ?? element.textContent ?? element.id);
      expect(box?.height ?? 0, `height of ${name}`).toBeGreaterThanOrEqual(44);
      expect(box?.width ?? 0, `width of ${name}`).toBeGreaterThanOrEqual(44);
    }
  });
});
