/**
 * Which profiles an export run reads: those changed since the start of the connection's last successful
 * run, or all of them, in (updatedAtMs, key) order. The start instant is included, so a profile written
 * in the same millisecond as the start is sent again rather than missed. Pages are read through the
 * compound index, each starting after the last profile of the page before. So memory contains one page,
 * and a profile that shares its update time with thousands of others is read once.
 */
import type { Collection } from 'dexie';
import type { ExportCursor, Profile } from '../../contract/model.ts';
import type { RunlaneDb } from '../../storage/db.ts';

/**
 * Returns when the connection's latest finished run, other than `currentRunId`, started; null when no run
 * has finished yet. Test runs deliver nothing, so they do not count.
 */
export async function findLastSuccessfulStartMs(db: RunlaneDb, connectionId: string, currentRunId: number): Promise<number | null> {
  let latestMs: number | null = null;
  await db.runs
    .where('connectionId')
    .equals(connectionId)
    .each((run) => {
      if (run.id === currentRunId || run.state !== 'finished' || run.trigger === 'test' || run.startedAtMs === null) return;
      if (latestMs === null || run.startedAtMs > latestMs) latestMs = run.startedAtMs;
    });
  return latestMs;
}

export interface PageRequest {
  /** Profiles updated at or after this instant; null reads every profile. */
  fromMs: number | null;
  /** Start after this profile; null starts at `fromMs`. */
  after: Pick<ExportCursor, 'updatedAtMs' | 'key'> | null;
  limit: number;
}

/** Reads the next page of profiles in (updatedAtMs, key) order. */
export function readProfilePage(db: RunlaneDb, request: PageRequest): Promise<Profile[]> {
  return selectRange(db, request).limit(request.limit).toArray();
}

/** Counts the profiles a run still has to read after `after`. */
export function countRemaining(db: RunlaneDb, request: Omit<PageRequest, 'limit'>): Promise<number> {
  return selectRange(db, request).count();
}

function selectRange(db: RunlaneDb, request: Omit<PageRequest, 'limit'>): Collection<Profile, string> {
  const index = db.profiles.where('[updatedAtMs+key]');
  // An array sorts after every number and string. A key may not contain the same array object twice, so
  // the bounds are built fresh rather than from Dexie.maxKey.
  const upper = [Number.POSITIVE_INFINITY, []];
  if (request.after) return index.between([request.after.updatedAtMs, request.after.key], upper, false, true);
  return index.between([request.fromMs ?? Number.NEGATIVE_INFINITY, ''], upper, true, true);
}

/** One page of an export: the profiles to deliver, those left out for lacking consent, and where it ends. */
export interface ExportPage {
  deliver: Profile[];
  blocked: Profile[];
  last: { updatedAtMs: number; key: string };
}

/**
 * Yields the pages of a run after `after`, each of `pageSize` profiles read, split by `isBlocked`. The
 * signal is checked before each read.
 */
export async function* readExportPages(
  db: RunlaneDb,
  options: { fromMs: number | null; after: ExportCursor | null; pageSize: number; isBlocked: (profile: Profile) => boolean; signal: AbortSignal },
): AsyncGenerator<ExportPage> {
  let after: PageRequest['after'] = options.after;
  for (;;) {
    options.signal.throwIfAborted();
    const profiles = await readProfilePage(db, { fromMs: options.fromMs, after, limit: options.pageSize });
    const last = profiles.at(-1);
    if (!last) return;
    const deliver: Profile[] = [];
    const blocked: Profile[] = [];
    for (const profile of profiles) (options.isBlocked(profile) ? blocked : deliver).push(profile);
    after = { updatedAtMs: last.updatedAtMs, key: last.key };
    yield { deliver, blocked, last: after };
    if (profiles.length < options.pageSize) return;
  }
}

/** True when the profile lacks the consent objective; a null objective blocks no profile. */
export function lacksConsent(profile: Profile, objectiveId: string | null): boolean {
  return objectiveId !== null && profile.consent[objectiveId] !== true;
}
