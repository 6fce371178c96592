import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { AppError } from '../../contract/errors.ts';
import type { CsvImportSettings } from '../../contract/model.ts';
import { isConsistent, type Counters } from '../../domain/counters.ts';
import { BATCH_ROWS, formatByteSize, runCsvImport } from './import-pipeline.ts';
import {
  countStoredFingerprints,
  createImportFixture,
  readLogMessages,
  readProfiles,
  readRun,
  startRun,
  storeFile,
  TEST_START_MS,
  type ImportFixture,
} from './test-context.ts';

function counters(values: Partial<Counters>): Counters {
  return { checked: 0, added: 0, updated: 0, unchanged: 0, skipped: 0, failed: 0, blocked: 0, ...values };
}

async function importFile(
  fixture: ImportFixture,
  content: string | Uint8Array,
  options: { trigger?: 'manual' | 'test' } = {},
): Promise<{ runId: number; counters: Counters; messages: string[] }> {
  await storeFile(fixture, content);
  const { context, runId } = await startRun(fixture, options);
  await runCsvImport(context);
  const run = await readRun(fixture, runId);
  return { runId, counters: run.counters, messages: await readLogMessages(fixture, runId) };
}

/** Runs an import that must fail as a whole and checks that it wrote nothing. */
async function expectWholeRunFailure(fixture: ImportFixture, content: string | Uint8Array | null, code: string): Promise<AppError> {
  if (content !== null) await storeFile(fixture, content);
  const { context, runId } = await startRun(fixture);
  const error = await runCsvImport(context).then(
    () => null,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);

  const run = await readRun(fixture, runId);
  expect(run.counters).toEqual(counters({}));
  expect(await fixture.db.profiles.count()).toBe(0);
  expect(await countStoredFingerprints(fixture)).toBe(0);
  return error as AppError;
}

function csvLines(...lines: string[]): string {
  return `${lines.join('\n')}\n`;
}

const FIRST_FILE = csvLines(
  'email,name,age',
  'ada@example.com,Ada,36',
  'bob@example.com,Bob,41',
  'carol@example.com,Carol,forty',
  ',Nobody,20',
  'dan@example.com,Dan',
);

const SECOND_FILE = csvLines(
  'email,name,age',
  'ada@example.com,Ada,36',
  'bob@example.com,Robert,41',
  'carol@example.com,Carol,40',
  'ERIN@example.com,Erin,',
  'erin@example.com,,29',
  'Ada@Example.com,Ada,36',
  ',Nobody,20',
  'dan@example.com,Dan',
);

describe('runCsvImport counters', () => {
  it('counts each outcome on a first and a second run', async () => {
    const fixture = await createImportFixture();

    const first = await importFile(fixture, FIRST_FILE);
    expect(first.counters).toEqual(counters({ checked: 5, added: 2, failed: 3 }));
    expect(await countStoredFingerprints(fixture)).toBe(2);

    const second = await importFile(fixture, SECOND_FILE);
    expect(second.counters).toEqual(counters({ checked: 7, added: 2, updated: 2, unchanged: 1, skipped: 1, failed: 2 }));
    expect(isConsistent(second.counters)).toBe(true);
  });

  it('stores profiles with the first spelling of the identifier', async () => {
    const fixture = await createImportFixture();
    await importFile(fixture, FIRST_FILE);
    const { runId } = await importFile(fixture, SECOND_FILE);

    const profiles = await readProfiles(fixture);
    expect([...profiles.keys()].sort()).toEqual(['ada@example.com', 'bob@example.com', 'carol@example.com', 'erin@example.com']);
    expect(profiles.get('erin@example.com')).toEqual({
      key: 'erin@example.com',
      identifier: 'ERIN@example.com',
      properties: { email: 'ERIN@example.com', name: 'Erin', age: 29 },
      consent: {},
      createdAtMs: TEST_START_MS,
      updatedAtMs: TEST_START_MS,
      lastRunId: runId,
      lastConnectionId: fixture.connection.id,
    });
    expect(profiles.get('bob@example.com')?.properties).toEqual({ email: 'bob@example.com', name: 'Robert', age: 41 });
    expect(profiles.get('ada@example.com')?.identifier).toBe('ada@example.com');
  });

  it('logs row failures with line, column, value and expected type', async () => {
    const fixture = await createImportFixture();
    const { messages } = await importFile(fixture, FIRST_FILE);
    expect(messages).toContain('Line 4, column "age": "forty" is not a number (expected a number like 1,234.5).');
    expect(messages).toContain('Line 5: the identifier column "email" is empty.');
    expect(messages).toContain('Line 6 has 2 fields; the header has 3.');
  });

  it('logs a start line and a summary', async () => {
    const fixture = await createImportFixture();
    await importFile(fixture, FIRST_FILE);
    const { messages } = await importFile(fixture, SECOND_FILE);
    expect(messages[0]).toBe(`Reading file customers.csv (${SECOND_FILE.length} bytes), delimiter comma (detected), encoding UTF-8.`);
    expect(messages).toContain(
      'Read 8 data rows: Checked 7, Added 2, Updated 2, Unchanged 1, Failed 2, Blocked 0, Skipped 1.',
    );
    expect(messages).toContain('1 row was Skipped because an earlier run of this connection applied the same content.');
  });

  it('evaluates a repeated row of the same file again', async () => {
    const fixture = await createImportFixture();
    const { counters: result } = await importFile(fixture, csvLines('email,name,age', 'a@x.org,A,1', 'a@x.org,A,1'));
    expect(result).toEqual(counters({ checked: 2, added: 1, unchanged: 1 }));
  });
});

