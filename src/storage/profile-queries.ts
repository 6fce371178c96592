/**
 * Read-only queries of the profile store page. Identifier searches use the `profiles` primary key, which
 * is the normalised identifier, so a prefix search reads only the matching key range. A search for text in
 * property values has no index to use: it reads profiles in identifier order and stops after a bounded
 * number, and the caller continues from `nextAfterKey`.
 */
import type { ConsentObjective, Profile, PropertyDefinition, PropertyValue } from '../contract/model.ts';
import { normaliseIdentifier } from '../domain/import-values.ts';
import type { RunlaneDb } from './db.ts';

/** The profiles whose identifier starts with `prefix`, ignoring case and surrounding spaces; '' is every profile. */
function profilesByPrefix(db: RunlaneDb, prefix: string) {
  const normalised = normaliseIdentifier(prefix);
  return normalised === '' ? db.profiles.toCollection() : db.profiles.where(':id').startsWith(normalised);
}

export function countProfilesByPrefix(db: RunlaneDb, prefix: string): Promise<number> {
  return profilesByPrefix(db, prefix).count();
}

/** One page of the profiles whose identifier starts with `prefix`, in identifier order. */
export function listProfilesByPrefix(db: RunlaneDb, prefix: string, offset: number, limit: number): Promise<Profile[]> {
  return profilesByPrefix(db, prefix).offset(offset).limit(limit).toArray();
}

export interface TextScanRequest {
  text: string;
  /** Continue after this key; null starts at the first profile. */
  afterKey: string | null;
  /** Stop after reading this many profiles. */
  maxScanned: number;
  /** Stop after finding this many matches. */
  maxMatches: number;
}

export interface TextScanResult {
  matches: Profile[];
  scannedCount: number;
  /** The key of the last profile read; null when nothing was read. */
  lastKey: string | null;
  /** True when the scan reached the last profile. */
  isComplete: boolean;
}

const TEXT_SCAN_BATCH_PROFILES = 500;

/**
 * Finds profiles whose identifier or any property value contains `text`, ignoring case. Numbers and
 * booleans match as they are stored ("1200", "true"). Reads at most `maxScanned` profiles from
 * `afterKey` on, in identifier order.
 */
export async function scanProfilesForText(db: RunlaneDb, request: TextScanRequest): Promise<TextScanResult> {
  const needle = request.text.trim().toLowerCase();
  const result: TextScanResult = { matches: [], scannedCount: 0, lastKey: null, isComplete: false };
  let afterKey = request.afterKey;

  while (result.scannedCount < request.maxScanned && result.matches.length < request.maxMatches) {
    const limit = Math.min(TEXT_SCAN_BATCH_PROFILES, request.maxScanned - result.scannedCount);
    const collection = afterKey === null ? db.profiles.toCollection() : db.profiles.where(':id').above(afterKey);
    const batch = await collection.limit(limit).toArray();
    let isMatchLimitReached = false;
    for (const profile of batch) {
      result.scannedCount += 1;
      result.lastKey = profile.key;
      if (profileContainsText(profile, needle)) result.matches.push(profile);
      isMatchLimitReached = result.matches.length >= request.maxMatches;
      if (isMatchLimitReached) break;
    }
    // A short batch means the store has no more profiles after it.
    if (!isMatchLimitReached && batch.length < limit) result.isComplete = true;
    if (isMatchLimitReached || result.isComplete) break;
    afterKey = result.lastKey;
  }
  return result;
}

/** `needle` is lower-cased already; '' matches every profile. */
export function profileContainsText(profile: Profile, needle: string): boolean {
  if (profile.identifier.toLowerCase().includes(needle)) return true;
  return Object.values(profile.properties).some((value) => valueText(value).toLowerCase().includes(needle));
}

function valueText(value: PropertyValue): string {
  return value === null ? '' : String(value);
}

// ---------------------------------------------------------------------------------------------------
// One profile

/** The run that last changed a profile, with its number and connection for a link. */
export interface LastChange {
  runId: number;
  /** Null when the run was deleted with its connection. */
  runNumber: number | null;
  connectionId: string | null;
  /** Null when the connection was deleted. */
  connectionName: string | null;
}

export interface ProfileView {
  profile: Profile;
  definitions: PropertyDefinition[];
  consentObjectives: ConsentObjective[];
  lastChange: LastChange | null;
}

export async function loadProfileView(db: RunlaneDb, key: string): Promise<ProfileView | null> {
  const profile = await db.profiles.get(key);
  if (!profile) return null;
  const [definitions, consentObjectives] = await Promise.all([listPropertyDefinitionsByLabel(db), db.consentObjectives.toArray()]);
  return { profile, definitions, consentObjectives, lastChange: await loadLastChange(db, profile) };
}

async function loadLastChange(db: RunlaneDb, profile: Profile): Promise<LastChange | null> {
  if (profile.lastRunId === null) return null;
  const run = await db.runs.get(profile.lastRunId);
  const connectionId = run?.connectionId ?? profile.lastConnectionId;
  const connection = connectionId ? await db.connections.get(connectionId) : undefined;
  return {
    runId: profile.lastRunId,
    runNumber: run?.number ?? null,
    connectionId: connection ? connection.id : null,
    connectionName: connection?.name ?? null,
  };
}

// ---------------------------------------------------------------------------------------------------
// Property definitions

export function listPropertyDefinitionsByLabel(db: RunlaneDb): Promise<PropertyDefinition[]> {
  return db.propertyDefinitions.toArray().then((definitions) => definitions.sort((a, b) => a.label.localeCompare(b.label)));
}

export interface PropertyDefinitionUse {
  definition: PropertyDefinition;
  /** Names of connections whose mapping imports the property. */
  connectionNames: string[];
}

/** Every property definition by label, with the connections that import it. */
export async function listPropertyDefinitionUses(db: RunlaneDb): Promise<PropertyDefinitionUse[]> {
  const [definitions, connections] = await Promise.all([listPropertyDefinitionsByLabel(db), db.connections.toArray()]);
  return definitions.map((definition) => ({
    definition,
    connectionNames: connections
      .filter((connection) => connection.settings.connector === 'csv-file' && connection.settings.mapping.some((entry) => entry.propertyId === definition.id))
      .map((connection) => connection.name)
      .sort((a, b) => a.localeCompare(b)),
  }));
}
