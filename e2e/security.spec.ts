/**
 * Security checks in Chromium: the Content-Security-Policy, text rendering of names and file data, the
 * http/https rule for addresses, request headers as secrets, encoded mailto links and file names, and the
 * field-by-field check of an imported backup. Every server a test uses listens on 127.0.0.1.
 */
import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import type { Connection } from '../src/contract/model.ts';
import type { ConnectionInput } from '../src/contract/worker-api.ts';
import { appUrl, countStored, createConnection, expect, goToScreen, openApp, test } from './fixtures.ts';
import { ConnectionPage, NewConnectionPage } from './pages/connection-page.ts';
import { ImportConnectionForm } from './pages/import-forms.ts';
import { NotificationCenter, NotificationSettings } from './pages/notifications.ts';
import { SettingsPage } from './pages/settings-page.ts';
import { findClosedPort, startFileServer, type FileServer } from './support/file-server.ts';

test.use({ timezoneId: 'Europe/Amsterdam', locale: 'en-GB' });

const START = '2026-03-05T10:00:00Z';

/** Splits a Content-Security-Policy into its directives, each with its source list. */
function parsePolicy(policy: string): Map<string, string[]> {
  const directives = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) directives.set(name, sources);
  }
  return directives;
}

interface Violation {
  blockedURI: string;
  effectiveDirective: string;
  originalPolicy: string;
}

/** Records every `securitypolicyviolation` event of the page from its first script on. */
async function recordViolations(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const list: Violation[] = [];
    (window as unknown as { __violations: Violation[] }).__violations = list;
    document.addEventListener('securitypolicyviolation', (event) => {
      list.push({ blockedURI: event.blockedURI, effectiveDirective: event.effectiveDirective, originalPolicy: event.originalPolicy });
    });
  });
}

async function readViolations(page: Page): Promise<Violation[]> {
  return page.evaluate(() => (window as unknown as { __violations: Violation[] }).__violations);
}

/**
 * Removes the console errors Chromium prints for the blocked scripts this test provokes, so the fixture's
 * console check still fails on any other error. Returns how many were removed.
 */
function removeExpectedViolationErrors(consoleErrors: string[], patterns: RegExp[]): number {
  const kept = consoleErrors.filter((message) => !patterns.some((pattern) => pattern.test(message)));
  const removed = consoleErrors.length - kept.length;
  consoleErrors.splice(0, consoleErrors.length, ...kept);
  return removed;
}

