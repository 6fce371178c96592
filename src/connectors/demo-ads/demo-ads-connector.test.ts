import { describe, expect, it } from 'vitest';
import { AppError } from '../../contract/errors.ts';
import type { DemoAdsSettings } from '../../contract/model.ts';
import { countOutcome, emptyCounters, type Counters } from '../../domain/counters.ts';
import { addProfiles, createExportFixture, EXPORT_TEST_START_MS, readLog, readRun, settle, startExportRun, type ExportFixture } from '../../worker/export/export-test-context.ts';
import type { Profile } from '../../contract/model.ts';
import { demoAdsConnector, hasOutage, isOptedOut, isRejectedAsInvalid } from './demo-ads-connector.ts';

function makeSettings(overrides: Partial<DemoAdsSettings> = {}): DemoAdsSettings {
  return {
    connector: 'demo-ads',
    seed: 7,
    batchSize: 50,
    badValuePercent: 5,
    noConsentPercent: 10,
    runDurationMs: 0,
    failurePercent: 0,
    exportAll: false,
    requiredConsent: null,
    ...overrides,
  };
}

/** Runs the connector to its end, moving the manual clock whenever it waits. */
async function runToEnd(fixture: ExportFixture, run: Promise<void>): Promise<unknown> {
  let outcome: { error: unknown } | null = null;
  const done = run.then(
    () => (outcome = { error: null }),
    (error: unknown) => (outcome = { error }),
  );
  while (outcome === null) {
    await settle(5);
    fixture.clock.advance(1_000);
  }
  await done;
  return (outcome as { error: unknown }).error;
}

function expectedCounters(settings: DemoAdsSettings, profiles: Profile[]): Counters {
  const counters = emptyCounters();
  for (const profile of profiles) {
    if (isOptedOut(settings, profile)) countOutcome(counters, 'blocked');
    else if (isRejectedAsInvalid(settings, profile)) countOutcome(counters, 'failed');
    else countOutcome(counters, 'added');
  }
  return counters;
}

describe('demo ad platform', () => {
  it('counts accepted, rejected and opted-out profiles deterministically for a seed', async () => {
    const settings = makeSettings();
    const fixture = await createExportFixture(settings);
    const profiles = await addProfiles(fixture, 'p', 200, EXPORT_TEST_START_MS);
    const { context, runId } = await startExportRun(fixture);
    expect(await runToEnd(fixture, demoAdsConnector.run(context))).toBeNull();
    const counters = (await readRun(fixture, runId)).counters;
    expect(counters).toEqual(expectedCounters(settings, profiles));
    expect(counters.blocked).toBeGreaterThan(0);
    expect(counters.failed).toBeGreaterThan(0);
    const log = await readLog(fixture, runId);
    expect(log.some((line) => /^Batch \d+: profile "p-\d+@example.com" was rejected: the demo ad platform found no valid email address or phone number in it \(simulated\)\.$/.test(line))).toBe(true);
  });

  it('meets an outage halfway, and the next attempt resumes after the delivered batches', async () => {
    const settings = makeSettings({ failurePercent: 100, badValuePercent: 0, noConsentPercent: 0 });
    expect(hasOutage(settings, 1, 1)).toBe(true);
    const fixture = await createExportFixture(settings);
    await addProfiles(fixture, 'p', 200, EXPORT_TEST_START_MS);
    const first = await startExportRun(fixture);
    const error = await runToEnd(fixture, demoAdsConnector.run(first.context));
    expect((error as AppError).code).toBe('remote-server-error');
    expect((error as AppError).message).toBe('Batch 2 could not be delivered in 4 tries: the receiver responded with HTTP 503 Service Unavailable (simulated outage).');
    const afterFirst = await readRun(fixture, first.runId);
    expect(afterFirst.counters.added).toBe(50);
    expect(afterFirst.exportCursor?.batches).toBe(1);

    // The next attempt meets no outage, as if the chance had not hit again.
    await fixture.db.connections.update(fixture.connection.id, { settings: { ...settings, failurePercent: 0 } });
    fixture.connection.settings = { ...settings, failurePercent: 0 };
    const second = await startExportRun(fixture, { runId: first.runId });
    expect(await runToEnd(fixture, demoAdsConnector.run(second.context))).toBeNull();
    expect((await readRun(fixture, first.runId)).counters).toEqual({ checked: 200, added: 200, updated: 0, unchanged: 0, skipped: 0, failed: 0, blocked: 0 });
  });

  it('logs left-out profiles only for delivered batches', async () => {
    const settings = makeSettings({ failurePercent: 100, badValuePercent: 0, noConsentPercent: 30 });
    const fixture = await createExportFixture(settings);
    await addProfiles(fixture, 'p', 200, EXPORT_TEST_START_MS);
    const { context, runId } = await startExportRun(fixture);
    expect(await runToEnd(fixture, demoAdsConnector.run(context))).toBeInstanceOf(AppError);
    // The executor writes the lines still pending when the attempt ends.
    await context.log.flush();
    const leftOut = (await readLog(fixture, runId)).filter((line) => line.includes('left out'));
    const { counters, exportCursor } = await readRun(fixture, runId);
    expect(exportCursor?.batches).toBe(1);
    expect(leftOut).toEqual([`Batch 1: ${counters.blocked} profiles left out for lacking the required consent.`]);
  });

  it('says which delivered batch the counters lack', async () => {
    const fixture = await createExportFixture(makeSettings({ badValuePercent: 0, noConsentPercent: 0 }));
    await addProfiles(fixture, 'p', 200, EXPORT_TEST_START_MS);
    const { context, runId } = await startExportRun(fixture);
    // The run is stopped after batch 2 reached the platform, before its counters commit.
    let commits = 0;
    context.assertLive = async () => {
      commits += 1;
      if (commits === 2) throw new AppError('run-stopped', 'The run is no longer live.');
    };
    expect(((await runToEnd(fixture, demoAdsConnector.run(context))) as AppError).code).toBe('run-stopped');
    await context.log.flush();
    const log = await readLog(fixture, runId);
    expect(log.slice(-2)).toEqual(['Batch 2: 50 profiles delivered (accepted by the demo ad platform).', 'Batch 2 is not in the counters: the run ended before they were saved.']);
    expect((await readRun(fixture, runId)).counters.added).toBe(50);
  });

  it('spreads the run duration over the batches on the clock', async () => {
    const fixture = await createExportFixture(makeSettings({ runDurationMs: 40_000, badValuePercent: 0, noConsentPercent: 0 }));
    await addProfiles(fixture, 'p', 200, EXPORT_TEST_START_MS);
    const { context, runId } = await startExportRun(fixture);
    const run = demoAdsConnector.run(context);
    await settle(100);
    expect((await readRun(fixture, runId)).counters.checked).toBe(0);
    fixture.clock.advance(10_000);
    await settle(100);
    expect((await readRun(fixture, runId)).counters.checked).toBe(50);
    for (let i = 0; i < 3; i++) {
      fixture.clock.advance(10_000);
      await settle(100);
    }
    await run;
    expect((await readRun(fixture, runId)).counters.checked).toBe(200);
  });
});
