/**
 * Commands on property definitions: add one, rename one, and change a type after checking the values
 * the profile store already contains.
 *
 * A type change is blocked while any stored value does not fit the new type: the store then keeps one
 * rule, that every value fits its property's type, and nothing is cleared without the user seeing it.
 * The check reports the values that do not fit, so the user can correct them in the source and import
 * them again before retrying.
 */
import { AppError } from '../contract/errors.ts';
import type { Connection, Profile, PropertyDefinition, PropertyType } from '../contract/model.ts';
import { MAX_TYPE_CONFLICT_EXAMPLES, type PropertyTypeChangeRequest, type PropertyTypeCheck } from '../contract/api/profiles.ts';
import { describeExpectedValue, emptyTally, tallyTypeChange, type TypeChangeTally } from '../domain/property-type-change.ts';
import type { RunlaneDb } from '../storage/db.ts';

const PROPERTY_ID_PATTERN = /^[a-z][a-z0-9_]{0,63}$/;
const MAX_LABEL_LENGTH = 80;
const PROPERTY_TYPES: readonly PropertyType[] = ['text', 'number', 'date', 'boolean'];

/** Profiles read per step of a scan. Each step of a check is its own read transaction. */
export const SCAN_BATCH_PROFILES = 1000;

function invalid(message: string): AppError {
  return new AppError('invalid-input', message);
}

export async function createPropertyDefinition(db: RunlaneDb, request: PropertyDefinition): Promise<PropertyDefinition> {
  const id = request.id.trim();
  if (!PROPERTY_ID_PATTERN.test(id)) {
    throw invalid(`Property id "${id}" is invalid: use lower-case letters, digits and _, start with a letter, and use at most 64 characters.`);
  }
  const definition: PropertyDefinition = { id, label: checkLabel(request.label), type: checkType(request.type) };

  await db.transaction('rw', db.propertyDefinitions, async () => {
    if (await db.propertyDefinitions.get(id)) throw invalid(`Property "${id}" exists already. Pick another id.`);
    await assertLabelFree(db, definition.label, id);
    await db.propertyDefinitions.add(definition);
  });
  return definition;
}

export async function renamePropertyDefinition(db: RunlaneDb, request: { propertyId: string; label: string }): Promise<PropertyDefinition> {
  const label = checkLabel(request.label);
  return db.transaction('rw', db.propertyDefinitions, async () => {
    const definition = await requireDefinition(db, request.propertyId);
    await assertLabelFree(db, label, definition.id);
    await db.propertyDefinitions.update(definition.id, { label });
    return { ...definition, label };
  });
}

function checkLabel(label: string): string {
  const trimmed = label.trim();
  if (!trimmed) throw invalid('Label is missing: give the property a label, such as "First name".');
  if (trimmed.length > MAX_LABEL_LENGTH) throw invalid(`Label is ${trimmed.length} characters long; use at most ${MAX_LABEL_LENGTH}.`);
  return trimmed;
}

function checkType(type: PropertyType): PropertyType {
  if (!PROPERTY_TYPES.includes(type)) throw invalid(`Type "${String(type)}" is unknown: use text, number, date or boolean.`);
  return type;
}

/** Rejects a label another property uses, ignoring case, because a mapping could not distinguish the two. */
async function assertLabelFree(db: RunlaneDb, label: string, ownId: string): Promise<void> {
  const requested = label.toLowerCase();
  const other = (await db.propertyDefinitions.toArray()).find((entry) => entry.id !== ownId && entry.label.toLowerCase() === requested);
  if (other) throw invalid(`Label "${label}" is already used by property "${other.id}". Pick another label.`);
}

async function requireDefinition(db: RunlaneDb, propertyId: string): Promise<PropertyDefinition> {
  const definition = await db.propertyDefinitions.get(propertyId);
  if (!definition) throw new AppError('not-found', `Property "${propertyId}" does not exist. It may have been removed in another tab.`);
  return definition;
}

async function requireTypeChange(db: RunlaneDb, request: PropertyTypeChangeRequest): Promise<PropertyDefinition> {
  const definition = await requireDefinition(db, request.propertyId);
  checkType(request.type);
  if (definition.type === request.type) throw invalid(`Property "${definition.label}" already has the type ${request.type}.`);
  return definition;
}

// ---------------------------------------------------------------------------------------------------
// Changing a type

