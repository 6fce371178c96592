// Dexie reads the IndexedDB globals when it loads, so the fake ones must exist before any module imports it.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../contract/errors.ts';
import type { JsonLayout } from '../../contract/model.ts';
import { isConsistent, type Counters } from '../../domain/counters.ts';
import { BATCH_ROWS, runImport, type ImportReadSettings } from './import-pipeline.ts';
import { countStoredFingerprints, createImportFixture, makeCsvSettings, readLogMessages, readProfiles, readRun, startRun, type ImportFixture } from './test-context.ts';

function counters(values: Partial<Counters>): Counters {
  return { checked: 0, added: 0, updated: 0, unchanged: 0, skipped: 0, failed: 0, blocked: 0, ...values };
}

const SETTINGS: ImportReadSettings = {
  ...makeCsvSettings({
    mapping: [
      { column: 'email', propertyId: 'email', isIdentifier: true },
      { column: 'name', propertyId: 'name', isIdentifier: false },
      { column: 'age', propertyId: 'age', isIdentifier: false },
      { column: 'subscribed', propertyId: 'subscribed', isIdentifier: false },
    ],
  }),
};

async function importJson(
  fixture: ImportFixture,
  content: string | Uint8Array,
  layout: JsonLayout,
  settings: ImportReadSettings = SETTINGS,
): Promise<{ runId: number; counters: Counters; messages: string[] }> {
  const { context, runId } = await startRun(fixture);
  await runImport(context, { blob: new Blob([content as BlobPart]), description: 'file customers.json' }, { kind: 'json', layout }, settings);
  const run = await readRun(fixture, runId);
  return { runId, counters: run.counters, messages: await readLogMessages(fixture, runId) };
}

