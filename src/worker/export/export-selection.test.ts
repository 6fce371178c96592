import { describe, expect, it } from 'vitest';
import type { WebhookExportSettings } from '../../contract/model.ts';
import { addProfiles, createExportFixture, EXPORT_TEST_START_MS, finishRun, makeProfile, startExportRun } from './export-test-context.ts';
import { countRemaining, findLastSuccessfulStartMs, lacksConsent, readExportPages, readProfilePage } from './export-selection.ts';

const settings: WebhookExportSettings = { connector: 'webhook-export', url: 'https://example.com/hook', headers: [], batchSize: 10, exportAll: false, requiredConsent: null };
const HOUR_MS = 60 * 60_000;

describe('findLastSuccessfulStartMs', () => {
  it('is null before any run finished', async () => {
    const fixture = await createExportFixture(settings);
    const { runId } = await startExportRun(fixture);
    expect(await findLastSuccessfulStartMs(fixture.db, fixture.connection.id, runId)).toBeNull();
  });

  it('takes the latest finished run and ignores failed and test runs', async () => {
    const fixture = await createExportFixture(settings);
    const first = await startExportRun(fixture);
    await finishRun(fixture, first.runId);
    fixture.clock.advance(HOUR_MS);
    const failed = await startExportRun(fixture);
    await fixture.db.runs.update(failed.runId, { state: 'failed' });
    fixture.clock.advance(HOUR_MS);
    const test = await startExportRun(fixture, { trigger: 'test' });
    await finishRun(fixture, test.runId);
    fixture.clock.advance(HOUR_MS);
    const current = await startExportRun(fixture);
    expect(await findLastSuccessfulStartMs(fixture.db, fixture.connection.id, current.runId)).toBe(EXPORT_TEST_START_MS);
  });
});

describe('readProfilePage', () => {
  it('reads only profiles changed at or after the start', async () => {
    const fixture = await createExportFixture(settings);
    await addProfiles(fixture, 'old', 3, EXPORT_TEST_START_MS - 1);
    await addProfiles(fixture, 'new', 2, EXPORT_TEST_START_MS);
    const page = await readProfilePage(fixture.db, { fromMs: EXPORT_TEST_START_MS, after: null, limit: 100 });
    expect(page.map((profile) => profile.key)).toEqual(['new-0000@example.com', 'new-0001@example.com']);
    expect(await countRemaining(fixture.db, { fromMs: null, after: null })).toBe(5);
  });

  it('pages through profiles that share one update time, each once', async () => {
    const fixture = await createExportFixture(settings);
    await addProfiles(fixture, 'tie', 25, EXPORT_TEST_START_MS);
    const keys: string[] = [];
    const pages = readExportPages(fixture.db, { fromMs: null, after: null, pageSize: 10, isBlocked: () => false, signal: new AbortController().signal });
    const sizes: number[] = [];
    for await (const page of pages) {
      sizes.push(page.deliver.length);
      keys.push(...page.deliver.map((profile) => profile.key));
    }
    expect(sizes).toEqual([10, 10, 5]);
    expect(new Set(keys).size).toBe(25);
  });

  it('orders by update time, then key', async () => {
    const fixture = await createExportFixture(settings);
    await fixture.db.profiles.bulkPut([makeProfile('b@example.com', 2), makeProfile('a@example.com', 3), makeProfile('c@example.com', 1)]);
    const page = await readProfilePage(fixture.db, { fromMs: null, after: { updatedAtMs: 1, key: 'c@example.com' }, limit: 10 });
    expect(page.map((profile) => profile.key)).toEqual(['b@example.com', 'a@example.com']);
  });
});

describe('readExportPages', () => {
  it('splits each page by consent', async () => {
    const fixture = await createExportFixture(settings);
    await addProfiles(fixture, 'yes', 3, 1, { consent: { email_marketing: true } });
    await addProfiles(fixture, 'no', 2, 2, { consent: { email_marketing: false } });
    const pages = readExportPages(fixture.db, { fromMs: null, after: null, pageSize: 10, isBlocked: (profile) => lacksConsent(profile, 'email_marketing'), signal: new AbortController().signal });
    const result = await pages.next();
    const page = result.done ? null : result.value;
    expect(page?.deliver.length).toBe(3);
    expect(page?.blocked.map((profile) => profile.key)).toEqual(['no-0000@example.com', 'no-0001@example.com']);
    expect(page?.last).toEqual({ updatedAtMs: 2, key: 'no-0001@example.com' });
  });

  it('stops when the signal aborts', async () => {
    const fixture = await createExportFixture(settings);
    await addProfiles(fixture, 'p', 3, 1);
    const controller = new AbortController();
    controller.abort(new Error('stopped'));
    const pages = readExportPages(fixture.db, { fromMs: null, after: null, pageSize: 10, isBlocked: () => false, signal: controller.signal });
    await expect(pages.next()).rejects.toThrow('stopped');
  });
});

describe('lacksConsent', () => {
  it('blocks nobody without a required objective', () => {
    expect(lacksConsent(makeProfile('a@example.com', 1), null)).toBe(false);
  });

  it('blocks a profile whose consent is missing or false', () => {
    expect(lacksConsent(makeProfile('a@example.com', 1), 'sms')).toBe(true);
    expect(lacksConsent(makeProfile('a@example.com', 1, { consent: { sms: false } }), 'sms')).toBe(true);
    expect(lacksConsent(makeProfile('a@example.com', 1, { consent: { sms: true } }), 'sms')).toBe(false);
  });
});
