import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Profile } from '../../contract/model.ts';
import { RunlaneDb } from '../../storage/db.ts';
import { bulkGetSparse } from './sparse-get.ts';

function makeProfile(key: string): Profile {
  return { key, identifier: key, properties: {}, consent: {}, createdAtMs: 0, updatedAtMs: 0, lastRunId: null, lastConnectionId: null };
}

const key = (index: number): string => `k${String(index).padStart(5, '0')}`;

let db: RunlaneDb;

beforeEach(() => {
  db = new RunlaneDb(`test-${crypto.randomUUID()}`);
});

afterEach(async () => {
  await db.delete();
});

describe('bulkGetSparse', () => {
  it('returns undefined for keys not stored', async () => {
    await db.profiles.bulkPut([makeProfile(key(1)), makeProfile(key(9))]);
    expect(await bulkGetSparse(db.profiles, [key(3), key(5)])).toEqual([undefined, undefined]);
  });

  it('returns records in the order of the keys, with repeats', async () => {
    await db.profiles.bulkPut([key(1), key(2), key(3)].map(makeProfile));
    const records = await bulkGetSparse(db.profiles, [key(3), key(7), key(1), key(3)]);
    expect(records.map((record) => record?.key)).toEqual([key(3), undefined, key(1), key(3)]);
  });

  it('matches bulkGet when the range holds many other keys', async () => {
    await db.profiles.bulkPut(Array.from({ length: 300 }, (_, index) => makeProfile(key(index))));
    const keys = [key(0), key(150), key(299), key(400), key(10), key(77)];
    const expected = await db.profiles.bulkGet(keys);
    expect(await bulkGetSparse(db.profiles, keys)).toEqual(expected);
  });

  it('reads compound keys', async () => {
    const line = (runId: number, seq: number) => ({ runId, seq, atMs: 0, level: 'info' as const, message: `line ${seq} of run ${runId}` });
    await db.runLogs.bulkPut([line(1, 1), line(1, 5), line(2, 3)]);
    const keys: [number, number][] = [
      [1, 5],
      [1, 3],
      [1, 1],
    ];
    const records = await bulkGetSparse(db.runLogs, keys);
    expect(records).toEqual([line(1, 5), undefined, line(1, 1)]);
  });

  it('returns an empty list for no keys', async () => {
    expect(await bulkGetSparse(db.profiles, [])).toEqual([]);
  });
});
