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
    await db.fingerprints.bulkPut([
      { connectionId: 'a', hash: '01', runId: 1 },
      { connectionId: 'a', hash: '05', runId: 1 },
      { connectionId: 'b', hash: '03', runId: 2 },
    ]);
    const keys: [string, string][] = [
      ['a', '05'],
      ['a', '03'],
      ['a', '01'],
    ];
    const records = await bulkGetSparse(db.fingerprints, keys);
    expect(records).toEqual([{ connectionId: 'a', hash: '05', runId: 1 }, undefined, { connectionId: 'a', hash: '01', runId: 1 }]);
  });

  it('returns an empty list for no keys', async () => {
    expect(await bulkGetSparse(db.profiles, [])).toEqual([]);
  });
});
