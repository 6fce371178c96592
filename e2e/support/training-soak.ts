/**
 * The browser soak: connections of the demo systems run in training mode in Chromium, with the training
 * clock at ×3600 and jumps, stops and cancels through the queue panel, and a closed and reopened tab. The
 * training database is then read straight from IndexedDB and checked in Node with the checks of the Node
 * soak (src/soak/): every due time, computed here with the app's schedule functions, produced exactly one
 * scheduled run, one recorded merge or one recorded miss, no run was left open, and every run's counters
 * match what the store holds.
 */
import { expect, type BrowserContext, type Page } from '@playwright/test';
import { Temporal } from 'temporal-polyfill';
import type { Connection, MissedRuns, Run } from '../../src/contract/model.ts';
import type { ConnectionInput } from '../../src/contract/worker-api.ts';
import { accountForDueTimes, checkRunStates, type DueTimeAccount } from '../../src/soak/soak-accounting.ts';
import { checkRunsAgainstStore, fingerprintStampsOf, type ProfileStamp, type StoreCheck, type StoredFingerprintBatch } from '../../src/soak/store-check.ts';
import { createConnection, goToScreen, openApp } from '../fixtures.ts';
import { readStore, readTrainingNowMs } from './training.ts';

const TRAINING_DB = 'runlane-training';
const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const SPEED = 3600;
/** The scheduler's late threshold at ×3600: due times noticed later than this count as missed. */
const LATE_THRESHOLD_MS = 2 * HOUR_MS;
/** Real time a phase may take beyond its training time at ×3600, for a loaded machine. */
const SLACK_REAL_MS = 60_000;

/**
 * One step of a soak: run the clock at ×3600 for some training hours, jump it ahead by some hours, or close
 * and reopen the tab. Steps are relative to the clock when they begin, because a loaded machine makes the
 * test notice the end of a step late.
 */
export type SoakStep = { kind: 'run'; hours: number } | { kind: 'jump'; hours: number } | { kind: 'reopen' };

export interface SoakPlan {
  connections: readonly ConnectionInput[];
  startIso: string;
  steps: SoakStep[];
  /** While the clock runs, the running run is stopped every this many training hours. */
  stopEveryHours: number;
  /** While the clock runs, the first waiting run is cancelled every this many training hours. */
  cancelEveryHours: number;
}

export interface BrowserSoakReport {
  startMs: number;
  endMs: number;
  /** Training time spent at ×3600, and skipped by jumps. */
  runMs: number;
  jumpedMs: number;
  reopens: number;
  connections: number;
  account: DueTimeAccount;
  store: StoreCheck;
  byState: Record<string, number>;
  runs: number;
  stopsRequested: number;
  cancelledInQueue: number;
  retriedAttempts: number;
  timedOut: number;
  profiles: number;
  fingerprints: number;
  /** Errors that the workers logged, and console errors and uncaught errors of the tabs opened after the first. */
  pageErrors: string[];
  problems: string[];
}

interface StoredLogLine {
  runId: number;
  seq: number;
  message: string;
}

/**
 * Runs `plan` from `page`, a tab of the test build on the real database, and returns the checked figures.
 * The tab may be closed and replaced on the way.
 */
