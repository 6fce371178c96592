// Measures Runlane's first screen against a minimal page on the same stack (bench/minimal: a Solid page, a
// Comlink worker that reads with Dexie and computes with Temporal, and the service-worker registration):
//   1. the gzipped JavaScript that a reload requests for the first screen (page, worker and service-worker
//      registration), and
//   2. the time from a reload until the list is usable,
// with 200 connections and 100,000 runs stored. Records the figures in docs/benchmarks.md between this
// script's markers.
//
// Usage: node bench/app-bench.mjs [--rounds N] [--no-record]
//   --rounds  measured reloads of each page, alternating between the two (default 7); the median counts
//
// The script builds both pages for production into a new directory under the system's temporary directory (so
// that runs started at the same time do not share builds) and serves each with Vite's preview server on
// 127.0.0.1. It drives /usr/bin/chromium (or CHROMIUM_PATH) with an on-disk profile per
// page. The service worker is blocked and the HTTP cache disabled, so every reload fetches all its
// JavaScript and nothing is precached. The script removes the builds and the profiles when it ends, also
// after a failure or Ctrl+C.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { availableParallelism, cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import { build, preview } from 'vite';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DOC_PATH = join(ROOT, 'docs', 'benchmarks.md');
const START_MARKER = '<!-- bench:app:start -->';
const END_MARKER = '<!-- bench:app:end -->';
const CONNECTION_COUNT = 200;
const RUNS_PER_CONNECTION = 500;
/** Runlane should need at most this many times the minimal page's JavaScript and time. */
const TARGET_RATIO = 1.5;
const USABLE_TIMEOUT_MS = 180_000;
/** After the list is usable, scripts still count until the server has had no request for this long. */
const NETWORK_IDLE_MS = 1000;
const NETWORK_IDLE_TIMEOUT_MS = 10_000;
const GZIP_LEVEL = 9;
/** The launch arguments of playwright.config.ts: as root the sandbox cannot start, and the rest keep Chromium off the network. */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** One directory per run for both builds and both browser profiles. */
const WORK_DIR = mkdtempSync(join(tmpdir(), 'runlane-app-bench-'));

const PAGES = [
  {
    key: 'app',
    label: 'Runlane',
    root: ROOT,
    configFile: join(ROOT, 'vite.config.ts'),
    outDir: join(WORK_DIR, 'app-build'),
    // The demo is seeded on first start; it is removed before the benchmark's connections are stored.
    waitForFirstStart: waitForDemoRun,
    storesToClear: ['connections', 'runs', 'runLogs', 'files', 'fingerprints', 'missedRuns', 'notifications', 'exportFiles', 'overrides'],
  },
  {
    key: 'minimal',
    label: 'Minimal page',
    root: join(ROOT, 'bench', 'minimal'),
    configFile: join(ROOT, 'bench', 'minimal', 'vite.config.ts'),
    outDir: join(WORK_DIR, 'minimal-build'),
    waitForFirstStart: waitForMinimalList,
    storesToClear: ['connections', 'runs'],
  },
];

const cleanup = createCleanup();
cleanup.add(() => rmSync(WORK_DIR, { recursive: true, force: true }));
const options = parseArguments(process.argv.slice(2));

