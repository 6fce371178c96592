import { describe, expect, it } from 'vitest';
import type { Profile } from '../../contract/model.ts';
import { makeDb } from '../test-helpers.ts';
import { csvCell, exportProfiles } from './profile-export.ts';

const NOW_MS = Date.parse('2026-03-05T10:00:00Z');

function profile(key: string, properties: Profile['properties'], consent: Profile['consent'] = {}): Profile {
  return { key, identifier: key.toUpperCase(), properties, consent, createdAtMs: NOW_MS, updatedAtMs: NOW_MS + 1000, lastRunId: 1, lastConnectionId: 'c1' };
}

async function seedStore() {
  const db = makeDb();
  await db.propertyDefinitions.bulkAdd([
    { id: 'email', label: 'Email', type: 'text' },
    { id: 'points', label: 'Points', type: 'number' },
  ]);
  await db.consentObjectives.add({ id: 'email-marketing', label: 'Email marketing' });
  const profiles = [
    profile('c@example.com', { email: 'c@example.com', points: 3, city: 'Utrecht, NL' }),
    profile('a@example.com', { email: 'a@example.com', points: null }, { 'email-marketing': true }),
    profile('b@example.com', { email: 'b@example.com', note: 'said "hi"\nthen left' }, { 'email-marketing': false }),
  ];
  await db.profiles.bulkAdd(profiles);
  return { db, profiles };
}

describe('exportProfiles', () => {
  it('writes one JSON line per profile in key order, across batches', async () => {
    const { db, profiles } = await seedStore();

    const result = await exportProfiles(db, { format: 'jsonl', nowMs: NOW_MS, batchSize: 2 });

    expect(result.fileName).toBe('runlane-profiles-2026-03-05.jsonl');
    expect(result.profileCount).toBe(3);
    const lines = (await result.blob.text()).split('\n');
    expect(lines.at(-1)).toBe('');
    expect(lines.slice(0, -1).map((line) => JSON.parse(line))).toEqual([profiles[1], profiles[2], profiles[0]]);
  });

  it('writes CSV with definitions, found properties and consent columns', async () => {
    const { db } = await seedStore();

    const result = await exportProfiles(db, { format: 'csv', nowMs: NOW_MS, batchSize: 2 });

    expect(result.fileName).toBe('runlane-profiles-2026-03-05.csv');
    expect(await result.blob.text()).toBe(
      [
        'identifier,email,points,note,city,consent:email-marketing,createdAt,updatedAt',
        'A@EXAMPLE.COM,a@example.com,,,,true,2026-03-05T10:00:00.000Z,2026-03-05T10:00:01.000Z',
        'B@EXAMPLE.COM,b@example.com,,"said ""hi""\nthen left",,false,2026-03-05T10:00:00.000Z,2026-03-05T10:00:01.000Z',
        'C@EXAMPLE.COM,c@example.com,3,,"Utrecht, NL",,2026-03-05T10:00:00.000Z,2026-03-05T10:00:01.000Z',
        '',
      ].join('\r\n'),
    );
  });

  it('exports an empty store as a header line', async () => {
    const db = makeDb();

    const result = await exportProfiles(db, { format: 'csv', nowMs: NOW_MS });

    expect(result.profileCount).toBe(0);
    expect(await result.blob.text()).toBe('identifier,createdAt,updatedAt\r\n');
  });
});

describe('csvCell', () => {
  it('quotes only cells that need it', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "x"')).toBe('"say ""x"""');
    expect(csvCell(12.5)).toBe('12.5');
    expect(csvCell(false)).toBe('false');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
  });
});
