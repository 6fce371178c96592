import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { AppError } from '../../contract/errors.ts';
import type { Delimiter, TextEncoding } from '../../contract/model.ts';
import { describeRecordProblem, inspectCsv, openCsv, trimIncompleteUtf8, type CsvRecord, type CsvSource } from './decode-csv.ts';
import { assertDecodable, findInvalidUtf8Line, repairWindows1252 } from './decode-text.ts';
import { MAX_RECORD_CHARS } from './papa-records.ts';

const utf8 = (text: string): Uint8Array<ArrayBuffer> => new TextEncoder().encode(text) as Uint8Array<ArrayBuffer>;

function streamInChunks(bytes: Uint8Array<ArrayBuffer>, chunkSize: number): ReadableStream<Uint8Array<ArrayBuffer>> {
  let offset = 0;
  return new ReadableStream({
    pull(controller) {
      if (offset >= bytes.length) {
        controller.close();
        return;
      }
      controller.enqueue(bytes.slice(offset, offset + chunkSize));
      offset += chunkSize;
    },
  });
}

async function readAll(
  source: CsvSource | string,
  options: { encoding?: TextEncoding; delimiter?: Delimiter } = {},
): Promise<{ headers: string[]; delimiter: string; records: CsvRecord[]; emptyLineCount: number }> {
  const blob = typeof source === 'string' ? new Blob([source]) : source;
  const file = await openCsv(blob, { encoding: options.encoding ?? 'utf-8', delimiter: options.delimiter ?? 'auto' });
  const records: CsvRecord[] = [];
  for await (const record of file.records) records.push(record);
  return { headers: file.headers, delimiter: file.delimiter, records, emptyLineCount: file.emptyLineCount };
}

async function expectAppError(promise: Promise<unknown>, code: string): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  return error as AppError;
}

const linesOf = (records: CsvRecord[]): number[] => records.map((record) => record.line);

describe('openCsv line numbers', () => {
  it('numbers LF lines from the header as line 1', async () => {
    const { headers, records } = await readAll('email,name\na@x.org,Ada\nb@x.org,Bob\n');
    expect(headers).toEqual(['email', 'name']);
    expect(records.map((record) => record.fields)).toEqual([
      ['a@x.org', 'Ada'],
      ['b@x.org', 'Bob'],
    ]);
    expect(linesOf(records)).toEqual([2, 3]);
  });

  it('counts CRLF, CR and mixed line ends', async () => {
    for (const text of ['h\r\na\r\nb\r\nc', 'h\ra\rb\rc\r', 'h\na\r\nb\rc\n', 'h\r\n\ra\n\r\nb\rc']) {
      const { records } = await readAll(text);
      expect(records.map((record) => record.fields[0]), JSON.stringify(text)).toEqual(['a', 'b', 'c']);
    }
    const { records } = await readAll('h\r\n\ra\n\r\nb\rc');
    expect(linesOf(records)).toEqual([3, 5, 6]);
  });

  it('keeps line breaks and doubled quotes inside quoted values', async () => {
    const text = 'id,note\r\n1,"first\r\nsecond\rthird"\r\n2,"say ""hi"""\n3,plain\n';
    const { records } = await readAll(text);
    expect(records.map((record) => record.fields)).toEqual([
      ['1', 'first\nsecond\nthird'],
      ['2', 'say "hi"'],
      ['3', 'plain'],
    ]);
    expect(records.map((record) => [record.line, record.lastLine])).toEqual([
      [2, 4],
      [5, 5],
      [6, 6],
    ]);
  });

  it('reads a last line without a line end', async () => {
    const { records } = await readAll('a,b\n1,2');
    expect(records).toEqual([{ line: 2, lastLine: 2, fields: ['1', '2'], problem: null }]);
  });
});

