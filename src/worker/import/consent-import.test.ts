// Dexie reads the IndexedDB globals when it loads, so the fake ones must exist before any module imports it.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { AppError } from '../../contract/errors.ts';
import type { ColumnMapping, CsvImportSettings } from '../../contract/model.ts';
import { isConsistent, type Counters } from '../../domain/counters.ts';
import { runCsvImport } from './import-pipeline.ts';
import { countStoredFingerprints, createImportFixture, readLogMessages, readProfiles, readRun, startRun, storeFile, type ImportFixture } from './test-context.ts';

function counters(values: Partial<Counters>): Counters {
  return { checked: 0, added: 0, updated: 0, unchanged: 0, skipped: 0, failed: 0, blocked: 0, ...values };
}

const EMAIL_MARKETING = { id: 'email_marketing', label: 'Email marketing' };

const CONSENT_MAPPING: ColumnMapping[] = [
  { column: 'email', propertyId: 'email', isIdentifier: true },
  { column: 'age', propertyId: 'age', isIdentifier: false },
  { column: 'optin', propertyId: '', isIdentifier: false, consentObjectiveId: EMAIL_MARKETING.id },
];

async function createConsentFixture(settings: Partial<CsvImportSettings> = {}): Promise<ImportFixture> {
  const fixture = await createImportFixture({ settings: { mapping: CONSENT_MAPPING, requiredConsent: EMAIL_MARKETING.id, ...settings } });
  await fixture.db.consentObjectives.put(EMAIL_MARKETING);
  return fixture;
}

async function importCsv(fixture: ImportFixture, content: string, trigger: 'manual' | 'test' = 'manual'): Promise<{ counters: Counters; messages: string[] }> {
  await storeFile(fixture, content);
  const { context, runId } = await startRun(fixture, { trigger });
  await runCsvImport(context);
  return { counters: (await readRun(fixture, runId)).counters, messages: await readLogMessages(fixture, runId) };
}

function csvLines(...lines: string[]): string {
  return `${lines.join('\n')}\n`;
}

describe('runCsvImport with required consent', () => {
  it('blocks rows whose profile lacks consent and counts them as Checked', async () => {
    const fixture = await createConsentFixture();
    const { counters: result, messages } = await importCsv(
      fixture,
      csvLines('email,age,optin', 'a@x.org,1,yes', 'b@x.org,2,no', 'c@x.org,3,', 'd@x.org,x,yes', 'e@x.org,5,maybe'),
    );
    expect(result).toEqual(counters({ checked: 5, added: 1, failed: 2, blocked: 2 }));
    expect(isConsistent(result)).toBe(true);
    expect(messages).toContain('This connection requires consent for "Email marketing": rows whose profile has not agreed to it are Blocked.');
    expect(messages).toContain('Line 3 was Blocked: its profile has not agreed to "Email marketing", which this connection requires, so the row was not applied.');
    expect(messages).toContain('Line 4 was Blocked: its profile has not agreed to "Email marketing", which this connection requires, so the row was not applied.');
    expect(messages).toContain('Line 6, column "optin": "maybe" is not a true/false value (expected true/false, yes/no, y/n, 1/0 or on/off).');
    expect(messages).toContain('2 rows were Blocked; the next run evaluates them again.');
    expect(await fixture.db.profiles.count()).toBe(1);
    expect(await countStoredFingerprints(fixture)).toBe(1);
  });

  it('checks type errors before consent', async () => {
    const fixture = await createConsentFixture();
    const { counters: result } = await importCsv(fixture, csvLines('email,age,optin', 'a@x.org,forty,no'));
    expect(result).toEqual(counters({ checked: 1, failed: 1 }));
  });

  it('stores the consent a row sets and uses stored consent for later rows', async () => {
    const fixture = await createConsentFixture();
    await importCsv(fixture, csvLines('email,age,optin', 'a@x.org,1,yes'));
    expect((await readProfiles(fixture)).get('a@x.org')?.consent).toEqual({ email_marketing: true });
    const { counters: result } = await importCsv(fixture, csvLines('email,age,optin', 'a@x.org,2,', 'A@x.org,3,'));
    expect(result).toEqual(counters({ checked: 2, updated: 2 }));
  });

  it('blocks a row that withdraws consent and keeps the stored profile', async () => {
    const fixture = await createConsentFixture();
    await importCsv(fixture, csvLines('email,age,optin', 'a@x.org,1,yes'));
    const { counters: result } = await importCsv(fixture, csvLines('email,age,optin', 'a@x.org,9,no'));
    expect(result).toEqual(counters({ checked: 1, blocked: 1 }));
    const profile = (await readProfiles(fixture)).get('a@x.org');
    expect(profile?.properties.age).toBe(1);
    expect(profile?.consent).toEqual({ email_marketing: true });
  });

  it('evaluates Blocked rows again on the next run', async () => {
    const fixture = await createConsentFixture({ mapping: CONSENT_MAPPING.slice(0, 2) });
    const content = csvLines('email,age', 'a@x.org,1', 'b@x.org,2');
    expect((await importCsv(fixture, content)).counters).toEqual(counters({ checked: 2, blocked: 2 }));

    // Consent arrives from elsewhere; the unchanged file is now applied instead of Skipped.
    const stored = { key: 'a@x.org', identifier: 'a@x.org', properties: {}, consent: { email_marketing: true }, createdAtMs: 0, updatedAtMs: 0, lastRunId: null, lastConnectionId: null };
    await fixture.db.profiles.put(stored);
    expect((await importCsv(fixture, content)).counters).toEqual(counters({ checked: 2, updated: 1, blocked: 1 }));
  });

  it('counts the same on a test run and writes nothing', async () => {
    const fixture = await createConsentFixture();
    const { counters: result } = await importCsv(fixture, csvLines('email,age,optin', 'a@x.org,1,yes', 'a@x.org,2,', 'b@x.org,2,'), 'test');
    expect(result).toEqual(counters({ checked: 3, added: 1, updated: 1, blocked: 1 }));
    expect(await fixture.db.profiles.count()).toBe(0);
  });

  it('caps repeated Blocked lines in the log', async () => {
    const fixture = await createConsentFixture({ mapping: CONSENT_MAPPING.slice(0, 2) });
    const rows = Array.from({ length: 1005 }, (_, i) => `p${i}@x.org,${i}`);
    const { context, runId } = await startRun(fixture);
    await storeFile(fixture, csvLines('email,age', ...rows));
    await runCsvImport(context);
    context.log.addCapSummary();
    await context.log.flush();
    const messages = await readLogMessages(fixture, runId);
    expect(messages.filter((message) => message.includes('was Blocked'))).toHaveLength(1000);
    expect(messages).toContain('5 more messages of kind "blocked" were left out of this log.');
    expect((await readRun(fixture, runId)).counters.blocked).toBe(1005);
  }, 20_000);

  it('fails the run when the required objective no longer exists', async () => {
    const fixture = await createImportFixture({ settings: { requiredConsent: 'gone' } });
    await storeFile(fixture, csvLines('email,name,age', 'a@x.org,A,1'));
    const { context, runId } = await startRun(fixture);
    const error = await runCsvImport(context).catch((reason: unknown) => reason);
    expect((error as AppError).code).toBe('not-found');
    expect((error as AppError).message).toContain('requires consent for the objective "gone", which no longer exists');
    expect((await readRun(fixture, runId)).counters).toEqual(counters({}));
  });
});