/** Reads every profile, one read transaction per batch, and reports how the values fare under the new type. */
export async function checkPropertyTypeChange(db: RunlaneDb, request: PropertyTypeChangeRequest): Promise<PropertyTypeCheck> {
  const definition = await requireTypeChange(db, request);
  const tally = emptyTally();
  let afterKey: string | null = null;
  for (;;) {
    const batch = await readProfileBatch(db, afterKey);
    if (batch.length === 0) break;
    tallyTypeChange(tally, batch, request.propertyId, request.type, request, MAX_TYPE_CONFLICT_EXAMPLES);
    afterKey = batch[batch.length - 1].key;
  }
  return toCheck(definition, request, tally, await findImportingConnections(db, request.propertyId));
}

/**
 * Converts every stored value and sets the new type in one transaction, so an import never reads half
 * a change. A value that does not fit aborts the transaction, leaving the store as it was.
 * NOTE: the transaction keeps every converted profile until it commits. For a store of a million
 * profiles of about 300 bytes that is an estimated 300 MB in the browser's storage process.
 */
export async function changePropertyType(db: RunlaneDb, request: PropertyTypeChangeRequest): Promise<PropertyTypeCheck> {
  return db.transaction('rw', [db.propertyDefinitions, db.profiles, db.runs, db.connections], async () => {
    const definition = await requireTypeChange(db, request);
    await assertNoRunInProgress(db);

    const tally = emptyTally();
    let afterKey: string | null = null;
    for (;;) {
      const batch = await readProfileBatch(db, afterKey);
      if (batch.length === 0) break;
      const changed = tallyTypeChange(tally, batch, request.propertyId, request.type, request, MAX_TYPE_CONFLICT_EXAMPLES);
      // After the first conflict the transaction is going to abort, so writing more would be wasted.
      if (tally.conflictCount === 0 && changed.length > 0) await db.profiles.bulkPut(changed);
      afterKey = batch[batch.length - 1].key;
    }

    if (tally.conflictCount > 0) throw conflictError(definition, request, tally);
    await db.propertyDefinitions.update(definition.id, { type: request.type });
    return toCheck(definition, request, tally, await findImportingConnections(db, request.propertyId));
  });
}

function readProfileBatch(db: RunlaneDb, afterKey: string | null): Promise<Profile[]> {
  const collection = afterKey === null ? db.profiles.toCollection() : db.profiles.where(':id').above(afterKey);
  return collection.limit(SCAN_BATCH_PROFILES).toArray();
}

/** Rejects the change while a run is running, because it parsed its rows with the old type and would keep writing such values. */
async function assertNoRunInProgress(db: RunlaneDb): Promise<void> {
  const run = await db.runs.where('state').anyOf('running', 'stopping').first();
  if (!run) return;
  const connection = await db.connections.get(run.connectionId);
  const name = connection ? `"${connection.name}"` : 'a deleted connection';
  throw new AppError(
    'run-in-progress',
    `Run #${run.number} of ${name} is running. Change the type after it has ended, so that it does not write values of the old type.`,
  );
}

function conflictError(definition: PropertyDefinition, request: PropertyTypeChangeRequest, tally: TypeChangeTally): AppError {
  const values = tally.conflictCount === 1 ? '1 stored value' : `${tally.conflictCount.toLocaleString('en-US')} stored values`;
  const verb = tally.conflictCount === 1 ? 'does' : 'do';
  return new AppError(
    'property-type-conflict',
    `${values} of "${definition.label}" ${verb} not fit the type ${request.type} (expected ${describeExpectedValue(request.type, request)}), ` +
      'so the type was not changed and no value was touched. Check the values again to see them.',
  );
}

async function findImportingConnections(db: RunlaneDb, propertyId: string): Promise<string[]> {
  const connections: Connection[] = await db.connections.toArray();
  return connections
    .filter((connection) => connection.settings.connector === 'csv-file' && connection.settings.mapping.some((entry) => entry.propertyId === propertyId))
    .map((connection) => connection.name)
    .sort((a, b) => a.localeCompare(b));
}

function toCheck(definition: PropertyDefinition, request: PropertyTypeChangeRequest, tally: TypeChangeTally, connectionNames: string[]): PropertyTypeCheck {
  return {
    propertyId: definition.id,
    fromType: definition.type,
    toType: request.type,
    profileCount: tally.profileCount,
    valueCount: tally.valueCount,
    fittingCount: tally.fittingCount,
    conflictCount: tally.conflictCount,
    examples: tally.examples,
    expected: describeExpectedValue(request.type, request),
    connectionNames,
  };
}