async function main() {
  const loadAverageAtStart = loadavg()[0];
  for (const page of PAGES) await buildPage(page);
  const profilesDir = join(WORK_DIR, 'profiles');

  const sessions = [];
  for (const page of PAGES) sessions.push(await openSession(page, join(profilesDir, page.key)));
  for (let round = 1; round <= options.rounds; round++) {
    for (const session of sessions) {
      const reload = await measureReload(session);
      session.reloads.push(reload);
      console.log(`Round ${round}, ${session.page.label}: scripts run after ${Math.round(reload.scriptsRunMs)} ms, usable after ${Math.round(reload.usableMs)} ms`);
    }
  }

  const results = summarize(sessions, loadAverageAtStart);
  printSummary(results);
  if (options.record) recordInDocs(results);
  if (results.bytesRatio > TARGET_RATIO || results.timeRatio > TARGET_RATIO) {
    console.error(`Runlane needs more than ${TARGET_RATIO} times the minimal page: see the scripts listed above.`);
    process.exitCode = 1;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Builds and servers

async function buildPage(page) {
  console.log(`Building ${page.label} into ${page.outDir}`);
  await build({ root: page.root, configFile: page.configFile, mode: 'production', logLevel: 'warn', build: { outDir: page.outDir, emptyOutDir: true } });
  cleanup.add(() => rmSync(page.outDir, { recursive: true, force: true }));
}

/** Serves a build and logs each request with its arrival time, so scripts can be matched to the usable moment. */
async function startPreview(page) {
  const port = await findFreePort();
  const requests = [];
  const logRequests = {
    name: 'bench-request-log',
    configurePreviewServer(server) {
      server.middlewares.use((request, _response, next) => {
        requests.push({ path: new URL(request.url ?? '/', 'http://127.0.0.1').pathname, atMs: Date.now() });
        next();
      });
    },
  };
  const server = await preview({
    root: page.root,
    configFile: page.configFile,
    mode: 'production',
    logLevel: 'warn',
    plugins: [logRequests],
    build: { outDir: page.outDir },
    preview: { host: '127.0.0.1', port, strictPort: true, open: false },
  });
  cleanup.add(() => server.close());
  return { url: `http://127.0.0.1:${port}/`, requests };
}

function findFreePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

function chromiumPath() {
  const explicit = process.env.CHROMIUM_PATH;
  if (explicit && !existsSync(explicit)) throw new Error(`CHROMIUM_PATH is set to ${explicit}, but no file exists there.`);
  if (explicit) return explicit;
  return existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined;
}

// ---------------------------------------------------------------------------------------------------------
// Sessions: one browser profile per page, its first start, the stored connections and runs

async function openSession(page, profileDir) {
  const server = await startPreview(page);
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: chromiumPath(),
    args: CHROMIUM_ARGS,
    serviceWorkers: 'block',
    locale: 'en-GB',
    timezoneId: 'UTC',
    viewport: { width: 1280, height: 900 },
  });
  cleanup.add(() => context.close());
  await context.addInitScript(watchUsableList, { count: CONNECTION_COUNT });
  const tab = context.pages()[0] ?? (await context.newPage());
  tab.on('pageerror', (error) => console.error(`${page.label}: ${error.message}`));
  const cdp = await context.newCDPSession(tab);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });

  console.log(`Starting ${page.label} and storing ${CONNECTION_COUNT} connections with ${CONNECTION_COUNT * RUNS_PER_CONNECTION} runs`);
  await tab.goto(server.url);
  await page.waitForFirstStart(tab);
  const nowMs = Date.now();
  await tab.evaluate(seedInPage, { connectionCount: CONNECTION_COUNT, runsPerConnection: RUNS_PER_CONNECTION, nowMs, storesToClear: page.storesToClear });
  return { page, server, tab, reloads: [] };
}

async function waitForDemoRun(tab) {
  const deadline = Date.now() + USABLE_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const states = await tab.evaluate(readRunStates);
    if (states.some((state) => state !== 'queued' && state !== 'running' && state !== 'stopping')) return;
    await tab.waitForTimeout(250);
  }
  throw new Error('The demo connection\'s first run did not end within 3 minutes.');
}

async function waitForMinimalList(tab) {
  await tab.getByRole('heading', { name: 'Connections' }).waitFor();
  await tab.waitForFunction(() => document.querySelector('main ul') !== null, null, { timeout: USABLE_TIMEOUT_MS });
}

/** In the page: the states of all stored runs. */
function readRunStates() {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open('runlane');
    request.onerror = () => reject(request.error);
    request.onsuccess = () => {
      const db = request.result;
      if (!db.objectStoreNames.contains('runs')) {
        db.close();
        resolve([]);
        return;
      }
      const read = db.transaction('runs').objectStore('runs').getAll();
      read.onsuccess = () => {
        db.close();
        resolve(read.result.map((run) => run.state));
      };
      read.onerror = () => reject(read.error);
    };
  });
}

