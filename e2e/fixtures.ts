/**
 * Shared end-to-end fixtures: every test fails on console errors and uncaught page errors, and opens
 * Runlane through `openApp`, which can start without the demo and on a controlled clock.
 */
import { test as base, expect, type Page } from '@playwright/test';

export interface OpenOptions {
  /** Seed the demo connection (the default in the app); tests that control the store turn it off. */
  demo?: boolean;
  /** Start the worker's controlled clock at this ISO instant. */
  clock?: string;
  path?: string;
}

export function appUrl({ demo = false, clock, path = '/' }: OpenOptions = {}): string {
  const params = new URLSearchParams();
  if (!demo) params.set('demo', 'off');
  if (clock) params.set('clock', clock);
  const query = params.toString();
  return `/${query ? `?${query}` : ''}#${path}`;
}

export async function openApp(page: Page, options: OpenOptions = {}): Promise<void> {
  await page.goto(appUrl(options));
  await expect(page.getByRole('link', { name: 'Runlane' })).toBeVisible();
  await page.waitForFunction(() => 'runlaneTest' in window);
}

/** Moves the worker's controlled clock, which the scheduler and executor follow. */
export async function setClock(page: Page, iso: string): Promise<void> {
  await page.evaluate((value) => (window as unknown as { runlaneTest: { setClock(v: string): Promise<void> } }).runlaneTest.setClock(value), iso);
}

export async function advanceClock(page: Page, ms: number): Promise<number> {
  return page.evaluate((value) => (window as unknown as { runlaneTest: { advanceClock(v: number): Promise<number> } }).runlaneTest.advanceClock(value), ms);
}

export const test = base.extend<{ consoleErrors: string[] }>({
  consoleErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text());
      });
      page.on('pageerror', (error) => errors.push(error.message));
      await use(errors);
      expect(errors, 'console errors during the test').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
