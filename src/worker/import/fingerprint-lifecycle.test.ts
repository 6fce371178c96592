// Dexie reads the IndexedDB globals when it loads, so the fake ones must exist before any module imports it.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { Connection } from '../../contract/model.ts';
import type { Counters } from '../../domain/counters.ts';
import { countFingerprints } from '../../storage/fingerprint-queries.ts';
import { deleteConnection, forgetFingerprints } from '../connections.ts';
import { RunLogger } from '../run-log.ts';
import { makeConnection } from '../test-helpers.ts';
import { BATCH_ROWS, runCsvImport } from './import-pipeline.ts';
import { countStoredFingerprints, createImportFixture, makeCsvSettings, readRun, startRun, storeFile, type ImportFixture } from './test-context.ts';

function counters(values: Partial<Counters>): Counters {
  return { checked: 0, added: 0, updated: 0, unchanged: 0, skipped: 0, failed: 0, blocked: 0, ...values };
}

/** Returns a CSV file of `count` rows with distinct identifiers and contents. */
function customerFile(count: number): string {
  const rows = Array.from({ length: count }, (_, i) => `p${i}@x.org,P${i},${i}`);
  return `${['email,name,age', ...rows].join('\n')}\n`;
}

async function importFile(fixture: ImportFixture, content: string): Promise<Counters> {
  await storeFile(fixture, content);
  const { context, runId } = await startRun(fixture);
  await runCsvImport(context);
  return (await readRun(fixture, runId)).counters;
}

describe('import fingerprints', () => {
  it('skip every row applied by an earlier run', async () => {
    const fixture = await createImportFixture();
    expect(await importFile(fixture, customerFile(1200))).toEqual(counters({ checked: 1200, added: 1200 }));
    expect(await countStoredFingerprints(fixture)).toBe(1200);
    expect(await fixture.db.fingerprintBatches.count()).toBe(3);

    expect(await importFile(fixture, customerFile(1300))).toEqual(counters({ checked: 100, added: 100, skipped: 1200 }));
    expect(await countFingerprints(fixture.db, fixture.connection.id)).toBe(1300);
  });

  it('are forgotten, so every row is evaluated again', async () => {
    const fixture = await createImportFixture();
    await importFile(fixture, customerFile(700));

    await fixture.db.transaction('rw', fixture.db.fingerprintBatches, fixture.db.meta, () => forgetFingerprints(fixture.db, fixture.connection.id));

    expect(await countStoredFingerprints(fixture)).toBe(0);
    expect(await fixture.db.meta.get(`fingerprints-forgotten:${fixture.connection.id}`)).toEqual({ key: `fingerprints-forgotten:${fixture.connection.id}`, value: true });
    expect(await importFile(fixture, customerFile(700))).toEqual(counters({ checked: 700, unchanged: 700 }));
    expect(await countStoredFingerprints(fixture)).toBe(700);
  });

  it('of a deleted connection are removed, others kept', async () => {
    const fixture = await createImportFixture();
    const other: Connection = makeConnection({ name: 'Other file', settings: makeCsvSettings(), maxRetries: 0 });
    await fixture.db.connections.put(other);
    const otherFixture: ImportFixture = { ...fixture, connection: other };
    await importFile(fixture, customerFile(600));
    await importFile(otherFixture, customerFile(10));
    // No executor ends these runs, and a running connection cannot be deleted.
    await fixture.db.runs.toCollection().modify({ state: 'finished' });

    await deleteConnection({ db: fixture.db, clock: fixture.clock }, { id: fixture.connection.id });

    expect(await countFingerprints(fixture.db, fixture.connection.id)).toBe(0);
    expect(await countFingerprints(fixture.db, other.id)).toBe(10);
    expect(await countStoredFingerprints(fixture)).toBe(10);
  });

  it('of a retried attempt follow the first attempt', async () => {
    const fixture = await createImportFixture();
    await storeFile(fixture, customerFile(1200));
    const first = await startRun(fixture);
    const flush = first.context.log.flush.bind(first.context.log);
    first.context.log.flush = async () => {
      await flush();
      first.controller.abort(new Error('The connection timed out.'));
    };
    await expect(runCsvImport(first.context)).rejects.toThrow('The connection timed out.');
    expect(await countStoredFingerprints(fixture)).toBe(BATCH_ROWS);

    const controller = new AbortController();
    const logCount = (await readRun(fixture, first.runId)).logCount;
    await runCsvImport({
      ...first.context,
      run: { ...first.context.run, attempt: 2 },
      signal: controller.signal,
      log: new RunLogger(fixture.db, first.runId, fixture.clock, logCount),
      assertLive: async () => controller.signal.throwIfAborted(),
    });

    // The second attempt evaluates the first attempt's rows again, because the same run applied them.
    expect((await readRun(fixture, first.runId)).counters).toEqual(counters({ checked: 1700, added: 1200, unchanged: 500 }));
    const batches = await fixture.db.fingerprintBatches.toArray();
    expect(batches.map((batch) => [batch.runId, batch.batch, batch.fingerprints.length])).toEqual([
      [first.runId, 1, 500],
      [first.runId, 2, 500],
      [first.runId, 3, 500],
      [first.runId, 4, 200],
    ]);
    expect(await importFile(fixture, customerFile(1200))).toEqual(counters({ skipped: 1200 }));
  });
});
