/**
 * Accessibility: every screen, in the light and the dark colour scheme, has no serious or critical
 * axe-core violation. The routes come from src/ui/App.tsx, so a screen added there is checked too.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, goToScreen, openApp, test } from './fixtures.ts';

test.use({ timezoneId: 'Europe/Amsterdam', locale: 'en-GB' });

/** The first customer of the demo file, whose profile the demo run adds; profile keys are lower-cased identifiers. */
const DEMO_PROFILE_KEY = 'katherine.vanrossum.1@example.com';

interface DemoIds {
  connectionId: string;
}

/** Route paths declared in App.tsx, in order. */
function declaredRoutes(): string[] {
  const source = readFileSync(join(process.cwd(), 'src/ui/App.tsx'), 'utf8');
  return [...source.matchAll(/<Route\s+path="([^"]+)"/g)].map((match) => match[1] as string);
}

/** Returns a concrete address for a route path, with demo data for its parameters. */
function concretePath(route: string, demo: DemoIds): string {
  if (route === '*') return '/no-such-screen';
  return route.replace(/:(\w+)/g, (_, name: string) => {
    if (name === 'id') return demo.connectionId;
    if (name === 'number') return '1';
    if (name === 'key') return encodeURIComponent(DEMO_PROFILE_KEY);
    throw new Error(`Route ${route} has a parameter :${name} that the accessibility test cannot fill; add a value for it.`);
  });
}

async function openDemo(page: Page): Promise<DemoIds> {
  await openApp(page, { demo: true, clock: '2026-03-05T10:30:00Z' });
  const demoLink = page.getByRole('link', { name: 'Demo CRM import' });
  await expect(demoLink).toBeVisible({ timeout: 20_000 });
  // The demo's first run has ended once the overview shows it as the last run.
  await expect(page.getByRole('link', { name: /^Run #1:/ })).toBeVisible({ timeout: 20_000 });
  const href = (await demoLink.getAttribute('href')) ?? '';
  return { connectionId: decodeURIComponent(href.replace(/^#?\/connections\//, '')) };
}

/** Serious and critical violations on the page as it is, one line each. */
async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => {
      const targets = violation.nodes.slice(0, 4).map((node) => node.target.join(' '));
      return `${violation.id} (${violation.impact}): ${violation.help} at ${targets.join(' | ')}${violation.nodes.length > 4 ? ` and ${violation.nodes.length - 4} more` : ''}`;
    });
}

/** Waits until a screen has rendered its heading and settled. */
async function showScreen(page: Page, path: string): Promise<void> {
  await goToScreen(page, path);
  await expect(page.locator('main h1').first()).toBeVisible();
  await expect(page.getByText('Loading…', { exact: true })).toHaveCount(0);
  await page.waitForTimeout(300);
}

for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`${colorScheme} colour scheme`, () => {
    test.use({ colorScheme });

    test('every route passes axe', async ({ page }) => {
      test.setTimeout(120_000);
      const demo = await openDemo(page);
      const found: string[] = [];
      for (const route of declaredRoutes()) {
        const path = concretePath(route, demo);
        await showScreen(page, path);
        for (const violation of await seriousViolations(page)) found.push(`${path}: ${violation}`);
      }
      expect(found).toEqual([]);
    });

    test('panels, dialogs and filtered views pass axe', async ({ page }) => {
      test.setTimeout(90_000);
      const demo = await openDemo(page);
      const found: string[] = [];
      const check = async (name: string): Promise<void> => {
        for (const violation of await seriousViolations(page)) found.push(`${name}: ${violation}`);
      };

      await page.getByRole('button', { name: /^Queue/ }).click();
      await expect(page.getByRole('complementary', { name: 'Queue' })).toBeVisible();
      await check('queue panel');
      await page.keyboard.press('Escape');
      await expect(page.getByRole('complementary', { name: 'Queue' })).toBeHidden();

      await page.getByRole('button', { name: /^Notifications/ }).click();
      const notifications = page.getByRole('complementary', { name: 'Notifications' });
      await expect(notifications).toBeVisible();
      await check('notification center');
      await notifications.getByRole('button', { name: 'Close', exact: true }).click();

      await page.getByRole('searchbox', { name: 'Search' }).fill('no such connection');
      await expect(page.getByText('No connection matches the search and filters.')).toBeVisible();
      await check('overview without matches');

      await showScreen(page, `/connections/${demo.connectionId}`);
      await page.getByText('Show the run times as a table').click();
      await check('connection page with the run-time table');
      await page.getByRole('button', { name: 'Schedule settings' }).click();
      await expect(page.getByRole('dialog', { name: 'Schedule settings' })).toBeVisible();
      await check('schedule dialog');
      await page.keyboard.press('Escape');

      await showScreen(page, `/connections/${demo.connectionId}/runs/1`);
      await page.getByLabel('Level').selectOption({ label: 'Warnings and errors' });
      await page.getByRole('searchbox', { name: 'Search' }).fill('number');
      await page.getByRole('button', { name: 'Search', exact: true }).click();
      await expect(page.getByTestId('log-status')).toContainText('matching');
      await check('run log filtered');

      expect(found).toEqual([]);
    });
  });
}

test('keyboard reaches the runs and opens a run log', async ({ page }) => {
  const demo = await openDemo(page);
  await showScreen(page, `/connections/${demo.connectionId}`);
  await page.getByRole('button', { name: 'Schedule settings' }).focus();
  // Tab from the cogwheel leads through the history's scroll area to the first run.
  let reachedRun = false;
  for (let presses = 0; presses < 6 && !reachedRun; presses++) {
    await page.keyboard.press('Tab');
    reachedRun = await page.evaluate(() => document.activeElement?.getAttribute('data-testid') === 'run-row-1');
  }
  expect(reachedRun).toBe(true);
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement as Element).outlineStyle);
  expect(outline).toBe('solid');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Run #1 of Demo CRM import' })).toBeVisible();
  await expect(page.getByTestId('log-status')).toHaveText(/^Lines 1–\d+ of \d+\.$/);
});
