import type { Locator, Page } from '@playwright/test';
import type { SeedRunHistoryRequest, SeedRunHistoryResult } from '../src/contract/api/history-seed.ts';
import type { ConnectionInput } from '../src/contract/worker-api.ts';
import { advanceClock, createConnection, expect, goToScreen, openApp, test } from './fixtures.ts';
import { ConnectionPage } from './pages/connection-page.ts';

test.use({ timezoneId: 'Europe/Amsterdam', locale: 'en-GB' });

const MINUTE = 60_000;
const EVERY_DAY = [1, 2, 3, 4, 5, 6, 7];

function stepsConnection(name: string, overrides: Partial<ConnectionInput> = {}): ConnectionInput {
  return { name, description: '', settings: { connector: 'test-steps', steps: 1, stepMs: 0, rowsPerStep: 5 }, schedule: null, ...overrides };
}

async function seedRunHistory(page: Page, request: SeedRunHistoryRequest): Promise<SeedRunHistoryResult> {
  return page.evaluate(
    (value) =>
      (window as unknown as { runlaneTest: { seedRunHistory(r: SeedRunHistoryRequest): Promise<SeedRunHistoryResult> } }).runlaneTest.seedRunHistory(value),
    request,
  );
}

/** The run detail page's log viewer. */
class LogViewer {
  readonly status: Locator;
  readonly lines: Locator;

  constructor(readonly page: Page) {
    this.status = page.getByTestId('log-status');
    this.lines = page.getByRole('table', { name: 'Log lines' }).locator('tbody tr');
  }

  async lineNumbers(): Promise<string[]> {
    return this.lines.locator('td:first-child').allInnerTexts();
  }

  async pagerButton(name: string): Promise<Locator> {
    return this.page.getByRole('navigation', { name: 'Log pages' }).first().getByRole('button', { name, exact: true });
  }

  async search(text: string): Promise<void> {
    await this.page.getByRole('searchbox', { name: 'Search' }).fill(text);
    await this.page.getByRole('button', { name: 'Search', exact: true }).click();
  }
}

test('overview searches, filters and runs a connection now', async ({ page }) => {
  await openApp(page, { clock: '2026-03-05T10:30:00Z' });
  // 12:00 in Amsterdam is 11:00Z. Switching a times-per-day schedule ON anchors it at the current minute:
  // 05:30 in New York (UTC−5 until 8 March), so its slots are 05:30, 11:30, 17:30 and 23:30 there.
  const alpha = await createConnection(page, stepsConnection('Alpha import', { schedule: { kind: 'daysOfWeek', days: EVERY_DAY, time: '12:00', timeZone: 'Europe/Amsterdam' } }), true);
  await createConnection(page, stepsConnection('Beta import', { description: 'Waits for a file from finance' }), false);
  await createConnection(
    page,
    {
      name: 'Gamma import',
      description: '',
      settings: { connector: 'test-fail', warnings: 0, message: 'The source refused the request.' },
      schedule: { kind: 'timesPerDay', timesPerDay: 4, anchorTime: '05:00', timeZone: 'America/New_York' },
    },
    true,
  );
  await goToScreen(page, '/');

  const table = page.getByRole('table', { name: 'Connections' });
  const rowOf = (name: string): Locator => table.getByRole('row').filter({ has: page.getByRole('link', { name, exact: true }) });
  await expect(page.getByTestId('overview-count')).toHaveText('3 connections.');
  await expect(rowOf('Alpha import').getByRole('cell')).toHaveText([
    'Alpha import',
    'Import',
    'ON',
    'Every day at 12:00 (Europe/Amsterdam)',
    /^Run #1: Finished5 Mar 2026, 11:30$/,
    'in 30 min5 Mar 2026, 12:00',
    'Run now',
  ]);
  await expect(rowOf('Beta import').getByRole('cell')).toHaveText([
    'Beta importWaits for a file from finance',
    'Import',
    'OFF',
    'No schedule: only with Run now',
    'Never ran',
    'OFF: no run planned',
    'Run now',
  ]);
  await expect(rowOf('Gamma import').getByRole('cell').nth(4)).toHaveText('Run #1: Failed5 Mar 2026, 11:30');
  await expect(rowOf('Gamma import').getByRole('cell').nth(5)).toHaveText('in 6 h5 Mar 2026, 17:30 (11:30 America/New_York)');

  await page.getByRole('searchbox', { name: 'Search' }).fill('finance');
  await expect(table.getByRole('link')).toHaveText(['Beta import']);
  await expect(page.getByTestId('overview-count')).toHaveText('Showing 1 of 3 connections.');
  await page.getByRole('searchbox', { name: 'Search' }).fill('');
  await page.getByLabel('Show').selectOption({ label: 'Last run failed' });
  await expect(table.getByRole('link', { name: /import$/ })).toHaveText(['Gamma import']);
  await page.getByLabel('Show').selectOption({ label: 'OFF' });
  await expect(table.getByRole('link', { name: /import$/ })).toHaveText(['Beta import']);
  await page.getByLabel('Show').selectOption({ label: 'All' });
  await page.getByLabel('Kind').selectOption({ label: 'Export' });
  await expect(page.getByText('No connection matches the search and filters.')).toBeVisible();
  await page.getByRole('button', { name: 'Clear the search and filters' }).click();
  await expect(page.getByTestId('overview-count')).toHaveText('3 connections.');

  // The row stays the same element while the clock ticks and its connection's run history changes.
  const alphaRow = page.getByTestId(`connection-row-${alpha.id}`);
  await alphaRow.evaluate((row) => row.setAttribute('data-marker', 'first render'));
  await alphaRow.getByRole('button', { name: 'Run now: Alpha import' }).click();
  await expect(page.getByText('"Alpha import" is queued at the head of the queue. Runs execute one at a time.')).toBeVisible();
  await expect(alphaRow.getByRole('cell').nth(4)).toHaveText('Run #2: Finished5 Mar 2026, 11:30');
  await advanceClock(page, 10 * MINUTE);
  await expect(alphaRow.getByRole('cell').nth(5)).toHaveText('in 20 min5 Mar 2026, 12:00');
  await expect(alphaRow).toHaveAttribute('data-marker', 'first render');
});

