import { describe, expect, it } from 'vitest';
import { makeConnection, makeDb } from '../test-helpers.ts';
import { addRun } from './settings-test-helpers.ts';
import { estimateStorage, recordBytes } from './storage-estimate.ts';

const NOW_MS = Date.parse('2026-03-05T10:00:00Z');

describe('estimateStorage', () => {
  it('estimates each connection from its file, counts and average record sizes', async () => {
    const db = makeDb();
    const alpha = makeConnection({ name: 'Alpha import' });
    const beta = makeConnection({ name: 'Beta import' });
    await db.connections.bulkAdd([beta, alpha]);
    await db.files.put({ connectionId: alpha.id, name: 'alpha.csv', size: 5000, type: 'text/csv', storedAtMs: NOW_MS, blob: new Blob(['x'.repeat(5000)]) });
    const firstRunId = await addRun(db, alpha.id, { number: 1, queuedAtMs: NOW_MS, logLines: 3 });
    await addRun(db, alpha.id, { number: 2, queuedAtMs: NOW_MS, logLines: 4 });
    await addRun(db, beta.id, { number: 1, queuedAtMs: NOW_MS, logLines: 1 });
    const fingerprintBatch = {
      connectionId: alpha.id,
      runId: firstRunId,
      batch: 1,
      fingerprints: [
        [alpha.id, 'a1'],
        [alpha.id, 'a2'],
      ] as [string, string][],
    };
    await db.fingerprintBatches.add(fingerprintBatch);
    await db.exportFiles.add({ connectionId: beta.id, runId: 99, fileName: 'beta.csv', type: 'text/csv', createdAtMs: NOW_MS, blob: new Blob(['1234567890']) });

    const report = await estimateStorage(db);

    const runs = await db.runs.toArray();
    const runBytes = Math.round(runs.reduce((sum, run) => sum + recordBytes(run), 0) / runs.length);
    const logLines = await db.runLogs.toArray();
    const logLineBytes = Math.round(logLines.reduce((sum, line) => sum + recordBytes(line), 0) / logLines.length);
    const fingerprintBytes = Math.round(recordBytes(fingerprintBatch) / 2);
    expect(report.averageRecordBytes).toEqual({ run: runBytes, logLine: logLineBytes, fingerprint: fingerprintBytes, profile: 0 });
    expect(report.connections.map((entry) => entry.name)).toEqual(['Alpha import', 'Beta import']);
    expect(report.connections[0]).toEqual({
      connectionId: alpha.id,
      name: 'Alpha import',
      fileBytes: 5000,
      runCount: 2,
      logLineCount: 7,
      fingerprintCount: 2,
      exportFileCount: 0,
      exportFileBytes: 0,
      estimatedBytes: 5000 + 2 * runBytes + 7 * logLineBytes + 2 * fingerprintBytes,
    });
    expect(report.connections[1]).toMatchObject({ fileBytes: 0, runCount: 1, logLineCount: 1, fingerprintCount: 0, exportFileCount: 1, exportFileBytes: 10 });
    expect(report.connections[1]?.estimatedBytes).toBe(10 + runBytes + logLineBytes);
  });

  it('estimates the profile store from its count', async () => {
    const db = makeDb();
    const profile = { key: 'ada@example.com', identifier: 'ada@example.com', properties: { email: 'ada@example.com' }, consent: {}, createdAtMs: 0, updatedAtMs: 0, lastRunId: null, lastConnectionId: null };
    await db.profiles.bulkAdd([profile, { ...profile, key: 'bob@example.com', identifier: 'bob@example.com', properties: { email: 'bob@example.com' } }]);

    const report = await estimateStorage(db);

    expect(report.profileCount).toBe(2);
    expect(report.profileEstimatedBytes).toBe(2 * recordBytes(profile));
    expect(report.connections).toEqual([]);
  });
});