export async function runBrowserSoak(firstPage: Page, plan: SoakPlan): Promise<BrowserSoakReport> {
  const startMs = Date.parse(plan.startIso);
  const pageErrors: string[] = [];
  let page = firstPage;
  collectWorkerErrors(page, pageErrors);

  // The real database: the connections, OFF. The training copy starts at the controlled clock's time.
  await openApp(page, { clock: plan.startIso });
  for (const input of plan.connections) await createConnection(page, input, false);
  await enterTraining(page, { fresh: true });

  // With the training clock paused, switch every connection ON: each schedule's mark is the paused time,
  // and each connection queues its first run.
  await changeClock(page, 'Pause');
  const connections = await readStore<Connection>(page, TRAINING_DB, 'connections');
  for (const connection of connections) await switchConnection(page, connection, true);
  const fromMs = await readTrainingNowMs(page);
  await goToScreen(page, '/training');
  await page.getByRole('group', { name: 'Speed' }).getByRole('button', { name: '×3,600' }).click();
  await changeClock(page, 'Resume');
  await openQueue(page);

  let runMs = 0;
  let jumpedMs = 0;
  let reopens = 0;
  let nextStopMs = fromMs + plan.stopEveryHours * HOUR_MS;
  let nextCancelMs = fromMs + plan.cancelEveryHours * HOUR_MS;
  for (const step of plan.steps) {
    if (step.kind === 'reopen') {
      page = await reopenTab(page.context(), page, plan.startIso, pageErrors);
      reopens += 1;
      continue;
    }
    const beginMs = await readTrainingNowMs(page);
    if (step.kind === 'jump') {
      // The form takes whole minutes.
      const toMs = Math.ceil((beginMs + step.hours * HOUR_MS) / MINUTE_MS) * MINUTE_MS;
      await jump(page, toMs);
      jumpedMs += toMs - beginMs;
      nextStopMs = Math.max(nextStopMs, toMs);
      nextCancelMs = Math.max(nextCancelMs, toMs);
      continue;
    }
    const untilMs = beginMs + step.hours * HOUR_MS;
    // Stops and cancels at their training times, until the step's end.
    for (;;) {
      const actionMs = Math.min(nextStopMs, nextCancelMs);
      if (actionMs >= untilMs) break;
      await waitForTrainingTime(page, actionMs);
      if (actionMs === nextStopMs) {
        await clickFirst(page, /^Stop run \d+ of /);
        nextStopMs += plan.stopEveryHours * HOUR_MS;
      } else {
        await clickFirst(page, /^Cancel run \d+ of /);
        nextCancelMs += plan.cancelEveryHours * HOUR_MS;
      }
    }
    await waitForTrainingTime(page, untilMs);
    runMs += untilMs - beginMs;
  }

  // Pause, switch every connection OFF, then let the clock run until no run is open.
  await changeClock(page, 'Pause');
  await page.getByRole('button', { name: 'Close the queue' }).click();
  const endMs = await readTrainingNowMs(page);
  for (const connection of connections) await switchConnection(page, connection, false);
  await goToScreen(page, '/training');
  await changeClock(page, 'Resume');
  await expect
    .poll(async () => (await readStore<Run>(page, TRAINING_DB, 'runs')).filter((run) => ['queued', 'running', 'stopping'].includes(run.state)).length, {
      timeout: SLACK_REAL_MS,
      intervals: [250],
    })
    .toBe(0);
  await changeClock(page, 'Pause');

  const report = await checkTrainingDatabase(page, { fromMs, endMs });
  return { ...report, startMs, endMs, runMs, jumpedMs, reopens, pageErrors };
}

/** Reads the training database and checks it; `fromMs` is every schedule's mark when the soak began. */
async function checkTrainingDatabase(page: Page, window: { fromMs: number; endMs: number }) {
  const connections = await readStore<Connection>(page, TRAINING_DB, 'connections');
  const runs = await readStore<Run>(page, TRAINING_DB, 'runs');
  const missedRuns = await readStore<MissedRuns>(page, TRAINING_DB, 'missedRuns');
  const profiles = await readStore<ProfileStamp>(page, TRAINING_DB, 'profiles');
  const fingerprints = fingerprintStampsOf(await readStore<StoredFingerprintBatch>(page, TRAINING_DB, 'fingerprintBatches'));
  const logs = await readStore<StoredLogLine>(page, TRAINING_DB, 'runLogs');

  // Due times up to the end, less the late threshold, must all have been handled before the switch OFF.
  const account = accountForDueTimes(connections, runs, missedRuns, () => ({ fromMs: window.fromMs, handledUntilMs: window.endMs - LATE_THRESHOLD_MS }));
  const states = checkRunStates(runs);
  const directions = new Map(connections.map((connection) => [connection.id, connection.direction]));
  const store = checkRunsAgainstStore({ runs, directionOf: (id) => directions.get(id), profiles, fingerprints, logs });
  const problems = [...account.problems, ...states.problems, ...store.problems];
  const marks = new Set(connections.map((connection) => connection.scheduleMarkMs));
  if (connections.some((connection) => connection.enabled)) problems.push('a connection is still ON after the soak');
  if (marks.has(null)) problems.push('a connection has no schedule mark after the soak');

  return {
    connections: connections.length,
    account,
    store,
    byState: states.byState,
    runs: runs.length,
    stopsRequested: runs.filter((run) => run.stopRequestedAtMs !== null).length,
    cancelledInQueue: runs.filter((run) => run.state === 'cancelled' && run.summary === 'Cancelled before it started.').length,
    retriedAttempts: logs.filter((line) => /^Attempt \d+ failed: /.test(line.message)).length,
    timedOut: runs.filter((run) => run.state === 'failed' && run.errorMessage?.startsWith('Timed out')).length,
    profiles: profiles.length,
    fingerprints: fingerprints.length,
    problems,
  };
}