test('welcome card dismisses and comes back', async ({ page }) => {
  await openApp(page, { demo: true, clock: '2026-03-05T10:30:00Z' });
  const welcome = page.getByRole('region', { name: 'Welcome to Runlane' });
  await expect(welcome).toContainText('Keep a tab open: runs happen only while Runlane is open in a browser tab.');
  await expect(welcome).toContainText('The Queue button at the top shows the running run and the runs waiting behind it.');
  await welcome.getByRole('link', { name: 'Open the demo connection' }).click();
  await expect(page.getByRole('heading', { name: 'Demo CRM import', level: 1 })).toBeVisible();

  await goToScreen(page, '/');
  await welcome.getByRole('button', { name: 'Dismiss the introduction' }).click();
  await expect(welcome).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Connections', level: 1 })).toBeFocused();
  await page.reload();
  await expect(page.getByRole('link', { name: 'Demo CRM import' })).toBeVisible();
  await expect(welcome).toHaveCount(0);

  await page.getByRole('button', { name: 'Show the introduction' }).click();
  await expect(welcome).toBeVisible();
});

test('connection page shows running, queued and past runs', async ({ page }) => {
  await openApp(page, { clock: '2026-03-05T10:30:00Z' });
  // 07:00 in New York is 12:00Z, 13:00 in Amsterdam. Switching ON starts run #1 at once.
  const slow = await createConnection(
    page,
    stepsConnection('Slow import', {
      settings: { connector: 'test-steps', steps: 5, stepMs: MINUTE, rowsPerStep: 10 },
      schedule: { kind: 'daysOfWeek', days: EVERY_DAY, time: '07:00', timeZone: 'America/New_York' },
    }),
    true,
  );
  await goToScreen(page, `/connections/${slow.id}`);
  const connection = new ConnectionPage(page);
  await expect(connection.nextRow().locator('td').first()).toHaveText('5 Mar 2026, 13:00 (in 1 h 30 min)');
  await expect(connection.nextRow().locator('td').nth(1)).toHaveText("07:00 America/New_York, the schedule's time zone");

  const running = connection.runRow(1);
  await expect(running).toContainText('5 Mar 2026, 11:30 (05:30 America/New_York)0 sRunning');
  await advanceClock(page, MINUTE);
  await expect(running).toContainText('1 min 00 sRunning');
  expect(await connection.counters(1)).toEqual(['10', '10', '0', '0', '0', '0', '0']);

  await connection.runNow();
  await expect(connection.runRow(2)).toContainText('Queued (position 2)');
  await expect(connection.runRow(2)).toContainText('Waiting 0 s');
  await connection.runRow(2).getByRole('button', { name: 'Cancel run 2' }).click();
  await expect(connection.runRow(2)).toContainText('Cancelled');

  await running.getByRole('button', { name: 'Stop run 1' }).click();
  await expect(running).toContainText(/Stopping|Stopped/);
  await advanceClock(page, MINUTE);
  await expect(running).toContainText('Stopped');
  await expect(running.locator('td.message')).toHaveText('Stopped on request.');
  await expect(page.getByTestId('history-count')).toContainText('2 runs, newest first.');
});

