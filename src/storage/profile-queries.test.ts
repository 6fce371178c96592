import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Profile } from '../contract/model.ts';
import { RunlaneDb } from './db.ts';
import { countProfilesByPrefix, listProfilesByPrefix, loadProfileView, profileContainsText, scanProfilesForText } from './profile-queries.ts';

function makeProfile(identifier: string, properties: Profile['properties'] = {}, overrides: Partial<Profile> = {}): Profile {
  return {
    key: identifier.trim().toLowerCase(),
    identifier,
    properties,
    consent: {},
    createdAtMs: 0,
    updatedAtMs: 0,
    lastRunId: null,
    lastConnectionId: null,
    ...overrides,
  };
}

let db: RunlaneDb;

beforeEach(async () => {
  db = new RunlaneDb(`test-${crypto.randomUUID()}`);
  await db.profiles.bulkPut([
    makeProfile('ada@example.com', { city: 'Paris', points: 1200 }),
    makeProfile('Adam@Example.com', { city: 'Lyon', newsletter: true }),
    makeProfile('alan@example.com', { city: 'London' }),
    makeProfile('bob@example.com', { city: 'Parisot' }),
    makeProfile('carol@example.com', { city: 'Berlin' }),
  ]);
});

afterEach(async () => {
  await db.delete();
});

describe('identifier prefix search', () => {
  it('counts every profile for an empty prefix', async () => {
    expect(await countProfilesByPrefix(db, '')).toBe(5);
  });

  it('counts profiles by prefix ignoring case and spaces', async () => {
    expect(await countProfilesByPrefix(db, ' AD ')).toBe(2);
    expect(await countProfilesByPrefix(db, 'a')).toBe(3);
    expect(await countProfilesByPrefix(db, 'zed')).toBe(0);
  });

  it('lists a page in identifier order', async () => {
    const page = await listProfilesByPrefix(db, '', 1, 2);
    expect(page.map((profile) => profile.key)).toEqual(['adam@example.com', 'alan@example.com']);
  });

  it('lists a page within the prefix range', async () => {
    const page = await listProfilesByPrefix(db, 'ad', 1, 10);
    expect(page.map((profile) => profile.identifier)).toEqual(['Adam@Example.com']);
  });
});

describe('text scan', () => {
  it('finds text in property values and identifiers', async () => {
    const result = await scanProfilesForText(db, { text: 'PARIS', afterKey: null, maxScanned: 100, maxMatches: 100 });
    expect(result.matches.map((profile) => profile.key)).toEqual(['ada@example.com', 'bob@example.com']);
    expect(result.scannedCount).toBe(5);
    expect(result.isComplete).toBe(true);
  });

  it('matches numbers and booleans as stored', () => {
    expect(profileContainsText(makeProfile('x', { points: 1200 }), '120')).toBe(true);
    expect(profileContainsText(makeProfile('x', { newsletter: true }), 'true')).toBe(true);
    expect(profileContainsText(makeProfile('x', { newsletter: false }), 'true')).toBe(false);
  });

  it('stops after the scan bound and continues from the last key', async () => {
    const first = await scanProfilesForText(db, { text: 'on', afterKey: null, maxScanned: 2, maxMatches: 100 });
    expect(first.scannedCount).toBe(2);
    expect(first.lastKey).toBe('adam@example.com');
    expect(first.isComplete).toBe(false);
    expect(first.matches.map((profile) => profile.key)).toEqual(['adam@example.com']);

    const second = await scanProfilesForText(db, { text: 'on', afterKey: first.lastKey, maxScanned: 10, maxMatches: 100 });
    expect(second.scannedCount).toBe(3);
    expect(second.isComplete).toBe(true);
    expect(second.matches.map((profile) => profile.key)).toEqual(['alan@example.com']);
  });

  it('stops at the match bound', async () => {
    const result = await scanProfilesForText(db, { text: 'example', afterKey: null, maxScanned: 100, maxMatches: 2 });
    expect(result.matches).toHaveLength(2);
    expect(result.scannedCount).toBe(2);
    expect(result.isComplete).toBe(false);
  });

  it('reads more than one batch', async () => {
    await db.profiles.bulkPut(Array.from({ length: 1200 }, (_, index) => makeProfile(`z${String(index).padStart(4, '0')}@example.com`, { city: index % 100 === 0 ? 'Oslo' : 'Rome' })));
    const result = await scanProfilesForText(db, { text: 'oslo', afterKey: null, maxScanned: 10_000, maxMatches: 100 });
    expect(result.scannedCount).toBe(1205);
    expect(result.matches).toHaveLength(12);
    expect(result.isComplete).toBe(true);
  });
});

describe('loadProfileView', () => {
  it('returns the run number and connection of the last change', async () => {
    await db.connections.put({ id: 'c1', name: 'Nightly CRM import' } as never);
    const runId = await db.runs.add({ connectionId: 'c1', number: 3 } as never);
    await db.profiles.put(makeProfile('dan@example.com', {}, { lastRunId: runId, lastConnectionId: 'c1' }));
    const view = await loadProfileView(db, 'dan@example.com');
    expect(view?.lastChange).toEqual({ runId, runNumber: 3, connectionId: 'c1', connectionName: 'Nightly CRM import' });
  });

  it('reports a run of a deleted connection without a link', async () => {
    await db.profiles.put(makeProfile('eve@example.com', {}, { lastRunId: 99, lastConnectionId: 'gone' }));
    const view = await loadProfileView(db, 'eve@example.com');
    expect(view?.lastChange).toEqual({ runId: 99, runNumber: null, connectionId: null, connectionName: null });
  });

  it('returns null for an unknown key', async () => {
    expect(await loadProfileView(db, 'nobody')).toBeNull();
  });
});
