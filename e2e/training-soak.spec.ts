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
  const { account, store } = report;
  const faults = report.retriedAttempts + report.timedOut + report.stopsRequested + report.cancelledInQueue + (report.byState.interrupted ?? 0) + (report.byState.failed ?? 0);
  return [
    `Measured ${new Date().toISOString().slice(0, 10)} with \`npm run soak:browser\` (${measured.seconds} s; Chromium ${measured.chromium}, headless; ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown CPU'}).`,
    '',
    `- Simulated: ${new Date(report.startMs).toISOString()} to ${new Date(report.endMs).toISOString()} in training mode, ${hours(report.runMs)} h at ×3600 and ${hours(report.jumpedMs)} h skipped by one jump, ${report.connections} connections of the demo CRM and demo ad platform on all four kinds of schedule in ${SOAK_TIME_ZONES.length} time zones (${SOAK_TIME_ZONES.join(', ')}), the tab closed and reopened ${report.reopens} time.`,
    `- Due times: ${account.dueTimes}. Accounted for: ${account.scheduledRuns} scheduled runs, ${account.merges} recorded merges, ${account.missed} recorded misses.`,
    `- Runs: ${report.runs} (${describeStates(report.byState)}).`,
    `- Faults survived: ${faults}: ${report.retriedAttempts} failed attempts retried, ${report.byState.failed ?? 0} runs failed (${report.timedOut} of them timed out), ${report.stopsRequested} stops and ${report.cancelledInQueue} cancels from the queue panel, ${report.byState.interrupted ?? 0} runs interrupted by the closed tab.`,
    `- Runs checked against the store: ${store.importRuns} imports (${store.retriedImportRuns} retried, checked within bounds) against ${report.profiles} profiles and ${report.fingerprints} fingerprints, ${store.exportRuns} exports against the ${store.exportBatches} batches their logs record.`,
    `- Problems found: ${report.problems.length + report.pageErrors.length}.`,
    ...[...report.problems, ...report.pageErrors].map((problem) => `  - ${problem}`),
  ];
}
