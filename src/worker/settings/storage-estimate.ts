/**
 * An estimate of the space each connection takes: its stored file and export files at their size, plus
 * its runs, log lines and fingerprints counted and multiplied by the average size of a sample of records.
 * IndexedDB adds index entries and compresses on disk, so the real figure differs.
 */
import type { ConnectionStorageEstimate, StorageEstimateReport } from '../../contract/api/settings.ts';
import type { Connection } from '../../contract/model.ts';
import type { RunlaneDb } from '../../storage/db.ts';
import { countFingerprints } from '../../storage/fingerprint-queries.ts';

/** Records read per table to compute the average record size. */
export const SIZE_SAMPLE_COUNT = 200;

/** Bytes of a record as UTF-8 JSON: close to what its structured clone holds. */
export function recordBytes(record: unknown): number {
  return new TextEncoder().encode(JSON.stringify(record)).length;
}

async function averageBytes(records: Promise<unknown[]>): Promise<number> {
  const sample = await records;
  if (sample.length === 0) return 0;
  const total = sample.reduce<number>((sum, record) => sum + recordBytes(record), 0);
  return Math.round(total / sample.length);
}

/** Bytes per fingerprint in a sample of batch records, each of which contains a batch's fingerprints. */
async function averageFingerprintBytes(db: RunlaneDb): Promise<number> {
  const sample = await db.fingerprintBatches.limit(SIZE_SAMPLE_COUNT).toArray();
  const fingerprintCount = sample.reduce((sum, record) => sum + record.fingerprints.length, 0);
  if (fingerprintCount === 0) return 0;
  const total = sample.reduce<number>((sum, record) => sum + recordBytes(record), 0);
  return Math.round(total / fingerprintCount);
}

export async function estimateStorage(db: RunlaneDb): Promise<StorageEstimateReport> {
  const averageRecordBytes = {
    run: await averageBytes(db.runs.limit(SIZE_SAMPLE_COUNT).toArray()),
    logLine: await averageBytes(db.runLogs.limit(SIZE_SAMPLE_COUNT).toArray()),
    fingerprint: await averageFingerprintBytes(db),
    profile: await averageBytes(db.profiles.limit(SIZE_SAMPLE_COUNT).toArray()),
  };
  const connections = await db.connections.orderBy('name').toArray();
  const estimates: ConnectionStorageEstimate[] = [];
  for (const connection of connections) estimates.push(await estimateConnection(db, connection, averageRecordBytes));
  const profileCount = await db.profiles.count();
  return { connections: estimates, profileCount, profileEstimatedBytes: profileCount * averageRecordBytes.profile, averageRecordBytes };
}

export async function estimateConnection(
  db: RunlaneDb,
  connection: Connection,
  average: StorageEstimateReport['averageRecordBytes'],
): Promise<ConnectionStorageEstimate> {
  const id = connection.id;
  const fileBytes = (await db.files.get(id))?.size ?? 0;
  let runCount = 0;
  let logLineCount = 0;
  // A run's logCount is the sequence number its next log line gets, which is the number of its lines.
  await db.runs
    .where('connectionId')
    .equals(id)
    .each((run) => {
      runCount += 1;
      logLineCount += run.logCount;
    });
  const fingerprintCount = await countFingerprints(db, id);
  let exportFileCount = 0;
  let exportFileBytes = 0;
  await db.exportFiles
    .where('connectionId')
    .equals(id)
    .each((file) => {
      exportFileCount += 1;
      exportFileBytes += file.blob.size;
    });
  const estimatedBytes =
    fileBytes + exportFileBytes + runCount * average.run + logLineCount * average.logLine + fingerprintCount * average.fingerprint;
  return { connectionId: id, name: connection.name, fileBytes, runCount, logLineCount, fingerprintCount, exportFileCount, exportFileBytes, estimatedBytes };
}
