/**
 * Reads a CSV file as a header and a stream of data records. Text is decoded before it reaches Papa
 * Parse, because Papa decodes each byte slice of a Blob on its own. A character split across two slices
 * would then become two replacement characters, and invalid bytes would pass silently.
 */
import { AppError, type ErrorCode } from '../../contract/errors.ts';
import type { Delimiter, TextEncoding } from '../../contract/model.ts';
import { CsvRecordParser, MAX_RECORD_CHARS, type CsvDelimiter, type CsvRecord } from './papa-records.ts';
import { openTextReader, type CsvSource, type TextChunkReader } from './decode-text.ts';

export type { CsvDelimiter, CsvRecord, CsvSource };
export type { RecordProblem } from './papa-records.ts';

export interface CsvReadOptions {
  encoding: TextEncoding;
  /** 'auto' detects comma, semicolon or tab from the header line. */
  delimiter: Delimiter;
  /** Checked before each chunk is read; reading then rejects with the signal's reason. */
  signal?: AbortSignal;
}

export interface CsvFile {
  /** Column names from line 1, trimmed. An unnamed column has the name ''. */
  headers: string[];
  delimiter: CsvDelimiter;
  /** True when the delimiter was detected rather than set by the connection. */
  isDelimiterDetected: boolean;
  /**
   * Data records in file order. Empty lines, and lines whose values are all empty or spaces, are left
   * out and counted in `emptyLineCount`. Iterating rejects with an AppError 'file-encoding' when invalid
   * bytes come after the part read so far.
   */
  records: AsyncIterable<CsvRecord>;
  /** Lines left out of `records` so far because they contain no value. */
  readonly emptyLineCount: number;
  /** Stops reading; needed only when `records` is not iterated to its end. */
  close(): Promise<void>;
}

export const DELIMITER_NAMES: Record<CsvDelimiter, string> = { ',': 'comma', ';': 'semicolon', '\t': 'tab' };

/**
 * Opens `source` and reads its header. Rejects with an AppError when the file as a whole cannot be
 * imported: 'file-empty', 'file-not-text', 'file-encoding' (invalid bytes in the part read to find the
 * header), 'file-no-header' (line 1 names no column, or its quotes are broken) or
 * 'file-duplicate-header'.
 */