test('download button shows on hover and keyboard focus', async ({ page }) => {
  await openApp(page, { clock: '2026-03-05T10:30:00Z' });
  const quick = await createConnection(page, stepsConnection('Quick import'), true);
  await goToScreen(page, `/connections/${quick.id}`);
  const connection = new ConnectionPage(page);
  await expect(connection.runRow(1)).toContainText('Finished');
  const download = connection.runRow(1).locator('button.reveal');
  await expect(download).toBeHidden();

  await connection.runRow(1).hover();
  await expect(download).toBeVisible();
  await expect(download).toHaveAccessibleName('Download log of run 1');
  await page.mouse.move(0, 0);
  await expect(download).toBeHidden();

  // The arrow keys move between rows; the button shows while focus is in the row and takes the next Tab.
  await connection.nextRow().focus();
  await page.keyboard.press('ArrowDown');
  await expect(connection.runRow(1)).toBeFocused();
  await expect(download).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(download).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Shift+Tab');
  await expect(download).toBeHidden();
});

test.describe('on a touch screen', () => {
  test.use({ hasTouch: true, isMobile: true, viewport: { width: 375, height: 740 } });

  test('download button is always visible', async ({ page }) => {
    await openApp(page, { clock: '2026-03-05T10:30:00Z' });
    const quick = await createConnection(page, stepsConnection('Quick import'), true);
    await goToScreen(page, `/connections/${quick.id}`);
    const connection = new ConnectionPage(page);
    await expect(connection.runRow(1)).toContainText('Finished');
    await expect(connection.runRow(1).getByRole('button', { name: 'Download log of run 1' })).toBeVisible();
  });
});

test('missed runs appear between the runs', async ({ page }) => {
  await openApp(page, { clock: '2026-03-05T10:30:00Z' });
  const hourly = await createConnection(page, stepsConnection('Hourly import', { schedule: { kind: 'timesPerDay', timesPerDay: 24, anchorTime: '00:00', timeZone: 'Europe/Amsterdam' } }), true);
  await goToScreen(page, `/connections/${hourly.id}`);
  const connection = new ConnectionPage(page);
  await expect(connection.runRow(1)).toContainText('Finished');

  // Switching ON anchored the hourly slots at 11:30 in Amsterdam. Three due times (12:30, 13:30 and 14:30)
  // pass while the clock jumps to 14:40, more than 5 minutes before it is noticed: they are missed.
  await advanceClock(page, 3 * 60 * MINUTE + 10 * MINUTE);
  const missed = connection.history.locator('tr.missed-row');
  await expect(missed).toHaveCount(1);
  await expect(missed).toContainText('5 Mar 2026, 12:30');
  await expect(missed).toContainText('3 runs were missed while Runlane was closed or asleep (noticed 5 Mar 2026, 14:40). One catch-up run was queued.');
  await expect(connection.runRow(2)).toContainText('(catch-up)');
  const order = await connection.history.locator('tbody tr:not(.spacer-row) > th').allInnerTexts();
  expect(order).toEqual(['Next', '#2 (catch-up)', 'Missed', '#1']);
});

