import os from 'node:os';
import { writeDocSection } from '../src/soak/doc-section.ts';
import { describeStates } from '../src/soak/soak-accounting.ts';
import { expect, test } from './fixtures.ts';
import { QUICK_SOAK_CONNECTIONS, SOAK_CONNECTIONS, SOAK_TIME_ZONES } from './support/soak-connections.ts';
import { runBrowserSoak, type BrowserSoakReport, type SoakPlan } from './support/training-soak.ts';

test.use({ timezoneId: 'Europe/Amsterdam', locale: 'en-GB' });

/** Eight connections for most of a simulated day across Amsterdam's change to summer time, with a reopened tab and a jump. */
const QUICK: SoakPlan = {
  connections: QUICK_SOAK_CONNECTIONS,
  startIso: '2026-03-28T22:00:00Z',
  steps: [{ kind: 'run', hours: 6 }, { kind: 'reopen' }, { kind: 'run', hours: 4 }, { kind: 'jump', hours: 6 }, { kind: 'run', hours: 2 }],
  stopEveryHours: 2,
  cancelEveryHours: 3,
};

/**
 * Twenty connections for about nine simulated days: Amsterdam's change to summer time (2026-03-29), then a
 * jump over the month's end, then Lord Howe's and Santiago's change back (2026-04-04 and 2026-04-05).
 */
const FULL: SoakPlan = {
  connections: SOAK_CONNECTIONS,
  startIso: '2026-03-27T12:00:00Z',
  steps: [{ kind: 'run', hours: 30 }, { kind: 'reopen' }, { kind: 'run', hours: 48 }, { kind: 'jump', hours: 90 }, { kind: 'run', hours: 54 }],
  stopEveryHours: 3,
  cancelEveryHours: 5,
};

function expectSound(report: BrowserSoakReport, plan: SoakPlan): void {
  expect(report.problems).toEqual([]);
  expect(report.pageErrors).toEqual([]);
  expect(report.connections).toBe(plan.connections.length);
  expect(report.reopens).toBe(1);
  expect(report.account.scheduledRuns).toBeGreaterThan(0);
  expect(report.account.merges).toBeGreaterThan(0);
  expect(report.account.missed).toBeGreaterThan(0);
  expect(report.byState.interrupted).toBeGreaterThanOrEqual(1);
  expect(report.stopsRequested).toBeGreaterThan(0);
}

test('training soak accounts for a simulated day', async ({ page }) => {
  test.setTimeout(120_000);
  const report = await runBrowserSoak(page, QUICK);
  expectSound(report, QUICK);
});

test('training soak accounts for nine simulated days', async ({ page, browser }) => {
  test.skip(process.env.RUNLANE_SOAK !== 'full', 'The full browser soak runs with `npm run soak:browser`.');
  test.setTimeout(900_000);
  const startedMs = performance.now();
  const report = await runBrowserSoak(page, FULL);
  const seconds = ((performance.now() - startedMs) / 1000).toFixed(0);
  writeDocSection('soak-browser', describeReport(report, { seconds, chromium: browser.version() }));
  expectSound(report, FULL);
});

function describeReport(report: BrowserSoakReport, measured: { seconds: string; chromium: string }): string[] {
  const hours = (ms: number): string => (ms / 3_600_000).toLocaleString('en-US', { maximumFractionDigits: 1 });
  const count = (value: number, noun: string, plural = `${noun}s`): string => `${value.toLocaleString('en-US')} ${value === 1 ? noun : plural}`;
  const { account, store, byState } = report;
  const failed = byState.failed ?? 0;
  const interrupted = byState.interrupted ?? 0;
  const faults = report.retriedAttempts + failed + report.stopsRequested + report.cancelledInQueue + interrupted;
  const problems = [...report.problems, ...report.pageErrors];
  const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown CPU'}`;
  return [
    `Measured ${new Date().toISOString().slice(0, 10)} with \`npm run soak:browser\` (${measured.seconds} s; Chromium ${measured.chromium}, headless; ${machine}).`,
    '',
    `- Simulated: ${new Date(report.startMs).toISOString()} to ${new Date(report.endMs).toISOString()} in training mode, ${hours(report.runMs)} h at ×3600 and ${hours(report.jumpedMs)} h skipped by one jump, with ${report.connections} connections of the demo CRM and demo ad platform on all four kinds of schedule in ${SOAK_TIME_ZONES.length} time zones (${SOAK_TIME_ZONES.join(', ')}). The tab was closed and reopened ${report.reopens === 1 ? 'once' : count(report.reopens, 'time')}.`,
    `- Due times: ${account.dueTimes.toLocaleString('en-US')}. Accounted for: ${count(account.scheduledRuns, 'scheduled run')}, ${count(account.merges, 'recorded merge')}, ${count(account.missed, 'recorded miss', 'recorded misses')}.`,
    `- Runs: ${report.runs.toLocaleString('en-US')} (${describeStates(byState)}).`,
    `- Faults survived: ${faults.toLocaleString('en-US')} (${count(report.retriedAttempts, 'failed attempt')} retried, ${count(failed, 'run')} failed of which ${report.timedOut} timed out, ${count(report.stopsRequested, 'stop')} and ${count(report.cancelledInQueue, 'cancel')} from the queue panel, ${count(interrupted, 'run')} interrupted by the closed tab).`,
    `- Runs checked against the store: ${count(store.importRuns, 'import')} (${store.retriedImportRuns} with several attempts, checked within bounds) against ${count(report.profiles, 'profile')} and ${count(report.fingerprints, 'fingerprint')}, and ${count(store.exportRuns, 'export')} against the ${count(store.exportBatches, 'batch', 'batches')} their logs record.`,
    `- Problems found (anything lost, doubled or counted wrong): ${problems.length}.`,
    ...problems.map((problem) => `  - ${problem}`),
  ];
}
