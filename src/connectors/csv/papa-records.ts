/**
 * Splits LF-terminated text into CSV records with Papa Parse and gives each record its physical line
 * number. Text arrives in chunks and records come out as soon as they are complete, so memory contains
 * one chunk and the unfinished record, never the whole file.
 */
import Papa from 'papaparse';
import { countLineFeeds } from './decode-text.ts';

export type CsvDelimiter = ',' | ';' | '\t';

/**
 * 'unclosed-quote': a quoted value has no closing quote, so it runs to the end of the file.
 * 'malformed-quote': a closing quote is followed by text other than a delimiter or line end.
 * 'too-long': the record grew past `MAX_RECORD_CHARS` without ending, and the file was not read further.
 */
export type RecordProblem = 'unclosed-quote' | 'malformed-quote' | 'too-long';

/**
 * Maximum length of a record, in UTF-16 code units. A stray quote makes the rest of a file one record,
 * and Papa parses an unfinished record again with each chunk, so without a limit the time would grow
 * with the square of the file size. An Excel cell contains at most 32,767 characters (Microsoft KB
 * 211878), so real records stay far below this.
 */
export const MAX_RECORD_CHARS = 1_000_000;

export interface CsvRecord {
  /** Physical line where the record starts; the header is line 1. */
  line: number;
  /** Physical line where the record ends; larger than `line` when a quoted value contains line breaks. */
  lastLine: number;
  /** Values as written, without the quotes around them and with doubled quotes made single. */
  fields: string[];
  problem: RecordProblem | null;
}

/**
 * A Node-style readable stream, which Papa Parse 5.7 streams from when `readable` is true and `read` and
 * `on` are functions (see `ReadableStreamStreamer` in papaparse.js). Each `emit('data')` makes Papa parse
 * that chunk synchronously, so the caller controls the pace and `pause` and `resume` are never needed.
 */
class NodeReadableAdapter {
  readonly readable = true;
  readonly #listeners = new Map<string, Set<(value?: unknown) => void>>();

  read(): null {
    return null;
  }

  on(event: string, listener: (value?: unknown) => void): this {
    const listeners = this.#listeners.get(event) ?? new Set();
    listeners.add(listener);
    this.#listeners.set(event, listeners);
    return this;
  }

  removeListener(event: string, listener: (value?: unknown) => void): this {
    this.#listeners.get(event)?.delete(listener);
    return this;
  }

  pause(): this {
    return this;
  }

  resume(): this {
    return this;
  }

  emit(event: 'data' | 'end', value?: string): void {
    for (const listener of [...(this.#listeners.get(event) ?? [])]) listener(value);
  }
}

/**
 * Feeds text to Papa Parse and collects the records it completes. Line ends must already be LF: Papa
 * splits on one newline sequence only, so mixed line ends are normalised before they get here.
 */
export class CsvRecordParser {
  readonly #adapter = new NodeReadableAdapter();
  /** The text from absolute offset `#windowStart` on: the unfinished record plus the latest chunk. */
  #window = '';
  #windowStart = 0;
  #nextLine = 1;
  #records: CsvRecord[] = [];
  #failure: unknown = null;

  constructor(delimiter: CsvDelimiter) {
    Papa.parse<string[]>(this.#adapter as unknown as NodeJS.ReadableStream, {
      delimiter,
      newline: '\n',
      quoteChar: '"',
      escapeChar: '"',
      header: false,
      dynamicTyping: false,
      // Empty lines come out as records with one empty field; the caller decides what they mean.
      skipEmptyLines: false,
      comments: false,
      step: (results) => this.#addRecord(results),
      error: (error: unknown) => {
        this.#failure = error;
      },
    });
  }

  /** Returns true when the unfinished record is longer than `MAX_RECORD_CHARS`. */
  isUnfinishedTooLong(): boolean {
    return this.#window.length > MAX_RECORD_CHARS;
  }

  /** Returns the unfinished record as a 'too-long' record with no fields; parse nothing after it. */
  abandonUnfinished(): CsvRecord {
    const line = this.#nextLine;
    const lastLine = line + countLineFeeds(this.#window, 0, this.#window.length);
    this.#window = '';
    return { line, lastLine, fields: [], problem: 'too-long' };
  }

  /** Parses `text` and returns the records it completed. */
  write(text: string): CsvRecord[] {
    this.#window += text;
    this.#adapter.emit('data', text);
    return this.#takeRecords();
  }

  /** Parses what is left as the last record and returns the records completed. */
  end(): CsvRecord[] {
    this.#adapter.emit('end');
    return this.#takeRecords();
  }

  #takeRecords(): CsvRecord[] {
    // Papa reports exceptions to the `error` callback instead of throwing, so they are raised here.
    if (this.#failure !== null) throw this.#failure;
    const records = this.#records;
    this.#records = [];
    return records;
  }

  #addRecord(results: Papa.ParseStepResult<string[]>): void {
    // `cursor` is the absolute offset just after the record, including its line end.
    const end = results.meta.cursor - this.#windowStart;
    const lineFeeds = countLineFeeds(this.#window, 0, end);
    const isTerminated = end > 0 && this.#window[end - 1] === '\n';
    const line = this.#nextLine;

    this.#records.push({
      line,
      lastLine: line + lineFeeds - (isTerminated ? 1 : 0),
      fields: results.data,
      problem: findQuoteProblem(results.errors),
    });
    this.#nextLine = line + lineFeeds;
    this.#window = this.#window.slice(end);
    this.#windowStart = results.meta.cursor;
  }
}

/**
 * Returns the record's quote problem. Papa reads past a quote that text follows and looks for the next
 * closing quote, so a record may have both errors. The text after the quote is then the cause.
 */
function findQuoteProblem(errors: readonly Papa.ParseError[]): RecordProblem | null {
  if (errors.some((error) => error.code === 'InvalidQuotes')) return 'malformed-quote';
  if (errors.some((error) => error.code === 'MissingQuotes')) return 'unclosed-quote';
  return null;
}
