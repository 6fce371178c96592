/**
 * Reads a JSON file as a stream of items: the objects of one array, or JSON lines. Text is decoded with a
 * fatal decoder first (as for CSV files), so invalid bytes fail instead of turning into replacement
 * characters.
 */
import { AppError, type ErrorCode } from '../../contract/errors.ts';
import type { JsonLayout, TextEncoding } from '../../contract/model.ts';
import { trimIncompleteUtf8 } from '../csv/decode-csv.ts';
import { openTextReader, type CsvSource, type TextChunkReader } from '../csv/decode-text.ts';
import {
  invalidJsonError,
  JsonArraySplitter,
  JsonCutOffError,
  JsonLinesSplitter,
  type JsonItem,
  type JsonItemSplitter,
  MAX_ITEM_CHARS,
} from './json-items.ts';

export type { JsonItem };

export interface JsonReadOptions {
  encoding: TextEncoding;
  layout: JsonLayout;
  /** Checked before each chunk is read; reading then rejects with the signal's reason. */
  signal?: AbortSignal;
}

export interface JsonFile {
  layout: JsonLayout;
  /**
   * Items in file order. Iterating rejects with an AppError 'file-invalid-json' when the structure of an
   * array breaks, and with 'file-encoding' or 'file-not-text' for bytes that are not text.
   */
  records: AsyncIterable<JsonItem>;
  /** Empty lines left out of a JSON lines file so far. */
  readonly emptyLineCount: number;
  close(): Promise<void>;
}

export const LAYOUT_NAMES: Record<JsonLayout, string> = { array: 'JSON array', lines: 'JSON lines' };

function createSplitter(layout: JsonLayout): JsonItemSplitter {
  return layout === 'array' ? new JsonArraySplitter() : new JsonLinesSplitter();
}

/** Opens `source` for reading its items; nothing is read before `records` is iterated. */
export function openJson(source: CsvSource, options: JsonReadOptions): JsonFile {
  const text = openTextReader(source, options.encoding, 'json');
  const splitter = createSplitter(options.layout);
  return {
    layout: options.layout,
    records: readItems(text, splitter, options.signal),
    get emptyLineCount() {
      return splitter.emptyLineCount;
    },
    close: () => text.cancel(),
  };
}

async function* readItems(text: TextChunkReader, splitter: JsonItemSplitter, signal: AbortSignal | undefined): AsyncGenerator<JsonItem> {
  try {
    for (;;) {
      signal?.throwIfAborted();
      const chunk = await text.read();
      const items = chunk === null ? splitter.end() : splitter.write(chunk);
      yield* items;
      if (chunk === null) return;
    }
  } finally {
    await text.cancel();
  }
}

// ---------------------------------------------------------------------------------------------------
// Checking the whole file before a run writes

export interface JsonScan {
  /** Keys of the file's objects, trimmed, in the order first seen. */
  keys: string[];
  itemCount: number;
}

/**
 * Reads all of `blob` once and returns its keys. Rejects with the AppError that would otherwise surface
 * only after earlier batches were written: invalid bytes, an array that is not one ('file-invalid-json'),
 * an array item that is not valid JSON, or an array cut off before its "]". A JSON lines file has no such
 * whole-file structure, so its invalid lines are left to the run, which fails those rows.
 */
export async function scanJson(blob: Blob, options: JsonReadOptions): Promise<JsonScan> {
  const file = openJson(blob, options);
  const keys = new Set<string>();
  let itemCount = 0;
  try {
    for await (const item of file.records) {
      itemCount += 1;
      if (item.problem?.kind === 'invalid-json' && options.layout === 'array') {
        throw invalidJsonError(`the item that starts on line ${item.line} is invalid (${item.problem.detail}).`);
      }
      collectKeys(item.value, keys);
    }
  } finally {
    await file.close();
  }
  return { keys: [...keys], itemCount };
}

function collectKeys(value: unknown, keys: Set<string>): void {
  if (!isJsonObject(value)) return;
  for (const key of Object.keys(value)) keys.add(key.trim());
}

export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Returns what kind of JSON value `value` is, for messages: "a number", "an array", … */
export function describeJsonKind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return 'a text value';
  if (typeof value === 'number') return 'a number';
  if (typeof value === 'boolean') return 'a true/false value';
  return 'a value';
}

// ---------------------------------------------------------------------------------------------------
// Preview

