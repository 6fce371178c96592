// Measures a CSV import through the real app in headless Chromium against a plain Dexie bulkPut of the
// same rows, and the scheduling worker's heap during a 100,000-row and a 1,000,000-row import. Records the
// figures in docs/benchmarks.md between this script's markers.
//
// Usage: node bench/import-bench.mjs [--rows N] [--rounds N] [--large-rows N] [--no-record]
//   --rows        rows of each file compared with the baseline (default 100000)
//   --rounds      imports of such a file, each between two baseline measurements (default 2)
//   --large-rows  rows of the file whose heap is sampled (default 1000000; 0 leaves it out)
//
// The script builds the test build into a new temporary folder and serves it with `vite preview` on a free
// port of 127.0.0.1, so it can run beside other builds and previews of the checkout. It drives
// /usr/bin/chromium (or CHROMIUM_PATH) with an on-disk profile, because an off-the-record context keeps
// IndexedDB in memory and writes about twice as fast. It removes the build, the profile and the
// generated files when it ends, also after a failure or Ctrl+C.
import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { availableParallelism, cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { basename, join } from 'node:path';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DOC_PATH = join(ROOT, 'docs', 'benchmarks.md');
const START_MARKER = '<!-- bench:import:start -->';
const END_MARKER = '<!-- bench:import:end -->';
const DB_SOURCE_PATH = join(ROOT, 'src', 'storage', 'db.ts');

/** Rows per batch transaction; the same as BATCH_ROWS in src/worker/import/import-pipeline.ts. */
const BATCH_ROWS = 500;
/** The full import must reach at least this share of the baseline's rows per second. */
const TARGET_RATIO = 0.5;
const HEAP_SAMPLE_INTERVAL_MS = 100;
const RUN_POLL_INTERVAL_MS = 500;
const RUN_TIMEOUT_MS = 60 * 60_000;
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

async function main() {
  const loadAverageAtStart = loadavg()[0];
  const workDir = mkdtempSync(join(tmpdir(), 'runlane-import-bench-'));
  cleanup.add(() => rmSync(workDir, { recursive: true, force: true }));

  const distDir = join(workDir, 'dist');
  buildApp(distDir);
  const profileSchema = readProfileSchema();
  // Each file has its own e-mail domain, so every import adds new profiles. The domains have one length,
  // so the files differ in one character per row and the baseline's rows match each of them.
  const roundCsvs = [];
  for (let round = 1; round <= options.rounds; round += 1) {
    roundCsvs.push(join(workDir, `customers-${options.rows}-round-${round}.csv`));
    await writeCsv(roundCsvs[round - 1], options.rows, `example${round}.com`);
  }
  installBaseline(distDir, roundCsvs[0]);
  const largeCsv = options.largeRows > 0 ? join(workDir, `customers-${options.largeRows}.csv`) : null;
  if (largeCsv) await writeCsv(largeCsv, options.largeRows, 'example0.com');

  const server = await startPreview(distDir);
  const profileDir = join(workDir, 'chromium-profile');
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: chromiumPath(),
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 900 },
  });
  cleanup.add(() => context.close());
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
  await page.goto(`${server.url}/?demo=off#/`);
  await page.waitForFunction(() => 'runlaneTest' in window);

  const cdp = await context.newCDPSession(page);
  const chromiumVersion = (await cdp.send('Browser.getVersion')).product;
  const heap = await HeapSampler.attach(cdp);

  console.log(`Baseline: Dexie bulkPut of ${options.rows} rows, ${BATCH_ROWS} per transaction`);
  console.log(`  the baseline table has the profile table's schema: '${profileSchema}'`);
  const baselines = [await measureBaseline(page, server.url, profileSchema)];
  const imports = [];
  for (const [index, csvPath] of roundCsvs.entries()) {
    console.log(`Round ${index + 1}: import of ${options.rows} rows through the New connection form`);
    imports.push(await importThroughForm(page, csvPath, options.rows, heap));
    baselines.push(await measureBaseline(page, server.url, profileSchema));
  }
  let large = null;
  if (largeCsv) {
    console.log(`Import of ${options.largeRows} rows through the New connection form`);
    large = await importThroughForm(page, largeCsv, options.largeRows, heap);
  }
  heap.detach();

  const results = summarise({ baselines, imports, large, profileSchema, chromiumVersion, loadAverageAtStart });
  printSummary(results);
  if (options.record) recordInDocs(results);
  if (results.ratio < TARGET_RATIO) {
    console.error(`The import reached ${results.ratio.toFixed(2)} of the baseline rate, below the target of ${TARGET_RATIO}.`);
    process.exitCode = 1;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Build, files and server

/**
 * Builds the test build into `distDir`. The build has its own output folder, so it skips Vite's lock
 * against concurrent builds of the project, which would otherwise fail while another build runs.
 */
function buildApp(distDir) {
  console.log(`Building the test build into ${distDir}`);
  const args = ['build', '--mode', 'test', '--outDir', distDir, '--emptyOutDir', '--logLevel', 'warn', '--bypass-lock'];
  execFileSync(process.execPath, [join(ROOT, 'node_modules/vite/bin/vite.js'), ...args], {
    cwd: ROOT,
    stdio: 'inherit',
  });
}

/**
 * Returns the Dexie schema of the profiles table in its newest version, for example 'key, updatedAtMs',
 * read from src/storage/db.ts, so the baseline writes the same indexes as an import.
 */
function readProfileSchema() {
  const declarations = [...readFileSync(DB_SOURCE_PATH, 'utf8').matchAll(/^\s*profiles: '([^']+)',/gm)];
  if (declarations.length === 0) throw new Error(`No profiles schema found in ${DB_SOURCE_PATH}; update readProfileSchema.`);
  return declarations[declarations.length - 1][1];
}

/** Copies the baseline worker, Dexie's ES module and the rows it writes into the served build. */
function installBaseline(distDir, csvPath) {
  const baselineDir = join(distDir, 'bench-baseline');
  mkdirSync(baselineDir, { recursive: true });
  copyFileSync(join(ROOT, 'bench/baseline/baseline-worker.mjs'), join(baselineDir, 'baseline-worker.mjs'));
  copyFileSync(join(ROOT, 'node_modules/dexie/dist/dexie.mjs'), join(baselineDir, 'dexie.mjs'));
  copyFileSync(csvPath, join(baselineDir, 'rows.csv'));
}

const FIRST_NAMES = ['Ada', 'Alan', 'Grace', 'Linus', 'Barbara', 'Edsger', 'Frances', 'Ken', 'Margaret', 'Dennis', 'Radia', 'Tim'];
const LAST_NAMES = ['Lovelace', 'Turing', 'Hopper', 'Torvalds', 'Liskov', 'Dijkstra', 'Allen', 'Thompson', 'Hamilton', 'Ritchie', 'Perlman'];
const CITIES = ['Amsterdam', 'Berlin', 'Lisbon', 'Madrid', 'Paris', 'Rome', 'Vienna', 'Warsaw', 'Oslo', 'Dublin', 'Prague', 'Athens', 'Zagreb'];

/**
 * Writes `rowCount` rows of 10 columns. Every row is valid and every identifier distinct, so each row is
 * Added. The New connection form infers text for the codes (leading zeros, spaces), dates, a number and
 * a boolean.
 */
async function writeCsv(path, rowCount, domain) {
  const stream = createWriteStream(path);
  stream.write('email,first_name,last_name,city,postal_code,phone,birth_date,signup_date,loyalty_points,newsletter\n');
  const linesPerChunk = 10_000;
  for (let start = 0; start < rowCount; start += linesPerChunk) {
    const lines = [];
    for (let index = start; index < Math.min(rowCount, start + linesPerChunk); index += 1) lines.push(csvRow(index, domain));
    if (!stream.write(`${lines.join('\n')}\n`)) await once(stream, 'drain');
  }
  stream.end();
  await once(stream, 'finish');
}

function csvRow(index, domain) {
  return [
    `customer${String(index).padStart(7, '0')}@${domain}`,
    FIRST_NAMES[index % FIRST_NAMES.length],
    LAST_NAMES[(index * 7) % LAST_NAMES.length],
    CITIES[(index * 13) % CITIES.length],
    String((index * 37) % 100_000).padStart(5, '0'),
    `+31 6 ${String((index * 7919) % 100_000_000).padStart(8, '0')}`,
    isoDate(1940 + (index % 60), 1 + (index % 12), 1 + (index % 28)),
    isoDate(2015 + (index % 10), 1 + ((index * 5) % 12), 1 + ((index * 3) % 28)),
    String((index * 31) % 20_000),
    index % 3 === 0 ? 'yes' : 'no',
  ].join(',');
}

function isoDate(year, month, day) {
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

async function startPreview(distDir) {
  const port = await findFreePort();
  const child = spawn(
    process.execPath,
    [join(ROOT, 'node_modules/vite/bin/vite.js'), 'preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort', '--outDir', distDir, '--bypass-lock'],
    { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  cleanup.add(() => stopProcess(child));
  const url = `http://127.0.0.1:${port}`;
  const deadlineMs = Date.now() + 30_000;
  while (Date.now() < deadlineMs) {
    if (child.exitCode !== null) throw new Error(`vite preview exited with code ${child.exitCode}.`);
    try {
      if ((await fetch(url)).ok) return { url };
    } catch {
      // Not listening yet.
    }
    await sleep(200);
  }
  throw new Error(`vite preview did not respond on ${url} within 30 s.`);
}

function findFreePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function stopProcess(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  await Promise.race([exited, sleep(5_000).then(() => child.kill('SIGKILL'))]);
}

function chromiumPath() {
  const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(path)) throw new Error(`No Chromium at ${path}. Install Debian's chromium package or set CHROMIUM_PATH.`);
  return path;
}

// ---------------------------------------------------------------------------------------------------------
// Measurements

/** Runs the baseline worker in the page and returns its rows per second. */
async function measureBaseline(page, baseUrl, profileSchema) {
  const result = await page.evaluate(
    ({ workerUrl, csvUrl, batchRows, profileSchema }) =>
      new Promise((resolve, reject) => {
        const worker = new Worker(workerUrl, { type: 'module' });
        worker.onmessage = (event) => {
          worker.terminate();
          if (event.data.ok) resolve(event.data.result);
          else reject(new Error(event.data.message));
        };
        worker.onerror = (event) => {
          worker.terminate();
          reject(new Error(`The baseline worker failed: ${event.message}`));
        };
        worker.postMessage({ csvUrl, batchRows, profileSchema, databaseName: 'runlane-bench-baseline' });
      }),
    { workerUrl: `${baseUrl}/bench-baseline/baseline-worker.mjs`, csvUrl: `${baseUrl}/bench-baseline/rows.csv`, batchRows: BATCH_ROWS, profileSchema },
  );
  const ratePerSecond = (result.rows / result.elapsedMs) * 1000;
  console.log(`  baseline: ${result.rows} rows in ${(result.elapsedMs / 1000).toFixed(2)} s, ${Math.round(ratePerSecond)} rows/s`);
  return { ...result, ratePerSecond };
}

/**
 * Creates a connection for `csvPath` in the New connection form, saved ON so that its first run starts
 * at once, and waits for that run to end. The rate is the run's own start-to-end time from the worker's
 * clock: decode check, parsing, validation, comparison and every batch transaction.
 */
async function importThroughForm(page, csvPath, rowCount, heap) {
  await page.evaluate(() => {
    location.hash = '/connections/new';
  });
  await page.getByRole('heading', { name: 'New connection' }).waitFor();
  await page.getByLabel('CSV file').setInputFiles(csvPath);
  await page.getByRole('radio', { name: 'Column email is the identifier' }).waitFor();
  await page.getByLabel('Name', { exact: true }).fill(`Benchmark ${basename(csvPath, '.csv')}`);

  // Each import starts from a collected heap, so garbage that earlier rounds left does not count as its peak.
  await heap.usageAfterGarbageCollection();
  heap.start();
  await page.getByRole('button', { name: 'Save' }).click();
  await page.waitForFunction(() => /^#\/connections\/[0-9a-f-]{36}$/.test(location.hash));
  const connectionId = (await page.evaluate(() => location.hash)).split('/').pop();
  const run = await waitForFirstRun(page, connectionId);
  // The worker's clock is the system clock here, so its run times and the samples' times compare.
  const { peakBytes: peakHeapBytes, firstTenthPeakBytes, lastTenthPeakBytes, sampleCount } = heap.stop(run);
  const heapAfterBytes = await heap.usageAfterGarbageCollection();

  const { counters } = run;
  if (run.state !== 'finished' || counters.added !== rowCount || counters.failed !== 0) {
    throw new Error(`The import of ${rowCount} rows ended ${run.state} with counters ${JSON.stringify(counters)}: ${run.errorMessage ?? run.summary}`);
  }
  const elapsedMs = run.endedAtMs - run.startedAtMs;
  const ratePerSecond = (rowCount / elapsedMs) * 1000;
  console.log(
    `  import: ${rowCount} rows in ${(elapsedMs / 1000).toFixed(2)} s, ${Math.round(ratePerSecond)} rows/s; ` +
      `worker heap peak ${formatMegabytes(peakHeapBytes)} (${sampleCount} samples; first tenth ${formatMegabytes(firstTenthPeakBytes)}, ` +
      `last tenth ${formatMegabytes(lastTenthPeakBytes)}), ${formatMegabytes(heapAfterBytes)} after the run`,
  );
  return { rows: rowCount, elapsedMs, ratePerSecond, peakHeapBytes, firstTenthPeakBytes, lastTenthPeakBytes, heapAfterBytes, sampleCount };
}

/** Polls the runs table with the plain IndexedDB API until the connection's run #1 has ended. */
async function waitForFirstRun(page, connectionId) {
  const deadlineMs = Date.now() + RUN_TIMEOUT_MS;
  while (Date.now() < deadlineMs) {
    const run = await page.evaluate(readFirstRun, connectionId);
    if (run && run.endedAtMs !== null) return run;
    await sleep(RUN_POLL_INTERVAL_MS);
  }
  throw new Error(`The run of connection ${connectionId} did not end within ${RUN_TIMEOUT_MS / 60_000} minutes.`);
}

/** Runs in the page. */
async function readFirstRun(connectionId) {
  const request = (target) =>
    new Promise((resolve, reject) => {
      target.onsuccess = () => resolve(target.result);
      target.onerror = () => reject(target.error);
    });
  const db = await request(indexedDB.open('runlane'));
  try {
    const runs = await request(db.transaction('runs').objectStore('runs').index('connectionId').getAll(connectionId));
    return runs.find((run) => run.number === 1) ?? null;
  } finally {
    db.close();
  }
}

/**
 * Samples the scheduling worker's heap with `Runtime.getHeapUsage` over CDP. Playwright's CDPSession
 * cannot address a flattened child session, so the worker is attached without flatten and reached through
 * `Target.sendMessageToTarget`.
 */
class HeapSampler {
  #cdp;
  #sessionId;
  #nextId = 1;
  #pending = new Map();
  #timer = null;
  #isSampling = false;
  #samples = [];

  static async attach(cdp) {
    const deadlineMs = Date.now() + 10_000;
    while (Date.now() < deadlineMs) {
      const { targetInfos } = await cdp.send('Target.getTargets');
      const worker = targetInfos.find((target) => target.type === 'worker' && target.title === 'runlane-scheduler') ?? targetInfos.find((target) => target.type === 'worker');
      if (worker) {
        const { sessionId } = await cdp.send('Target.attachToTarget', { targetId: worker.targetId, flatten: false });
        return new HeapSampler(cdp, sessionId);
      }
      await sleep(200);
    }
    throw new Error('The scheduling worker did not appear among the page targets within 10 s.');
  }

  constructor(cdp, sessionId) {
    this.#cdp = cdp;
    this.#sessionId = sessionId;
    cdp.on('Target.receivedMessageFromTarget', (event) => {
      if (event.sessionId !== this.#sessionId) return;
      const message = JSON.parse(event.message);
      const pending = this.#pending.get(message.id);
      if (!pending) return;
      this.#pending.delete(message.id);
      if (message.error) pending.reject(new Error(`${message.error.message} (${message.error.code})`));
      else pending.resolve(message.result);
    });
  }

  send(method, params = {}) {
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      this.#cdp.send('Target.sendMessageToTarget', { sessionId: this.#sessionId, message: JSON.stringify({ id, method, params }) }).catch(reject);
    });
  }

  start() {
    this.#samples = [];
    this.#timer = setInterval(() => void this.#sample(), HEAP_SAMPLE_INTERVAL_MS);
  }

  /**
   * Stops sampling and returns the sampled maximum of the used heap in bytes while the run ran, and over
   * the first and last tenth of the run's time. Similar maxima at both ends show that the heap does not
   * grow with the rows read.
   */
  stop(run) {
    clearInterval(this.#timer);
    this.#timer = null;
    const during = (fromMs, toMs) => this.#samples.filter((sample) => sample.atMs >= fromMs && sample.atMs <= toMs).map((sample) => sample.usedBytes);
    const max = (values) => values.reduce((highest, value) => Math.max(highest, value), 0);
    const tenthMs = (run.endedAtMs - run.startedAtMs) / 10;
    return {
      peakBytes: max(during(run.startedAtMs, run.endedAtMs)),
      firstTenthPeakBytes: max(during(run.startedAtMs, run.startedAtMs + tenthMs)),
      lastTenthPeakBytes: max(during(run.endedAtMs - tenthMs, run.endedAtMs)),
      sampleCount: during(run.startedAtMs, run.endedAtMs).length,
    };
  }

  async #sample() {
    // A busy worker may respond late, so a tick is skipped rather than piling requests up.
    if (this.#isSampling) return;
    this.#isSampling = true;
    try {
      const { usedSize } = await this.send('Runtime.getHeapUsage');
      this.#samples.push({ atMs: Date.now(), usedBytes: usedSize });
    } finally {
      this.#isSampling = false;
    }
  }

  async usageAfterGarbageCollection() {
    await this.send('HeapProfiler.collectGarbage');
    return (await this.send('Runtime.getHeapUsage')).usedSize;
  }

  detach() {
    void this.#cdp.send('Target.detachFromTarget', { sessionId: this.#sessionId }).catch(() => undefined);
  }
}

// ---------------------------------------------------------------------------------------------------------
// Output

function summarise({ baselines, imports, large, profileSchema, chromiumVersion, loadAverageAtStart }) {
  // Each import is compared with the mean of the baseline measured just before and just after it.
  const rounds = imports.map((imported, index) => {
    const baselineRate = (baselines[index].ratePerSecond + baselines[index + 1].ratePerSecond) / 2;
    return { imported, baselineRate, ratio: imported.ratePerSecond / baselineRate };
  });
  const meanBaselineRate = baselines.reduce((sum, baseline) => sum + baseline.ratePerSecond, 0) / baselines.length;
  const first = imports[0];
  return {
    baselines,
    rounds,
    meanBaselineRate,
    ratio: rounds.reduce((sum, round) => sum + round.ratio, 0) / rounds.length,
    large,
    profileSchema,
    heapRatio: large ? large.peakHeapBytes / first.peakHeapBytes : null,
    machine: describeMachine(chromiumVersion),
    loadAverageAtStart,
  };
}

function printSummary(results) {
  const { rounds, large } = results;
  for (const [index, round] of rounds.entries()) {
    const rate = Math.round(round.imported.ratePerSecond);
    console.log(`Round ${index + 1}: import ${rate} rows/s, baseline ${Math.round(round.baselineRate)} rows/s, share ${round.ratio.toFixed(2)}`);
  }
  console.log(`Mean share of the baseline: ${results.ratio.toFixed(2)} (target ${TARGET_RATIO})`);
  if (large) {
    console.log(`Import of ${large.rows} rows: ${Math.round(large.ratePerSecond)} rows/s, ${(large.ratePerSecond / results.meanBaselineRate).toFixed(2)} of the mean baseline`);
    console.log(`Worker heap peak, ${large.rows} rows / ${rounds[0].imported.rows} rows: ${results.heapRatio.toFixed(2)}`);
  }
  const { machine } = results;
  console.log(`Machine: ${machine.cpuModel}, nproc ${machine.nproc}, ${machine.memoryGiB} GiB, Node ${machine.node}, ${machine.chromium}`);
}

function recordInDocs(results) {
  const { rounds, large, machine } = results;
  const rows = (count) => count.toLocaleString('en-US');
  const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
  const rate = (value) => Math.round(value).toLocaleString('en-US');
  const timingRows = [];
  results.baselines.forEach((baseline, index) => {
    timingRows.push(`| Dexie bulkPut ${index + 1} | ${rows(baseline.rows)} | ${seconds(baseline.elapsedMs)} | ${rate(baseline.ratePerSecond)} | |`);
    const round = rounds[index];
    if (round) {
      const { imported } = round;
      timingRows.push(`| Full import ${index + 1} | ${rows(imported.rows)} | ${seconds(imported.elapsedMs)} | ${rate(imported.ratePerSecond)} | ${round.ratio.toFixed(2)} |`);
    }
  });
  const heapRow = (run) =>
    `| ${rows(run.rows)} | ${formatMegabytes(run.peakHeapBytes)} | ${formatMegabytes(run.firstTenthPeakBytes)} | ${formatMegabytes(run.lastTenthPeakBytes)} | ` +
    `${run.sampleCount} | ${formatMegabytes(run.heapAfterBytes)} |`;
  const section = [
    START_MARKER,
    '## CSV import',
    '',
    '`node bench/import-bench.mjs` builds the test build, serves it with `vite preview` on 127.0.0.1 and drives',
    'Chromium with an on-disk profile. It imports generated files of 10 columns (text, codes with leading zeros,',
    'two dates, a number and a boolean; every row valid and new) through the New connection form, as a user',
    "would. The time is the run's own, start to end: the decode check, parsing, validation, the comparison with",
    `stored profiles and fingerprints, and the ${BATCH_ROWS}-row transactions that write profiles, fingerprints,`,
    'counters and log lines. The baseline is Dexie `bulkPut` of the same rows as profile objects, one transaction',
    `per ${BATCH_ROWS} rows, into a new table with the profile table's schema (\`${results.profileSchema}\`), in a module worker of`,
    'the same browser profile. It is measured before the first import and after each one, and each import is',
    'compared with the mean of the baselines just before and after it.',
    '',
    '| | rows | time | rows/s | share of baseline |',
    '| --- | ---: | ---: | ---: | ---: |',
    ...timingRows,
    ...(large ? [`| Full import, large file | ${rows(large.rows)} | ${seconds(large.elapsedMs)} | ${rate(large.ratePerSecond)} | ${(large.ratePerSecond / results.meanBaselineRate).toFixed(2)} |`] : []),
    '',
    `The mean share is **${results.ratio.toFixed(2)}**; the target is at least ${TARGET_RATIO}.` +
      (large ? ' The large file is compared with the mean of all baselines, which write into an empty table.' : ''),
    'Besides the profiles, each batch transaction of the import writes one fingerprint record, whose multi-entry',
    "index gets an entry per row, the run's counters and its log lines, which the baseline does not. With one",
    'fingerprint record per row (schema version 2) the import reached 0.47 of the baseline.',
    '',
    ...(large
      ? [
          `Heap of the scheduling worker, read with \`Runtime.getHeapUsage\` over CDP every ${HEAP_SAMPLE_INTERVAL_MS} ms during the run. Each run`,
          'starts after a forced garbage collection. The table gives the maximum of all samples and of those in the first and',
          "last tenth of the run's time, and the heap after the run and another forced garbage collection:",
          '',
          '| rows | sampled peak | first tenth | last tenth | samples | after the run |',
          '| ---: | ---: | ---: | ---: | ---: | ---: |',
          heapRow(rounds[0].imported),
          heapRow(large),
          '',
          `A file ${(large.rows / rounds[0].imported.rows).toFixed(0)} times as long gives **${results.heapRatio.toFixed(2)}** times the peak heap.`,
          '',
        ]
      : []),
    `Machine: ${machine.cpuModel}, ${machine.cpuCount} CPUs (\`nproc\`: ${machine.nproc}), ${machine.memoryGiB} GiB of memory,`,
    `Node ${machine.node}, ${machine.chromium}, dexie ${machine.dexie}, papaparse ${machine.papaparse}, vite ${machine.vite},`,
    `@playwright/test ${machine.playwright}; 1-minute load average ${results.loadAverageAtStart.toFixed(1)} at the start.`,
    `Measured ${new Date().toISOString().slice(0, 10)}. The machine is shared, so compare the shares, not the absolute rates.`,
    END_MARKER,
  ].join('\n');

  const existing = existsSync(DOC_PATH) ? readFileSync(DOC_PATH, 'utf8') : '# Benchmarks\n';
  const startIndex = existing.indexOf(START_MARKER);
  const endIndex = existing.indexOf(END_MARKER);
  const updated =
    startIndex !== -1 && endIndex > startIndex
      ? existing.slice(0, startIndex) + section + existing.slice(endIndex + END_MARKER.length)
      : `${existing.trimEnd()}\n\n${section}\n`;
  writeFileSync(DOC_PATH, updated);
  console.log(`Recorded in ${DOC_PATH}`);
}

function describeMachine(chromiumVersion) {
  const cpuInfo = existsSync('/proc/cpuinfo') ? readFileSync('/proc/cpuinfo', 'utf8') : '';
  const cpuModel = /^model name\s*:\s*(.+)$/m.exec(cpuInfo)?.[1]?.trim() ?? cpus()[0]?.model ?? 'unknown CPU';
  let nproc = 'unavailable';
  try {
    nproc = execFileSync('nproc', { encoding: 'utf8' }).trim();
  } catch (error) {
    console.warn(`nproc failed, recording the CPU count from Node only: ${error.message}`);
  }
  return {
    cpuModel,
    cpuCount: availableParallelism(),
    nproc,
    memoryGiB: (totalmem() / 1024 ** 3).toFixed(1),
    node: process.versions.node,
    chromium: chromiumVersion.replace('/', ' '),
    dexie: readPackageVersion('dexie'),
    papaparse: readPackageVersion('papaparse'),
    vite: readPackageVersion('vite'),
    playwright: readPackageVersion('@playwright/test'),
  };
}

function readPackageVersion(name) {
  return JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')).version;
}

// ---------------------------------------------------------------------------------------------------------
// Helpers

function formatMegabytes(bytes) {
  return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Cleanup steps, run once in reverse order of adding: the browser closes before its profile is removed. */
function createCleanup() {
  const steps = [];
  let ran = false;
  const run = async () => {
    if (ran) return;
    ran = true;
    for (const step of steps.reverse()) {
      try {
        await step();
      } catch (error) {
        console.error(`Cleanup step failed: ${error?.message ?? error}`);
      }
    }
  };
  return {
    add: (step) => steps.push(step),
    run,
    runAndExit: (code) => void run().finally(() => process.exit(code)),
  };
}

function parseArguments(args) {
  const parsed = { rows: 100_000, rounds: 2, largeRows: 1_000_000, record: true };
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index];
    if (arg === '--no-record') parsed.record = false;
    else if (arg === '--rows') parsed.rows = parseCount(arg, args[++index], 1);
    else if (arg === '--rounds') parsed.rounds = parseCount(arg, args[++index], 1);
    else if (arg === '--large-rows') parsed.largeRows = parseCount(arg, args[++index], 0);
    else throw new Error(`Unknown argument '${arg}'. Usage: node bench/import-bench.mjs [--rows N] [--rounds N] [--large-rows N] [--no-record]`);
  }
  return parsed;
}

function parseCount(name, text, minimum) {
  const value = Number(text);
  if (!Number.isInteger(value) || value < minimum) throw new Error(`${name} needs a whole number of ${minimum} or more, got '${text}'`);
  return value;
}

// ---------------------------------------------------------------------------------------------------------
// Entry, after every module-level constant is initialised

const options = parseArguments(process.argv.slice(2));
const cleanup = createCleanup();
process.once('SIGINT', () => cleanup.runAndExit(130));
process.once('SIGTERM', () => cleanup.runAndExit(143));

try {
  await main();
} catch (error) {
  console.error(`Import benchmark failed: ${error?.stack ?? error}`);
  process.exitCode = 1;
} finally {
  await cleanup.run();
}
