/**
 * Shared end-to-end fixtures: every test fails on console errors and uncaught page errors, and opens
 * Runlane through `openApp`, which can start without the demo and on a controlled clock.
 */
import { test as base, expect, type Page } from '@playwright/test';

import type { Connection } from '../src/contract/model.ts';
import type { ConnectionInput } from '../src/contract/worker-api.ts';

export interface OpenOptions {
  /** Seed the demo connection (the default in the app); tests that control the store turn it off. */
  demo?: boolean;
  /** Start the worker's controlled clock at this ISO instant. */
  clock?: string;
  path?: string;
  /** How long the page waits for a worker's ping answer before it restarts the worker. */
  watchdogMs?: number;
}

export function appUrl({ demo = false, clock, path = '/', watchdogMs }: OpenOptions = {}): string {
  const params = new URLSearchParams();
  if (!demo) params.set('demo', 'off');
  if (clock) params.set('clock', clock);
  if (watchdogMs) params.set('watchdog', String(watchdogMs));
  const query = params.toString();
  return `/${query ? `?${query}` : ''}#${path}`;
}

export async function openApp(page: Page, options: OpenOptions = {}): Promise<void> {
  await page.goto(appUrl(options));
  await expect(page.getByRole('link', { name: 'Runlane' })).toBeVisible();
  await page.waitForFunction(() => 'runlaneTest' in window);
}

/** Shows another screen of the app without reloading the page, so its worker keeps running. */
export async function goToScreen(page: Page, path: string): Promise<void> {
  await page.evaluate((hash) => {
    location.hash = hash;
  }, path);
}

/** Moves the worker's controlled clock, which the scheduler and executor follow. */
export async function setClock(page: Page, iso: string): Promise<void> {
  await page.evaluate((value) => (window as unknown as { runlaneTest: { setClock(v: string): Promise<void> } }).runlaneTest.setClock(value), iso);
}

export async function advanceClock(page: Page, ms: number): Promise<number> {
  return page.evaluate((value) => (window as unknown as { runlaneTest: { advanceClock(v: number): Promise<number> } }).runlaneTest.advanceClock(value), ms);
}

/** Counts the records of one object store in the app's database, read straight from IndexedDB. */
export async function countStored(page: Page, storeName: string): Promise<number> {
  return page.evaluate(
    (name) =>
      new Promise<number>((resolve, reject) => {
        const request = indexedDB.open('runlane');
        request.onerror = () => reject(request.error);
        request.onsuccess = () => {
          const count = request.result.transaction(name).objectStore(name).count();
          count.onsuccess = () => {
            resolve(count.result);
            request.result.close();
          };
        };
      }),
    storeName,
  );
}

/** Creates a connection through the test controls, so test connectors can be used. */
export async function createConnection(page: Page, input: ConnectionInput, enabled: boolean): Promise<Connection> {
  return page.evaluate(
    ([value, on]) =>
      (window as unknown as { runlaneTest: { createConnection(i: ConnectionInput, e: boolean): Promise<Connection> } }).runlaneTest.createConnection(value, on),
    [input, enabled] as const,
  );
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