/** Bytes read for a preview, as for CSV files. */
const PREVIEW_BYTES = 64 * 1024;
const PREVIEW_ROWS = 5;
/** Characters of a nested value shown in a preview cell. */
const MAX_PREVIEW_CELL_CHARS = 60;

export interface JsonProblem {
  level: 'error' | 'warning';
  code: ErrorCode | null;
  message: string;
}

export interface JsonPreview {
  layout: JsonLayout;
  /** True when the layout was detected from the first character rather than chosen. */
  isLayoutDetected: boolean;
  /** Keys of the objects in the part read, trimmed, in the order first seen. */
  headers: string[];
  /** The first objects' values as text, in `headers` order; at most five. */
  sampleRows: string[][];
  /** Keys whose values in the part read are objects or arrays, which no property can hold. */
  nestedKeys: string[];
  problems: JsonProblem[];
}

/**
 * Reads the first 64 KB of `blob` to show its keys and first objects. `layout` 'auto' detects an array
 * from a leading "[" and JSON lines from a leading "{". Problems that would fail a run are returned as
 * 'error' problems instead of being thrown.
 */
export async function inspectJson(blob: Blob, options: { encoding: TextEncoding; layout: JsonLayout | 'auto' }): Promise<JsonPreview> {
  const isTruncated = blob.size > PREVIEW_BYTES;
  const head = isTruncated ? await readPreviewBytes(blob, options.encoding) : blob;
  const fallbackLayout: JsonLayout = options.layout === 'auto' ? 'array' : options.layout;
  const empty = (layout: JsonLayout, error: AppError): JsonPreview => ({
    layout,
    isLayoutDetected: options.layout === 'auto',
    headers: [],
    sampleRows: [],
    nestedKeys: [],
    problems: [{ level: 'error', code: error.code, message: error.message }],
  });

  let layout: JsonLayout;
  try {
    layout = options.layout === 'auto' ? await detectLayout(head, options.encoding) : options.layout;
  } catch (error) {
    if (error instanceof AppError) return empty(fallbackLayout, error);
    throw error;
  }

  const items: JsonItem[] = [];
  const problems: JsonProblem[] = [];
  try {
    for await (const item of openJson(head, { encoding: options.encoding, layout }).records) items.push(item);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    // The preview of a long array ends before its "]"; only a short file is cut off.
    if (!(isTruncated && error instanceof JsonCutOffError)) return empty(layout, error);
  }
  // The last item of a cut-off preview may itself be cut off.
  if (isTruncated && layout === 'lines') items.pop();

  const firstProblem = describeFirstItemProblem(items, layout) ?? describeNestedOnlyItems(items) ?? describeNoObjects(items, isTruncated);
  if (firstProblem) return empty(layout, firstProblem);
  problems.push(...describeSampleProblems(items));
  return { layout, isLayoutDetected: options.layout === 'auto', ...buildSample(items), problems };
}

/** Warnings for the first items that a run would fail. */
function describeSampleProblems(items: readonly JsonItem[]): JsonProblem[] {
  const problems: JsonProblem[] = [];
  for (const item of items.slice(0, PREVIEW_ROWS)) {
    const message = describeItemProblem(item);
    if (message !== null) problems.push({ level: 'warning', code: null, message });
  }
  return problems;
}

/**
 * Returns why an item cannot be imported as a row (invalid JSON, too long, not an object), or null.
 * Messages start with the line, for example "Line 7 is a number, not an object …".
 */
export function describeItemProblem(item: JsonItem): string | null {
  if (item.problem?.kind === 'too-long') {
    return `Line ${item.line} starts an item longer than ${MAX_ITEM_CHARS.toLocaleString('en-US')} characters, so it was not read.`;
  }
  if (item.problem?.kind === 'invalid-json') {
    const cutOff = item.problem.isCutOff ? ' The line ends the file without a line end, so the file may be cut off.' : '';
    return `Line ${item.line} is not valid JSON (${item.problem.detail}).${cutOff}`;
  }
  if (!isJsonObject(item.value)) {
    return `Line ${item.line}: the item is ${describeJsonKind(item.value)}, not an object with keys, so it cannot be imported.`;
  }
  return null;
}

async function readPreviewBytes(blob: Blob, encoding: TextEncoding): Promise<Blob> {
  const bytes = new Uint8Array(await blob.slice(0, PREVIEW_BYTES).arrayBuffer());
  return new Blob([encoding === 'utf-8' ? trimIncompleteUtf8(bytes) : bytes]);
}

