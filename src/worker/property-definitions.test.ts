import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../contract/errors.ts';
import type { Profile, PropertyValue } from '../contract/model.ts';
import type { PropertyTypeChangeRequest } from '../contract/api/profiles.ts';
import type { RunlaneDb } from '../storage/db.ts';
import { makeConnection, makeDb } from './test-helpers.ts';
import { changePropertyType, checkPropertyTypeChange, createPropertyDefinition, renamePropertyDefinition, SCAN_BATCH_PROFILES } from './property-definitions.ts';

function makeProfile(index: number, points?: PropertyValue): Profile {
  const identifier = `customer${String(index).padStart(6, '0')}@example.com`;
  return {
    key: identifier,
    identifier,
    properties: points === undefined ? { email: identifier } : { email: identifier, points },
    consent: {},
    createdAtMs: 0,
    updatedAtMs: 0,
    lastRunId: null,
    lastConnectionId: null,
  };
}

function toNumber(overrides: Partial<PropertyTypeChangeRequest> = {}): PropertyTypeChangeRequest {
  return { propertyId: 'points', type: 'number', numberFormat: '1,234.5', dateFormat: 'YYYY-MM-DD', ...overrides };
}

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

let db: RunlaneDb;

beforeEach(async () => {
  db = makeDb();
  await db.propertyDefinitions.bulkPut([
    { id: 'email', label: 'Email', type: 'text' },
    { id: 'points', label: 'Loyalty points', type: 'text' },
  ]);
});

afterEach(async () => {
  await db.delete();
});

describe('createPropertyDefinition', () => {
  it('adds a definition with a trimmed label', async () => {
    await createPropertyDefinition(db, { id: 'postal_code2', label: ' Postal code ', type: 'text' });
    expect(await db.propertyDefinitions.get('postal_code2')).toEqual({ id: 'postal_code2', label: 'Postal code', type: 'text' });
  });

  it.each(['Postal', 'postal-code', '2fa', '_x', 'a'.repeat(65), ''])('rejects id %j', async (id) => {
    const error = await rejection(createPropertyDefinition(db, { id, label: 'Postal', type: 'text' }));
    expect(error.code).toBe('invalid-input');
    expect(error.message).toContain('use lower-case letters, digits and _');
  });

  it('rejects an id in use', async () => {
    const error = await rejection(createPropertyDefinition(db, { id: 'email', label: 'Mail', type: 'text' }));
    expect(error.message).toBe('Property "email" exists already. Pick another id.');
  });

  it('rejects a label in use, ignoring case', async () => {
    const error = await rejection(createPropertyDefinition(db, { id: 'mail', label: 'EMAIL', type: 'text' }));
    expect(error.message).toBe('Label "EMAIL" is already used by property "email". Pick another label.');
  });

  it('rejects a missing label', async () => {
    const error = await rejection(createPropertyDefinition(db, { id: 'mail', label: '  ', type: 'text' }));
    expect(error.message).toContain('Label is missing');
  });
});

describe('renamePropertyDefinition', () => {
  it('changes the label and keeps id and type', async () => {
    await renamePropertyDefinition(db, { propertyId: 'points', label: 'Points' });
    expect(await db.propertyDefinitions.get('points')).toEqual({ id: 'points', label: 'Points', type: 'text' });
  });

  it('keeps its own label in another case', async () => {
    await renamePropertyDefinition(db, { propertyId: 'email', label: 'EMAIL' });
    expect((await db.propertyDefinitions.get('email'))?.label).toBe('EMAIL');
  });

  it('rejects an unknown property', async () => {
    const error = await rejection(renamePropertyDefinition(db, { propertyId: 'nope', label: 'Nope' }));
    expect(error.code).toBe('not-found');
  });
});

