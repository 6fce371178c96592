/**
 * Read-only queries behind the virtual runs list. They read a window of runs by [connectionId+number]
 * range, so a history of 100,000 runs never loads whole.
 */
import type { MissedRuns, Run } from '../../contract/model.ts';
import type { RunlaneDb } from '../../storage/db.ts';
import { sortMissedSlots, type HistoryLayout, type MissedSlot } from './history-layout.ts';

function runsOf(db: RunlaneDb, connectionId: string) {
  return db.runs.where('[connectionId+number]').between([connectionId, -Infinity], [connectionId, Infinity]);
}

/**
 * The first run number of each missed-run entry's later runs, by connection and entry id. A missed entry
 * keeps its place, because runs queued after it was noticed get higher numbers.
 */
const boundaryCache = new Map<string, number>();

export async function loadHistoryLayout(db: RunlaneDb, connectionId: string): Promise<HistoryLayout> {
  // Dexie collections change in place on first(), last() and limit(), so each query gets its own.
  const [runCount, oldest, newest, missed] = await Promise.all([
    runsOf(db, connectionId).count(),
    runsOf(db, connectionId).first(),
    runsOf(db, connectionId).last(),
    db.missedRuns.where('connectionId').equals(connectionId).toArray(),
  ]);
  const minNumber = oldest?.number ?? 1;
  const maxNumber = newest?.number ?? 0;
  const slots: MissedSlot[] = [];
  for (const entry of missed) {
    const boundary = await findBoundaryNumber(db, connectionId, entry, minNumber, maxNumber);
    const runsBefore = boundary > maxNumber ? 0 : await db.runs.where('[connectionId+number]').between([connectionId, boundary], [connectionId, Infinity]).count();
    slots.push({ missed: entry, runsBefore });
  }
  return { runCount, maxNumber, isContiguous: runCount === 0 || maxNumber - minNumber + 1 === runCount, missedSlots: sortMissedSlots(slots) };
}

/**
 * Binary search for the lowest run number whose run was queued at or after the entry was noticed; those
 * runs are newer than the entry. Returns maxNumber + 1 when there is none.
 */
async function findBoundaryNumber(db: RunlaneDb, connectionId: string, entry: MissedRuns, minNumber: number, maxNumber: number): Promise<number> {
  const key = `${connectionId}:${entry.id}`;
  const cached = boundaryCache.get(key);
  if (cached !== undefined && cached <= maxNumber) return cached;
  let low = minNumber;
  let high = maxNumber + 1;
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    const run = await db.runs.where('[connectionId+number]').between([connectionId, middle], [connectionId, Infinity]).first();
    if (!run || run.queuedAtMs >= entry.noticedAtMs) high = middle;
    else low = middle + 1;
  }
  if (low <= maxNumber) boundaryCache.set(key, low);
  return low;
}

export interface RunWindowRequest {
  connectionId: string;
  /** Offsets from the newest run: `from` inclusive, `to` exclusive. */
  from: number;
  to: number;
  maxNumber: number;
  isContiguous: boolean;
}

/** Loads the runs at offsets from…to-1 from the newest, newest first. */
export async function loadRunWindow(db: RunlaneDb, request: RunWindowRequest): Promise<Run[]> {
  const { connectionId, from, to, maxNumber } = request;
  if (to <= from) return [];
  if (request.isContiguous) {
    return db.runs
      .where('[connectionId+number]')
      .between([connectionId, maxNumber - to + 1], [connectionId, maxNumber - from], true, true)
      .reverse()
      .toArray();
  }
  return runsOf(db, connectionId).reverse().offset(from).limit(to - from).toArray();
}

/** Loads one run by its number, for the run detail page. */
export function loadRunByNumber(db: RunlaneDb, connectionId: string, number: number): Promise<Run | undefined> {
  return db.runs.where('[connectionId+number]').equals([connectionId, number]).first();
}

/** Loads the newest runs that ended, newest first, for the run-time chart. */
export function loadRecentEndedRuns(db: RunlaneDb, connectionId: string, limit: number): Promise<Run[]> {
  return runsOf(db, connectionId)
    .reverse()
    .filter((run) => run.startedAtMs !== null && run.endedAtMs !== null)
    .limit(limit)
    .toArray();
}