test.describe('Content-Security-Policy', () => {
  test('header and meta tag carry one strict policy', async ({ page }) => {
    const response = await page.goto(appUrl());
    expect(response?.status()).toBe(200);
    const header = response?.headers()['content-security-policy'] ?? '';
    const html = (await response?.text()) ?? '';
    await expect(page.getByRole('link', { name: 'Runlane' })).toBeVisible();

    const metaTags = [...html.matchAll(/<meta http-equiv="Content-Security-Policy" content="([^"]*)" \/>/g)].map((match) => match[1]);
    expect(metaTags).toEqual([header]);
    expect(await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')).toBe(header);

    const directives = parsePolicy(header);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'self'"]);
    expect(directives.has('script-src-elem')).toBe(false);
    expect(directives.has('script-src-attr')).toBe(false);
    expect(header).not.toContain('unsafe-eval');
    expect(directives.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
  });

  test('service worker registers without inline script', async ({ page }) => {
    const response = await page.goto(appUrl());
    const html = (await response?.text()) ?? '';
    await expect(page.getByRole('link', { name: 'Runlane' })).toBeVisible();

    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, body] of scripts) {
      expect(attributes, 'every script of index.html is a file').toMatch(/\bsrc="\/assets\/[^"]+\.js"/);
      expect(body, 'script elements of index.html are empty').toBe('');
    }
    expect(html).not.toMatch(/\son[a-z]+\s*=/i);
    expect(html).not.toContain('registerSW');

    const registration = await page.evaluate(async () => {
      const ready = await navigator.serviceWorker.ready;
      return { scriptURL: ready.active?.scriptURL ?? null, scope: ready.scope };
    });
    const origin = new URL(page.url()).origin;
    expect(registration).toEqual({ scriptURL: `${origin}/sw.js`, scope: `${origin}/` });
  });

  test('inline, remote and eval scripts are blocked', async ({ page, consoleErrors }) => {
    await recordViolations(page);
    await openApp(page, { clock: START });
    expect(await readViolations(page), 'the app itself runs without violations').toEqual([]);
    const policy = (await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')) ?? '';
    const port = await findClosedPort();
    const remoteUrl = `http://127.0.0.1:${port}/x.js`;

    const outcome = await page.evaluate(async (src) => {
      const inline = document.createElement('script');
      inline.textContent = 'window.__inlineRan = true;';
      document.body.append(inline);

      const remote = document.createElement('script');
      remote.src = src;
      const remoteEnd = new Promise<string>((resolve) => {
        remote.onload = () => resolve('loaded');
        remote.onerror = () => resolve('error');
      });
      document.body.append(remote);

      const handler = document.createElement('div');
      handler.setAttribute('onclick', 'window.__handlerRan = true;');
      document.body.append(handler);
      handler.click();

      // In Chromium 156 eval called inside page.evaluate itself runs despite the policy, so a timer task calls it.
      const evalResult = await new Promise<string>((resolve) =>
        setTimeout(() => {
          try {
            (0, eval)('window.__evalRan = true;');
            resolve('ran');
          } catch (error) {
            resolve((error as Error).name);
          }
        }, 0),
      );
      const flags = window as unknown as Record<string, unknown>;
      return {
        remote: await remoteEnd,
        evalResult,
        ran: [flags.__inlineRan, flags.__handlerRan, flags.__evalRan],
      };
    }, remoteUrl);

    expect(outcome).toEqual({ remote: 'error', evalResult: 'EvalError', ran: [undefined, undefined, undefined] });
    await expect.poll(async () => new Set((await readViolations(page)).map((violation) => `${violation.effectiveDirective} ${violation.blockedURI}`))).toEqual(
      new Set(['script-src-elem inline', `script-src-elem ${remoteUrl}`, 'script-src-attr inline', 'script-src eval']),
    );
    // The meta tag and the header each enforce the same policy.
    expect(new Set((await readViolations(page)).map((violation) => violation.originalPolicy))).toEqual(new Set([policy]));

    const removed = removeExpectedViolationErrors(consoleErrors, [
      /^Executing inline script violates the following Content Security Policy directive 'script-src 'self''\./,
      /^Loading the script 'http:\/\/127\.0\.0\.1:\d+\/x\.js' violates the following Content Security Policy directive: "script-src 'self'"\./,
      /^Executing inline event handler violates the following Content Security Policy directive 'script-src 'self''\./,
    ]);
    // Chromium reports each blocked script once for the meta tag and once for the header. A blocked eval only throws.
    expect(removed).toBe(6);
  });
});

const MARKUP_NAME = '<img src=x onerror="window.__xss=1">';
const MARKUP_HEADER = '<b onclick=alert(1)>Name</b>';
const MARKUP_IDENTIFIER = '<img src=x onerror="window.__xss=2">@example.com';
const MARKUP_VALUE = '<script>window.__xss=3</script>';
const MARKUP_NUMBER = '<svg onload=window.__xss=4>';
const MARKUP_CSV = [
  `email,${MARKUP_HEADER},points`,
  `"${MARKUP_IDENTIFIER.replaceAll('"', '""')}",${MARKUP_VALUE},5`,
  `grace@example.com,Grace,${MARKUP_NUMBER}`,
  '',
].join('\n');

/** Counts elements that markup in names or file data would have created, and inline event handlers. */
async function countInjectedElements(page: Page): Promise<{ img: number; svgWithHandler: number; b: number; handlers: number; inlineScripts: number }> {
  return page.evaluate(() => ({
    img: document.querySelectorAll('img').length,
    svgWithHandler: document.querySelectorAll('svg[onload]').length,
    b: document.querySelectorAll('b').length,
    handlers: document.querySelectorAll('[onerror], [onload], [onclick]').length,
    inlineScripts: document.querySelectorAll('script:not([src])').length,
  }));
}

const NO_INJECTED_ELEMENTS = { img: 0, svgWithHandler: 0, b: 0, handlers: 0, inlineScripts: 0 };

test('markup in names and CSV data shows as text', async ({ page }) => {
  await recordViolations(page);
  await openApp(page, { clock: START });
  const form = new NewConnectionPage(page);
  await form.open();
  await form.pickFile({ name: 'markup.csv', content: MARKUP_CSV });
  await expect(page.getByRole('radio', { name: 'Column email is the identifier' })).toBeChecked();
  await form.setNewPropertyType('points', 'number');
  await form.setName(MARKUP_NAME);
  await form.save();

  const connection = new ConnectionPage(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(MARKUP_NAME);
  await expect(connection.runRow(1).getByText('Finished with warnings', { exact: true })).toBeVisible();
  expect(await connection.counters(1)).toEqual(['2', '1', '0', '0', '0', '1', '0']);
  const connectionId = page.url().split('/').at(-1) ?? '';
  expect(await countInjectedElements(page)).toEqual(NO_INJECTED_ELEMENTS);

  await goToScreen(page, `/connections/${connectionId}/runs/1`);
  const logLines = page.getByRole('table', { name: 'Log lines' });
  await expect(logLines.getByRole('cell', { name: `Line 3, column "points": "${MARKUP_NUMBER}" is not a number`, exact: false })).toBeVisible();
  expect(await countInjectedElements(page)).toEqual(NO_INJECTED_ELEMENTS);

  await goToScreen(page, '/');
  await expect(page.getByRole('link', { name: MARKUP_NAME, exact: true })).toBeVisible();
  expect(await countInjectedElements(page)).toEqual(NO_INJECTED_ELEMENTS);

  await goToScreen(page, `/profiles/${encodeURIComponent(MARKUP_IDENTIFIER)}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(MARKUP_IDENTIFIER);
  await expect(page.locator('tr[data-property="b_onclick_alert_1_name_b"] th')).toHaveText(`${MARKUP_HEADER} (b_onclick_alert_1_name_b)`);
  await expect(page.locator('tr[data-property="b_onclick_alert_1_name_b"] td').first()).toHaveText(MARKUP_VALUE);
  await expect(page.getByRole('link', { name: `Run #1 of ${MARKUP_NAME}`, exact: true })).toBeVisible();
  expect(await countInjectedElements(page)).toEqual(NO_INJECTED_ELEMENTS);

  expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
  expect(await readViolations(page)).toEqual([]);
});

test.describe('addresses', () => {
  const rejected: [string, string][] = [
    ['javascript:window.__xss=1', 'javascript:'],
    ['file:///etc/passwd', 'file:'],
    ['data:text/csv,email%0Aada@example.com', 'data:'],
    ['ftp://127.0.0.1/customers.csv', 'ftp:'],
  ];

  test('URL import accepts only http and https', async ({ page }) => {
    await openApp(page, { clock: START });
    const form = new ImportConnectionForm(page);
    await form.open();
    await form.chooseConnector('File from a URL');
    const fieldError = page.locator('#url-message').getByRole('alert');

    for (const [url, scheme] of rejected) {
      await form.setUrl(url);
      await page.getByLabel('File address (URL)').blur();
      await expect(fieldError).toHaveText(`Addresses starting with ${scheme} are not supported: use an http:// or https:// address.`);
    }
    await form.loadColumns();
    await form.setName('Bad address');
    await form.save();
    await expect(page.getByRole('alert').filter({ hasText: 'Addresses starting with ftp: are not supported' })).toHaveCount(2);
    await expect(page.getByRole('heading', { name: 'New connection' })).toBeVisible();
    expect(await countStored(page, 'connections')).toBe(0);

    // The worker applies the same rule to a connection that does not come through the form.
    for (const [url, scheme] of rejected) {
      const message = await page.evaluate(
        (input) =>
          (window as unknown as { runlaneTest: { createConnection(i: ConnectionInput, e: boolean): Promise<Connection> } }).runlaneTest
            .createConnection(input, false)
            .then(
              () => 'created',
              (error: Error) => error.message,
            ),
        urlImportInput('Bad address', url, []),
      );
      expect(message).toBe(`Addresses starting with ${scheme} are not supported: use an http:// or https:// address.`);
    }
    expect(await countStored(page, 'connections')).toBe(0);
  });

  test('webhook addresses accept only http and https', async ({ page }) => {
    await openApp(page, { clock: START });
    const created = await createConnection(page, { name: 'Steps import', description: '', settings: { connector: 'test-steps', steps: 1, stepMs: 0, rowsPerStep: 1 }, schedule: null }, false);
    await goToScreen(page, `/connections/${created.id}`);
    const settings = new NotificationSettings(page);
    await settings.open();
    await settings.setWhen('After every run');
    await settings.setWebhook('javascript:window.__xss=1');
    await settings.save();
    await expect(settings.section.locator('#notify-error-webhookUrl')).toHaveText('The webhook URL uses javascript; only http and https are supported.');
    await settings.expectSummary('Off: nobody is told about runs.');
  });

  test('http address from an https page warns', async () => {
    test.skip(true, 'The preview server serves Runlane over http, so the mixed-content warning cannot appear; checkImportUrl unit tests cover it.');
  });
});

const TOKEN = 'Bearer s3cret-token-4711';
const CUSTOMERS_CSV = ['email,first_name', 'ada@example.com,Ada', 'alan@example.com,Alan', ''].join('\n');

/** Builds a URL import of CUSTOMERS_CSV's columns; `createsProperties` adds their property definitions with it. */
function urlImportInput(name: string, url: string, requestHeaders: { name: string; value: string }[], createsProperties = true): ConnectionInput {
  return {
    name,
    description: '',
    schedule: null,
    newProperties: createsProperties
      ? [
          { id: 'email', label: 'Email', type: 'text' },
          { id: 'first_name', label: 'First name', type: 'text' },
        ]
      : [],
    settings: {
      connector: 'url-import',
      url,
      requestHeaders,
      format: 'csv',
      layout: 'array',
      delimiter: 'auto',
      encoding: 'utf-8',
      numberFormat: '1,234.5',
      emptyCellsClear: false,
      headers: ['email', 'first_name'],
      mapping: [
        { column: 'email', propertyId: 'email', isIdentifier: true },
        { column: 'first_name', propertyId: 'first_name', isIdentifier: false },
      ],
      requiredConsent: null,
    },
  };
}

async function downloadLog(page: Page, connection: ConnectionPage, runNumber: number): Promise<{ fileName: string; text: string }> {
  await connection.runRow(runNumber).hover();
  const downloadPromise = page.waitForEvent('download');
  await connection.runRow(runNumber).getByRole('button', { name: `Download log of run ${runNumber}` }).click();
  const download = await downloadPromise;
  return { fileName: download.suggestedFilename(), text: await readFile(await download.path(), 'utf8') };
}

test.describe('request headers', () => {
  let server: FileServer | null = null;

  test.afterEach(async () => {
    await server?.close();
    server = null;
  });

  test('request header values stay secret', async ({ page }) => {
    await openApp(page, { clock: START });
    server = await startFileServer({ allowOrigin: new URL(page.url()).origin, authorization: TOKEN });
    server.serve('/customers.csv', { body: CUSTOMERS_CSV, contentType: 'text/csv' });

    const form = new ImportConnectionForm(page);
    await form.open();
    await form.chooseConnector('File from a URL');
    await form.setUrl(server.url('/customers.csv?api_key=s3cret-query'));
    await form.addHeader('Authorization', TOKEN);
    await form.loadColumns();
    await expect(page.getByRole('radio', { name: 'Column email is the identifier' })).toBeChecked();
    await form.setName('Token import');
    await form.save();

    const connection = new ConnectionPage(page);
    await expect(page.getByRole('heading', { name: 'Token import', level: 1 })).toBeVisible();
    await expect(connection.runRow(1).getByText('Finished', { exact: true })).toBeVisible();
    // The saved settings show the value masked.
    const value = page.getByLabel('Value of header 1');
    await expect(value).toHaveAttribute('type', 'password');
    await expect(value).toHaveValue(TOKEN);
    await expect(page.locator('body')).not.toContainText('s3cret');
    // The server received the header with every request, so the value was sent.
    const gets = server.requests.filter((request) => request.method === 'GET');
    expect(gets.map((request) => request.headers.authorization)).toEqual([TOKEN, TOKEN]);

    const log = await downloadLog(page, connection, 1);
    expect(log.text).toContain(`[info] Requesting GET ${server.url('/customers.csv?api_key=…')} with the request header Authorization (values hidden).`);
    expect(log.text).not.toContain('s3cret');
    const connectionId = page.url().split('/').at(-1) ?? '';
    await goToScreen(page, `/connections/${connectionId}/runs/1`);
    await expect(page.getByRole('table', { name: 'Log lines' })).toContainText('with the request header Authorization (values hidden).');
    await expect(page.locator('body')).not.toContainText('s3cret');

    // A request the server rejects with 401 fails the run without the value in its message or log.
    const wrongToken = await createConnection(page, urlImportInput('Wrong token import', server.url('/customers.csv'), [{ name: 'Authorization', value: 'Bearer wrong-secret-0815' }], false), true);
    await goToScreen(page, `/connections/${wrongToken.id}`);
    await expect(connection.runRow(1).getByText('Failed', { exact: true })).toBeVisible();
    await expect(connection.runRow(1)).toContainText(`The server at 127.0.0.1:${new URL(server.url('/')).port} responded with HTTP 401 Unauthorized. Check the request headers, for example the Authorization value.`);
    const wrongTokenLog = await downloadLog(page, connection, 1);
    expect(wrongTokenLog.text).toContain('responded with HTTP 401 Unauthorized');
    expect(wrongTokenLog.text).not.toContain('wrong-secret');
    await expect(page.locator('body')).not.toContainText('wrong-secret');

    const settings = new SettingsPage(page);
    await settings.open();
    const withoutValues = JSON.parse((await settings.downloadBackup()).text);
    const withValues = JSON.parse((await settings.downloadBackup({ includeHeaders: true })).text);

    expect(JSON.stringify(withoutValues)).not.toContain('s3cret-token');
    expect(JSON.stringify(withoutValues)).not.toContain('wrong-secret');
    expect(withoutValues.includesRequestHeaders).toBe(false);
    expect(withoutValues.connections.map((entry: { name: string }) => entry.name)).toEqual(['Token import', 'Wrong token import']);
    for (const entry of withoutValues.connections) {
      expect(entry.settings.requestHeaders).toEqual([]);
      expect(entry.leftOutHeaders).toEqual([{ path: 'settings.requestHeaders', names: ['Authorization'] }]);
    }
    const headerValues = [TOKEN, 'Bearer wrong-secret-0815'];
    expect(withValues).toEqual({
      ...withoutValues,
      includesRequestHeaders: true,
      connections: withoutValues.connections.map((entry: { settings: object }, index: number) => ({
        ...entry,
        settings: { ...entry.settings, requestHeaders: [{ name: 'Authorization', value: headerValues[index] }] },
        leftOutHeaders: [],
      })),
    });
  });
});

test('mailto link encodes names and addresses', async ({ page }) => {
  await openApp(page, { clock: START });
  // A name restored from a backup may hold a line break, which the subject turns into a space.
  const name = 'Sales & Returns? #1 = 100% "Zoë" 東京 😀\u2028line\u0085next\tend\r\nBcc: other@example.com';
  const recipient = 'ops&team#1?x%y+z@example.com';
  const created = await createConnection(page, { name, description: '', settings: { connector: 'test-fail', message: 'The CRM refused the login.', warnings: 0 }, schedule: null }, false);
  await goToScreen(page, `/connections/${created.id}`);
  const settings = new NotificationSettings(page);
  await settings.open();
  await settings.setWhen('After every run');
  await settings.setEmails(recipient);
  await settings.save();

  await new ConnectionPage(page).runNow();
  const center = new NotificationCenter(page);
  await center.open();
  const link = center.items.first().getByTestId('notification-email-link');
  const href = (await link.getAttribute('href')) ?? '';

  // One ? and one & separate the parts; no value contains a raw ?, &, = or #.
  const parts = /^mailto:([^?&=#]*)\?subject=([^?&=#]*)&body=([^?&=#]*)$/.exec(href);
  expect(parts, href).not.toBeNull();
  const [, to, subject, body] = parts ?? [];
  expect(decodeURIComponent(to ?? '')).toBe(recipient);
  expect(decodeURIComponent(subject ?? '')).toBe(`✖ ${name.replace('\r\n', ' ')} — run #1 failed`);
  expect(decodeURIComponent(body ?? '').startsWith(`Run #1 of "${name}" failed.\r\nReason: The CRM refused the login.\r\n`)).toBe(true);
  expect(href).not.toMatch(/[\s"<>\u0080-\uFFFF]/);
});

test('file names from user text are safe', async ({ page }) => {
  await openApp(page, { clock: START });
  const steps = await createConnection(
    page,
    { name: '../..\\CRM: Q1/2026 <Zoë>..', description: '', settings: { connector: 'test-steps', steps: 1, stepMs: 0, rowsPerStep: 1 }, schedule: null },
    true,
  );
  await goToScreen(page, `/connections/${steps.id}`);
  const connection = new ConnectionPage(page);
  await expect(connection.runRow(1).getByText('Finished', { exact: true })).toBeVisible();
  expect((await downloadLog(page, connection, 1)).fileName).toBe('CRM-Q1-2026-Zoe-run-1.log');

  const exported = await createConnection(
    page,
    {
      name: 'File export',
      description: '',
      schedule: null,
      settings: {
        connector: 'file-export',
        format: 'csv',
        destination: 'browser',
        directoryHandleId: null,
        directoryName: null,
        fileNamePrefix: '../..\\Zoë: Q1/2026 ..',
        propertyIds: [],
        exportAll: true,
        requiredConsent: null,
      },
    },
    true,
  );
  await goToScreen(page, `/connections/${exported.id}`);
  await expect(connection.runRow(1).getByText('Finished', { exact: true })).toBeVisible();
  const downloadPromise = page.waitForEvent('download');
  await connection.runRow(1).getByRole('button', { name: 'Download file of run 1' }).click();
  expect((await downloadPromise).suggestedFilename()).toBe('Zoe-Q1-2026-2026-03-05T1100.csv');
});

const STORES = ['connections', 'propertyDefinitions', 'consentObjectives', 'overrides', 'meta', 'runs'];

async function countStores(page: Page): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const store of STORES) counts[store] = await countStored(page, store);
  return counts;
}

test('backup with one bad deep field changes nothing', async ({ page }) => {
  await openApp(page, { clock: START });
  await createConnection(page, urlImportInput('URL import', 'https://example.com/customers.csv', [{ name: 'Authorization', value: TOKEN }]), false);
  const settings = new SettingsPage(page);
  await settings.open();
  const backup = JSON.parse((await settings.downloadBackup({ includeHeaders: true })).text);
  const before = await countStores(page);
  const error = page.getByTestId('restore-error');

  const cases: { name: string; change: (file: typeof backup) => void; message: string }[] = [
    {
      name: 'javascript: address',
      change: (file) => (file.connections[0].settings.url = 'javascript:window.__xss=1'),
      message: 'connections[0].settings.url is "javascript:window.__xss=1": expected an http:// or https:// address.',
    },
    {
      name: 'unknown time zone',
      change: (file) => (file.connections[0].schedule = { kind: 'daysOfWeek', days: [1], time: '06:00', timeZone: 'Europe/Atlantis' }),
      message: "connections[0].schedule.timeZone is \"Europe/Atlantis\": unknown time zone 'Europe/Atlantis'.",
    },
    {
      name: 'address with a user name and password',
      change: (file) => (file.connections[0].settings.url = 'https://ops:s3cret@example.com/customers.csv'),
      message: 'connections[0].settings.url is "https://…@example.com/customers.csv": expected an address without a user name or password; send them in a request header such as Authorization.',
    },
    {
      name: 'header value with a line break',
      change: (file) => (file.connections[0].settings.requestHeaders[0].value = `${TOKEN}\r\nX-Injected: 1`),
      message: `connections[0].settings.requestHeaders[0].value is a hidden value of ${TOKEN.length + 15} characters: expected a value on one line, without line breaks.`,
    },
    {
      name: 'header name with a line break',
      change: (file) => (file.connections[0].settings.requestHeaders[0].name = 'Authorization\r\nX-Injected'),
      message: 'connections[0].settings.requestHeaders[0].name is "Authorization\\r\\nX-Injected": expected a header name of letters, digits and - (such as Authorization).',
    },
  ];

  for (const { name, change, message } of cases) {
    const broken = structuredClone(backup);
    broken.connections[0].id = 'restored-copy';
    change(broken);
    await settings.pickBackupFile('broken.json', JSON.stringify(broken));
    await expect.poll(() => error.innerText(), { message: name }).toBe(`The backup file was not restored and nothing was changed. Correct the file or use another backup:\n${message}`);
    expect(await error.innerText()).not.toContain('s3cret');
    await expect(page.getByTestId('restore-preview')).toHaveCount(0);
    expect(await countStores(page)).toEqual(before);
  }
});
