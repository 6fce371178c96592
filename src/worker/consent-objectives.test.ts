// Dexie reads the IndexedDB globals when it loads, so the fake ones must exist before any module imports it.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { AppError } from '../contract/errors.ts';
import { addConsentObjective, deleteConsentObjective, objectiveIdFromLabel, renameConsentObjective } from './consent-objectives.ts';
import { makeConnection, makeDb } from './test-helpers.ts';
import { makeCsvSettings } from './import/test-context.ts';

async function failureOf(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('consent objectives', () => {
  it('makes ids from labels and keeps them unique', async () => {
    const db = makeDb();
    expect(objectiveIdFromLabel('  E-mail Marketing! ')).toBe('e_mail_marketing');
    expect(await addConsentObjective(db, { label: 'Email marketing' })).toEqual({ id: 'email_marketing', label: 'Email marketing' });
    expect(await addConsentObjective(db, { label: 'Email  marketing!' })).toEqual({ id: 'email_marketing_2', label: 'Email marketing!' });
  });

  it('rejects a missing, duplicate or too long label', async () => {
    const db = makeDb();
    await addConsentObjective(db, { label: 'Profiling' });
    expect((await failureOf(addConsentObjective(db, { label: '  ' }))).message).toContain('Label is missing');
    expect((await failureOf(addConsentObjective(db, { label: 'PROFILING' }))).message).toBe('A consent objective named "Profiling" exists already. Use another name.');
    expect((await failureOf(addConsentObjective(db, { label: 'x'.repeat(81) }))).message).toBe('Label is 81 characters long; use at most 80.');
  });

  it('renames without changing the id', async () => {
    const db = makeDb();
    const objective = await addConsentObjective(db, { label: 'SMS' });
    expect(await renameConsentObjective(db, { id: objective.id, label: 'Text messages' })).toEqual({ id: 'sms', label: 'Text messages' });
  });

  it('refuses to delete an objective in use and names the connections', async () => {
    const db = makeDb();
    const objective = await addConsentObjective(db, { label: 'Email marketing' });
    await db.connections.put(makeConnection({ name: 'Newsletter import', settings: makeCsvSettings({ requiredConsent: objective.id }) }));
    const error = await failureOf(deleteConsentObjective(db, { id: objective.id }));
    expect(error.message).toBe('"Email marketing" is used by the connection "Newsletter import". Change its settings first, then delete it.');

    await db.connections.clear();
    await db.connections.put(
      makeConnection({
        name: 'Consent columns',
        settings: makeCsvSettings({ mapping: [{ column: 'optin', propertyId: '', isIdentifier: false, consentObjectiveId: objective.id }] }),
      }),
    );
    await failureOf(deleteConsentObjective(db, { id: objective.id }));

    await db.connections.clear();
    await deleteConsentObjective(db, { id: objective.id });
    expect(await db.consentObjectives.count()).toBe(0);
  });
});
