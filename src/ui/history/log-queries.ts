/**
 * Pages of a run's log, read by [runId+seq] range. A filtered page scans forward or backward in bounded
 * chunks until it has a page of matching lines, reports its progress and stops when its signal aborts,
 * so a log of 100,000 lines never loads whole.
 */
import type { LogLevel, RunLogEntry } from '../../contract/model.ts';
import type { RunlaneDb } from '../../storage/db.ts';

export const LOG_LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error'];
const LEVEL_RANK: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };
/** Lines read per step of a filtered scan. */
export const SCAN_CHUNK_LINES = 5_000;

export interface LogFilter {
  /** The lowest level shown, or null for every level. */
  minLevel: LogLevel | null;
  /** Text the message must contain, ignoring case; '' for any message. */
  text: string;
}

export const NO_FILTER: LogFilter = { minLevel: null, text: '' };

export function isUnfiltered(filter: LogFilter): boolean {
  return filter.minLevel === null && filter.text.trim() === '';
}

export function createLineMatcher(filter: LogFilter): (entry: RunLogEntry) => boolean {
  const minRank = filter.minLevel === null ? 0 : LEVEL_RANK[filter.minLevel];
  const needle = filter.text.trim().toLowerCase();
  return (entry) => LEVEL_RANK[entry.level] >= minRank && (needle === '' || entry.message.toLowerCase().includes(needle));
}

export interface LogPageRequest {
  runId: number;
  filter: LogFilter;
  /** The page starts at this seq (forward) or ends at it (backward), inclusive. */
  fromSeq: number;
  direction: 'forward' | 'backward';
  pageSize: number;
}

export interface LogPage {
  /** In log order. */
  lines: RunLogEntry[];
  /** True when the log has lines before the first line of the page (or before `fromSeq` when it is empty). */
  hasBefore: boolean;
  hasAfter: boolean;
  scannedLines: number;
}

export interface ScanOptions {
  signal?: AbortSignal;
  onProgress?: (scannedLines: number) => void;
}

function range(db: RunlaneDb, runId: number, lowSeq: number, highSeq: number) {
  return db.runLogs.where('[runId+seq]').between([runId, lowSeq], [runId, highSeq], true, true);
}

function abortError(): DOMException {
  return new DOMException('The log scan was stopped.', 'AbortError');
}

/** Reads one page of log lines that match the request's filter. */
export async function readLogPage(db: RunlaneDb, request: LogPageRequest, options: ScanOptions = {}): Promise<LogPage> {
  const { runId, pageSize, direction } = request;
  const matches = createLineMatcher(request.filter);
  const chunkLines = isUnfiltered(request.filter) ? pageSize : Math.max(pageSize, SCAN_CHUNK_LINES);
  const found: RunLogEntry[] = [];
  let cursor = request.fromSeq;
  let scannedLines = 0;
  let reachedEnd = false;

  while (found.length < pageSize) {
    if (options.signal?.aborted) throw abortError();
    const chunk =
      direction === 'forward'
        ? await range(db, runId, cursor, Infinity).limit(chunkLines).toArray()
        : await range(db, runId, -Infinity, cursor).reverse().limit(chunkLines).toArray();
    let lastReadSeq = cursor;
    for (const entry of chunk) {
      lastReadSeq = entry.seq;
      if (matches(entry)) found.push(entry);
      if (found.length === pageSize) break;
    }
    scannedLines += chunk.length;
    options.onProgress?.(scannedLines);
    if (chunk.length < chunkLines && found.length < pageSize) {
      reachedEnd = true;
      break;
    }
    cursor = direction === 'forward' ? lastReadSeq + 1 : lastReadSeq - 1;
  }

  const lines = direction === 'forward' ? found : found.reverse();
  // The side the scan came from has lines unless the page starts at the log's edge. The side it went
  // towards has more only when the scan stopped before the log's end.
  const firstSeq = lines[0]?.seq ?? request.fromSeq;
  const lastSeq = lines.at(-1)?.seq ?? request.fromSeq;
  const hasLinesBefore = async (): Promise<boolean> => (await range(db, runId, -Infinity, firstSeq - 1).last()) !== undefined;
  const hasLinesAfter = async (): Promise<boolean> => (await range(db, runId, lastSeq + 1, Infinity).first()) !== undefined;
  if (direction === 'forward') {
    return { lines, hasBefore: await hasLinesBefore(), hasAfter: !reachedEnd && (await hasLinesAfter()), scannedLines };
  }
  return { lines, hasBefore: !reachedEnd && (await hasLinesBefore()), hasAfter: await hasLinesAfter(), scannedLines };
}

/** Finds the first line at or after `fromSeq` that `matches`, scanning in bounded chunks. Returns null when none matches. */
export async function findFirstLine(
  db: RunlaneDb,
  runId: number,
  fromSeq: number,
  matches: (entry: RunLogEntry) => boolean,
  options: ScanOptions = {},
): Promise<RunLogEntry | null> {
  let cursor = fromSeq;
  let scannedLines = 0;
  for (;;) {
    if (options.signal?.aborted) throw abortError();
    const chunk = await range(db, runId, cursor, Infinity).limit(SCAN_CHUNK_LINES).toArray();
    const hit = chunk.find(matches);
    if (hit) return hit;
    const last = chunk.at(-1);
    if (!last) return null;
    scannedLines += chunk.length;
    options.onProgress?.(scannedLines);
    cursor = last.seq + 1;
  }
}

export function countLogLines(db: RunlaneDb, runId: number): Promise<number> {
  return range(db, runId, -Infinity, Infinity).count();
}