test('run log of 100,000 lines pages, filters and searches', async ({ page }) => {
  test.setTimeout(120_000);
  await openApp(page, { clock: '2026-03-05T10:30:00Z' });
  const big = await createConnection(page, stepsConnection('Chatty import'), false);
  await seedRunHistory(page, { connectionId: big.id, runCount: 1, firstStartMs: Date.parse('2026-03-05T08:00:00Z'), intervalMs: 0, logLineCount: 100_000 });

  await goToScreen(page, `/connections/${big.id}`);
  const openedAtMs = Date.now();
  await new ConnectionPage(page).runRow(1).click();
  await expect(page.getByRole('heading', { name: 'Run #1 of Chatty import' })).toBeVisible();
  const log = new LogViewer(page);
  await expect(log.status).toHaveText('Lines 1–100 of 100,000.');
  // Only the first page is read, so the log shows well within the time a full read would take.
  expect(Date.now() - openedAtMs).toBeLessThan(5_000);
  await expect(log.lines).toHaveCount(100);
  await expect(log.lines.first()).toContainText('1');
  await expect(log.lines.first()).toContainText('Row 1: profile customer-1@example.com updated.');

  await (await log.pagerButton('Next 100')).click();
  await expect(log.status).toHaveText('Lines 101–200 of 100,000.');
  await (await log.pagerButton('Last lines')).click();
  await expect(log.status).toHaveText('Lines 99,901–100,000 of 100,000.');
  await expect(await log.pagerButton('Next 100')).toBeDisabled();
  await (await log.pagerButton('Previous 100')).click();
  await expect(log.status).toHaveText('Lines 99,801–99,900 of 100,000.');

  await page.getByLabel('Level').selectOption({ label: 'Errors only' });
  await expect(log.status).toHaveText('4 matching lines between lines 25,000–100,000 of 100,000.');
  expect(await log.lineNumbers()).toEqual(['25,000', '50,000', '75,000', '100,000']);
  await expect(log.lines.first().locator('.log-level')).toHaveText('Error');

  await page.getByLabel('Level').selectOption({ label: 'Warnings and errors' });
  await expect(log.status).toHaveText('100 matching lines between lines 100–10,000 of 100,000.');
  await (await log.pagerButton('Next 100')).click();
  await expect(log.status).toHaveText('100 matching lines between lines 10,100–20,000 of 100,000.');

  await page.getByLabel('Level').selectOption({ label: 'All levels' });
  await page.getByRole('button', { name: 'Jump to first error' }).click();
  await expect(log.status).toHaveText('Lines 24,997–25,096 of 100,000.');
  const errorLine = log.lines.filter({ hasText: 'Row 25000: the profile store rejected the write.' });
  await expect(errorLine).toBeFocused();
  await expect(errorLine).toHaveClass(/highlighted/);

  await log.search('customer-77778@');
  await expect(log.status).toHaveText('1 matching line between lines 77,778–77,778 of 100,000.');
  await expect(log.lines).toHaveCount(1);
  await expect(log.lines.locator('mark')).toHaveText('customer-77778@');

  await log.search('');
  await page.getByLabel('Line', { exact: true }).fill('50000');
  await page.getByRole('button', { name: 'Go', exact: true }).click();
  await expect(log.status).toHaveText('Lines 50,000–50,099 of 100,000.');
  await expect(log.lines.first()).toBeFocused();
});