export async function openCsv(source: CsvSource, options: CsvReadOptions): Promise<CsvFile> {
  const text = openTextReader(source, options.encoding);
  try {
    const head = await readHeaderText(text, options.signal);
    const isDelimiterDetected = options.delimiter === 'auto';
    const delimiter = options.delimiter === 'auto' ? detectDelimiter(head.headerText) : options.delimiter;
    const stream = new CsvRecordStream(text, new CsvRecordParser(delimiter), options.signal, head);
    const headerRecord = await stream.next();
    const headers = validateHeader(headerRecord);

    return {
      headers,
      delimiter,
      isDelimiterDetected,
      records: stream.dataRecords(),
      get emptyLineCount() {
        return stream.emptyLineCount;
      },
      close: () => text.cancel(),
    };
  } catch (error) {
    await text.cancel();
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------------
// Header

interface HeaderText {
  /** All text read so far, starting at the beginning of the file. */
  text: string;
  /** The first record's text, without its line end. */
  headerText: string;
  isEnded: boolean;
}

/** Reads until the first record is complete, and rejects empty files and files without a header line. */
async function readHeaderText(reader: TextChunkReader, signal: AbortSignal | undefined): Promise<HeaderText> {
  let text = '';
  let headerEnd = -1;
  let isEnded = false;
  while (headerEnd === -1 && text.length <= MAX_RECORD_CHARS) {
    signal?.throwIfAborted();
    const chunk = await reader.read();
    if (chunk === null) {
      isEnded = true;
      break;
    }
    text += chunk;
    // Until a visible character arrives, the file may still turn out to be empty.
    if (/\S/.test(text)) headerEnd = findRecordEnd(text);
  }

  if (!/\S/.test(text)) {
    throw new AppError('file-empty', 'The file is empty. Pick a CSV file whose first line names the columns.');
  }
  const headerText = headerEnd === -1 ? text : text.slice(0, headerEnd);
  if (headerText.replace(/[",;\t]/g, '').trim() === '') {
    throw noHeaderError('Line 1 names no columns');
  }
  return { text, headerText, isEnded };
}

/** Returns the offset of the first LF outside quoted values, or -1. */
function findRecordEnd(text: string): number {
  let end = -1;
  scanUnquoted(text, (char, index) => {
    if (char !== '\n') return true;
    end = index;
    return false;
  });
  return end;
}

/**
 * Returns the delimiter that occurs most often outside quoted values in the header line. Ties go to
 * comma, then semicolon, then tab, and a header with none of them is one column, read as comma-separated.
 */
export function detectDelimiter(headerText: string): CsvDelimiter {
  const counts: Record<CsvDelimiter, number> = { ',': 0, ';': 0, '\t': 0 };
  scanUnquoted(headerText, (char) => {
    if (char === ',' || char === ';' || char === '\t') counts[char] += 1;
    return true;
  });
  let best: CsvDelimiter = ',';
  for (const delimiter of [';', '\t'] as const) {
    if (counts[delimiter] > counts[best]) best = delimiter;
  }
  return best;
}

/**
 * Calls `visit` for each character outside quoted values until it returns false. As in Papa Parse, a
 * quote opens a quoted value only at the start of a field, and a doubled quote inside one is a quote
 * character. The delimiter is not known yet, so any of comma, semicolon and tab starts a field.
 */
function scanUnquoted(text: string, visit: (char: string, index: number) => boolean): void {
  let isQuoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (isQuoted) {
      if (char !== '"') continue;
      if (text[i + 1] === '"') i += 1;
      else isQuoted = false;
      continue;
    }
    const isFieldStart = i === 0 || ',;\t\n'.includes(text[i - 1]);
    if (char === '"' && isFieldStart) {
      isQuoted = true;
      continue;
    }
    if (!visit(char, i)) return;
  }
}

function validateHeader(record: CsvRecord | null): string[] {
  if (record === null || record.problem !== null) {
    throw noHeaderError('A quoted column name on line 1 has no proper closing quote');
  }
  const headers = record.fields.map((name) => name.trim());
  if (headers.every((name) => name === '')) throw noHeaderError('Line 1 names no columns');

  const duplicates = findDuplicateNames(headers);
  if (duplicates.length > 0) {
    const described = duplicates.map(({ name, columns }) => `"${name}" (columns ${columns.join(' and ')})`);
    throw new AppError(
      'file-duplicate-header',
      `The header has more than one column named ${described.join(', ')}. ` +
        'Rename or remove the extra columns so that each name is unique, and pick the file again.',
    );
  }
  return headers;
}

/** Returns each non-empty name that occurs more than once, with its 1-based column numbers. */
function findDuplicateNames(headers: readonly string[]): { name: string; columns: number[] }[] {
  const columnsByName = new Map<string, number[]>();
  headers.forEach((name, index) => {
    if (name === '') return;
    const columns = columnsByName.get(name) ?? [];
    columns.push(index + 1);
    columnsByName.set(name, columns);
  });
  return [...columnsByName]
    .filter(([, columns]) => columns.length > 1)
    .map(([name, columns]) => ({ name, columns }));
}

function noHeaderError(reason: string): AppError {
  return new AppError(
    'file-no-header',
    `${reason}. The first line of the file must contain the column names, separated by commas, semicolons or tabs.`,
  );
}

// ---------------------------------------------------------------------------------------------------
// Records

/** Pulls text chunks on demand and hands out the records Papa completes. */
class CsvRecordStream {
  readonly #text: TextChunkReader;
  readonly #parser: CsvRecordParser;
  readonly #signal: AbortSignal | undefined;
  #queue: CsvRecord[];
  #queueIndex = 0;
  #isEnded: boolean;
  emptyLineCount = 0;

  constructor(text: TextChunkReader, parser: CsvRecordParser, signal: AbortSignal | undefined, head: HeaderText) {
    this.#text = text;
    this.#parser = parser;
    this.#signal = signal;
    this.#queue = [];
    this.#isEnded = head.isEnded;
    this.#accept(head.text);
  }

  /** Returns the next record, empty lines included, or null at the end of the file. */
  async next(): Promise<CsvRecord | null> {
    while (this.#queueIndex >= this.#queue.length) {
      if (this.#isEnded) return null;
      await this.#pull();
    }
    return this.#queue[this.#queueIndex++];
  }

  async *dataRecords(): AsyncGenerator<CsvRecord> {
    try {
      for (let record = await this.next(); record !== null; record = await this.next()) {
        if (isEmptyRecord(record)) {
          this.emptyLineCount += 1;
          continue;
        }
        yield record;
      }
    } finally {
      await this.#text.cancel();
    }
  }

  async #pull(): Promise<void> {
    this.#signal?.throwIfAborted();
    const chunk = await this.#text.read();
    if (chunk === null) this.#isEnded = true;
    this.#accept(chunk ?? '');
    if (this.#isEnded) await this.#text.cancel();
  }

  /** Parses `text`, then the end of the file if it has been reached, and queues the records. */
  #accept(text: string): void {
    const records = this.#parser.write(text);
    if (this.#isEnded) {
      records.push(...this.#parser.end());
    } else if (this.#parser.isUnfinishedTooLong()) {
      records.push(this.#parser.abandonUnfinished());
      this.#isEnded = true;
    }
    this.#queue = this.#queue.slice(this.#queueIndex).concat(records);
    this.#queueIndex = 0;
  }
}

function isEmptyRecord(record: CsvRecord): boolean {
  return record.problem === null && record.fields.every((field) => field.trim() === '');
}

// ---------------------------------------------------------------------------------------------------
// Preview

/** Bytes read for a preview. */
const PREVIEW_BYTES = 64 * 1024;
const PREVIEW_ROWS = 5;

export interface CsvProblem {
  /** 'error' fails a run as a whole; 'warning' affects single rows or columns. */
  level: 'error' | 'warning';
  /** Set for errors: the code the run would fail with. */
  code: ErrorCode | null;
  message: string;
}

export interface CsvPreview {
  headers: string[];
  delimiter: CsvDelimiter;
  /** The first data records' values, at most five. */
  sampleRows: string[][];
  problems: CsvProblem[];
}

/**
 * Reads the first 64 KB of `blob` to show its columns and first rows and to suggest a mapping. Problems
 * that would fail a run are returned as 'error' problems instead of being thrown. Problems after the
 * first 64 KB are found only by a run.
 */
export async function inspectCsv(
  blob: Blob,
  options: { encoding: TextEncoding; delimiter: Delimiter },
): Promise<CsvPreview> {
  const isTruncated = blob.size > PREVIEW_BYTES;
  const head = isTruncated ? await readPreviewBytes(blob, options.encoding) : blob;
  let file: CsvFile;
  try {
    file = await openCsv(head, options);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    const delimiter = options.delimiter === 'auto' ? ',' : options.delimiter;
    return { headers: [], delimiter, sampleRows: [], problems: [{ level: 'error', code: error.code, message: error.message }] };
  }

  const records: CsvRecord[] = [];
  const problems: CsvProblem[] = [];
  try {
    for await (const record of file.records) records.push(record);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    problems.push({ level: 'error', code: error.code, message: error.message });
  }
  // The last record of a cut-off file may itself be cut off.
  if (isTruncated) records.pop();

  const sample = records.slice(0, PREVIEW_ROWS);
  problems.push(...describeUnnamedColumns(file.headers), ...describeSampleProblems(sample, file.headers.length));
  return {
    headers: file.headers,
    delimiter: file.delimiter,
    sampleRows: sample.map((record) => record.fields),
    problems,
  };
}

async function readPreviewBytes(blob: Blob, encoding: TextEncoding): Promise<Blob> {
  const bytes = new Uint8Array(await blob.slice(0, PREVIEW_BYTES).arrayBuffer());
  return new Blob([encoding === 'utf-8' ? trimIncompleteUtf8(bytes) : bytes]);
}

/** Drops a UTF-8 sequence cut off at the end of `bytes`, which would otherwise decode as invalid. */
export function trimIncompleteUtf8(bytes: Uint8Array<ArrayBuffer>): Uint8Array<ArrayBuffer> {
  for (let back = 1; back <= Math.min(4, bytes.length); back++) {
    const byte = bytes[bytes.length - back];
    if ((byte & 0xc0) === 0x80) continue;
    return utf8SequenceLength(byte) > back ? bytes.subarray(0, bytes.length - back) : bytes;
  }
  return bytes;
}

/** Returns the length of the UTF-8 sequence that `leadByte` starts. */
function utf8SequenceLength(leadByte: number): number {
  if (leadByte >= 0xf0) return 4;
  if (leadByte >= 0xe0) return 3;
  if (leadByte >= 0xc0) return 2;
  return 1;
}

function describeUnnamedColumns(headers: readonly string[]): CsvProblem[] {
  const problems: CsvProblem[] = [];
  headers.forEach((name, index) => {
    if (name !== '') return;
    problems.push({ level: 'warning', code: null, message: `Column ${index + 1} has no name, so it cannot be mapped.` });
  });
  return problems;
}

function describeSampleProblems(sample: readonly CsvRecord[], headerCount: number): CsvProblem[] {
  const problems: CsvProblem[] = [];
  for (const record of sample) {
    const message = describeRecordProblem(record, headerCount);
    if (message !== null) problems.push({ level: 'warning', code: null, message });
  }
  return problems;
}

/**
 * Returns why a record cannot be imported as a row (broken quotes or a wrong number of fields), or null.
 * Messages start with the line, for example "Line 7 has 5 fields; the header has 6."
 */
export function describeRecordProblem(record: CsvRecord, headerCount: number): string | null {
  const readAsOneRow = record.lastLine > record.line ? `, so lines ${record.line} to ${record.lastLine} were read as one row` : '';
  switch (record.problem) {
    case 'unclosed-quote':
      return `Line ${record.line}: a quoted value has no closing quote${readAsOneRow}. Add the missing quote.`;
    case 'malformed-quote':
      return `Line ${record.line}: a quoted value has text after its closing quote${readAsOneRow}. Quote the whole value and double any quote inside it ("").`;
    case 'too-long':
      return `Line ${record.line} starts a row longer than ${MAX_RECORD_CHARS.toLocaleString('en-US')} characters, most likely a quoted value with no closing quote, so the rest of the file was not read.`;
    case null:
      break;
  }
  if (record.fields.length !== headerCount) {
    return `Line ${record.line} has ${record.fields.length} ${record.fields.length === 1 ? 'field' : 'fields'}; the header has ${headerCount}.`;
  }
  return null;
}
