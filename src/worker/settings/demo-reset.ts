/**
 * Resets the demo: deletes the demo connection with its runs, logs, stored file and fingerprints, removes
 * the profiles that this or an earlier demo connection wrote last when asked, and seeds the demo again.
 */
import type { DemoResetResult } from '../../contract/api/settings.ts';
import { AppError } from '../../contract/errors.ts';
import type { Profile } from '../../contract/model.ts';
import type { Clock } from '../../domain/clock.ts';
import type { RunlaneDb } from '../../storage/db.ts';
import { deleteConnection } from '../connections.ts';
import { DEMO_CONNECTION_KEY, DEMO_SEEDED_KEY, seedDemo } from '../demo.ts';

const DEMO_NAME = 'Demo CRM import';
const DEMO_FILE_NAME = 'demo-customers.csv';
const DELETE_BATCH_PROFILES = 1000;
/** Meta key of the ids of demo connections that earlier resets deleted; their profiles are demo profiles too. */
const FORMER_DEMO_IDS_KEY = 'demo-former-connection-ids';

/**
 * Finds the demo connection's id: the one recorded when the demo was seeded, or, for a demo seeded before
 * that record existed, the connection named "Demo CRM import" that reads demo-customers.csv.
 */
export async function findDemoConnectionId(db: RunlaneDb): Promise<string | null> {
  const recorded = (await db.meta.get(DEMO_CONNECTION_KEY))?.value;
  if (typeof recorded === 'string') return (await db.connections.get(recorded)) ? recorded : null;
  const candidates = await db.connections.where('name').equals(DEMO_NAME).toArray();
  const demo = candidates.find((connection) => connection.settings.connector === 'csv-file' && connection.settings.fileName === DEMO_FILE_NAME);
  return demo?.id ?? null;
}

export async function resetDemo(db: RunlaneDb, clock: Clock, options: { csvUrl: string; removeDemoProfiles: boolean }): Promise<DemoResetResult> {
  const demoId = await findDemoConnectionId(db);
  let removedRuns = 0;
  let removedProfiles = 0;
  const formerIds = ((await db.meta.get(FORMER_DEMO_IDS_KEY))?.value as string[] | undefined) ?? [];
  if (demoId) {
    removedRuns = await db.runs.where('connectionId').equals(demoId).count();
    // Rejects with 'connection-running' while a demo run runs, before anything is deleted.
    await deleteConnection({ db, clock }, { id: demoId });
    formerIds.push(demoId);
    await db.meta.put({ key: FORMER_DEMO_IDS_KEY, value: formerIds });
  }
  if (options.removeDemoProfiles) removedProfiles = await deleteProfilesWrittenBy(db, new Set(formerIds));
  await db.meta.bulkDelete([DEMO_SEEDED_KEY, DEMO_CONNECTION_KEY]);
  await seedDemo(db, clock, options.csvUrl);
  const seededId = (await db.meta.get(DEMO_CONNECTION_KEY))?.value;
  if (typeof seededId !== 'string') {
    // Lets the next start try again.
    await db.meta.delete(DEMO_SEEDED_KEY);
    throw new AppError('not-found', 'The demo file could not be loaded, so the demo was not seeded again. Reload Runlane to try again.');
  }
  return { removedDemoConnection: demoId !== null, removedRuns, removedProfiles, demoConnectionId: seededId };
}

/**
 * Deletes the profiles whose last write came from one of `connectionIds`, one batch per transaction.
 * Profiles that another connection updated since stay.
 */
export async function deleteProfilesWrittenBy(db: RunlaneDb, connectionIds: ReadonlySet<string>): Promise<number> {
  // NOTE: the deletions add no outbox entries, so real-time connections do not deliver them.
  let removed = 0;
  let lastKey: string | null = null;
  for (;;) {
    const batch: Profile[] = await db.transaction('rw', db.profiles, async () => {
      const range = lastKey === null ? db.profiles.orderBy(':id') : db.profiles.where(':id').above(lastKey);
      const profiles = await range.limit(DELETE_BATCH_PROFILES).toArray();
      const keys = profiles.filter((profile) => profile.lastConnectionId !== null && connectionIds.has(profile.lastConnectionId)).map((profile) => profile.key);
      await db.profiles.bulkDelete(keys);
      removed += keys.length;
      return profiles;
    });
    if (batch.length < DELETE_BATCH_PROFILES) return removed;
    lastKey = (batch.at(-1) as Profile).key;
  }
}