test('history of 100,000 runs renders a window and scrolls to the last run', async ({ page }) => {
  test.setTimeout(150_000);
  await openApp(page, { clock: '2026-03-05T10:30:00Z' });
  const busy = await createConnection(page, stepsConnection('Busy import', { schedule: { kind: 'timesPerDay', timesPerDay: 24, anchorTime: '00:00', timeZone: 'Europe/Amsterdam' } }), false);
  const seeded = await seedRunHistory(page, { connectionId: busy.id, runCount: 100_000, firstStartMs: Date.parse('2014-07-01T00:00:00Z'), intervalMs: 60 * MINUTE, logLineCount: 0, keepEveryRun: true });
  expect(seeded.lastNumber).toBe(100_000);

  await goToScreen(page, `/connections/${busy.id}`);
  const connection = new ConnectionPage(page);
  await expect(page.getByTestId('history-count')).toContainText('100,000 runs, newest first.');
  await expect(connection.runRow(100_000)).toContainText('Failed');
  await expect(connection.history).toHaveAttribute('aria-rowcount', '100002');
  const renderedRows = connection.history.locator('tbody tr.run-row');
  expect(await renderedRows.count()).toBeLessThan(60);

  // Scrolling with the wheel moves the window: older runs replace the newest ones in the DOM.
  await connection.runRow(100_000).hover();
  for (let i = 0; i < 5; i++) await page.mouse.wheel(0, 1_000);
  await expect(connection.runRow(100_000)).toHaveCount(0);
  await expect(renderedRows.first()).not.toHaveAttribute('data-testid', 'run-row-100000');

  // Dragging the scroll position to the end shows the first run.
  await page.locator('.history-scroll').evaluate((scroller) => scroller.scrollTo({ top: scroller.scrollHeight }));
  await expect(connection.runRow(1)).toBeVisible();
  await expect(connection.runRow(1)).toContainText('1 Jul 2014, 02:00');
  expect(await renderedRows.count()).toBeLessThan(60);

  // The keyboard reaches both ends too, and Enter opens a run.
  await connection.runRow(2).focus();
  await page.keyboard.press('Home');
  await expect(connection.nextRow()).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(connection.runRow(100_000)).toBeFocused();
  await page.keyboard.press('End');
  await expect(connection.runRow(1)).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(connection.runRow(2)).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Run #2 of Busy import' })).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`#/connections/${busy.id}/runs/2$`));
});

test('run-time chart marks runs longer than the slot interval', async ({ page }) => {
  await openApp(page, { clock: '2026-03-05T10:30:00Z' });
  // Every 15 minutes; the test connector's run takes three steps of ten minutes.
  const slow = await createConnection(
    page,
    stepsConnection('Quarter-hourly import', {
      settings: { connector: 'test-steps', steps: 3, stepMs: 10 * MINUTE, rowsPerStep: 4 },
      schedule: { kind: 'timesPerDay', timesPerDay: 96, anchorTime: '00:00', timeZone: 'Europe/Amsterdam' },
    }),
    false,
  );
  await seedRunHistory(page, { connectionId: slow.id, runCount: 5, firstStartMs: Date.parse('2026-03-04T08:00:00Z'), intervalMs: 60 * MINUTE, logLineCount: 0 });
  await goToScreen(page, `/connections/${slow.id}`);
  const connection = new ConnectionPage(page);
  await connection.runNow();
  await expect(connection.runRow(6)).toContainText('Running');
  for (let step = 1; step <= 3; step++) {
    await advanceClock(page, 10 * MINUTE);
    await expect(connection.runRow(6).locator('td[data-counter="checked"]')).toHaveText(String(4 * step));
  }
  await expect(connection.runRow(6)).toContainText('30 min 00 sFinished');

  const summary = page.getByTestId('chart-summary');
  await expect(summary).toHaveText(
    '⚠ Last 6 runs: median run time 2 min 10 s, longest 30 min 00 s (run #6). 1 of them took longer than the 15 min between two due times, so the next due time came before they ended. Choose fewer runs a day, or make the runs faster.',
  );
  const chart = page.getByRole('img', { name: /^Run time per run\./ });
  await expect(chart).toBeVisible();
  await expect(chart.locator('rect.bar')).toHaveCount(6);
  await expect(chart.locator('rect.bar-over')).toHaveCount(1);
  await expect(page.getByTestId('slot-interval-line')).toContainText('Slot interval: 15 min');
  await expect(page.getByRole('img', { name: 'Rows checked per run, 527 in all, with the failed rows at the bottom of each bar.' })).toBeVisible();

  await page.getByText('Show the run times as a table').click();
  const rows = page.getByRole('table', { name: 'Run times of the recent runs' }).locator('tbody tr');
  await expect(rows).toHaveCount(6);
  await expect(rows.first()).toHaveText('#65 Mar 2026, 11:3030 min 00 s (longer than the slot interval)Finished120');
  await expect(rows.last()).toHaveText('#14 Mar 2026, 09:001 min 20 sFinished1010');
});