/**
 * In the page: empties `storesToClear` and stores the benchmark's connections and runs with plain IndexedDB,
 * in Runlane's shapes (the minimal page reads a subset of the fields). Connections are ON with a daily
 * schedule 12 hours ahead, so no run falls due during the benchmark. Runs are 6 hours apart, every tenth
 * one failed, and the newest started an hour ago.
 */
async function seedInPage({ connectionCount, runsPerConnection, nowMs, storesToClear }) {
  const db = await new Promise((resolve, reject) => {
    const request = indexedDB.open('runlane');
    request.onerror = () => reject(request.error);
    request.onsuccess = () => resolve(request.result);
  });
  const write = (stores, fill) =>
    new Promise((resolve, reject) => {
      const transaction = db.transaction(stores, 'readwrite');
      fill(transaction);
      transaction.oncomplete = () => resolve();
      transaction.onerror = () => reject(transaction.error);
    });
  const present = storesToClear.filter((name) => db.objectStoreNames.contains(name));
  await write(present, (transaction) => present.forEach((name) => transaction.objectStore(name).clear()));

  const scheduleTime = new Date(nowMs + 12 * 3_600_000).toISOString().slice(11, 16);
  const connections = Array.from({ length: connectionCount }, (_, index) => {
    const label = String(index + 1).padStart(3, '0');
    return {
      id: `bench-connection-${label}`,
      name: `Connection ${label}`,
      description: 'Stored by bench/app-bench.mjs.',
      direction: 'import',
      settings: {
        connector: 'csv-file',
        fileName: 'customers.csv',
        encoding: 'utf-8',
        delimiter: 'auto',
        numberFormat: '1,234.5',
        emptyCellsClear: false,
        mapping: [{ column: 'email', propertyId: 'email', isIdentifier: true }],
        headers: ['email'],
        source: 'stored',
        requiredConsent: null,
      },
      schedule: { kind: 'daysOfWeek', days: [1, 2, 3, 4, 5, 6, 7], time: scheduleTime, timeZone: 'UTC' },
      enabled: true,
      scheduleMarkMs: nowMs,
      nextRunNumber: runsPerConnection + 1,
      timeLimitMs: 3_600_000,
      maxRetries: 2,
      catchUp: 'once',
      notifications: { when: 'never', browser: false, emails: [], webhook: null, digest: { enabled: false, atTime: '08:00' } },
      createdAtMs: nowMs - runsPerConnection * 6 * 3_600_000,
      updatedAtMs: nowMs,
    };
  });
  await write(['connections'], (transaction) => connections.forEach((connection) => transaction.objectStore('connections').put(connection)));

  const runsPerTransaction = 5000;
  const total = connectionCount * runsPerConnection;
  for (let first = 0; first < total; first += runsPerTransaction) {
    await write(['runs'], (transaction) => {
      const store = transaction.objectStore('runs');
      for (let index = first; index < Math.min(total, first + runsPerTransaction); index++) {
        const connection = connections[index % connectionCount];
        const number = Math.floor(index / connectionCount) + 1;
        const startedAtMs = nowMs - 3_600_000 - (runsPerConnection - number) * 6 * 3_600_000;
        const failed = number % 10 === 0;
        store.add({
          connectionId: connection.id,
          number,
          trigger: 'schedule',
          state: failed ? 'failed' : 'finished',
          priority: 1,
          queuedAtMs: startedAtMs,
          promotedAtMs: null,
          dueAtMs: startedAtMs,
          startedAtMs,
          endedAtMs: startedAtMs + 90_000,
          stopRequestedAtMs: null,
          attempt: 1,
          waitingForNetwork: false,
          counters: { checked: 120, added: 3, updated: 10, unchanged: 100, skipped: 0, failed: failed ? 7 : 0, blocked: 0 },
          warningCount: failed ? 7 : 0,
          errorMessage: failed ? 'The file could not be read.' : null,
          summary: failed ? 'Failed: the file could not be read.' : 'Finished.',
          mergedDueAtMs: [],
          logCount: 0,
          exportCursor: null,
        });
      }
    });
  }
  db.close();
}

