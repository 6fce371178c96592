/**
 * Exports the profile store as JSON lines or CSV. Profiles are read in batches of `EXPORT_BATCH_PROFILES`
 * in key order, each in its own read transaction, and each batch becomes one Blob part, so the file is
 * never held as one string.
 */
import type { ProfileExport, ProfileExportFormat } from '../../contract/api/settings.ts';
import type { Profile, PropertyValue } from '../../contract/model.ts';
import type { RunlaneDb } from '../../storage/db.ts';

export const EXPORT_BATCH_PROFILES = 1000;

/** Reads the profile store batch by batch, in key order. */
export async function forEachProfileBatch(db: RunlaneDb, visit: (batch: Profile[]) => void, batchSize = EXPORT_BATCH_PROFILES): Promise<void> {
  let lastKey: string | null = null;
  for (;;) {
    const batch: Profile[] =
      lastKey === null ? await db.profiles.orderBy(':id').limit(batchSize).toArray() : await db.profiles.where(':id').above(lastKey).limit(batchSize).toArray();
    if (batch.length === 0) return;
    visit(batch);
    if (batch.length < batchSize) return;
    lastKey = (batch.at(-1) as Profile).key;
  }
}

export async function exportProfiles(db: RunlaneDb, options: { format: ProfileExportFormat; nowMs: number; batchSize?: number }): Promise<ProfileExport> {
  const stamp = new Date(options.nowMs).toISOString().slice(0, 10);
  if (options.format === 'jsonl') {
    const parts: Blob[] = [];
    let profileCount = 0;
    await forEachProfileBatch(db, (batch) => {
      profileCount += batch.length;
      parts.push(new Blob([batch.map((profile) => `${JSON.stringify(profile)}\n`).join('')]));
    }, options.batchSize);
    return { fileName: `runlane-profiles-${stamp}.jsonl`, blob: new Blob(parts, { type: 'application/jsonl' }), profileCount };
  }
  const columns = await collectCsvColumns(db, options.batchSize);
  const parts: Blob[] = [new Blob([`${columns.map((column) => csvCell(column.header)).join(',')}\r\n`])];
  let profileCount = 0;
  await forEachProfileBatch(db, (batch) => {
    profileCount += batch.length;
    parts.push(new Blob([batch.map((profile) => `${columns.map((column) => csvCell(column.read(profile))).join(',')}\r\n`).join('')]));
  }, options.batchSize);
  return { fileName: `runlane-profiles-${stamp}.csv`, blob: new Blob(parts, { type: 'text/csv' }), profileCount };
}

interface CsvColumn {
  header: string;
  read: (profile: Profile) => PropertyValue | undefined;
}

/**
 * Lists the CSV columns: the identifier, every property definition in stored order, then properties and
 * consent objectives found on profiles, then the profile's times as ISO 8601 UTC. Finding the properties
 * takes one extra pass over the store.
 */
export async function collectCsvColumns(db: RunlaneDb, batchSize?: number): Promise<CsvColumn[]> {
  const propertyIds = (await db.propertyDefinitions.toArray()).map((definition) => definition.id);
  const objectiveIds = (await db.consentObjectives.toArray()).map((objective) => objective.id);
  const seenProperties = new Set(propertyIds);
  const seenObjectives = new Set(objectiveIds);
  await forEachProfileBatch(db, (batch) => {
    for (const profile of batch) {
      appendNewKeys(Object.keys(profile.properties), seenProperties, propertyIds);
      appendNewKeys(Object.keys(profile.consent), seenObjectives, objectiveIds);
    }
  }, batchSize);
  return [
    { header: 'identifier', read: (profile) => profile.identifier },
    ...propertyIds.map((id) => ({ header: id, read: (profile: Profile) => profile.properties[id] })),
    ...objectiveIds.map((id) => ({ header: `consent:${id}`, read: (profile: Profile) => profile.consent[id] })),
    { header: 'createdAt', read: (profile) => new Date(profile.createdAtMs).toISOString() },
    { header: 'updatedAt', read: (profile) => new Date(profile.updatedAtMs).toISOString() },
  ];
}

function appendNewKeys(keys: string[], seen: Set<string>, list: string[]): void {
  for (const key of keys) {
    if (seen.has(key)) continue;
    seen.add(key);
    list.push(key);
  }
}

/** Formats one CSV cell (RFC 4180): quoted when it contains a comma, a quote or a line break, and empty for absent values. */
export function csvCell(value: PropertyValue | undefined): string {
  if (value === undefined || value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