describe('openCsv header', () => {
  it('removes a UTF-8 byte-order mark', async () => {
    const { headers } = await readAll(new Blob([new Uint8Array([0xef, 0xbb, 0xbf]), 'email,name\nx,y\n']));
    expect(headers).toEqual(['email', 'name']);
    expect(headers[0].charCodeAt(0)).toBe(0x65);
  });

  it('trims header names', async () => {
    const { headers } = await readAll(' email ,"name "\nx,y\n');
    expect(headers).toEqual(['email', 'name']);
  });

  it('detects semicolon and tab delimiters', async () => {
    const semicolon = await readAll('email;name;note\na@x.org;Ada;"1,5"\n');
    expect(semicolon.delimiter).toBe(';');
    expect(semicolon.records[0].fields).toEqual(['a@x.org', 'Ada', '1,5']);

    const tab = await readAll('email\tname\na@x.org\tAda, Countess\n');
    expect(tab.delimiter).toBe('\t');
    expect(tab.records[0].fields).toEqual(['a@x.org', 'Ada, Countess']);
  });

  it('ignores delimiters inside quoted header names', async () => {
    const { delimiter, headers } = await readAll('"last, first";email;age\nx;y;z\n');
    expect(delimiter).toBe(';');
    expect(headers).toEqual(['last, first', 'email', 'age']);
  });

  it('treats a quote inside a header name as text', async () => {
    const { delimiter, headers, records } = await readAll('size 5",name;x,y\n1,2\n');
    expect(delimiter).toBe(',');
    expect(headers).toEqual(['size 5"', 'name;x', 'y']);
    expect(records[0].line).toBe(2);
  });

  it('reads a header without a line end', async () => {
    const { headers, records } = await readAll('email;name');
    expect(headers).toEqual(['email', 'name']);
    expect(records).toEqual([]);
  });

  it('uses a delimiter fixed by the connection', async () => {
    const { delimiter, headers } = await readAll('a;b,c\n1;2,3\n', { delimiter: ',' });
    expect(delimiter).toBe(',');
    expect(headers).toEqual(['a;b', 'c']);
  });

  it('reads a one-column file', async () => {
    const { headers, records } = await readAll('email\na@x.org\n\nb@x.org\n');
    expect(headers).toEqual(['email']);
    expect(records.map((record) => record.fields)).toEqual([['a@x.org'], ['b@x.org']]);
  });

  it('rejects duplicate header names', async () => {
    const error = await expectAppError(readAll('email,name,email\nx,y,z\n'), 'file-duplicate-header');
    expect(error.message).toContain('"email" (columns 1 and 3)');
  });

  it('allows several unnamed columns', async () => {
    const { headers } = await readAll('email,,name,\nx,,y,\n');
    expect(headers).toEqual(['email', '', 'name', '']);
  });

  it('rejects an empty file', async () => {
    for (const content of ['', '\ufeff', '  \r\n\n ']) {
      await expectAppError(readAll(content), 'file-empty');
    }
  });

  it('rejects a first line without column names', async () => {
    await expectAppError(readAll('\nemail,name\nx,y\n'), 'file-no-header');
    await expectAppError(readAll(',,\nx,y,z\n'), 'file-no-header');
    await expectAppError(readAll('"email,name\nx,y\n'), 'file-no-header');
  });
});

describe('openCsv empty lines', () => {
  it('leaves out empty lines and lines of only delimiters or spaces', async () => {
    const { records, emptyLineCount } = await readAll('a,b\n1,2\n\n , \n,\n"",""\n3,4\n\n');
    expect(records.map((record) => record.fields)).toEqual([
      ['1', '2'],
      ['3', '4'],
    ]);
    expect(linesOf(records)).toEqual([2, 7]);
    expect(emptyLineCount).toBe(5);
  });

  it('keeps rows with too few or too many fields', async () => {
    const { records } = await readAll('a,b,c\n1,2\n1,2,3,4\n');
    expect(records.map((record) => record.fields.length)).toEqual([2, 4]);
    expect(describeRecordProblem(records[0], 3)).toBe('Line 2 has 2 fields; the header has 3.');
    expect(describeRecordProblem(records[1], 3)).toBe('Line 3 has 4 fields; the header has 3.');
  });
});

describe('openCsv quotes', () => {
  it('reports a quoted value with no closing quote', async () => {
    const { records } = await readAll('a,b\n1,2\n3,"open\n4,5\n6,7\n');
    expect(records).toHaveLength(2);
    expect(records[1]).toMatchObject({ line: 3, lastLine: 5, problem: 'unclosed-quote' });
    expect(describeRecordProblem(records[1], 2)).toBe(
      'Line 3: a quoted value has no closing quote, so lines 3 to 5 were read as one row. Add the missing quote.',
    );
  });

  it('reports text after a closing quote', async () => {
    // Papa reads on to the next quote that a delimiter or line end follows.
    const { records } = await readAll('a,b\n1,"x"y,"z"\n3,4\n');
    expect(records.map((record) => record.problem)).toEqual(['malformed-quote', null]);
    expect(records[0].fields).toEqual(['1', 'x"y,"z']);
    expect(describeRecordProblem(records[0], 2)).toBe(
      'Line 2: a quoted value has text after its closing quote. Quote the whole value and double any quote inside it ("").',
    );
  });

  it('reports text after a quote that no quote closes', async () => {
    const { records } = await readAll('a,b\n1,"Sam" Smith\n3,4\n');
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ line: 2, lastLine: 3, problem: 'malformed-quote' });
    expect(describeRecordProblem(records[0], 2)).toBe(
      'Line 2: a quoted value has text after its closing quote, so lines 2 to 3 were read as one row. Quote the whole value and double any quote inside it ("").',
    );
  });

  it('stops at a record longer than the limit', async () => {
    const text = `a,b\n1,2\n3,"${'x'.repeat(MAX_RECORD_CHARS + 10)}\n5,6\n`;
    const { records } = await readAll(text);
    expect(records.map((record) => record.problem)).toEqual([null, 'too-long']);
    expect(records[1].line).toBe(3);
  });
});