/**
 * Init script: records in `window.__benchUsableMs` the first animation frame at which the page shows
 * `count` links to connections and `count` links to runs (each row's name and last run). It records the
 * DOMContentLoaded event in `window.__benchScriptsRunMs`. Both are milliseconds since navigation start.
 */
function watchUsableList({ count }) {
  // Module scripts run before DOMContentLoaded, so this is when the page's own JavaScript has run.
  document.addEventListener('DOMContentLoaded', () => {
    window.__benchScriptsRunMs = performance.now();
  });
  const connectionLink = /^#\/connections\/(?!new$)[^/]+$/;
  const runLink = /^#\/connections\/[^/]+\/runs\/\d+$/;
  let pending = false;
  const check = () => {
    pending = false;
    let connections = 0;
    let runs = 0;
    for (const link of document.querySelectorAll('main a[href^="#/connections/"]')) {
      const href = link.getAttribute('href') ?? '';
      if (runLink.test(href)) runs += 1;
      else if (connectionLink.test(href)) connections += 1;
    }
    if (connections >= count && runs >= count) {
      window.__benchUsableMs = performance.now();
      observer.disconnect();
    }
  };
  const observer = new MutationObserver(() => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(check);
  });
  observer.observe(document, { childList: true, subtree: true });
}

// ---------------------------------------------------------------------------------------------------------
// Measurement

async function measureReload(session) {
  const { tab, server, page } = session;
  const firstRequest = server.requests.length;
  await tab.reload({ waitUntil: 'commit' });
  try {
    await tab.waitForFunction(() => window.__benchUsableMs !== undefined, null, { timeout: USABLE_TIMEOUT_MS, polling: 100 });
  } catch (error) {
    throw new Error(`${page.label} did not show ${CONNECTION_COUNT} connections with their last runs within ${USABLE_TIMEOUT_MS / 1000} s.`, { cause: error });
  }
  const { usableMs, scriptsRunMs, usableAtWallMs } = await tab.evaluate(() => ({
    usableMs: window.__benchUsableMs,
    scriptsRunMs: window.__benchScriptsRunMs,
    usableAtWallMs: performance.timeOrigin + window.__benchUsableMs,
  }));
  await waitForIdleServer(server);
  const scriptRequests = server.requests.slice(firstRequest).filter((request) => request.path.endsWith('.js'));
  const paths = [...new Set(scriptRequests.map((request) => request.path))].sort();
  const scripts = paths.map((path) => ({
    ...measureScript(page.outDir, path),
    isBeforeUsable: scriptRequests.some((request) => request.path === path && request.atMs <= usableAtWallMs),
  }));
  return { usableMs, scriptsRunMs, scripts };
}

/**
 * Waits until the server has had no request for NETWORK_IDLE_MS. A script that the first screen requests
 * just after the list is usable (the worker, the service-worker registration) then counts on every reload,
 * whichever way the race goes.
 */
async function waitForIdleServer(server) {
  const deadline = Date.now() + NETWORK_IDLE_TIMEOUT_MS;
  let count = server.requests.length;
  let quietSinceMs = Date.now();
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    if (server.requests.length !== count) {
      count = server.requests.length;
      quietSinceMs = Date.now();
    } else if (Date.now() - quietSinceMs >= NETWORK_IDLE_MS) {
      return;
    }
  }
}