/** Returns 'array' for a leading "[", 'lines' for a leading "{", and rejects anything else. */
async function detectLayout(head: Blob, encoding: TextEncoding): Promise<JsonLayout> {
  const reader = openTextReader(head, encoding, 'json');
  try {
    for (let chunk = await reader.read(); chunk !== null; chunk = await reader.read()) {
      const match = /\S/.exec(chunk);
      if (!match) continue;
      if (match[0] === '[') return 'array';
      if (match[0] === '{') return 'lines';
      throw invalidJsonError(`it must be an array of objects that starts with "[", or JSON lines with one object per line, but it starts with ${JSON.stringify(chunk.slice(match.index, match.index + 12))}.`);
    }
  } finally {
    await reader.cancel();
  }
  throw new AppError('file-empty', 'The file is empty. Pick a JSON file that contains an array of objects, or JSON lines.');
}

/**
 * Returns the error for a pretty-printed single object read as JSON lines, whose first line "{" alone is
 * not valid JSON, or null for any other file.
 */
function describeFirstItemProblem(items: readonly JsonItem[], layout: JsonLayout): AppError | null {
  const [first] = items;
  if (layout !== 'lines' || !first || first.problem?.kind !== 'invalid-json') return null;
  return invalidJsonError(
    `line ${first.line} is not a complete JSON value (${first.problem.detail}). If the file is one object spread over several lines, it must be an array of objects instead; if it is an array, choose JSON array.`,
  );
}

/**
 * Returns the error for a file whose items are all valid JSON but none is an object: an empty array, or an
 * array of numbers or text. Returns null when some item is an object or could not be read, and for a
 * preview whose first item is longer than the preview.
 */
function describeNoObjects(items: readonly JsonItem[], isTruncated: boolean): AppError | null {
  if (items.some((item) => item.problem || isJsonObject(item.value))) return null;
  const [first] = items;
  if (!first) {
    if (isTruncated) return null;
    return new AppError('file-empty', 'The file\'s array is empty, so there is nothing to import. Pick a file with at least one object, such as [{"email": "ada@example.com"}].');
  }
  return new AppError(
    'file-missing-columns',
    `The file contains no objects with keys: the item on line ${first.line} is ${describeJsonKind(first.value)}. ` +
      'Each item must be an object whose keys become columns, such as {"email": "ada@example.com"}.',
  );
}

/**
 * Returns the error for objects where the value of every key is an object or an array, such as one object
 * that wraps the list of customers ({"customers": [{…}, {…}]}). No property can store such a value, so no
 * key could be mapped. Returns null when some value is text, a number, true/false or null.
 */
function describeNestedOnlyItems(items: readonly JsonItem[]): AppError | null {
  const objects = items.map((item) => item.value).filter(isJsonObject);
  const keys = new Set<string>();
  for (const object of objects) {
    for (const [key, value] of Object.entries(object)) {
      if (typeof value !== 'object' || value === null) return null;
      keys.add(key.trim());
    }
  }
  if (keys.size === 0) return null;
  const names = [...keys].map((key) => JSON.stringify(key)).join(', ');
  return new AppError(
    'file-missing-columns',
    `The value of every key in the file's objects (${names}) is an object or an array, so no key can be imported. ` +
      'Keys need text, number or true/false values. If the file is one object that wraps the list of ' +
      'customers, such as {"customers": [{…}, {…}]}, save the list on its own as a JSON array.',
  );
}

function buildSample(items: readonly JsonItem[]): { headers: string[]; sampleRows: string[][]; nestedKeys: string[] } {
  const keys = new Set<string>();
  const nestedKeys = new Set<string>();
  for (const item of items) {
    collectKeys(item.value, keys);
    if (!isJsonObject(item.value)) continue;
    for (const [key, value] of Object.entries(item.value)) {
      if (typeof value === 'object' && value !== null) nestedKeys.add(key.trim());
    }
  }
  const headers = [...keys];
  const objects = items.map((item) => item.value).filter(isJsonObject).slice(0, PREVIEW_ROWS);
  const sampleRows = objects.map((object) => {
    const trimmed = new Map(Object.entries(object).map(([key, value]) => [key.trim(), value]));
    return headers.map((key) => previewCell(trimmed.get(key)));
  });
  return { headers, sampleRows, nestedKeys: [...nestedKeys] };
}

/** Formats a value as the mapping editor shows it and as type suggestions read it. */
export function previewCell(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const text = JSON.stringify(value);
  return text.length > MAX_PREVIEW_CELL_CHARS ? `${text.slice(0, MAX_PREVIEW_CELL_CHARS)}…` : text;
}