describe('runCsvImport values', () => {
  const settings: Partial<CsvImportSettings> = {
    mapping: [
      { column: 'email', propertyId: 'email', isIdentifier: true },
      { column: 'age', propertyId: 'age', isIdentifier: false },
      { column: 'born', propertyId: 'birthday', isIdentifier: false, dateFormat: 'DD/MM/YYYY' },
      { column: 'news', propertyId: 'subscribed', isIdentifier: false },
    ],
  };

  it('logs type errors of each type', async () => {
    const fixture = await createImportFixture({ settings });
    const { counters: result, messages } = await importFile(
      fixture,
      csvLines('email,age,born,news', 'a@x.org,1,31/02/2024,yes', 'b@x.org,2,01/02/2024,maybe', 'c@x.org,1.5.0,2024-01-01,1'),
    );
    expect(result).toEqual(counters({ checked: 3, failed: 3 }));
    expect(messages).toContain(
      'Line 2, column "born": "31/02/2024" is not a valid date (expected a date in DD/MM/YYYY format, like 31/03/2024).',
    );
    expect(messages).toContain(
      'Line 3, column "news": "maybe" is not a true/false value (expected true/false, yes/no, y/n, 1/0 or on/off).',
    );
    expect(messages).toContain(
      'Line 4, column "age": "1.5.0" is not a number (expected a number like 1,234.5). ' +
        'Column "born": "2024-01-01" is not a valid date (expected a date in DD/MM/YYYY format, like 31/03/2024).',
    );
  });

  it('stores typed values', async () => {
    const fixture = await createImportFixture({ settings: { ...settings, numberFormat: '1.234,5' } });
    await importFile(fixture, csvLines('email;age;born;news', 'a@x.org;1.234,5;31/12/1999;On'));
    const profiles = await readProfiles(fixture);
    expect(profiles.get('a@x.org')?.properties).toEqual({ email: 'a@x.org', age: 1234.5, birthday: '1999-12-31', subscribed: true });
  });

  it('keeps stored values for empty cells', async () => {
    const fixture = await createImportFixture();
    await importFile(fixture, csvLines('email,name,age', 'a@x.org,Ada,36'));
    const { counters: result } = await importFile(fixture, csvLines('email,name,age', 'a@x.org,,  '));
    expect(result).toEqual(counters({ checked: 1, unchanged: 1 }));
    expect((await readProfiles(fixture)).get('a@x.org')?.properties).toEqual({ email: 'a@x.org', name: 'Ada', age: 36 });
  });

  it('clears stored values for empty cells when set', async () => {
    const fixture = await createImportFixture({ settings: { emptyCellsClear: true } });
    await importFile(fixture, csvLines('email,name,age', 'a@x.org,Ada,36'));
    const { counters: result } = await importFile(fixture, csvLines('email,name,age', 'a@x.org,,36'));
    expect(result).toEqual(counters({ checked: 1, updated: 1 }));
    expect((await readProfiles(fixture)).get('a@x.org')?.properties).toEqual({ email: 'a@x.org', age: 36 });
  });

  it('maps columns by name in any order', async () => {
    const fixture = await createImportFixture();
    await importFile(fixture, csvLines('email,name,age', 'a@x.org,Ada,36'));
    const { counters: result } = await importFile(fixture, csvLines('age,note,email,name', '36,hi,a@x.org,Ada'));
    expect(result).toEqual(counters({ checked: 1, unchanged: 1 }));
  });
});

