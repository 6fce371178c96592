import { describe, expect, it } from 'vitest';
import { inspectJson } from './decode-json.ts';

function blobOf(text: string): Blob {
  return new Blob([new TextEncoder().encode(text)]);
}

const WRAPPER_ERROR =
  'The value of every key in the file\'s objects ("customers") is an object or an array, so no key can be imported. ' +
  'Keys need text, number or true/false values. If the file is one object that wraps the list of ' +
  'customers, such as {"customers": [{…}, {…}]}, save the list on its own as a JSON array.';

describe('inspectJson', () => {
  it('previews the keys of an array', async () => {
    const text = JSON.stringify([{ email: 'ada@example.com', address: { city: 'London' } }, { email: 'bob@example.com', points: 3 }]);
    const preview = await inspectJson(blobOf(text), { encoding: 'utf-8', layout: 'auto' });
    expect(preview.layout).toBe('array');
    expect(preview.headers).toEqual(['email', 'address', 'points']);
    expect(preview.sampleRows).toEqual([
      ['ada@example.com', '{"city":"London"}', ''],
      ['bob@example.com', '', '3'],
    ]);
    expect(preview.nestedKeys).toEqual(['address']);
    expect(preview.problems).toEqual([]);
  });

  it('rejects one object wrapping the list', async () => {
    const text = '{"customers": [{"email": "ada@example.com"}, {"email": "bob@example.com"}]}\n';
    const preview = await inspectJson(blobOf(text), { encoding: 'utf-8', layout: 'auto' });
    // A leading "{" reads as JSON lines, whose one line is this object.
    expect(preview.layout).toBe('lines');
    expect(preview.headers).toEqual([]);
    expect(preview.problems).toEqual([{ level: 'error', code: 'file-missing-columns', message: WRAPPER_ERROR }]);
  });

  it('rejects an empty array', async () => {
    const preview = await inspectJson(blobOf('[ ]\n'), { encoding: 'utf-8', layout: 'auto' });
    expect(preview.headers).toEqual([]);
    expect(preview.problems).toEqual([
      {
        level: 'error',
        code: 'file-empty',
        message: 'The file\'s array is empty, so there is nothing to import. Pick a file with at least one object, such as [{"email": "ada@example.com"}].',
      },
    ]);
  });

  it('rejects an array of numbers', async () => {
    const preview = await inspectJson(blobOf('[\n  1,\n  2\n]'), { encoding: 'utf-8', layout: 'auto' });
    expect(preview.headers).toEqual([]);
    expect(preview.problems).toEqual([
      {
        level: 'error',
        code: 'file-missing-columns',
        message:
          'The file contains no objects with keys: the item on line 2 is a number. ' +
          'Each item must be an object whose keys become columns, such as {"email": "ada@example.com"}.',
      },
    ]);
  });

  it('keeps warnings when some items are objects', async () => {
    const preview = await inspectJson(blobOf('[{"email": "ada@example.com"}, 3]'), { encoding: 'utf-8', layout: 'auto' });
    expect(preview.headers).toEqual(['email']);
    expect(preview.problems).toEqual([{ level: 'warning', code: null, message: 'Line 1: the item is a number, not an object with keys, so it cannot be imported.' }]);
  });

  it('rejects items with only nested values', async () => {
    const text = '[{"customers": [{"email": "ada@example.com"}]}]';
    const preview = await inspectJson(blobOf(text), { encoding: 'utf-8', layout: 'array' });
    expect(preview.problems).toEqual([{ level: 'error', code: 'file-missing-columns', message: WRAPPER_ERROR }]);
  });

  it('accepts a null value beside nested ones', async () => {
    const text = '{"customers": [], "email": null}\n{"email": "ada@example.com"}\n';
    const preview = await inspectJson(blobOf(text), { encoding: 'utf-8', layout: 'auto' });
    expect(preview.headers).toEqual(['customers', 'email']);
    expect(preview.nestedKeys).toEqual(['customers']);
    expect(preview.problems).toEqual([]);
  });
});
