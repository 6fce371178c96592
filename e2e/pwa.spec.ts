/**
 * The progressive web app: installable in Chromium, usable offline after the first load because of the
 * service worker, and asking before a new version reloads the tab.
 */
import { createServer, type Server } from 'node:http';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { CHROMIUM_ARGS } from '../playwright.config.ts';
import { createConnection, expect, openApp, test } from './fixtures.ts';

const MINUTE = 60_000;

/** Waits until the service worker is active and controls the page. */
async function waitForServiceWorkerControl(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (navigator.serviceWorker.controller) return;
    await new Promise<void>((done) => navigator.serviceWorker.addEventListener('controllerchange', () => done(), { once: true }));
  });
}

test('app is installable in Chromium', async ({ baseURL }, testInfo) => {
  const profileDir = await mkdtemp(join(tmpdir(), 'runlane-install-'));
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: testInfo.project.use.launchOptions?.executablePath,
    args: CHROMIUM_ARGS,
  });
  try {
    const page = await context.newPage();
    await page.goto(`${baseURL}/?demo=off#/`);
    await expect(page.getByRole('heading', { name: 'Connections', level: 1 })).toBeVisible();
    await waitForServiceWorkerControl(page);
    const cdp = await context.newCDPSession(page);
    const manifest = await cdp.send('Page.getAppManifest');
    expect(manifest.errors).toEqual([]);
    const parsed = JSON.parse(manifest.data ?? '{}') as { icons: { purpose?: string }[]; theme_color: string; display: string };
    expect(parsed.display).toBe('standalone');
    expect(parsed.theme_color).toBe('#1f4e79');
    expect(parsed.icons.some((icon) => icon.purpose === 'maskable')).toBe(true);
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    expect(installabilityErrors).toEqual([]);
  } finally {
    await context.close();
    await rm(profileDir, { recursive: true, force: true });
  }
});

test('app opens offline after the first load', async ({ page, context }) => {
  await openApp(page, { demo: true });
  await expect(page.getByRole('link', { name: 'Demo CRM import' })).toBeVisible({ timeout: 20_000 });
  await waitForServiceWorkerControl(page);

  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Connections', level: 1 })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Demo CRM import' })).toBeVisible();
  await page.getByRole('link', { name: 'Demo CRM import' }).click();
  await expect(page.getByRole('table', { name: 'Run history' })).toBeVisible();
  await context.setOffline(false);
});

test.describe('without a service worker', () => {
  test.use({ serviceWorkers: 'block' });

  test('offline reload fails', async ({ page, context }) => {
    await openApp(page, { demo: false });
    await context.setOffline(true);
    await expect(page.reload()).rejects.toThrow(/ERR_INTERNET_DISCONNECTED/);
    await context.setOffline(false);
  });
});

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.json': 'application/json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.csv': 'text/csv; charset=utf-8',
};