describe('runCsvImport file format', () => {
  it('names physical lines with a BOM, mixed line ends and quoted line breaks', async () => {
    const fixture = await createImportFixture();
    const content = '\ufeffemail,name,age\r\na@x.org,"Ada\r\nLovelace",36\rb@x.org,Bob,x\n\nc@x.org,"Say ""hi""",5\r\nd@x.org,D\r\n';
    const { counters: result, messages } = await importFile(fixture, content);
    expect(result).toEqual(counters({ checked: 4, added: 2, failed: 2 }));
    expect(messages).toContain('Line 4, column "age": "x" is not a number (expected a number like 1,234.5).');
    expect(messages).toContain('Line 7 has 2 fields; the header has 3.');
    const profiles = await readProfiles(fixture);
    expect(profiles.get('a@x.org')?.properties.name).toBe('Ada\nLovelace');
    expect(profiles.get('c@x.org')?.properties.name).toBe('Say "hi"');
  });

  it('reads semicolon and tab files', async () => {
    for (const delimiter of [';', '\t']) {
      const fixture = await createImportFixture();
      const content = csvLines(['email', 'name', 'age'].join(delimiter), ['a@x.org', 'Ada, Countess', '36'].join(delimiter));
      const { counters: result, messages } = await importFile(fixture, content);
      expect(result).toEqual(counters({ checked: 1, added: 1 }));
      expect(messages[0]).toContain(delimiter === ';' ? 'delimiter semicolon (detected)' : 'delimiter tab (detected)');
      expect((await readProfiles(fixture)).get('a@x.org')?.properties.name).toBe('Ada, Countess');
    }
  });

  it('decodes Windows-1252 files', async () => {
    const fixture = await createImportFixture({ settings: { encoding: 'windows-1252' } });
    const bytes = new Uint8Array([...new TextEncoder().encode('email,name,age\njose@x.org,Jos'), 0xe9, 0x20, 0x80, 0x2c, 0x31, 0x0a]);
    const { messages } = await importFile(fixture, bytes);
    expect(messages[0]).toContain('encoding Windows-1252');
    expect((await readProfiles(fixture)).get('jose@x.org')?.properties.name).toBe('José €');
  });

  it('warns about a file without data rows', async () => {
    const fixture = await createImportFixture();
    const { counters: result, messages } = await importFile(fixture, 'email,name,age\n\n');
    expect(result).toEqual(counters({}));
    expect(messages).toContain('The file has a header but no data rows.');
    expect(messages).toContain('Read 0 data rows and left out 1 empty line: Checked 0, Added 0, Updated 0, Unchanged 0, Failed 0, Blocked 0, Skipped 0.');
  });
});

describe('runCsvImport whole-run failures', () => {
  it('fails on a duplicate header without writing', async () => {
    const fixture = await createImportFixture();
    const error = await expectWholeRunFailure(fixture, csvLines('email,name,age,name', 'a@x.org,A,1,B'), 'file-duplicate-header');
    expect(error.message).toContain('"name" (columns 2 and 4)');
  });

  it('fails on invalid UTF-8 after the first batch without writing', async () => {
    const fixture = await createImportFixture();
    const rows = Array.from({ length: BATCH_ROWS * 2 }, (_, i) => `p${i}@x.org,P,${i}`);
    const text = csvLines('email,name,age', ...rows);
    const bytes = new Uint8Array([...new TextEncoder().encode(text), 0x7a, 0xc0, 0x2c, 0x41, 0x2c, 0x31, 0x0a]);
    const error = await expectWholeRunFailure(fixture, bytes, 'file-encoding');
    expect(error.message).toContain(`invalid bytes on line ${BATCH_ROWS * 2 + 2}.`);
  });

  it('fails on a missing stored file', async () => {
    const fixture = await createImportFixture();
    const error = await expectWholeRunFailure(fixture, null, 'not-found');
    expect(error.message).toContain('Pick the CSV file again');
  });

  it('fails on missing mapped columns', async () => {
    const fixture = await createImportFixture();
    const error = await expectWholeRunFailure(fixture, csvLines('email,full name', 'a@x.org,A'), 'file-missing-columns');
    expect(error.message).toBe(
      'The file has no column named "name", "age", which the mapping uses. Pick a file that has these columns, or change the mapping.',
    );
  });

  it('fails without an identifier column', async () => {
    const fixture = await createImportFixture({ settings: { mapping: [{ column: 'name', propertyId: 'name', isIdentifier: false }] } });
    await expectWholeRunFailure(fixture, csvLines('email,name', 'a@x.org,A'), 'mapping-no-identifier');
  });

  it('fails on an empty file or one without a header', async () => {
    await expectWholeRunFailure(await createImportFixture(), '', 'file-empty');
    await expectWholeRunFailure(await createImportFixture(), '\nemail,name,age\na@x.org,A,1\n', 'file-no-header');
    await expectWholeRunFailure(await createImportFixture(), new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0]), 'file-not-text');
  });
});

