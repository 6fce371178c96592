import { describe, expect, it } from 'vitest';
import { AppError } from '../../contract/errors.ts';
import type { DemoCrmSettings } from '../../contract/model.ts';
import { countOutcome, emptyCounters, type Counters } from '../../domain/counters.ts';
import { DEMO_CRM_COLUMNS, demoCrmRecord, recordVersion } from '../../domain/demo-crm-data.ts';
import { isWithinPercent } from '../../domain/seeded-random.ts';
import { createExportFixture, finishRun, readLog, readRun, settle, startExportRun, type ExportFixture } from '../../worker/export/export-test-context.ts';
import { makeConnection } from '../../worker/test-helpers.ts';
import { demoCrmConnector, hasCrmFailure } from './demo-crm-connector.ts';

function makeSettings(overrides: Partial<DemoCrmSettings> = {}): DemoCrmSettings {
  return {
    connector: 'demo-crm',
    seed: 42,
    profileCount: 250,
    changedPercent: 10,
    badValuePercent: 4,
    noConsentPercent: 20,
    runDurationMs: 0,
    failurePercent: 0,
    requiredConsent: null,
    ...overrides,
  };
}

/** Counters of run 1, derived from the generator's own coin flips rather than from the pipeline. */
function expectedFirstRun(settings: DemoCrmSettings, requiresConsent: boolean): Counters {
  const counters = emptyCounters();
  for (let index = 0; index < settings.profileCount; index++) {
    if (isWithinPercent(settings.badValuePercent, settings.seed, 'bad', index, 0)) countOutcome(counters, 'failed');
    else if (requiresConsent && isWithinPercent(settings.noConsentPercent, settings.seed, 'consent', index)) countOutcome(counters, 'blocked');
    else countOutcome(counters, 'added');
  }
  return counters;
}

/** Counters of run 2: changed records are evaluated again, unchanged applied ones are Skipped. */
function expectedSecondRun(settings: DemoCrmSettings): Counters {
  const counters = emptyCounters();
  for (let index = 0; index < settings.profileCount; index++) {
    const version = recordVersion(settings, index, 2);
    const wasBad = isWithinPercent(settings.badValuePercent, settings.seed, 'bad', index, 0);
    const isBad = isWithinPercent(settings.badValuePercent, settings.seed, 'bad', index, version);
    if (isBad) countOutcome(counters, 'failed');
    else if (version === 0) countOutcome(counters, 'skipped');
    else countOutcome(counters, wasBad ? 'added' : 'updated');
  }
  return counters;
}

async function runOnce(fixture: ExportFixture): Promise<number> {
  const { context, runId } = await startExportRun(fixture);
  let done = false;
  const run = demoCrmConnector.run(context).finally(() => (done = true));
  while (!done) {
    await settle(3);
    fixture.clock.advance(1_000);
  }
  await run;
  await finishRun(fixture, runId);
  return runId;
}

describe('demo CRM records', () => {
  it('are the same for the same seed and run', () => {
    const settings = makeSettings();
    const first = Array.from({ length: 50 }, (_, index) => demoCrmRecord(settings, index, 3));
    const again = Array.from({ length: 50 }, (_, index) => demoCrmRecord(settings, index, 3));
    expect(again).toEqual(first);
    expect(first[0]?.length).toBe(DEMO_CRM_COLUMNS.length);
  });

  it('differ for another seed', () => {
    expect(demoCrmRecord(makeSettings({ seed: 7 }), 0, 1)).not.toEqual(demoCrmRecord(makeSettings(), 0, 1));
  });

  it('change for about the chosen share of records between runs', () => {
    const settings = makeSettings({ profileCount: 10_000, changedPercent: 10 });
    let changed = 0;
    for (let index = 0; index < settings.profileCount; index++) if (recordVersion(settings, index, 2) > 0) changed += 1;
    expect(changed).toBeGreaterThan(900);
    expect(changed).toBeLessThan(1100);
  });
});

