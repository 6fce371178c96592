// The storage baseline of bench/import-bench.mjs, run as a module worker in the same browser profile as
// the app. It turns the benchmark's CSV rows into profiles shaped as an import stores them. Then it times
// Dexie bulkPut alone, one transaction per batch, into a table with the profile table's schema, which
// the bench reads from src/storage/db.ts.
//
// The bench copies this file and node_modules/dexie/dist/dexie.mjs next to each other into the build it
// serves, so the import below resolves without a bundler.
import Dexie from './dexie.mjs';

self.onmessage = async (event) => {
  const { csvUrl, batchRows, profileSchema, databaseName } = event.data;
  try {
    self.postMessage({ ok: true, result: await measureBulkPut(csvUrl, batchRows, profileSchema, databaseName) });
  } catch (error) {
    self.postMessage({ ok: false, message: String(error?.stack ?? error) });
  }
};

async function measureBulkPut(csvUrl, batchRows, profileSchema, databaseName) {
  const response = await fetch(csvUrl);
  if (!response.ok) throw new Error(`Fetching ${csvUrl} failed with HTTP ${response.status}.`);
  const profiles = toProfiles(await response.text());

  await Dexie.delete(databaseName);
  const db = new Dexie(databaseName);
  db.version(1).stores({ profiles: profileSchema });
  await db.open();
  try {
    const startMs = performance.now();
    for (let index = 0; index < profiles.length; index += batchRows) {
      await db.profiles.bulkPut(profiles.slice(index, index + batchRows));
    }
    const elapsedMs = performance.now() - startMs;
    return { rows: profiles.length, elapsedMs };
  } finally {
    db.close();
    await Dexie.delete(databaseName);
  }
}

/** Turns the CSV text into profiles. The benchmark's files contain no quotes, so splitting on commas reads them exactly. */
function toProfiles(text) {
  const lines = text.split('\n').filter((line) => line !== '');
  const headers = lines[0].split(',');
  const nowMs = Date.now();
  return lines.slice(1).map((line) => {
    const cells = line.split(',');
    const properties = {};
    headers.forEach((header, column) => {
      properties[header] = typedValue(header, cells[column]);
    });
    return {
      key: cells[0].toLowerCase(),
      identifier: cells[0],
      properties,
      consent: {},
      createdAtMs: nowMs,
      updatedAtMs: nowMs,
      lastRunId: 1,
      lastConnectionId: 'baseline',
    };
  });
}

function typedValue(header, cell) {
  if (header === 'loyalty_points') return Number(cell);
  if (header === 'newsletter') return cell === 'yes';
  return cell;
}