describe('runCsvImport consent columns without required consent', () => {
  it('sets consent and counts a consent change as Updated', async () => {
    const fixture = await createConsentFixture({ requiredConsent: null });
    expect((await importCsv(fixture, csvLines('email,age,optin', 'a@x.org,1,no'))).counters).toEqual(counters({ checked: 1, added: 1 }));
    expect((await importCsv(fixture, csvLines('email,age,optin', 'a@x.org,1,YES'))).counters).toEqual(counters({ checked: 1, updated: 1 }));
    expect((await readProfiles(fixture)).get('a@x.org')?.consent).toEqual({ email_marketing: true });
  });
});

describe('runCsvImport TSV files', () => {
  it('reads a tab-separated file with the delimiter chosen', async () => {
    const fixture = await createImportFixture({ settings: { delimiter: '\t' } });
    const { counters: result, messages } = await importCsv(fixture, csvLines('email\tname\tage', 'a@x.org\tAda, Countess\t36', 'b@x.org\tB;C\t1,200'));
    expect(result).toEqual(counters({ checked: 2, added: 2 }));
    expect(messages[0]).toContain('delimiter tab, encoding UTF-8.');
    const profiles = await readProfiles(fixture);
    expect(profiles.get('a@x.org')?.properties).toEqual({ email: 'a@x.org', name: 'Ada, Countess', age: 36 });
    expect(profiles.get('b@x.org')?.properties.age).toBe(1200);
  });
});

describe('runCsvImport consent invariant', () => {
  const cell = fc.constantFrom('', 'yes', 'no', 'maybe');
  const row = fc.record({ key: fc.constantFrom('a', 'b', 'c', ''), age: fc.constantFrom('1', '2', 'x'), optin: cell });

  /** Outcome of each row as the rules state them, from the consent each key has so far. */
  function expectedBlocked(rows: { key: string; age: string; optin: string }[], consent: Map<string, boolean>): number {
    let blocked = 0;
    for (const { key, age, optin } of rows) {
      if (age === 'x' || optin === 'maybe' || key === '') continue;
      const value = optin === '' ? (consent.get(key) ?? false) : optin === 'yes';
      if (!value) {
        blocked += 1;
        continue;
      }
      if (optin !== '') consent.set(key, optin === 'yes');
    }
    return blocked;
  }

  it('counts every row as Checked or Skipped and Blocked as the rules say', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(row, { maxLength: 10 }), fc.array(row, { maxLength: 10 }), async (first, second) => {
        const fixture = await createConsentFixture();
        const consent = new Map<string, boolean>();
        for (const rows of [first, second]) {
          const text = csvLines('email,age,optin', ...rows.map((r) => `${r.key ? `${r.key}@x.org` : ''},${r.age},${r.optin}`));
          const { counters: result } = await importCsv(fixture, text);
          expect(isConsistent(result)).toBe(true);
          // Every row has an age, so none is an empty line.
          expect(result.checked + result.skipped).toBe(rows.length);
          // Only a row with consent is applied, and consent once given is never withdrawn by an applied row,
          // so a Skipped row would have been applied again: the model can treat it as any other row.
          expect(result.blocked).toBe(expectedBlocked(rows, consent));
        }
        fixture.db.close();
      }),
      { numRuns: 40 },
    );
    // About a second on an idle machine; the limit leaves room for a busy one.
  }, 30_000);
});