function measureScript(outDir, path) {
  const content = readFileSync(join(outDir, path));
  return { path, bytes: content.length, gzipBytes: gzipSync(content, { level: GZIP_LEVEL }).length };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function summarizeSession(session) {
  const times = session.reloads.map((reload) => reload.usableMs);
  const scriptSets = new Set(session.reloads.map((reload) => reload.scripts.map((script) => script.path).join(' ')));
  if (scriptSets.size > 1) console.warn(`${session.page.label} requested different scripts on different reloads; the last reload's are recorded.`);
  const scripts = session.reloads.at(-1).scripts;
  return {
    label: session.page.label,
    scripts,
    gzipBytes: scripts.reduce((sum, script) => sum + script.gzipBytes, 0),
    bytes: scripts.reduce((sum, script) => sum + script.bytes, 0),
    medianMs: median(times),
    medianScriptsRunMs: median(session.reloads.map((reload) => reload.scriptsRunMs)),
    minMs: Math.min(...times),
    maxMs: Math.max(...times),
  };
}

function summarize(sessions, loadAverageAtStart) {
  const [app, minimal] = sessions.map(summarizeSession);
  return {
    app,
    minimal,
    bytesRatio: app.gzipBytes / minimal.gzipBytes,
    timeRatio: app.medianMs / minimal.medianMs,
    machine: describeMachine(),
    loadAverageAtStart,
    loadAverageAtEnd: loadavg()[0],
  };
}

// ---------------------------------------------------------------------------------------------------------
// Output

function formatKb(bytes) {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

function printSummary(results) {
  for (const page of [results.app, results.minimal]) {
    console.log(`\n${page.label}: ${formatKb(page.gzipBytes)} of gzipped JavaScript, usable after ${Math.round(page.medianMs)} ms (median)`);
    for (const script of page.scripts) {
      const when = script.isBeforeUsable ? '' : ', requested after the list was usable';
      console.log(`  ${script.path}  ${formatKb(script.bytes)} raw, ${formatKb(script.gzipBytes)} gzip${when}`);
    }
  }
  console.log(`\nJavaScript: ${results.bytesRatio.toFixed(2)} × the minimal page; time to a usable list: ${results.timeRatio.toFixed(2)} × (target at most ${TARGET_RATIO})`);
}

function readPackageVersion(name) {
  return JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')).version;
}

function describeMachine() {
  const cpuInfo = existsSync('/proc/cpuinfo') ? readFileSync('/proc/cpuinfo', 'utf8') : '';
  const cpuModel = /^model name\s*:\s*(.+)$/m.exec(cpuInfo)?.[1]?.trim() ?? cpus()[0]?.model ?? 'unknown CPU';
  let chromiumVersion = 'unknown';
  try {
    chromiumVersion = execFileSync(chromiumPath() ?? chromium.executablePath(), ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch (error) {
    console.warn(`Could not read the Chromium version: ${error.message}`);
  }
  return {
    cpuModel,
    cpuCount: availableParallelism(),
    memoryGiB: (totalmem() / 1024 ** 3).toFixed(1),
    node: process.versions.node,
    chromium: chromiumVersion,
    packages: ['solid-js', 'dexie', 'comlink', 'temporal-polyfill', 'vite', 'vite-plugin-pwa', '@playwright/test'].map((name) => `${name} ${readPackageVersion(name)}`),
  };
}

function recordInDocs(results) {
  const { app, minimal, machine } = results;
  const row = (page) =>
    `| ${page.label} | ${page.scripts.length} | ${formatKb(page.gzipBytes)} | ${Math.round(page.medianScriptsRunMs)} ms | ${Math.round(page.medianMs)} ms (${Math.round(page.minMs)}–${Math.round(page.maxMs)}) |`;
  const scriptRows = (page) =>
    page.scripts.map((script) => `| ${page.label} | \`${script.path.replace(/^\/assets\//, '')}\` | ${formatKb(script.bytes)} | ${formatKb(script.gzipBytes)} | ${script.isBeforeUsable ? 'yes' : 'no'} |`);
  const side = (ratio) => (ratio <= TARGET_RATIO ? 'within' : 'above');
  const section = [
    START_MARKER,
    '## First screen',
    '',
    '`node bench/app-bench.mjs` builds Runlane and a minimal page on the same stack (`bench/minimal`: a Solid page,',
    'a Comlink worker that reads with Dexie and computes with Temporal, the service-worker registration) for',
    'production, serves each with Vite\'s preview server on 127.0.0.1 and loads it in headless Chromium with an',
    `on-disk profile, the service worker blocked and the HTTP cache disabled. Each profile stores ${CONNECTION_COUNT} connections`,
    `with ${RUNS_PER_CONNECTION} runs each (${(CONNECTION_COUNT * RUNS_PER_CONNECTION).toLocaleString('en-US')} runs). A page is usable at the first animation frame that shows all`,
    `${CONNECTION_COUNT} connections with a link to their last run. The JavaScript counted is every script the reload requests`,
    `until the list is usable and the server has then had no request for ${NETWORK_IDLE_MS / 1000} s: the page, the worker and the`,
    `service-worker registration, gzipped at level ${GZIP_LEVEL}. A worker script can be requested just before or just after the`,
    'list shows, so waiting for the quiet second counts it on every reload; the last column says on which side it',
    'fell. With the service worker blocked nothing is precached, so the precache that a service worker would',
    `download afterwards does not count. Times are the median of ${options.rounds} reloads of each page, alternating, with the`,
    'fastest and slowest in brackets. DOMContentLoaded comes once the page\'s module scripts have run; from there',
    'to a usable list the page reads IndexedDB and renders.',
    '',
    '| page | scripts | gzipped JavaScript | reload to DOMContentLoaded | reload to usable list |',
    '| --- | ---: | ---: | ---: | ---: |',
    row(app),
    row(minimal),
    '',
    `Runlane fetches **${results.bytesRatio.toFixed(2)}** times the minimal page's JavaScript (${side(results.bytesRatio)} the target of at most ${TARGET_RATIO})`,
    `and takes **${results.timeRatio.toFixed(2)}** times its time to a usable list (${side(results.timeRatio)} the target).`,
    '',
    '| page | script | size | gzip | requested before the list was usable |',
    '| --- | --- | ---: | ---: | --- |',
    ...scriptRows(app),
    ...scriptRows(minimal),
    '',
    `Machine: ${machine.cpuModel}, ${machine.cpuCount} CPUs, ${machine.memoryGiB} GiB, Node ${machine.node}, ${machine.chromium},`,
    `${machine.packages.join(', ')}.`,
    `1-minute load average ${results.loadAverageAtStart.toFixed(1)} at the start and ${results.loadAverageAtEnd.toFixed(1)} at the end.`,
    `Measured ${new Date().toISOString().slice(0, 10)}.`,
    END_MARKER,
  ].join('\n');
  const doc = existsSync(DOC_PATH) ? readFileSync(DOC_PATH, 'utf8') : '# Benchmarks\n';
  const start = doc.indexOf(START_MARKER);
  const end = doc.indexOf(END_MARKER);
  const updated = start >= 0 && end > start ? `${doc.slice(0, start)}${section}${doc.slice(end + END_MARKER.length)}` : `${doc.trimEnd()}\n\n${section}\n`;
  writeFileSync(DOC_PATH, updated);
  console.log(`Recorded in ${DOC_PATH}`);
}

// ---------------------------------------------------------------------------------------------------------
// Arguments and cleanup

function parseArguments(args) {
  const parsed = { rounds: 7, record: true };
  for (let index = 0; index < args.length; index++) {
    const arg = args[index];
    if (arg === '--no-record') parsed.record = false;
    else if (arg === '--rounds') {
      const value = Number(args[++index]);
      if (!Number.isInteger(value) || value < 1) throw new Error(`--rounds must be a whole number of at least 1, not ${args[index]}.`);
      parsed.rounds = value;
    } else throw new Error(`Unknown option '${arg}'. Usage: node bench/app-bench.mjs [--rounds N] [--no-record]`);
  }
  return parsed;
}

/** Steps that undo what the script set up, run in reverse order once, also on Ctrl+C. */
function createCleanup() {
  const steps = [];
  let done = false;
  const run = async () => {
    if (done) return;
    done = true;
    for (const step of steps.reverse()) {
      try {
        await step();
      } catch (error) {
        console.warn(`A cleanup step failed: ${error.message}`);
      }
    }
  };
  process.once('SIGINT', () => void run().finally(() => process.exit(130)));
  return { add: (step) => steps.push(step), run };
}

try {
  await main();
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  await cleanup.run();
}
