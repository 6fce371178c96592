import { beforeAll, describe, expect, it } from 'vitest';
import type { Connection, DemoAdsSettings, DemoCrmSettings } from '../contract/model.ts';
import type { Connector } from '../connectors/connector.ts';
import { demoAdsConnector } from '../connectors/demo-ads/demo-ads-connector.ts';
import { demoCrmConnector } from '../connectors/demo-crm/demo-crm-connector.ts';
import { Executor } from '../worker/executor.ts';
import { queueManualRun, requestStop } from '../worker/queue.ts';
import { ManualClock, makeConnection, makeDb, settle } from '../worker/test-helpers.ts';
import { checkRunsAgainstStore, fingerprintStampsOf, type StoreCheckInput } from './store-check.ts';

const START_MS = Date.parse('2026-03-27T12:00:00Z');
const STEP_MS = 15_000;

function crm(seed: number, overrides: Partial<DemoCrmSettings> = {}): DemoCrmSettings {
  return { connector: 'demo-crm', seed, profileCount: 250, changedPercent: 20, badValuePercent: 4, noConsentPercent: 10, runDurationMs: 60_000, failurePercent: 40, requiredConsent: null, ...overrides };
}

function ads(seed: number, overrides: Partial<DemoAdsSettings> = {}): DemoAdsSettings {
  return { connector: 'demo-ads', seed, batchSize: 60, badValuePercent: 3, noConsentPercent: 8, runDurationMs: 60_000, failurePercent: 40, exportAll: false, requiredConsent: null, ...overrides };
}

/** Runs four rounds of the demo systems through the real executor, one run stopped, and reads the store. */
async function runDemoRounds(): Promise<StoreCheckInput> {
  const db = makeDb();
  const clock = new ManualClock(START_MS);
  const connections: Connection[] = [
    makeConnection({ name: 'CRM A', settings: crm(11) }),
    makeConnection({ name: 'CRM B', settings: crm(12, { requiredConsent: 'email_marketing' }) }),
    makeConnection({ name: 'Ads changed', direction: 'export', settings: ads(21) }),
    makeConnection({ name: 'Ads all', direction: 'export', settings: ads(22, { exportAll: true, requiredConsent: 'email_marketing' }) }),
  ];
  await db.connections.bulkAdd(connections);
  const resolveConnector = (connection: Connection): Connector => (connection.settings.connector === 'demo-crm' ? demoCrmConnector : demoAdsConnector) as Connector;
  const executor = new Executor({ db, clock, resolveConnector });
  const stop = new AbortController();
  void executor.loop(stop.signal);

  for (let round = 1; round <= 4; round++) {
    for (const connection of connections) await queueManualRun(db, connection.id, clock.nowMs());
    executor.wake();
    for (let step = 0; step < 2_000 && (await db.runs.where('state').anyOf('queued', 'running', 'stopping').count()) > 0; step++) {
      if (round === 2 && step === 2) {
        const running = await db.runs.where('state').equals('running').first();
        if (running && (await requestStop(db, running.id, clock.nowMs()))) executor.wake();
      }
      clock.advance(STEP_MS);
      await settle();
      executor.wake();
    }
  }
  stop.abort();
  executor.wake();

  const directions = new Map(connections.map((connection) => [connection.id, connection.direction]));
  return {
    runs: await db.runs.toArray(),
    directionOf: (id) => directions.get(id),
    profiles: await db.profiles.toArray(),
    fingerprints: fingerprintStampsOf(await db.fingerprintBatches.toArray()),
    logs: await db.runLogs.toArray(),
  };
}

describe('checkRunsAgainstStore', () => {
  let input: StoreCheckInput;
  beforeAll(async () => {
    input = await runDemoRounds();
  }, 60_000);

  it('accepts runs of the demo systems', () => {
    const check = checkRunsAgainstStore(input);
    expect(check).toEqual({ importRuns: 8, exportRuns: 8, retriedImportRuns: 3, exportBatches: 47, problems: [] });
    expect(input.runs.map((run) => run.state).sort()).toEqual([...Array(15).fill('finished'), 'stopped']);
    expect(input.runs.filter((run) => run.attempt > 1).length).toBe(5);
  });

  it('reports an Added counter the store lacks', () => {
    const run = input.runs.find((candidate) => candidate.counters.added > 0 && input.directionOf(candidate.connectionId) === 'import');
    if (!run) throw new Error('No import run added profiles.');
    const runs = input.runs.map((candidate) => (candidate === run ? { ...run, counters: { ...run.counters, added: run.counters.added + 1, checked: run.counters.checked + 1 } } : candidate));
    expect(checkRunsAgainstStore({ ...input, runs }).problems).toContain(`run ${run.id} (#${run.number}, ${run.state}): Added ${run.counters.added + 1}, but ${run.counters.added} profiles were created while it ran`);
  });

  it('reports a delivery the counters lack', () => {
    const line = input.logs.find((candidate) => / delivered /.test(candidate.message));
    if (!line) throw new Error('No batch was delivered.');
    const logs = input.logs.map((candidate) => (candidate === line ? { ...line, message: line.message.replace(/: [\d,]+ profiles? delivered/, ': 1,000 profiles delivered') } : candidate));
    const problems = checkRunsAgainstStore({ ...input, logs }).problems;
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(new RegExp(`^run ${line.runId} .*: Added \\+ Updated \\+ Unchanged = \\d+, but its log records \\d+ profiles delivered$`));
  });

  it('leaves out a batch the counters lack', () => {
    const run = input.runs.find((candidate) => input.directionOf(candidate.connectionId) === 'export' && (candidate.exportCursor?.batches ?? 0) > 0);
    if (!run) throw new Error('No export run delivered a batch.');
    const batch = (run.exportCursor?.batches ?? 0) + 1;
    const logs = [
      ...input.logs,
      { runId: run.id, seq: 10_000, message: `Batch ${batch}: 60 profiles delivered (accepted by the demo ad platform).` },
      { runId: run.id, seq: 10_001, message: `Batch ${batch} is not in the counters: the run ended before they were saved.` },
    ];
    expect(checkRunsAgainstStore({ ...input, logs }).problems).toEqual([]);
  });

  it('reports runs that overlap', () => {
    const [first, second] = [...input.runs].sort((a, b) => a.id - b.id);
    if (!first || !second || first.startedAtMs === null) throw new Error('Too few runs.');
    const runs = input.runs.map((candidate) => (candidate === second ? { ...second, startedAtMs: first.startedAtMs } : candidate));
    expect(checkRunsAgainstStore({ ...input, runs }).problems).toContain(`run ${second.id} started at ${new Date(first.startedAtMs).toISOString()}, before run ${first.id} ended at ${new Date(first.endedAtMs ?? 0).toISOString()}`);
  });

  it('reports a profile written while no run ran', () => {
    const profiles = [...input.profiles, { key: 'late@example.com', createdAtMs: START_MS - 1, updatedAtMs: START_MS - 1, lastRunId: null }];
    expect(checkRunsAgainstStore({ ...input, profiles }).problems).toEqual([
      `profile late@example.com was created at ${new Date(START_MS - 1).toISOString()}, while no run ran`,
      'profile late@example.com names no run that wrote it',
    ]);
  });
});
