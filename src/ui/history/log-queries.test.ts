import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import type { LogLevel, RunLogEntry } from '../../contract/model.ts';
import { RunlaneDb } from '../../storage/db.ts';
import { NO_FILTER, countLogLines, findFirstLine, readLogPage } from './log-queries.ts';

const RUN_ID = 7;
const databases: RunlaneDb[] = [];

/** Line n (1-based) is an error when n is a multiple of 500, a warning when it is a multiple of 10, and info otherwise. */
function levelOfLine(line: number): LogLevel {
  if (line % 500 === 0) return 'error';
  if (line % 10 === 0) return 'warn';
  return 'info';
}

/** Creates a database with a log of `count` lines for RUN_ID and one line of another run. */
async function makeLog(count: number): Promise<RunlaneDb> {
  const db = new RunlaneDb(`log-${crypto.randomUUID()}`);
  databases.push(db);
  const entries: RunLogEntry[] = [];
  for (let seq = 0; seq < count; seq++) {
    const line = seq + 1;
    entries.push({ runId: RUN_ID, seq, atMs: seq, level: levelOfLine(line), message: `Line ${line} of customer-${line}` });
  }
  // Another run's lines must never show up.
  entries.push({ runId: RUN_ID + 1, seq: 0, atMs: 0, level: 'error', message: 'Other run' });
  await db.runLogs.bulkPut(entries);
  return db;
}

afterEach(async () => {
  for (const db of databases.splice(0)) await db.delete();
});

describe('readLogPage', () => {
  it('reads one page from a line forward', async () => {
    const db = await makeLog(1_000);
    const page = await readLogPage(db, { runId: RUN_ID, filter: NO_FILTER, fromSeq: 100, direction: 'forward', pageSize: 50 });
    expect(page.lines.map((entry) => entry.seq)).toEqual(Array.from({ length: 50 }, (_, i) => 100 + i));
    expect(page.hasBefore).toBe(true);
    expect(page.hasAfter).toBe(true);
  });

  it('reads the last page backward in log order', async () => {
    const db = await makeLog(1_000);
    const page = await readLogPage(db, { runId: RUN_ID, filter: NO_FILTER, fromSeq: Number.MAX_SAFE_INTEGER, direction: 'backward', pageSize: 50 });
    expect(page.lines[0]?.seq).toBe(950);
    expect(page.lines.at(-1)?.seq).toBe(999);
    expect(page.hasBefore).toBe(true);
    expect(page.hasAfter).toBe(false);
  });

  it('filters by lowest level across chunks', async () => {
    const db = await makeLog(12_000);
    const progress: number[] = [];
    const page = await readLogPage(
      db,
      { runId: RUN_ID, filter: { minLevel: 'error', text: '' }, fromSeq: 0, direction: 'forward', pageSize: 100 },
      { onProgress: (scanned) => progress.push(scanned) },
    );
    expect(page.lines.map((entry) => entry.seq + 1)).toEqual(Array.from({ length: 24 }, (_, i) => (i + 1) * 500));
    expect(page.hasAfter).toBe(false);
    expect(page.hasBefore).toBe(true);
    expect(progress).toEqual([5_000, 10_000, 12_000]);
  });

  it('searches message text ignoring case', async () => {
    const db = await makeLog(3_000);
    const page = await readLogPage(db, { runId: RUN_ID, filter: { minLevel: null, text: 'CUSTOMER-2345' }, fromSeq: 0, direction: 'forward', pageSize: 100 });
    expect(page.lines.map((entry) => entry.message)).toEqual(['Line 2345 of customer-2345']);
  });

  it('pages backward through filtered lines', async () => {
    const db = await makeLog(2_000);
    const page = await readLogPage(db, { runId: RUN_ID, filter: { minLevel: 'warn', text: '' }, fromSeq: 999, direction: 'backward', pageSize: 3 });
    expect(page.lines.map((entry) => entry.seq + 1)).toEqual([980, 990, 1000]);
    expect(page.hasBefore).toBe(true);
  });

  it('stops when its signal aborts', async () => {
    const db = await makeLog(6_000);
    const controller = new AbortController();
    const reading = readLogPage(
      db,
      { runId: RUN_ID, filter: { minLevel: null, text: 'no such text' }, fromSeq: 0, direction: 'forward', pageSize: 10 },
      { signal: controller.signal, onProgress: () => controller.abort() },
    );
    await expect(reading).rejects.toMatchObject({ name: 'AbortError' });
  });
});

describe('findFirstLine', () => {
  it('finds the first error after scanning chunks', async () => {
    const db = await makeLog(12_000);
    const hit = await findFirstLine(db, RUN_ID, 0, (entry) => entry.level === 'error');
    expect(hit?.seq).toBe(499);
  });

  it('returns null when no line matches', async () => {
    const db = await makeLog(400);
    expect(await findFirstLine(db, RUN_ID, 0, (entry) => entry.level === 'error')).toBeNull();
  });
});

describe('countLogLines', () => {
  it("counts only the run's lines", async () => {
    const db = await makeLog(1_234);
    expect(await countLogLines(db, RUN_ID)).toBe(1_234);
  });
});
