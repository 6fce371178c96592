/** Commands on the consent objectives defined in the settings. */
import { MAX_CONSENT_LABEL_LENGTH } from '../contract/api/consent.ts';
import { AppError } from '../contract/errors.ts';
import type { Connection, ConsentObjective } from '../contract/model.ts';
import type { RunlaneDb } from '../storage/db.ts';

function invalid(message: string): AppError {
  return new AppError('invalid-input', message);
}

/** Maximum length of an id made from a label, in characters. */
const MAX_ID_LENGTH = 64;

/** Returns an id made from a label: "Email marketing" becomes "email_marketing". */
export function objectiveIdFromLabel(label: string): string {
  const id = label
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, MAX_ID_LENGTH);
  return id === '' ? 'consent' : id;
}

function checkLabel(label: string, objectives: readonly ConsentObjective[], exceptId: string | null): string {
  const trimmed = label.trim().replace(/\s+/g, ' ');
  if (trimmed === '') throw invalid('Label is missing: name the purpose, for example "Email marketing".');
  if (trimmed.length > MAX_CONSENT_LABEL_LENGTH) throw invalid(`Label is ${trimmed.length} characters long; use at most ${MAX_CONSENT_LABEL_LENGTH}.`);
  const taken = objectives.find((objective) => objective.id !== exceptId && objective.label.toLowerCase() === trimmed.toLowerCase());
  if (taken) throw invalid(`A consent objective named "${taken.label}" exists already. Use another name.`);
  return trimmed;
}

export async function addConsentObjective(db: RunlaneDb, { label }: { label: string }): Promise<ConsentObjective> {
  return db.transaction('rw', db.consentObjectives, async () => {
    const objectives = await db.consentObjectives.toArray();
    const checked = checkLabel(label, objectives, null);
    const base = objectiveIdFromLabel(checked);
    const ids = new Set(objectives.map((objective) => objective.id));
    let id = base;
    for (let suffix = 2; ids.has(id); suffix++) id = `${base}_${suffix}`;
    const objective: ConsentObjective = { id, label: checked };
    await db.consentObjectives.add(objective);
    return objective;
  });
}

export async function renameConsentObjective(db: RunlaneDb, { id, label }: { id: string; label: string }): Promise<ConsentObjective> {
  return db.transaction('rw', db.consentObjectives, async () => {
    const objectives = await db.consentObjectives.toArray();
    if (!objectives.some((objective) => objective.id === id)) throw new AppError('not-found', `Consent objective "${id}" does not exist; it may have been deleted in another tab.`);
    const objective: ConsentObjective = { id, label: checkLabel(label, objectives, id) };
    await db.consentObjectives.put(objective);
    return objective;
  });
}

/** Refuses to delete an objective that a connection requires or maps a column to, naming those connections. */
export async function deleteConsentObjective(db: RunlaneDb, { id }: { id: string }): Promise<void> {
  await db.transaction('rw', db.consentObjectives, db.connections, async () => {
    const objective = await db.consentObjectives.get(id);
    if (!objective) return;
    const users = (await db.connections.toArray()).filter((connection) => usesObjective(connection, id));
    if (users.length > 0) {
      const names = users.map((connection) => `"${connection.name}"`).join(', ');
      throw invalid(`"${objective.label}" is used by ${users.length === 1 ? 'the connection' : 'the connections'} ${names}. Change ${users.length === 1 ? 'its' : 'their'} settings first, then delete it.`);
    }
    await db.consentObjectives.delete(id);
  });
}

/** True when the connection requires the objective or maps a column to it, whatever its connector. */
export function usesObjective(connection: Connection, id: string): boolean {
  const settings = connection.settings as { requiredConsent?: unknown; mapping?: unknown };
  if (settings.requiredConsent === id) return true;
  if (!Array.isArray(settings.mapping)) return false;
  return settings.mapping.some((entry: { consentObjectiveId?: unknown }) => entry.consentObjectiveId === id);
}
