import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import type { Profile } from '../../contract/model.ts';
import { RunlaneDb } from '../../storage/db.ts';
import { followTable } from './throttled-query.ts';

function makeProfile(key: string): Profile {
  return { key, identifier: key, properties: {}, consent: {}, createdAtMs: 0, updatedAtMs: 0, lastRunId: null, lastConnectionId: null };
}

const wait = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

let stop = (): void => undefined;

afterEach(() => {
  stop();
});

describe('followTable', () => {
  it('refreshes once for several quick writes', async () => {
    const db = new RunlaneDb(`test-${crypto.randomUUID()}`);
    const counts: number[] = [];
    stop = followTable(db, 'profiles', 200, async (database) => {
      counts.push(await database.profiles.count());
    });
    await wait(50);
    expect(counts).toEqual([0]);

    await db.profiles.put(makeProfile('a'));
    await db.profiles.put(makeProfile('b'));
    await db.profiles.put(makeProfile('c'));
    await wait(400);

    expect(counts).toEqual([0, 3]);
  });

  it('ignores writes to other tables', async () => {
    const db = new RunlaneDb(`test-${crypto.randomUUID()}`);
    // Opening a new database reports every table as changed, so it opens first.
    await db.open();
    let refreshCount = 0;
    stop = followTable(db, 'profiles', 20, async () => {
      refreshCount += 1;
    });
    await wait(30);
    await db.meta.put({ key: 'x', value: 1 });
    await wait(100);
    expect(refreshCount).toBe(1);
  });

  it('stops refreshing after stop', async () => {
    const db = new RunlaneDb(`test-${crypto.randomUUID()}`);
    let refreshCount = 0;
    stop = followTable(db, 'profiles', 20, async () => {
      refreshCount += 1;
    });
    await wait(30);
    stop();
    await db.profiles.put(makeProfile('a'));
    await wait(100);
    expect(refreshCount).toBe(1);
  });
});