test('phone width has no horizontal scrolling and large touch targets', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 812 });
  await openApp(page, { demo: true, clock: '2026-03-05T10:30:00Z' });
  await expect(page.getByRole('link', { name: 'Demo CRM import' })).toBeVisible({ timeout: 20_000 });
  const demoHref = await page.getByRole('link', { name: 'Demo CRM import' }).getAttribute('href');
  const demoPath = (demoHref ?? '').replace(/^#/, '');
  await expect(page.getByRole('link', { name: /^Run #1:/ })).toBeVisible({ timeout: 20_000 });

  const screens: [string, string][] = [
    ['overview', '/'],
    ['connection', demoPath],
    ['run detail', `${demoPath}/runs/1`],
    ['new connection', '/connections/new'],
  ];
  for (const [name, path] of screens) {
    await goToScreen(page, path);
    await expect(page.locator('main h1')).toBeVisible();
    await page.waitForTimeout(300);
    await page.screenshot({ path: test.info().outputPath(`phone-${name.replace(' ', '-')}.png`), fullPage: true });
    expect(await horizontalOverflowPx(page), `${name}: page wider than the screen`).toBe(0);
    expect(withoutKnownSmallTargets(await smallTouchTargets(page)), `${name}: controls smaller than 44 px`).toEqual([]);
  }

  await page.getByRole('button', { name: /^Queue/ }).click();
  await expect(page.getByRole('complementary', { name: 'Queue' })).toBeVisible();
  expect(await horizontalOverflowPx(page), 'queue panel: page wider than the screen').toBe(0);
  expect(withoutKnownSmallTargets(await smallTouchTargets(page)), 'queue panel: controls smaller than 44 px').toEqual([]);
});

test('dark colour scheme renders every screen', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await openApp(page, { demo: true, clock: '2026-03-05T10:30:00Z' });
  await expect(page.getByRole('link', { name: /^Run #1:/ })).toBeVisible({ timeout: 20_000 });
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(background).toBe('rgb(13, 17, 23)');
  await page.screenshot({ path: test.info().outputPath('dark-overview.png'), fullPage: true });
  await page.getByRole('link', { name: 'Demo CRM import' }).click();
  await expect(page.getByRole('img', { name: /^Run time per run\./ })).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('dark-connection.png'), fullPage: true });
  await new ConnectionPage(page).runRow(1).click();
  await expect(page.getByTestId('log-status')).toContainText('Lines 1–');
  await page.screenshot({ path: test.info().outputPath('dark-run-detail.png'), fullPage: true });
});

// NOTE: the identifier radio buttons of the CSV mapping table are 24 px and have no label to enlarge them.
const KNOWN_SMALL_TARGETS = [/^input\[type=radio\] "Column .* is the identifier" 24×24$/];

function withoutKnownSmallTargets(problems: string[]): string[] {
  return problems.filter((problem) => !KNOWN_SMALL_TARGETS.some((pattern) => pattern.test(problem)));
}

/** Returns how far the page is wider than the viewport, in CSS pixels. */
function horizontalOverflowPx(page: Page): Promise<number> {
  return page.evaluate(() => Math.max(0, document.documentElement.scrollWidth - document.documentElement.clientWidth));
}

/**
 * Visible controls smaller than 44 × 44 px, described by their accessible text. Links inside running text
 * and check boxes or radio buttons whose label is the target are left out, as WCAG 2.5.5 allows.
 */
function smallTouchTargets(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const selector = 'button, select, input, textarea, a.button, nav a, summary, [role="switch"]';
    const problems: string[] = [];
    for (const element of document.querySelectorAll<HTMLElement>(selector)) {
      const box = element.getBoundingClientRect();
      const style = getComputedStyle(element);
      if (box.width === 0 || style.visibility === 'hidden' || style.display === 'none') continue;
      if (element.closest('.visually-hidden')) continue;
      let target = box;
      const type = element.getAttribute('type');
      if (type === 'checkbox' || type === 'radio' || type === 'file' || element.getAttribute('role') === 'switch') {
        const label = element.closest('label');
        if (label) target = label.getBoundingClientRect();
      }
      if (target.height < 44 - 0.5 || target.width < 44 - 0.5) {
        const name = element.getAttribute('aria-label') || element.textContent?.trim() || element.closest('label')?.textContent?.trim() || element.id;
        const kind = element.tagName === 'INPUT' ? `input[type=${type ?? 'text'}]` : element.tagName.toLowerCase();
        problems.push(`${kind} "${name.slice(0, 40)}" ${Math.round(target.width)}×${Math.round(target.height)}`);
      }
    }
    return problems;
  });
}