describe('runCsvImport batches', () => {
  const manyRows = (count: number, suffix = ''): string[] =>
    Array.from({ length: count }, (_, i) => `p${i % 700}@x.org,P${suffix},${i}`);

  it('applies the same identifier across batches in file order', async () => {
    const fixture = await createImportFixture();
    const { counters: result } = await importFile(fixture, csvLines('email,name,age', ...manyRows(1400)));
    expect(result).toEqual(counters({ checked: 1400, added: 700, updated: 700 }));
    const profiles = await readProfiles(fixture);
    expect(profiles.get('p0@x.org')?.properties.age).toBe(700);
    expect(profiles.get('p699@x.org')?.properties.age).toBe(1399);
  });

  it('writes nothing on a test run but counts the same', async () => {
    const fixture = await createImportFixture();
    const { counters: result, messages } = await importFile(fixture, csvLines('email,name,age', ...manyRows(1400)), { trigger: 'test' });
    expect(result).toEqual(counters({ checked: 1400, added: 700, updated: 700 }));
    expect(await fixture.db.profiles.count()).toBe(0);
    expect(await countStoredFingerprints(fixture)).toBe(0);
    expect(messages).toContain('Read 1,400 data rows: Checked 1400, Added 700, Updated 700, Unchanged 0, Failed 0, Blocked 0, Skipped 0.');
  });

  it('keeps committed batches when stopped', async () => {
    const fixture = await createImportFixture();
    await storeFile(fixture, csvLines('email,name,age', ...manyRows(1200)));
    const { context, controller, runId } = await startRun(fixture);
    const flush = context.log.flush.bind(context.log);
    context.log.flush = async () => {
      await flush();
      controller.abort(new Error('Stopped by the user.'));
    };

    await expect(runCsvImport(context)).rejects.toThrow('Stopped by the user.');
    expect(await fixture.db.profiles.count()).toBe(BATCH_ROWS);
    expect(await countStoredFingerprints(fixture)).toBe(BATCH_ROWS);
    expect((await readRun(fixture, runId)).counters).toEqual(counters({ checked: BATCH_ROWS, added: BATCH_ROWS }));
  });
});

describe('runCsvImport invariant', () => {
  const cell = fc.constantFrom('', ' ', 'a', 'A', 'b', '1', 'x,y', 'q"q', 'line\nbreak');
  const row = fc.array(cell, { minLength: 2, maxLength: 4 });

  function toCsv(rows: string[][]): string {
    const quote = (value: string): string => (/[",\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);
    return csvLines('email,name,age', ...rows.map((cells) => cells.map(quote).join(',')));
  }

  it('counts every data row as Checked or Skipped over two runs', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(row, { maxLength: 12 }), fc.array(row, { maxLength: 12 }), async (firstRows, secondRows) => {
        const fixture = await createImportFixture();
        for (const rows of [firstRows, secondRows]) {
          const { counters: result } = await importFile(fixture, toCsv(rows));
          const dataRows = rows.filter((cells) => cells.some((value) => value.trim() !== '')).length;
          expect(isConsistent(result)).toBe(true);
          expect(result.checked + result.skipped).toBe(dataRows);
          expect(result.blocked).toBe(0);
        }
        fixture.db.close();
      }),
      { numRuns: 40 },
    );
  });
});

describe('formatByteSize', () => {
  it('uses bytes, KB and MB', () => {
    expect(formatByteSize(1)).toBe('1 byte');
    expect(formatByteSize(1023)).toBe('1023 bytes');
    expect(formatByteSize(1536)).toBe('1.5 KB');
    expect(formatByteSize(1.2 * 1024 * 1024)).toBe('1.2 MB');
  });
});