describe('openCsv encodings', () => {
  it('rejects invalid UTF-8 and names the line', async () => {
    const bytes = new Uint8Array([...utf8('a,b\n1,2\r\n3,'), 0xff, ...utf8('\n')]);
    const error = await expectAppError(readAll(new Blob([bytes])), 'file-encoding');
    expect(error.message).toBe(
      'The file is not valid UTF-8 text: it has invalid bytes on line 3. ' +
        'Save it from your spreadsheet program as "CSV UTF-8", or choose Windows-1252 as the connection\'s encoding.',
    );
  });

  it('decodes Windows-1252 including the euro sign', async () => {
    // "café,€5" in Windows-1252: é is 0xE9 and € is 0x80.
    const bytes = new Uint8Array([...utf8('name,price\ncaf'), 0xe9, 0x2c, 0x80, 0x35, 0x0a]);
    const { records } = await readAll(new Blob([bytes]), { encoding: 'windows-1252' });
    expect(records[0].fields).toEqual(['café', '€5']);
  });

  it('maps every Windows-1252 byte from 0x80 to 0x9F', () => {
    const expected = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';
    const latin1 = String.fromCharCode(...Array.from({ length: 32 }, (_, i) => 0x80 + i));
    expect(repairWindows1252(latin1)).toBe(expected);
    expect(repairWindows1252(expected)).toBe(expected);
  });

  it('rejects a UTF-8 byte-order mark read as Windows-1252', async () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('a,b\n1,2\n')]);
    const error = await expectAppError(readAll(new Blob([bytes]), { encoding: 'windows-1252' }), 'file-encoding');
    expect(error.message).toContain('Choose UTF-8');
  });

  it('rejects files that are not text', async () => {
    await expectAppError(readAll(new Blob([new Uint8Array([0x61, 0x2c, 0x00, 0x62, 0x0a])])), 'file-not-text');
    await expectAppError(readAll(new Blob([new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00])])), 'file-not-text');
    await expectAppError(readAll(new Blob([new Uint8Array([0xff, 0xfe, 0x61, 0x00])])), 'file-encoding');
  });

  it('decodes characters split across tiny chunks', async () => {
    const text = 'naam;stad\r\n"Zoë\r\nÅsa";Köln 🚀\r\nJosé;€\r';
    for (const chunkSize of [1, 2, 3, 5]) {
      const { headers, records } = await readAll(streamInChunks(utf8(text), chunkSize));
      expect(headers).toEqual(['naam', 'stad']);
      expect(records.map((record) => record.fields), `chunk size ${chunkSize}`).toEqual([
        ['Zoë\nÅsa', 'Köln 🚀'],
        ['José', '€'],
      ]);
      expect(linesOf(records)).toEqual([2, 4]);
    }
  });

  it('rejects invalid bytes in a stream with a lower bound for the line', async () => {
    const bytes = new Uint8Array([...utf8('a\n1\n2\n'), 0xc3, 0x28, 0x0a]);
    const error = await expectAppError(readAll(streamInChunks(bytes, 4)), 'file-encoding');
    expect(error.message).toMatch(/on line \d+ or later/);
  });
});

describe('assertDecodable', () => {
  it('accepts valid UTF-8 and any Windows-1252', async () => {
    await assertDecodable(new Blob(['a,b\nü,€\n']), 'utf-8');
    await assertDecodable(new Blob([new Uint8Array([0xff, 0x81, 0x0a])]), 'windows-1252');
  });

  it('rejects a cut-off sequence at the end of the file', async () => {
    const error = await expectAppError(assertDecodable(new Blob([new Uint8Array([0x61, 0x0a, 0x62, 0xe2, 0x82])]), 'utf-8'), 'file-encoding');
    expect(error.message).toContain('on line 2.');
  });

  it('finds the line of the first invalid sequence', async () => {
    expect(await findInvalidUtf8Line(new Blob(['a\r\nb\rc\n', new Uint8Array([0xed, 0xa0, 0x80])]))).toBe(4);
    expect(await findInvalidUtf8Line(new Blob([new Uint8Array([0xf0, 0x9f, 0x9a, 0x80])]))).toBeNull();
  });
});

