import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { AppError } from '../../contract/errors.ts';
import { JsonArraySplitter, JsonCutOffError, JsonLinesSplitter, MAX_ITEM_CHARS, type JsonItem, type JsonItemSplitter } from './json-items.ts';

/** Feeds `text` in chunks of `chunkSize` characters and returns every item. */
function split(splitter: JsonItemSplitter, text: string, chunkSize = text.length || 1): JsonItem[] {
  const items: JsonItem[] = [];
  for (let offset = 0; offset < text.length; offset += chunkSize) items.push(...splitter.write(text.slice(offset, offset + chunkSize)));
  items.push(...splitter.end());
  return items;
}

function splitArray(text: string, chunkSize?: number): JsonItem[] {
  return split(new JsonArraySplitter(), text, chunkSize);
}

function errorOf(action: () => unknown): AppError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error('expected an AppError');
}

const ARRAY_TEXT = [
  '[',
  '  {"email": "ada@example.com", "age": 36, "tags": ["a", "]"], "note": "say \\"hi\\" {"},',
  '  {"email": "bob@example.com",',
  '   "nested": {"deep": [1, {"x": "\\\\"}]}},',
  '  42, "text", true, null, [1, 2],',
  '  {}',
  ']',
  '',
].join('\n');

describe('JsonArraySplitter', () => {
  it('yields every item with its start line in any chunk size', () => {
    const expected = JSON.parse(ARRAY_TEXT) as unknown[];
    for (let chunkSize = 1; chunkSize <= ARRAY_TEXT.length; chunkSize++) {
      const items = splitArray(ARRAY_TEXT, chunkSize);
      expect(items.map((item) => item.value)).toEqual(expected);
      expect(items.map((item) => item.line)).toEqual([2, 3, 5, 5, 5, 5, 5, 6]);
      expect(items.every((item) => item.problem === null)).toBe(true);
    }
  });

  it('reads an empty array', () => {
    expect(splitArray('  [ ]  \n')).toEqual([]);
  });

  it('reads any array that JSON.stringify writes in any chunk size', () => {
    fc.assert(
      fc.property(fc.array(fc.jsonValue(), { maxLength: 8 }), fc.boolean(), fc.integer({ min: 1, max: 40 }), (values, isPretty, chunkSize) => {
        const text = isPretty ? JSON.stringify(values, null, 2) : JSON.stringify(values);
        const items = splitArray(text, chunkSize);
        // JSON.stringify turns -0 into 0, so the parsed text is the reference.
        expect(items.map((item) => item.value)).toEqual(JSON.parse(text));
      }),
      { numRuns: 300 },
    );
  });

  it('rejects an object at the top level', () => {
    const error = errorOf(() => splitArray('{"email": "ada@example.com"}'));
    expect(error.code).toBe('file-invalid-json');
    expect(error.message).toContain('it is one JSON object, not an array of objects');
    expect(error.message).toContain('choose JSON lines');
  });

  it('rejects a scalar at the top level', () => {
    const error = errorOf(() => splitArray('\n  "just text"'));
    expect(error.code).toBe('file-invalid-json');
    expect(error.message).toBe(
      'The file is not valid JSON: it must be an array of objects that starts with "[", but line 2 starts with "\\"just text\\"". Nothing was imported.',
    );
  });

  it('rejects a file cut off inside an item', () => {
    for (let chunkSize = 1; chunkSize <= 20; chunkSize++) {
      const error = errorOf(() => splitArray('[\n{"a": 1},\n{"a": 2},\n{"a": "unfinished', chunkSize));
      expect(error).toBeInstanceOf(JsonCutOffError);
      expect(error.message).toBe(
        'The file is not valid JSON: it ends inside a text value before its array is closed with "]", so the file is probably cut off. ' +
          'The last complete item starts on line 3. Get the complete file and run again. Nothing was imported.',
      );
    }
  });

  it('rejects a file cut off between items or after a number', () => {
    expect(errorOf(() => splitArray('[{"a": 1},')).message).toContain('before its array is closed');
    expect(errorOf(() => splitArray('[1, 2')).message).toContain('before its array is closed');
    expect(errorOf(() => splitArray('[')).message).toContain('before its array is closed');
  });

  it('rejects a missing comma, a trailing comma and text after the array', () => {
    expect(errorOf(() => splitArray('[{"a": 1}\n{"a": 2}]')).message).toBe(
      'The file is not valid JSON: line 2: expected a comma or "]" after the item that starts on line 1, but found "{\\"a\\": 2}]". Nothing was imported.',
    );
    expect(errorOf(() => splitArray('[{"a": 1},\n]')).message).toContain('line 2: a "]" follows a comma');
    expect(errorOf(() => splitArray('[1,,2]')).message).toContain('two commas follow each other');
    expect(errorOf(() => splitArray('[1]\n\n[2]')).message).toContain('line 3: more text ("[2]") follows the end of the array on line 1');
  });

  it('reports an item with invalid JSON as an item problem', () => {
    const items = splitArray('[{"a": tru},\n {"a": 1}]');
    expect(items[0]).toMatchObject({ line: 1, value: undefined, problem: { kind: 'invalid-json', isCutOff: false } });
    expect(items[1]).toEqual({ line: 2, value: { a: 1 }, problem: null });
  });

  it('rejects an empty file', () => {
    expect(errorOf(() => splitArray(' \n ')).code).toBe('file-empty');
  });

  it('reports an item over the length limit and reads on', () => {
    const long = 'x'.repeat(MAX_ITEM_CHARS + 10);
    const items = splitArray(`[{"a": "${long}"},\n{"a": 2}]`, 64 * 1024);
    expect(items).toEqual([
      { line: 1, value: undefined, problem: { kind: 'too-long' } },
      { line: 2, value: { a: 2 }, problem: null },
    ]);
  });
});

describe('JsonLinesSplitter', () => {
  const LINES = '{"a": 1}\n\n  {"a": "two"}  \n[1]\n{"a": \n{"a": 5}';

  it('yields one item per line and counts empty lines in any chunk size', () => {
    for (let chunkSize = 1; chunkSize <= LINES.length; chunkSize++) {
      const splitter = new JsonLinesSplitter();
      const items = split(splitter, LINES, chunkSize);
      expect(items.map((item) => item.line)).toEqual([1, 3, 4, 5, 6]);
      expect(items[0].value).toEqual({ a: 1 });
      expect(items[1].value).toEqual({ a: 'two' });
      expect(items[2].value).toEqual([1]);
      expect(items[3].problem).toMatchObject({ kind: 'invalid-json', isCutOff: false });
      expect(items[4]).toEqual({ line: 6, value: { a: 5 }, problem: null });
      expect(splitter.emptyLineCount).toBe(1);
    }
  });

  it('marks a cut-off last line', () => {
    const items = split(new JsonLinesSplitter(), '{"a": 1}\n{"a": 2, "b"');
    expect(items[1].problem).toMatchObject({ kind: 'invalid-json', isCutOff: true });
  });

  it('reports a line over the length limit and reads on', () => {
    const items = split(new JsonLinesSplitter(), `{"a": "${'y'.repeat(MAX_ITEM_CHARS + 1)}"}\n{"a": 2}\n`, 50_000);
    expect(items).toEqual([
      { line: 1, value: undefined, problem: { kind: 'too-long' } },
      { line: 2, value: { a: 2 }, problem: null },
    ]);
  });
});