describe('demo CRM connector', () => {
  it('imports through the import pipeline with exact counters for seed 42', async () => {
    const settings = makeSettings();
    const fixture = await createExportFixture(settings, { direction: 'import' });
    const first = await runOnce(fixture);
    const expectedFirst = expectedFirstRun(settings, false);
    expect((await readRun(fixture, first)).counters).toEqual(expectedFirst);
    // The literal figures, as the end-to-end test of the demo CRM shows them for seed 42.
    expect(expectedFirst).toEqual({ checked: 250, added: 239, updated: 0, unchanged: 0, skipped: 0, failed: 11, blocked: 0 });
    expect(await fixture.db.profiles.count()).toBe(239);
    expect(await fixture.db.propertyDefinitions.count()).toBe(8);
    expect((await fixture.db.consentObjectives.toArray()).map((objective) => objective.id)).toEqual(['email_marketing']);

    fixture.clock.advance(60_000);
    const second = await runOnce(fixture);
    expect((await readRun(fixture, second)).counters).toEqual(expectedSecondRun(settings));
  });

  it('counts customers without consent as Blocked when the connection requires it', async () => {
    const settings = makeSettings({ requiredConsent: 'email_marketing' });
    const fixture = await createExportFixture(settings, { direction: 'import' });
    const runId = await runOnce(fixture);
    expect((await readRun(fixture, runId)).counters).toEqual(expectedFirstRun(settings, true));
    const profile = await fixture.db.profiles.toCollection().first();
    expect(profile?.consent).toEqual({ email_marketing: true });
  });

  it('adds changes to the outbox while a real-time connection is ON', async () => {
    const fixture = await createExportFixture(makeSettings({ profileCount: 30, badValuePercent: 0 }), { direction: 'import' });
    const realtime = makeConnection({
      direction: 'realtime',
      enabled: true,
      settings: { connector: 'webhook-realtime', url: 'https://receiver.example.com/', headers: [], batchSize: 100, requiredConsent: null },
    });
    await fixture.db.connections.put(realtime);
    await runOnce(fixture);
    expect(await fixture.db.outbox.count()).toBe(30);
  });

  it('spreads the run duration over its batches on the clock', async () => {
    const fixture = await createExportFixture(makeSettings({ profileCount: 300, runDurationMs: 30_000 }), { direction: 'import' });
    const { context, runId } = await startExportRun(fixture);
    const run = demoCrmConnector.run(context);
    await settle(100);
    expect((await readRun(fixture, runId)).counters.checked).toBe(0);
    fixture.clock.advance(10_000);
    await settle(100);
    expect((await readRun(fixture, runId)).counters.checked).toBe(100);
    fixture.clock.advance(10_000);
    await settle(100);
    fixture.clock.advance(10_000);
    await run;
    expect((await readRun(fixture, runId)).counters.checked).toBe(300);
  });

  it('stops between batches when the signal aborts', async () => {
    const fixture = await createExportFixture(makeSettings({ profileCount: 300, runDurationMs: 30_000 }), { direction: 'import' });
    const { context, controller, runId } = await startExportRun(fixture);
    const run = demoCrmConnector.run(context);
    await settle(100);
    fixture.clock.advance(10_000);
    await settle(100);
    controller.abort(new AppError('run-stopped', 'stopped'));
    await expect(run).rejects.toThrow('stopped');
    expect((await readRun(fixture, runId)).counters.checked).toBe(100);
  });

  it('fails an attempt halfway when the failure chance hits', async () => {
    const settings = makeSettings({ profileCount: 400, failurePercent: 100 });
    expect(hasCrmFailure(settings, 1, 1)).toBe(true);
    const fixture = await createExportFixture(settings, { direction: 'import' });
    const { context, runId } = await startExportRun(fixture);
    const error = await demoCrmConnector.run(context).catch((caught: unknown) => caught);
    expect((error as AppError).code).toBe('remote-timeout');
    expect((error as AppError).message).toBe('The demo CRM did not respond within 30 s while sending batch 3 of 4 (simulated failure).');
    expect((await readRun(fixture, runId)).counters.checked).toBe(200);
  });

  it('writes nothing on a test run', async () => {
    const fixture = await createExportFixture(makeSettings({ profileCount: 20 }), { direction: 'import' });
    const { context, runId } = await startExportRun(fixture, { trigger: 'test' });
    await demoCrmConnector.run(context);
    expect(await fixture.db.profiles.count()).toBe(0);
    expect(await fixture.db.propertyDefinitions.count()).toBe(0);
    expect((await readRun(fixture, runId)).counters.checked).toBe(20);
    expect((await readLog(fixture, runId))[0]).toBe(
      "The test run assumes the demo CRM's Email, First name, Last name, City, Postal code, Birth date, Loyalty points, Newsletter, consent objective Email marketing, which the profile store lacked.",
    );
  });

  it('reports invalid settings', () => {
    const problems = demoCrmConnector.validateSettings(makeSettings({ profileCount: -1, changedPercent: 120, seed: 1.5 }));
    expect(problems.map((problem) => problem.message)).toEqual([
      'Seed is 1.5: use a whole number from 0 to 2,147,483,647.',
      'Number of profiles is -1: use a whole number from 0 to 1,000,000.',
      'Share changed between runs is 120: use a percentage from 0 to 100.',
    ]);
  });
});
