import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { defaultNotificationSettings } from '../contract/model.ts';
import { RunlaneDb, type FingerprintBatch } from './db.ts';

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

describe('schema versions 2 and 3', () => {
  it('upgrades a version 1 database and keeps every record', async () => {
    const name = `migration-${crypto.randomUUID()}`;
    await writeVersion1(name);
    const db = new RunlaneDb(name);
    await db.open();
    expect(db.verno).toBe(3);

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
    expect(await db.fingerprintBatches.toArray()).toEqual([{ connectionId: 'c1', runId: 0, batch: 1, fingerprints: [['c1', '00ff00ff00ff00ff']] }]);
    expect((await db.missedRuns.toArray())[0]?.dueAtMs).toEqual([15]);
    expect((await db.meta.get('demo-seeded'))?.value).toBe(5);
    expect(await db.notifications.count()).toBe(0);
    db.close();
  });
});

/** The stores schema version 2 added or changed, as released. */
const VERSION_2_STORES = {
  notifications: '++id, connectionId, createdAtMs',
  outbox: '++id, atMs',
  overrides: '[connectionId+dueAtMs], connectionId',
  exportFiles: '++id, runId, connectionId',
  consentObjectives: 'id',
  fileHandles: 'connectionId',
  trainingDeliveries: '++id, atMs',
  profiles: 'key, updatedAtMs, [updatedAtMs+key]',
  directoryHandles: 'id',
  realtimeEvents: '++id, [connectionId+atMs]',
};

/** One record for each version 2 table except `fingerprints`, which the test fills itself. */
const VERSION_2_RECORDS: Record<string, unknown[]> = {
  connections: [{ id: 'c1', name: 'Nightly CRM import', direction: 'import', settings: { connector: 'csv-file', mapping: [] }, enabled: true }],
  runs: [{ id: 1, connectionId: 'c1', number: 1, state: 'finished', attempt: 2, counters, exportCursor: null }],
  runLogs: [{ runId: 1, seq: 0, atMs: 11, level: 'info', message: 'Run #1 started.' }],
  profiles: [{ key: 'ada@example.com', identifier: 'Ada@example.com', properties: { email: 'Ada@example.com' }, consent: {}, createdAtMs: 11, updatedAtMs: 11, lastRunId: 1, lastConnectionId: 'c1' }],
  propertyDefinitions: [{ id: 'email', label: 'Email', type: 'text' }],
  files: [{ connectionId: 'c1', name: 'a.csv', size: 3, type: 'text/csv', storedAtMs: 5 }],
  missedRuns: [{ id: 1, connectionId: 'c1', noticedAtMs: 20, count: 1, dueAtMs: [15], catchUpRunId: null }],
  meta: [{ key: 'fingerprints-forgotten:c2', value: true }],
  notifications: [{ id: 1, connectionId: 'c1', createdAtMs: 30, kind: 'run-failed' }],
  outbox: [{ id: 1, eventId: 'e1', profileKey: 'ada@example.com', change: 'upsert', atMs: 31 }],
  overrides: [{ connectionId: 'c1', dueAtMs: 40, kind: 'skip' }],
  exportFiles: [{ id: 1, runId: 1, connectionId: 'c1', fileName: 'out.csv', type: 'text/csv', createdAtMs: 41 }],
  consentObjectives: [{ id: 'email_marketing', label: 'Email marketing' }],
  fileHandles: [{ connectionId: 'c1', handle: 'not a real handle' }],
  trainingDeliveries: [{ id: 1, atMs: 50, connectionId: 'c1', url: 'http://127.0.0.1:9/hook' }],
  directoryHandles: [{ id: 'd1', name: 'exports', handle: 'not a real handle', storedAtMs: 51 }],
  realtimeEvents: [{ id: 1, connectionId: 'c1', atMs: 52, kind: 'delivered' }],
};

/** Version 2 fingerprints: connection c1 with 1,203 rows of run 1 and 2 of the upgraded run 0, and c2 with 1 row of run 3. */
function version2Fingerprints(): { connectionId: string; hash: string; runId: number }[] {
  const hash = (index: number) => index.toString(16).padStart(16, '0');
  return [
    ...Array.from({ length: 1203 }, (_, index) => ({ connectionId: 'c1', hash: hash(index * 2), runId: 1 })),
    { connectionId: 'c1', hash: hash(1), runId: 0 },
    { connectionId: 'c1', hash: hash(3), runId: 0 },
    { connectionId: 'c2', hash: hash(7), runId: 3 },
  ];
}

async function writeVersion2(name: string): Promise<void> {
  const db = new Dexie(name);
  db.version(1).stores(VERSION_1_STORES);
  db.version(2).stores(VERSION_2_STORES);
  await db.open();
  for (const [table, records] of Object.entries(VERSION_2_RECORDS)) await db.table(table).bulkAdd(records);
  await db.table('fingerprints').bulkAdd(version2Fingerprints());
  db.close();
}

describe('schema version 3', () => {
  it('moves version 2 fingerprints into batch records and keeps every other record', async () => {
    const name = `migration-${crypto.randomUUID()}`;
    await writeVersion2(name);
    const db = new RunlaneDb(name);
    await db.open();
    expect(db.verno).toBe(3);
    expect(db.tables.map((table) => table.name)).not.toContain('fingerprints');

    for (const [table, records] of Object.entries(VERSION_2_RECORDS)) {
      expect(await db.table(table).toArray(), table).toEqual(records);
    }

    const batches: FingerprintBatch[] = await db.fingerprintBatches.toArray();
    expect(batches.map(({ connectionId, runId, batch, fingerprints }) => [connectionId, runId, batch, fingerprints.length])).toEqual([
      ['c1', 0, 1, 2],
      ['c1', 1, 1, 498],
      ['c1', 1, 2, 500],
      ['c1', 1, 3, 205],
      ['c2', 3, 1, 1],
    ]);
    const stored = batches.flatMap((batch) => batch.fingerprints.map(([connectionId, hash]) => ({ connectionId, hash, runId: batch.runId })));
    const byKey = (a: { connectionId: string; hash: string }, b: { connectionId: string; hash: string }) =>
      a.connectionId.localeCompare(b.connectionId) || a.hash.localeCompare(b.hash);
    expect(stored.sort(byKey)).toEqual(version2Fingerprints().sort(byKey));
    for (const batch of batches) {
      expect(batch.fingerprints.every(([connectionId]) => connectionId === batch.connectionId)).toBe(true);
    }

    expect(await db.fingerprintBatches.where('fingerprints').equals(['c1', '0000000000000001']).primaryKeys()).toEqual([['c1', 0, 1]]);
    expect(await db.fingerprintBatches.where('fingerprints').equals(['c2', '0000000000000001']).primaryKeys()).toEqual([]);
    db.close();
  });
});