/** Serves `rootDir` on 127.0.0.1 at an ephemeral port; files may change between requests. */
async function serveFolder(rootDir: string): Promise<{ server: Server; origin: string }> {
  const root = resolve(rootDir);
  const server = createServer((request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://127.0.0.1').pathname);
    const file = normalize(join(root, pathname === '/' ? 'index.html' : pathname));
    if (!file.startsWith(root + sep)) {
      response.writeHead(403).end();
      return;
    }
    readFile(file).then(
      (body) => {
        response.writeHead(200, { 'Content-Type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-cache' });
        response.end(body);
      },
      () => response.writeHead(404).end(),
    );
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('The test server has no port.');
  return { server, origin: `http://127.0.0.1:${address.port}` };
}

/**
 * Publishes a new version into the served folder the way a second build does: index.html changes, and
 * the service worker's precache manifest carries the new revision of it, so the browser finds a new
 * service worker.
 */
async function publishNewVersion(folder: string, marker: string): Promise<void> {
  const indexPath = join(folder, 'index.html');
  const index = await readFile(indexPath, 'utf8');
  await writeFile(indexPath, index.replace('<title>', `<!-- ${marker} -->\n    <title>`));
  const swPath = join(folder, 'sw.js');
  const serviceWorker = await readFile(swPath, 'utf8');
  const updated = serviceWorker.replace(/(url:\s*"index\.html",\s*revision:\s*")[^"]+"/, `$1${marker}"`);
  expect(updated, 'sw.js lists index.html with a revision').not.toBe(serviceWorker);
  await writeFile(swPath, updated);
}

test('update asks first and warns about runs', async ({ page }, testInfo) => {
  const distDir = process.env.RUNLANE_DIST ?? 'dist';
  const folder = await mkdtemp(join(tmpdir(), 'runlane-update-'));
  await cp(distDir, folder, { recursive: true });
  const { server, origin } = await serveFolder(folder);
  try {
    await page.goto(`${origin}/?demo=off&clock=2026-03-05T10:30:00Z#/`);
    await waitForServiceWorkerControl(page);
    // A returning visitor: the page loads under the service worker's control.
    await page.reload();
    await page.waitForFunction(() => 'runlaneTest' in window);
    // A run of the test connector stays running until the controlled clock moves on.
    await createConnection(page, { name: 'Long import', description: '', settings: { connector: 'test-steps', steps: 5, stepMs: MINUTE, rowsPerStep: 1 }, schedule: null }, true);
    await expect(page.getByRole('button', { name: 'Queue 1' })).toBeVisible();
    await page.evaluate(() => {
      (window as unknown as { tabMarker: string }).tabMarker = 'before the update';
    });

    const marker = `version-${testInfo.testId}`;
    await publishNewVersion(folder, marker);
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());

    const notice = page.getByRole('status').filter({ hasText: 'A new version of Runlane is ready.' });
    await expect(notice).toBeVisible({ timeout: 20_000 });
    await expect(notice).toContainText('A run is running or queued: reloading now interrupts it.');
    // The tab has not reloaded by itself.
    expect(await page.evaluate(() => (window as unknown as { tabMarker?: string }).tabMarker)).toBe('before the update');

    await Promise.all([page.waitForEvent('load'), notice.getByRole('button', { name: 'Reload to update' }).click()]);
    await expect(page.getByRole('heading', { name: 'Connections', level: 1 })).toBeVisible();
    expect(await page.evaluate(() => (window as unknown as { tabMarker?: string }).tabMarker)).toBeUndefined();
    expect(await page.content()).toContain(marker);
    await expect(page.getByText('A new version of Runlane is ready.')).toHaveCount(0);
  } finally {
    await page.close();
    await new Promise((closed) => server.close(closed));
    await rm(folder, { recursive: true, force: true });
  }
});

// workbox-window 7.4 reports the takeover of a tab that had no controlling service worker when it loaded
// (a first visit) with `isUpdate: false`, and the registerSW of vite-plugin-pwa 2.0 then does not reload;
// the page reloads on `controllerchange` itself.
test('update reloads a first-visit tab', async ({ page }) => {
  const distDir = process.env.RUNLANE_DIST ?? 'dist';
  const folder = await mkdtemp(join(tmpdir(), 'runlane-update-'));
  await cp(distDir, folder, { recursive: true });
  const { server, origin } = await serveFolder(folder);
  try {
    await page.goto(`${origin}/?demo=off#/`);
    await waitForServiceWorkerControl(page);
    await publishNewVersion(folder, 'first-visit-version');
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());
    const notice = page.getByRole('status').filter({ hasText: 'A new version of Runlane is ready.' });
    await expect(notice).toBeVisible({ timeout: 20_000 });
    await Promise.all([page.waitForEvent('load'), notice.getByRole('button', { name: 'Reload to update' }).click()]);
    expect(await page.content()).toContain('first-visit-version');
  } finally {
    await page.close();
    await new Promise((closed) => server.close(closed));
    await rm(folder, { recursive: true, force: true });
  }
});