describe('checkPropertyTypeChange', () => {
  it('reports conflicts with examples over several batches and writes nothing', async () => {
    const count = SCAN_BATCH_PROFILES * 2 + 500;
    // Every even profile has a number as text, and profiles 7, 1007 and 2007 have "forty".
    const points = (index: number): string | undefined => {
      if (index % 1000 === 7) return 'forty';
      if (index % 2 === 0) return String(index);
      return undefined;
    };
    await db.profiles.bulkPut(Array.from({ length: count }, (_, index) => makeProfile(index, points(index))));
    await db.connections.put(
      makeConnection({
        name: 'Nightly CRM import',
        settings: {
          connector: 'csv-file',
          fileName: 'customers.csv',
          encoding: 'utf-8',
          delimiter: 'auto',
          numberFormat: '1,234.5',
          emptyCellsClear: false,
          headers: ['email', 'points'],
          mapping: [
            { column: 'email', propertyId: 'email', isIdentifier: true },
            { column: 'points', propertyId: 'points', isIdentifier: false },
          ],
        },
      }),
    );

    const check = await checkPropertyTypeChange(db, toNumber());

    expect(check.profileCount).toBe(2500);
    expect(check.valueCount).toBe(1253);
    expect(check.conflictCount).toBe(3);
    expect(check.fittingCount).toBe(1250);
    expect(check.examples).toEqual([
      { profileKey: 'customer000007@example.com', identifier: 'customer000007@example.com', value: 'forty' },
      { profileKey: 'customer001007@example.com', identifier: 'customer001007@example.com', value: 'forty' },
      { profileKey: 'customer002007@example.com', identifier: 'customer002007@example.com', value: 'forty' },
    ]);
    expect(check.expected).toBe('a number like 1,234.5');
    expect(check.connectionNames).toEqual(['Nightly CRM import']);
    expect((await db.profiles.get('customer000002@example.com'))?.properties.points).toBe('2');
  });

  it('rejects the current type', async () => {
    const error = await rejection(checkPropertyTypeChange(db, toNumber({ type: 'text' })));
    expect(error.message).toBe('Property "Loyalty points" already has the type text.');
  });
});

describe('changePropertyType', () => {
  it('converts every value and sets the type when all fit', async () => {
    await db.profiles.bulkPut([makeProfile(1, '1,200'), makeProfile(2, '7'), makeProfile(3)]);

    const result = await changePropertyType(db, toNumber());

    expect(result.fittingCount).toBe(2);
    expect((await db.propertyDefinitions.get('points'))?.type).toBe('number');
    expect((await db.profiles.get('customer000001@example.com'))?.properties.points).toBe(1200);
    expect((await db.profiles.get('customer000002@example.com'))?.properties.points).toBe(7);
    expect((await db.profiles.get('customer000003@example.com'))?.properties).toEqual({ email: 'customer000003@example.com' });
  });

  it('changes nothing when a value after the first batch does not fit', async () => {
    const count = SCAN_BATCH_PROFILES + 10;
    await db.profiles.bulkPut(Array.from({ length: count }, (_, index) => makeProfile(index, index === count - 1 ? 'forty' : '5')));

    const error = await rejection(changePropertyType(db, toNumber()));

    expect(error.code).toBe('property-type-conflict');
    expect(error.message).toBe(
      '1 stored value of "Loyalty points" does not fit the type number (expected a number like 1,234.5), so the type was not changed and no value was touched. Check the values again to see them.',
    );
    expect((await db.propertyDefinitions.get('points'))?.type).toBe('text');
    expect((await db.profiles.get('customer000000@example.com'))?.properties.points).toBe('5');
  });

  it('waits for a running run to end', async () => {
    const connection = makeConnection({ name: 'Nightly CRM import' });
    await db.connections.put(connection);
    await db.runs.add({ connectionId: connection.id, number: 4, state: 'running' } as never);

    const error = await rejection(changePropertyType(db, toNumber()));

    expect(error.code).toBe('run-in-progress');
    expect(error.message).toBe(
      'Run #4 of "Nightly CRM import" is running. Change the type after it has ended, so that it does not write values of the old type.',
    );
    expect((await db.propertyDefinitions.get('points'))?.type).toBe('text');
  });

  it('turns numbers into text', async () => {
    await db.propertyDefinitions.put({ id: 'points', label: 'Loyalty points', type: 'number' });
    await db.profiles.bulkPut([makeProfile(1, 1200.5)]);
    await changePropertyType(db, toNumber({ type: 'text' }));
    expect((await db.profiles.get('customer000001@example.com'))?.properties.points).toBe('1200.5');
  });
});
