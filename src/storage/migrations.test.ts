import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { defaultNotificationSettings } from '../contract/model.ts';
import { RunlaneDb } from './db.ts';

/** The stores of schema version 1, as released; a database written by that version looks like this. */
const VERSION_1_STORES = {
  connections: 'id, name',
  runs: '++id, connectionId, [connectionId+number], state',
  runLogs: '[runId+seq]',
  profiles: 'key, updatedAtMs',
  propertyDefinitions: 'id',
  files: 'connectionId',
  fingerprints: '[connectionId+hash]',
  missedRuns: '++id, connectionId',
  meta: 'key',
};

const counters = { checked: 2, added: 1, updated: 0, unchanged: 0, skipped: 0, failed: 1, blocked: 0 };

async function writeVersion1(name: string): Promise<void> {
  const db = new Dexie(name);
  db.version(1).stores(VERSION_1_STORES);
  await db.open();
  await db.table('connections').add({
    id: 'c1',
    name: 'Nightly CRM import',
    description: 'from version 1',
    direction: 'import',
    settings: { connector: 'csv-file', fileName: 'a.csv', encoding: 'utf-8', delimiter: 'auto', numberFormat: '1,234.5', emptyCellsClear: false, mapping: [], headers: [] },
    schedule: { kind: 'timesPerDay', timesPerDay: 4, anchorTime: '11:00', timeZone: 'Europe/Amsterdam' },
    enabled: true,
    scheduleMarkMs: 1000,
    nextRunNumber: 2,
    timeLimitMs: 3_600_000,
    maxRetries: 2,
    catchUp: 'once',
    createdAtMs: 1,
    updatedAtMs: 2,
  });
  await db.table('runs').add({
    connectionId: 'c1',
    number: 1,
    trigger: 'manual',
    state: 'finished',
    priority: 0,
    queuedAtMs: 10,
    dueAtMs: null,
    startedAtMs: 11,
    endedAtMs: 12,
    stopRequestedAtMs: null,
    attempt: 1,
    counters,
    warningCount: 1,
    errorMessage: null,
    summary: 'Finished with warnings: 1 row failed.',
    mergedDueAtMs: [],
    logCount: 1,
  });
  await db.table('runLogs').add({ runId: 1, seq: 0, atMs: 11, level: 'info', message: 'Run #1 started.' });
  await db.table('profiles').add({ key: 'ada@example.com', identifier: 'Ada@example.com', properties: { email: 'Ada@example.com' }, consent: {}, createdAtMs: 11, updatedAtMs: 11, lastRunId: 1, lastConnectionId: 'c1' });
  await db.table('propertyDefinitions').add({ id: 'email', label: 'Email', type: 'text' });
  await db.table('fingerprints').add({ connectionId: 'c1', hash: '00ff00ff00ff00ff' });
  await db.table('missedRuns').add({ connectionId: 'c1', noticedAtMs: 20, count: 1, dueAtMs: [15], catchUpRunId: null });
  await db.table('meta').add({ key: 'demo-seeded', value: 5 });
  db.close();
}

describe('schema version 2', () => {
  it('upgrades a version 1 database and keeps every record', async () => {
    const name = `migration-${crypto.randomUUID()}`;
    await writeVersion1(name);
    const db = new RunlaneDb(name);
    await db.open();
    expect(db.verno).toBe(2);

    const connection = await db.connections.get('c1');
    expect(connection?.name).toBe('Nightly CRM import');
    expect(connection?.description).toBe('from version 1');
    expect(connection?.schedule).toEqual({ kind: 'timesPerDay', timesPerDay: 4, anchorTime: '11:00', timeZone: 'Europe/Amsterdam' });
    expect(connection?.scheduleMarkMs).toBe(1000);
    expect(connection?.nextRunNumber).toBe(2);
    expect(connection?.notifications).toEqual(defaultNotificationSettings());

    const [run] = await db.runs.toArray();
    expect(run?.state).toBe('finished');
    expect(run?.counters).toEqual(counters);
    expect(run?.summary).toBe('Finished with warnings: 1 row failed.');
    expect(run?.promotedAtMs).toBeNull();
    expect(run?.waitingForNetwork).toBe(false);
    expect(run?.exportCursor).toBeNull();

    expect(await db.runLogs.toArray()).toEqual([{ runId: 1, seq: 0, atMs: 11, level: 'info', message: 'Run #1 started.' }]);
    expect((await db.profiles.get('ada@example.com'))?.identifier).toBe('Ada@example.com');
    expect(await db.propertyDefinitions.toArray()).toEqual([{ id: 'email', label: 'Email', type: 'text' }]);
    expect(await db.fingerprints.toArray()).toEqual([{ connectionId: 'c1', hash: '00ff00ff00ff00ff', runId: 0 }]);
    expect((await db.missedRuns.toArray())[0]?.dueAtMs).toEqual([15]);
    expect((await db.meta.get('demo-seeded'))?.value).toBe(5);
    expect(await db.notifications.count()).toBe(0);
    db.close();
  });
});
