/**
 * Fingerprints of the rows an import connection's runs applied, stored as one `fingerprintBatches` record
 * per batch transaction. The multi-entry index on `fingerprints` finds the record that contains a
 * `[connectionId, hash]` pair, so a lookup needs no record per row.
 */
import type { Transaction } from 'dexie';
import type { FingerprintBatch, RunlaneDb } from './db.ts';

/** Selects the connection's fingerprint records by their primary key `[connectionId, runId, batch]`. */
function connectionBatches(db: RunlaneDb, connectionId: string) {
  return db.fingerprintBatches.where(':id').between([connectionId, -Infinity], [connectionId, Infinity]);
}

/**
 * Adds `record` in `transaction`, which must include `fingerprintBatches`. The request goes to the
 * IndexedDB transaction directly, bypassing Dexie's middleware. For a write of fewer than 50 records,
 * Dexie 4.4 records every key of a multi-entry index it touches, so that live queries can tell what
 * changed, and for a batch's 500 keys that took longer than the write itself. The transaction commits only
 * after the request succeeds. A failed request aborts it with the request's error, so the caller's
 * `db.transaction` rejects with an AbortError whose `inner` is that error.
 * NOTE: live queries over `fingerprintBatches`, and the test builds' write budget, do not see this write.
 */
export function addFingerprintBatch(transaction: Transaction, record: FingerprintBatch): void {
  const request = transaction.idbtrans.objectStore('fingerprintBatches').add(record);
  // Dexie's handler on the transaction cancels a request's error event and then aborts with no error.
  // Stopping the event here lets IndexedDB abort the transaction with the request's error.
  request.onerror = (event) => event.stopPropagation();
}

/** Returns whether the connection has any fingerprint stored. */
export async function hasFingerprints(db: RunlaneDb, connectionId: string): Promise<boolean> {
  return (await connectionBatches(db, connectionId).limit(1).primaryKeys()).length > 0;
}

/** Returns the number of fingerprints stored for the connection, each batch's rows counted once. */
export function countFingerprints(db: RunlaneDb, connectionId: string): Promise<number> {
  return db.fingerprintBatches.where('fingerprints').between([connectionId, ''], [connectionId, '\uffff'], true, true).count();
}

/** Deletes every fingerprint of the connection. Call inside a transaction that includes `fingerprintBatches`. */
export async function deleteFingerprints(db: RunlaneDb, connectionId: string): Promise<void> {
  await connectionBatches(db, connectionId).delete();
}

/** Returns the `batch` number the run's next fingerprint record gets: one more than its highest so far, or 1. */
export async function nextFingerprintBatch(db: RunlaneDb, connectionId: string, runId: number): Promise<number> {
  const [last] = await db.fingerprintBatches
    .where(':id')
    .between([connectionId, runId, -Infinity], [connectionId, runId, Infinity])
    .reverse()
    .limit(1)
    .primaryKeys();
  return last ? last[2] + 1 : 1;
}

/**
 * Returns which of `hashes` a run of the connection other than `runId` applied. One index request per
 * hash, all sent at once.
 */
export async function findHashesFromOtherRuns(db: RunlaneDb, connectionId: string, runId: number, hashes: readonly string[]): Promise<Set<string>> {
  const holders = await Promise.all(hashes.map((hash) => db.fingerprintBatches.where('fingerprints').equals([connectionId, hash]).primaryKeys()));
  const found = new Set<string>();
  holders.forEach((keys, position) => {
    if (keys.some(([, holderRunId]) => holderRunId !== runId)) found.add(hashes[position]);
  });
  return found;
}
