// Dexie reads the IndexedDB globals when it loads, so the fake ones must exist before any module imports it.
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { RunlaneDb, type FingerprintBatch } from './db.ts';
import {
  addFingerprintBatch,
  countFingerprints,
  deleteFingerprints,
  findHashesFromOtherRuns,
  hasFingerprints,
  nextFingerprintBatch,
} from './fingerprint-queries.ts';

function batchOf(connectionId: string, runId: number, batch: number, hashes: string[]): FingerprintBatch {
  return { connectionId, runId, batch, fingerprints: hashes.map((hash): [string, string] => [connectionId, hash]) };
}

const PROFILE = {
  key: 'ada@example.com',
  identifier: 'ada@example.com',
  properties: { email: 'ada@example.com' },
  consent: {},
  createdAtMs: 1,
  updatedAtMs: 1,
  lastRunId: 3,
  lastConnectionId: 'alpha',
};

describe('fingerprint queries', () => {
  let db: RunlaneDb;
  beforeEach(async () => {
    db = new RunlaneDb(`test-${crypto.randomUUID()}`);
    await db.fingerprintBatches.bulkAdd([
      batchOf('alpha', 1, 1, ['a1', 'a2']),
      batchOf('alpha', 1, 2, ['a3']),
      batchOf('alpha', 2, 1, ['a4', 'a1']),
      batchOf('beta', 2, 1, ['b1', 'a3']),
    ]);
  });

  it('finds hashes that other runs of the connection applied', async () => {
    expect(await findHashesFromOtherRuns(db, 'alpha', 3, ['a1', 'a3', 'a4', 'b1', 'zz'])).toEqual(new Set(['a1', 'a3', 'a4']));
  });

  it('leaves out hashes only the same run applied', async () => {
    expect(await findHashesFromOtherRuns(db, 'alpha', 1, ['a1', 'a2', 'a3', 'a4'])).toEqual(new Set(['a1', 'a4']));
    expect(await findHashesFromOtherRuns(db, 'beta', 2, ['b1', 'a3'])).toEqual(new Set());
  });

  it('counts, detects and deletes per connection', async () => {
    expect(await countFingerprints(db, 'alpha')).toBe(5);
    expect(await countFingerprints(db, 'beta')).toBe(2);
    expect(await hasFingerprints(db, 'beta')).toBe(true);
    expect(await hasFingerprints(db, 'gamma')).toBe(false);

    await db.transaction('rw', db.fingerprintBatches, () => deleteFingerprints(db, 'alpha'));

    expect(await hasFingerprints(db, 'alpha')).toBe(false);
    expect(await countFingerprints(db, 'alpha')).toBe(0);
    expect(await db.fingerprintBatches.toArray()).toEqual([batchOf('beta', 2, 1, ['b1', 'a3'])]);
  });

  it('numbers the next batch after the run highest', async () => {
    expect(await nextFingerprintBatch(db, 'alpha', 1)).toBe(3);
    expect(await nextFingerprintBatch(db, 'alpha', 2)).toBe(2);
    expect(await nextFingerprintBatch(db, 'alpha', 3)).toBe(1);
    expect(await nextFingerprintBatch(db, 'gamma', 1)).toBe(1);
  });

  it('adds a batch within the transaction', async () => {
    await db.transaction('rw', db.profiles, db.fingerprintBatches, async (transaction) => {
      await db.profiles.put(PROFILE);
      addFingerprintBatch(transaction, batchOf('alpha', 3, 1, ['a5']));
    });

    expect(await db.fingerprintBatches.get(['alpha', 3, 1])).toEqual(batchOf('alpha', 3, 1, ['a5']));
    expect(await findHashesFromOtherRuns(db, 'alpha', 4, ['a5'])).toEqual(new Set(['a5']));
    expect(await db.profiles.count()).toBe(1);
  });

  it('rolls the transaction back when the add fails', async () => {
    const write = db.transaction('rw', db.profiles, db.fingerprintBatches, async (transaction) => {
      await db.profiles.put(PROFILE);
      // The key ['alpha', 1, 1] is taken, so the add fails.
      addFingerprintBatch(transaction, batchOf('alpha', 1, 1, ['a9']));
    });

    await expect(write).rejects.toMatchObject({ name: 'AbortError', inner: { name: 'ConstraintError' } });
    expect(await db.profiles.count()).toBe(0);
    expect(await db.fingerprintBatches.get(['alpha', 1, 1])).toEqual(batchOf('alpha', 1, 1, ['a1', 'a2']));
  });
});