async function enterTraining(page: Page, options: { fresh: boolean }): Promise<void> {
  await goToScreen(page, '/training');
  if (options.fresh) await page.getByRole('radio', { name: /^×60:/ }).check();
  await page.getByRole('button', { name: 'Enter training mode' }).click();
  await expect(page.getByRole('region', { name: 'Training mode', exact: true })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Training controls' })).toBeVisible();
}

/** Clicks Pause or Resume on the Training page and waits until the clock shows the change. */
async function changeClock(page: Page, action: 'Pause' | 'Resume'): Promise<void> {
  await goToScreen(page, '/training');
  await page.getByRole('button', { name: action, exact: true }).click();
  await expect(page.getByRole('button', { name: action === 'Pause' ? 'Resume' : 'Pause', exact: true })).toBeVisible();
}

async function switchConnection(page: Page, connection: Pick<Connection, 'id' | 'name'>, on: boolean): Promise<void> {
  await goToScreen(page, `/connections/${connection.id}`);
  await expect(page.getByRole('heading', { name: connection.name, level: 1 })).toBeVisible();
  const toggle = page.getByRole('switch');
  await toggle.setChecked(on);
  await expect(toggle).toBeChecked({ checked: on });
}

async function openQueue(page: Page): Promise<void> {
  await page.getByRole('button', { name: /^Queue/ }).click();
  await expect(page.getByRole('complementary', { name: 'Queue' })).toBeVisible();
}

/** Clicks the first button of the queue panel named like `name`, if one is there within a real second. */
async function clickFirst(page: Page, name: RegExp): Promise<void> {
  const button = page.getByRole('complementary', { name: 'Queue' }).getByRole('button', { name }).first();
  // The queue changes every training minute: the run may end, or start, before the click lands.
  await button.click({ timeout: 1_000 }).catch(() => undefined);
}

async function waitForTrainingTime(page: Page, atMs: number): Promise<void> {
  const realMs = Math.max(0, (atMs - (await readTrainingNowMs(page))) / SPEED);
  await expect.poll(() => readTrainingNowMs(page), { timeout: realMs + SLACK_REAL_MS, intervals: [250] }).toBeGreaterThanOrEqual(atMs);
}

/** Jumps the training clock ahead with the Training page's form, in the browser's time zone. */
async function jump(page: Page, toMs: number): Promise<void> {
  await goToScreen(page, '/training');
  const zone = await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
  const local = Temporal.Instant.fromEpochMilliseconds(toMs).toZonedDateTimeISO(zone).toPlainDateTime().toString({ smallestUnit: 'minute' });
  await page.getByLabel('Jump ahead to').fill(local);
  await page.getByRole('button', { name: 'Jump', exact: true }).click();
  // Far less real time than the clock would need at ×3600 to get there by itself.
  await expect.poll(() => readTrainingNowMs(page), { timeout: 1_000, intervals: [100] }).toBeGreaterThanOrEqual(toMs);
}

/**
 * Closes the tab and opens another, which continues the training from the Training page. The closed
 * tab's running run is interrupted, and the training clock does not move while no tab is in training mode.
 */
async function reopenTab(context: BrowserContext, page: Page, startIso: string, pageErrors: string[]): Promise<Page> {
  // Closing while a run is running is what interrupts it; between runs the close would interrupt nothing.
  await expect
    .poll(async () => (await readStore<Run>(page, TRAINING_DB, 'runs')).some((run) => run.state === 'running'), { timeout: 30_000, intervals: [50] })
    .toBe(true);
  await page.close();
  const next = await context.newPage();
  next.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(message.text());
  });
  next.on('pageerror', (error) => pageErrors.push(error.message));
  collectWorkerErrors(next, pageErrors);
  await openApp(next, { clock: startIso });
  await enterTraining(next, { fresh: false });
  await openQueue(next);
  return next;
}

/** Collects the errors that the page's workers log, such as a failed scheduling pass; the page's own console does not show them. */
function collectWorkerErrors(page: Page, errors: string[]): void {
  page.on('worker', (worker) => {
    worker.on('console', (message) => {
      if (message.type() === 'error') errors.push(`worker: ${message.text()}`);
    });
  });
}