async function expectJsonFailure(content: string, layout: JsonLayout, code: string): Promise<AppError> {
  const fixture = await createImportFixture();
  const { context, runId } = await startRun(fixture);
  const error = await runImport(context, { blob: new Blob([content]), description: 'file x.json' }, { kind: 'json', layout }, SETTINGS).then(
    () => null,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  expect((await readRun(fixture, runId)).counters).toEqual(counters({}));
  expect(await fixture.db.profiles.count()).toBe(0);
  expect(await countStoredFingerprints(fixture)).toBe(0);
  return error as AppError;
}

/** Maps only `email` and `age`, for files without the other keys. */
const EMAIL_AND_AGE: ImportReadSettings = {
  ...SETTINGS,
  mapping: [
    { column: 'email', propertyId: 'email', isIdentifier: true },
    { column: 'age', propertyId: 'age', isIdentifier: false },
  ],
};

const ARRAY_FILE = JSON.stringify(
  [
    { email: 'ada@example.com', name: 'Ada', age: 36, subscribed: true },
    { email: 'bob@example.com', name: 'Bob', age: '1,200', subscribed: 'yes' },
    { email: 'carol@example.com', name: 'Carol', age: true },
    { email: 'dan@example.com', name: { first: 'Dan' } },
    { name: 'Nobody' },
    42,
    { email: 'ADA@example.com', name: 'Ada L.', subscribed: 0, extra: [1, 2] },
  ],
  null,
  2,
);

describe('runImport with a JSON array', () => {
  it('counts each outcome and logs the lines of failed items', async () => {
    const fixture = await createImportFixture();
    const { counters: result, messages } = await importJson(fixture, ARRAY_FILE, 'array');
    expect(result).toEqual(counters({ checked: 7, added: 2, updated: 1, failed: 4 }));
    expect(messages[0]).toBe(`Reading file customers.json (${ARRAY_FILE.length} bytes), JSON array, encoding UTF-8.`);
    expect(messages).toContain('Line 14, key "age": true is not a number (expected a number like 1,234.5).');
    expect(messages).toContain(
      'Line 19, key "name": the value is an object, which a text property cannot hold (expected text). Map a key with a plain value instead.',
    );
    expect(messages).toContain('Line 25: the identifier key "email" is empty.');
    expect(messages).toContain('Line 28: the item is a number, not an object with keys, so it cannot be imported.');
    expect(messages).toContain('Read 7 items: Checked 7, Added 2, Updated 1, Unchanged 0, Failed 4, Blocked 0, Skipped 0.');
  });

  it('keeps JSON numbers and booleans and parses text values', async () => {
    const fixture = await createImportFixture();
    await importJson(fixture, ARRAY_FILE, 'array');
    const profiles = await readProfiles(fixture);
    expect(profiles.get('ada@example.com')?.properties).toEqual({ email: 'ada@example.com', name: 'Ada L.', age: 36, subscribed: false });
    expect(profiles.get('bob@example.com')?.properties).toEqual({ email: 'bob@example.com', name: 'Bob', age: 1200, subscribed: true });
  });

  it('skips items an earlier run applied, whatever the order of their keys', async () => {
    const fixture = await createImportFixture();
    await importJson(fixture, '[{"email": "a@x.org", "name": "A", "age": 1}]', 'array', EMAIL_AND_AGE);
    const second = await importJson(fixture, '[{"age": 1, "name": "A", "email": "a@x.org"}, {"email": "b@x.org"}]', 'array', EMAIL_AND_AGE);
    expect(second.counters).toEqual(counters({ checked: 1, added: 1, skipped: 1 }));
  });

  it('imports many items over several batches', async () => {
    const fixture = await createImportFixture();
    const items = Array.from({ length: BATCH_ROWS * 2 + 3 }, (_, i) => ({ email: `p${i}@x.org`, age: i }));
    const { counters: result } = await importJson(fixture, JSON.stringify(items), 'array', EMAIL_AND_AGE);
    expect(result).toEqual(counters({ checked: items.length, added: items.length }));
    expect(isConsistent(result)).toBe(true);
  });

  it('finishes an empty array with a warning', async () => {
    const fixture = await createImportFixture();
    const { counters: result, messages } = await importJson(fixture, '[]', 'array');
    expect(result).toEqual(counters({}));
    expect(messages).toContain('The file contains no items.');
  });
});

describe('runImport JSON whole-run failures', () => {
  it('fails on an object instead of an array without writing', async () => {
    const error = await expectJsonFailure('{"customers": [{"email": "a@x.org"}]}', 'array', 'file-invalid-json');
    expect(error.message).toContain('it is one JSON object, not an array of objects');
  });

  it('fails on a scalar without writing', async () => {
    await expectJsonFailure('"a@x.org"', 'array', 'file-invalid-json');
  });

  it('fails on a file cut off after the first batch without writing', async () => {
    const items = Array.from({ length: BATCH_ROWS * 2 }, (_, i) => `{"email": "p${i}@x.org"}`);
    const error = await expectJsonFailure(`[\n${items.join(',\n')},\n{"email": "cut@x.o`, 'array', 'file-invalid-json');
    expect(error.message).toContain('so the file is probably cut off. The last complete item starts on line 1001.');
  });

  it('fails on an invalid item late in the file without writing', async () => {
    const items = Array.from({ length: BATCH_ROWS + 10 }, (_, i) => `{"email": "p${i}@x.org"}`);
    const error = await expectJsonFailure(`[\n${items.join(',\n')},\n{"email": 'single'}]`, 'array', 'file-invalid-json');
    expect(error.message).toContain(`the item that starts on line ${BATCH_ROWS + 12} is invalid`);
  });

  it('fails on invalid UTF-8 without writing', async () => {
    const fixture = await createImportFixture();
    const { context } = await startRun(fixture);
    const bytes = new Uint8Array([...new TextEncoder().encode('[{"email": "a@x.org", "name": "'), 0xc0, 0x22, 0x7d, 0x5d]);
    const error = await runImport(context, { blob: new Blob([bytes]), description: 'file x.json' }, { kind: 'json', layout: 'array' }, SETTINGS).catch(
      (reason: unknown) => reason,
    );
    expect((error as AppError).code).toBe('file-encoding');
    expect((error as AppError).message).toContain('Save it as UTF-8 text, or choose Windows-1252');
  });

  it('fails when no object has a mapped key', async () => {
    const error = await expectJsonFailure('[{"email": "a@x.org"}]', 'array', 'file-missing-columns');
    expect(error.message).toBe(
      'No object in the file has the key "name", "age", "subscribed", which the mapping uses. Pick a file whose objects have these keys, or change the mapping.',
    );
  });
});

describe('runImport with JSON lines', () => {
  it('fails invalid lines and a cut-off last line and applies the rest', async () => {
    const fixture = await createImportFixture();
    const content = '{"email": "a@x.org", "name": "A", "age": 1, "subscribed": true}\n\n{"email": "b@x.org", "age": "x"}\n[1]\n{"email": \n{"email": "c@x.org", "na';
    const { counters: result, messages } = await importJson(fixture, content, 'lines');
    expect(result).toEqual(counters({ checked: 5, added: 1, failed: 4 }));
    expect(messages[0]).toContain('JSON lines, encoding UTF-8.');
    expect(messages).toContain('Line 3, key "age": "x" is not a number (expected a number like 1,234.5).');
    expect(messages).toContain('Line 4: the item is an array, not an object with keys, so it cannot be imported.');
    expect(messages.some((message) => message.startsWith('Line 5 is not valid JSON ('))).toBe(true);
    expect(messages.find((message) => message.startsWith('Line 6 is not valid JSON'))).toContain(
      'The line ends the file without a line end, so the file may be cut off.',
    );
    expect(messages).toContain('Read 5 items and left out 1 empty line: Checked 5, Added 1, Updated 0, Unchanged 0, Failed 4, Blocked 0, Skipped 0.');
  });

  it('reads Windows-1252 text', async () => {
    const fixture = await createImportFixture();
    const bytes = new Uint8Array([...new TextEncoder().encode('{"email": "jose@x.org", "name": "Jos'), 0xe9, 0x20, 0x80, 0x22, 0x7d, 0x0a]);
    await importJson(fixture, bytes, 'lines', { ...SETTINGS, mapping: SETTINGS.mapping.slice(0, 2), encoding: 'windows-1252' });
    expect((await readProfiles(fixture)).get('jose@x.org')?.properties.name).toBe('José €');
  });
});
