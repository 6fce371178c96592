/**
 * Restores a checked backup. The restore only adds: connections whose id is new here (switched OFF),
 * property definitions and consent objectives whose id is new here, and the backup's retention limits.
 * Stored records with the same id stay as they are, so restoring one file twice adds nothing twice.
 */
import type { BackupPreview, RestoreResult } from '../../contract/api/settings.ts';
import type { Connection, ConsentObjective, PropertyDefinition } from '../../contract/model.ts';
import type { RunlaneDb } from '../../storage/db.ts';
import type { BackupConnection, BackupFile } from './backup-format.ts';
import { readRetentionPolicy, writeRetentionPolicy } from './retention-policy.ts';

interface RestorePlan {
  preview: BackupPreview;
  connections: BackupConnection[];
  propertyDefinitions: PropertyDefinition[];
  consentObjectives: ConsentObjective[];
}

/** Works out what a restore would add, against what is stored now. Call inside a transaction that reads those tables. */
export async function planRestore(db: RunlaneDb, backup: BackupFile): Promise<RestorePlan> {
  const notes: string[] = [];
  const storedConnectionIds = new Set((await db.connections.toCollection().primaryKeys()) as string[]);
  const connections = backup.connections.filter((connection) => !storedConnectionIds.has(connection.id));
  const present = backup.connections.filter((connection) => storedConnectionIds.has(connection.id));
  const propertyDefinitions = planPropertyDefinitions(await db.propertyDefinitions.toArray(), backup.propertyDefinitions, notes);
  const storedObjectiveIds = new Set((await db.consentObjectives.toCollection().primaryKeys()) as string[]);
  const consentObjectives = backup.consentObjectives.filter((objective) => !storedObjectiveIds.has(objective.id));

  for (const connection of connections) notes.push(...describeLeftOut(connection));
  if (present.length > 0) {
    const presentText = present.length === 1 ? 'One connection of the backup already exists here with the same id and stays as it is' : `${present.length} connections of the backup already exist here with the same id and stay as they are`;
    notes.push(`${presentText}. Delete a connection first to restore it from the backup.`);
  }
  if (backup.includesRequestHeaders) notes.push('This backup file contains request header values, which are secrets: keep it somewhere safe, or delete it.');
  return {
    preview: {
      createdAtMs: backup.createdAtMs,
      connectionsToAdd: connections.map((connection) => connection.name),
      connectionsPresent: present.map((connection) => connection.name),
      propertyDefinitionsToAdd: propertyDefinitions.map((definition) => definition.label),
      consentObjectivesToAdd: consentObjectives.map((objective) => objective.label),
      notes,
    },
    connections,
    propertyDefinitions,
    consentObjectives,
  };
}

/**
 * Keeps stored definitions as they are and adds the others. Labels are unique ignoring case, so an added
 * definition whose label is taken gets its id after the label.
 */
function planPropertyDefinitions(stored: PropertyDefinition[], incoming: PropertyDefinition[], notes: string[]): PropertyDefinition[] {
  const storedById = new Map(stored.map((definition) => [definition.id, definition]));
  const takenLabels = new Set(stored.map((definition) => definition.label.toLowerCase()));
  const added: PropertyDefinition[] = [];
  for (const definition of incoming) {
    const existing = storedById.get(definition.id);
    if (existing) {
      if (existing.type !== definition.type) {
        notes.push(`Property "${existing.label}" (${existing.id}) keeps its type ${existing.type}; the backup has it as ${definition.type}. Runs of restored connections read it as ${existing.type}.`);
      }
      continue;
    }
    let label = definition.label;
    if (takenLabels.has(label.toLowerCase())) {
      label = `${definition.label} (${definition.id})`;
      notes.push(`Property ${definition.id} is added with the label "${label}", because another property is labelled "${definition.label}".`);
    }
    takenLabels.add(label.toLowerCase());
    added.push({ ...definition, label });
  }
  return added;
}

function describeLeftOut(connection: BackupConnection): string[] {
  const notes: string[] = [];
  const file = connection.leftOutFile;
  const fileName = file?.name ? ` "${file.name}"` : '';
  if (file?.kind === 'stored-file') notes.push(`"${connection.name}": pick the file${fileName} again on the connection's page before switching it ON; backups do not contain files.`);
  if (file?.kind === 'linked-file') notes.push(`"${connection.name}": link the file${fileName} on this device again on the connection's page before switching it ON; links to device files are not in backups.`);
  if (file?.kind === 'linked-folder') notes.push(`"${connection.name}": pick the folder${fileName} again on the connection's page before switching it ON; access to device folders is not in backups.`);
  for (const headers of connection.leftOutHeaders) {
    notes.push(`"${connection.name}": enter the values of the request headers ${headers.names.join(', ')} (${headers.path}) again; the backup left them out.`);
  }
  return notes;
}

/** Adds what `planRestore` lists, in one transaction, and returns the ids of the added connections. */
export async function applyRestore(db: RunlaneDb, backup: BackupFile, nowMs: number): Promise<RestoreResult> {
  return db.transaction('rw', [db.connections, db.propertyDefinitions, db.consentObjectives, db.overrides, db.meta], async () => {
    const plan = await planRestore(db, backup);
    await db.propertyDefinitions.bulkAdd(plan.propertyDefinitions);
    await db.consentObjectives.bulkAdd(plan.consentObjectives);
    await db.connections.bulkAdd(plan.connections.map((connection) => toConnection(connection, nowMs)));
    for (const connection of plan.connections) {
      await db.overrides.bulkPut(connection.dueTimeOverrides.map((override) => ({ ...override, connectionId: connection.id })));
    }
    const policy = await readRetentionPolicy(db);
    policy.defaults = { ...backup.settings.retentionDefaults };
    for (const connection of plan.connections) {
      if (connection.retention) policy.byConnection[connection.id] = { ...connection.retention };
    }
    await writeRetentionPolicy(db, policy);
    return { ...plan.preview, addedConnectionIds: plan.connections.map((connection) => connection.id) };
  });
}

/** Builds the restored connection: OFF, with no runs yet, no stored file and no handle to a picked folder. */
function toConnection(connection: BackupConnection, nowMs: number): Connection {
  const settings = connection.settings.connector === 'file-export' ? { ...connection.settings, directoryHandleId: null } : connection.settings;
  return {
    id: connection.id,
    name: connection.name,
    description: connection.description,
    direction: connection.direction,
    settings,
    schedule: connection.schedule,
    enabled: false,
    scheduleMarkMs: null,
    nextRunNumber: 1,
    timeLimitMs: connection.timeLimitMs,
    maxRetries: connection.maxRetries,
    catchUp: connection.catchUp,
    notifications: connection.notifications,
    createdAtMs: connection.createdAtMs,
    updatedAtMs: nowMs,
  };
}
