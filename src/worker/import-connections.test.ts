import { describe, expect, it } from 'vitest';
import { AppError } from '../contract/errors.ts';
import type { JsonFileImportSettings } from '../contract/model.ts';
import { checkImportSettings, keepFileSource } from './import-connections.ts';
import { makeCsvSettings } from './import/test-context.ts';

const OBJECTIVES = [{ id: 'email_marketing', label: 'Email marketing' }];

function messageOf(action: () => void): string {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return (error as AppError).message;
  }
  throw new Error('expected an AppError');
}

const JSON_SETTINGS: JsonFileImportSettings = {
  connector: 'json-file',
  fileName: 'customers.json',
  source: 'stored',
  encoding: 'utf-8',
  layout: 'array',
  numberFormat: '1,234.5',
  emptyCellsClear: false,
  mapping: [{ column: 'email', propertyId: 'email', isIdentifier: true }],
  headers: ['email'],
  requiredConsent: null,
};

describe('checkImportSettings', () => {
  it('matches the file to its source', () => {
    expect(messageOf(() => checkImportSettings(JSON_SETTINGS, OBJECTIVES, null))).toBe('No file was picked: choose a JSON file to import.');
    const handle = { kind: 'file', name: 'customers.json' } as unknown as FileSystemFileHandle;
    expect(messageOf(() => checkImportSettings(JSON_SETTINGS, OBJECTIVES, handle))).toBe('Pick the JSON file to keep a copy of it in this browser.');
    expect(messageOf(() => checkImportSettings({ ...JSON_SETTINGS, source: 'linked' }, OBJECTIVES, new Blob(['[]'])))).toContain('Link the JSON file');
    checkImportSettings({ ...JSON_SETTINGS, source: 'linked' }, OBJECTIVES, handle);
    checkImportSettings(JSON_SETTINGS, OBJECTIVES, new Blob(['[]']));
  });

  it('checks consent columns and the required consent', () => {
    const consentColumn = { column: 'optin', propertyId: '', isIdentifier: false, consentObjectiveId: 'email_marketing' };
    checkImportSettings(makeCsvSettings({ mapping: [...makeCsvSettings().mapping, consentColumn], requiredConsent: 'email_marketing' }), OBJECTIVES);
    expect(messageOf(() => checkImportSettings(makeCsvSettings({ requiredConsent: 'sms' }), OBJECTIVES))).toBe(
      'The required consent objective "sms" does not exist. Choose one from the list, or none.',
    );
    expect(messageOf(() => checkImportSettings(makeCsvSettings({ mapping: [consentColumn, { ...consentColumn, column: 'optin2' }] }), OBJECTIVES))).toContain(
      'Consent for "Email marketing" is set from two columns',
    );
    expect(messageOf(() => checkImportSettings(makeCsvSettings({ mapping: [{ ...consentColumn, isIdentifier: true }] }), OBJECTIVES))).toContain('cannot be the identifier');
  });

  it('rejects a mapped column without a name', () => {
    const settings = makeCsvSettings({
      headers: ['email', '', 'name'],
      mapping: [...makeCsvSettings().mapping.slice(0, 2), { column: '', propertyId: 'p_', isIdentifier: false }],
    });
    expect(messageOf(() => checkImportSettings(settings, OBJECTIVES))).toBe(
      'Column 2, which has no name, is mapped. Columns without a name are not imported: set it to "Don\'t import", or name the column in the file and pick it again.',
    );
    checkImportSettings({ ...settings, mapping: makeCsvSettings().mapping.slice(0, 2) }, OBJECTIVES);
  });

  it('keeps the file source of a stored connection on update', () => {
    const before = { ...JSON_SETTINGS, source: 'linked' as const, fileName: 'linked.json' };
    expect(keepFileSource(before, { ...JSON_SETTINGS, source: 'stored', fileName: 'other.json', emptyCellsClear: true })).toEqual({
      ...JSON_SETTINGS,
      source: 'linked',
      fileName: 'linked.json',
      emptyCellsClear: true,
    });
  });
});