describe('openCsv abort', () => {
  it('rejects with the signal reason', async () => {
    const controller = new AbortController();
    controller.abort(new Error('stopped'));
    await expect(openCsv(new Blob(['a\n1\n']), { encoding: 'utf-8', delimiter: 'auto', signal: controller.signal })).rejects.toThrow(
      'stopped',
    );
  });
});

describe('inspectCsv', () => {
  it('returns headers, delimiter, five sample rows and warnings', async () => {
    const lines = ['email;;age', 'a@x.org;;1', 'b@x.org;;2;extra', 'c@x.org;;3', 'd@x.org;;4', 'e@x.org;;5', 'f@x.org;;6'];
    const preview = await inspectCsv(new Blob([lines.join('\n')]), { encoding: 'utf-8', delimiter: 'auto' });
    expect(preview.headers).toEqual(['email', '', 'age']);
    expect(preview.delimiter).toBe(';');
    expect(preview.sampleRows).toHaveLength(5);
    expect(preview.sampleRows[0]).toEqual(['a@x.org', '', '1']);
    expect(preview.problems).toEqual([
      { level: 'warning', code: null, message: 'Column 2 has no name, so it cannot be mapped.' },
      { level: 'warning', code: null, message: 'Line 3 has 4 fields; the header has 3.' },
    ]);
  });

  it('returns a whole-file failure as an error problem', async () => {
    const preview = await inspectCsv(new Blob(['a,a\n1,2\n']), { encoding: 'utf-8', delimiter: 'auto' });
    expect(preview.headers).toEqual([]);
    expect(preview.problems.map((problem) => [problem.level, problem.code])).toEqual([['error', 'file-duplicate-header']]);
  });

  it('reads only the start of a large file', async () => {
    // Each row is 'ü…' so the 64 KB cut falls inside a two-byte character.
    const rows = Array.from({ length: 20_000 }, (_, i) => `${i},${'ü'.repeat(3)}`);
    const blob = new Blob([`id,name\n${rows.join('\n')}\n`]);
    const preview = await inspectCsv(blob, { encoding: 'utf-8', delimiter: 'auto' });
    expect(preview.headers).toEqual(['id', 'name']);
    expect(preview.sampleRows[4]).toEqual(['4', 'üüü']);
    expect(preview.problems).toEqual([]);
  });

  it('drops a UTF-8 sequence cut off at the end', () => {
    const euro = utf8('a€');
    expect(Array.from(trimIncompleteUtf8(euro.slice(0, 3)))).toEqual([0x61]);
    expect(Array.from(trimIncompleteUtf8(euro))).toEqual(Array.from(euro));
    expect(Array.from(trimIncompleteUtf8(utf8('ab')))).toEqual([0x61, 0x62]);
  });
});

// ---------------------------------------------------------------------------------------------------
// Property: any table written as CSV reads back the same

const cellArbitrary = fc.oneof(
  fc.constantFrom('', ' ', 'a', 'Zoë', '1,5', '"', 'say "hi"', 'x;y', 'tab\there', 'line\nbreak', 'cr\rlf\r\n', '€🚀'),
  fc.string({ maxLength: 6 }),
);

function quoteCell(cell: string): string {
  return /[",;\t\r\n]/.test(cell) || cell.trim() !== cell ? `"${cell.replaceAll('"', '""')}"` : cell;
}

describe('openCsv round trip', () => {
  it('reads back any table with any line ends and chunk size', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(cellArbitrary, { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 8 }),
        fc.array(fc.constantFrom('\n', '\r\n', '\r'), { minLength: 10, maxLength: 10 }),
        fc.constantFrom<',' | ';' | '\t'>(',', ';', '\t'),
        fc.integer({ min: 1, max: 16 }),
        async (rows, lineEnds, delimiter, chunkSize) => {
          const header = ['h1', 'h2', 'h3', 'h4'];
          const table = [header, ...rows];
          const text = table.map((row, i) => row.map(quoteCell).join(delimiter) + lineEnds[i % lineEnds.length]).join('');

          const { records, headers } = await readAll(streamInChunks(utf8(text), chunkSize), { delimiter });
          expect(headers).toEqual(header);

          const expected: { line: number; fields: string[] }[] = [];
          let line = 2;
          for (const row of rows) {
            const fields = row.map((cell) => cell.replace(/\r\n?/g, '\n'));
            const lineBreaks = fields.join('').split('\n').length - 1;
            if (fields.some((field) => field.trim() !== '')) expected.push({ line, fields });
            line += lineBreaks + 1;
          }
          expect(records.map((record) => ({ line: record.line, fields: record.fields }))).toEqual(expected);
        },
      ),
      { numRuns: 150 },
    );
  });
});
