/**
 * Splits JSON text into items as chunks arrive: the elements of one top-level array, or the lines of a
 * JSON lines file. Each item's text is parsed with `JSON.parse` as soon as it is complete, so memory holds
 * one item and one chunk, never the whole file.
 */
import { AppError } from '../../contract/errors.ts';
import { countLineFeeds } from '../csv/decode-text.ts';

/**
 * Maximum length of one item, in UTF-16 code units, like the CSV reader's limit on a record. A longer
 * item is reported as a 'too-long' problem and its text is not kept.
 */
export const MAX_ITEM_CHARS = 1_000_000;

/**
 * 'invalid-json': the item's text is not valid JSON; `detail` is the parser's message and `isCutOff` is
 * true when the text ends the file without a line end, as a cut-off download does.
 * 'too-long': the item is longer than `MAX_ITEM_CHARS`.
 */
export type JsonItemProblem = { kind: 'invalid-json'; detail: string; isCutOff: boolean } | { kind: 'too-long' };

export interface JsonItem {
  /** Physical line where the item starts; the file's first line is line 1. */
  line: number;
  /** The parsed value; undefined when `problem` is set. */
  value: unknown;
  problem: JsonItemProblem | null;
}

/** Reads items from LF-terminated text; `write` and `end` return the items they completed. */
export interface JsonItemSplitter {
  write(text: string): JsonItem[];
  end(): JsonItem[];
  /** Lines without any value, left out of a JSON lines file; always 0 for an array. */
  readonly emptyLineCount: number;
}

/** A structure problem that makes the whole file unreadable: it is not an array, or it is cut off. */
export function invalidJsonError(detail: string): AppError {
  return new AppError('file-invalid-json', `The file is not valid JSON: ${detail} Nothing was imported.`);
}

/** The text ended before the array did; a preview of the first bytes of a long file always ends so. */
export class JsonCutOffError extends AppError {
  constructor(detail: string) {
    super('file-invalid-json', `The file is not valid JSON: ${detail} Nothing was imported.`);
  }
}

function parseItem(text: string, line: number, isCutOff: boolean): JsonItem {
  try {
    return { line, value: JSON.parse(text), problem: null };
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    return { line, value: undefined, problem: { kind: 'invalid-json', detail: error.message, isCutOff } };
  }
}

/** Returns a short, quoted view of the text at `index` for messages. */
function quoteAt(text: string, index: number): string {
  return JSON.stringify(text.slice(index, index + 12));
}

// ---------------------------------------------------------------------------------------------------
// JSON lines

/** One JSON value per line. Empty lines are left out; a line that is not valid JSON is an item problem. */
export class JsonLinesSplitter implements JsonItemSplitter {
  #partial = '';
  #isPartialTooLong = false;
  #nextLine = 1;
  emptyLineCount = 0;

  write(text: string): JsonItem[] {
    const items: JsonItem[] = [];
    let start = 0;
    for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', start)) {
      this.#append(text.slice(start, end));
      this.#finishLine(items, false);
      start = end + 1;
    }
    this.#append(text.slice(start));
    return items;
  }

  end(): JsonItem[] {
    const items: JsonItem[] = [];
    if (this.#partial !== '' || this.#isPartialTooLong) this.#finishLine(items, true);
    return items;
  }

  #append(text: string): void {
    if (this.#isPartialTooLong) return;
    this.#partial += text;
    if (this.#partial.length > MAX_ITEM_CHARS) {
      this.#partial = '';
      this.#isPartialTooLong = true;
    }
  }

  #finishLine(items: JsonItem[], isLastWithoutLineEnd: boolean): void {
    const line = this.#nextLine;
    this.#nextLine += 1;
    const text = this.#partial.trim();
    const isTooLong = this.#isPartialTooLong;
    this.#partial = '';
    this.#isPartialTooLong = false;
    if (isTooLong) {
      items.push({ line, value: undefined, problem: { kind: 'too-long' } });
    } else if (text === '') {
      this.emptyLineCount += 1;
    } else {
      items.push(parseItem(text, line, isLastWithoutLineEnd));
    }
  }
}

// ---------------------------------------------------------------------------------------------------
// JSON array

type ArrayState = 'before-array' | 'before-first-item' | 'before-item' | 'in-item' | 'after-item' | 'after-array';

/** Characters that may change the nesting inside an object or array item. */
const CONTAINER_SIGNIFICANT = /["{}[\]]/g;
/** Characters that end or escape something inside a string. */
const STRING_SIGNIFICANT = /["\\]/g;
/** Characters that end a number, true, false or null. */
const SCALAR_END = /[\s,\]]/g;

/**
 * The elements of one top-level JSON array. Structure problems (the text is not an array, a comma is
 * missing, text follows the array, the text ends before the array does) throw an AppError
 * 'file-invalid-json'. An element whose own text is invalid comes out as an item with a problem.
 */
export class JsonArraySplitter implements JsonItemSplitter {
  readonly emptyLineCount = 0;
  #state: ArrayState = 'before-array';
  /** Unconsumed text: the current item's text from `#itemStart`, then text not scanned yet. */
  #buffer = '';
  #pos = 0;
  /** The line at buffer offset `#countedTo`. */
  #line = 1;
  #countedTo = 0;

  #itemStart = -1;
  #itemLine = 0;
  #itemKind: 'container' | 'string' | 'scalar' = 'scalar';
  #depth = 0;
  #isInString = false;
  #isEscapePending = false;
  #isItemTooLong = false;
  #lastItemLine = 0;
  #arrayEndLine = 0;

  write(text: string): JsonItem[] {
    this.#buffer += text;
    const items = this.#scan(false);
    this.#dropConsumed();
    return items;
  }

  end(): JsonItem[] {
    const items = this.#scan(true);
    if (this.#state === 'after-array') return items;
    if (this.#state === 'before-array') throw new AppError('file-empty', 'The file is empty. Pick a JSON file that contains an array of objects.');
    throw new JsonCutOffError(this.#describeCutOff());
  }

  #describeCutOff(): string {
    const tail = this.#lastItemLine > 0 ? ` The last complete item starts on line ${this.#lastItemLine}.` : '';
    const inside = this.#state === 'in-item' && this.#isInString ? ' inside a text value' : '';
    return `it ends${inside} before its array is closed with "]", so the file is probably cut off.${tail} Get the complete file and run again.`;
  }

  #lineAt(index: number): number {
    this.#line += countLineFeeds(this.#buffer, this.#countedTo, index);
    this.#countedTo = index;
    return this.#line;
  }

  /** Drops text before the current item, or all scanned text, keeping line counts and offsets right. */
  #dropConsumed(): void {
    const keepFrom = this.#state === 'in-item' && !this.#isItemTooLong ? this.#itemStart : this.#pos;
    if (keepFrom === 0) return;
    this.#lineAt(Math.max(keepFrom, this.#countedTo));
    this.#buffer = this.#buffer.slice(keepFrom);
    this.#countedTo -= keepFrom;
    this.#pos -= keepFrom;
    this.#itemStart = this.#state === 'in-item' && !this.#isItemTooLong ? this.#itemStart - keepFrom : -1;
  }

  #scan(isEnd: boolean): JsonItem[] {
    const items: JsonItem[] = [];
    while (this.#pos < this.#buffer.length || (isEnd && this.#state === 'in-item' && this.#itemKind === 'scalar')) {
      if (this.#state === 'in-item') {
        const item = this.#scanItem(isEnd);
        if (item === null) break;
        items.push(item);
        continue;
      }
      const char = this.#buffer[this.#pos];
      if (char === ' ' || char === '\t' || char === '\n' || char === '\r') {
        this.#pos += 1;
        continue;
      }
      this.#scanPunctuation(char);
    }
    return items;
  }

  /** Handles one non-space character outside items. */
  #scanPunctuation(char: string): void {
    const index = this.#pos;
    switch (this.#state) {
      case 'before-array':
        if (char !== '[') throw invalidJsonError(this.#describeNotArray(char, index));
        this.#state = 'before-first-item';
        this.#pos += 1;
        return;
      case 'before-first-item':
        if (char === ']') {
          this.#endArray(index);
          return;
        }
        this.#startItem(char, index);
        return;
      case 'before-item':
        if (char === ']') throw invalidJsonError(`line ${this.#lineAt(index)}: a "]" follows a comma. Remove the comma after the last item.`);
        if (char === ',') throw invalidJsonError(`line ${this.#lineAt(index)}: two commas follow each other, with no item between them.`);
        this.#startItem(char, index);
        return;
      case 'after-item':
        if (char === ',') {
          this.#state = 'before-item';
          this.#pos += 1;
          return;
        }
        if (char === ']') {
          this.#endArray(index);
          return;
        }
        throw invalidJsonError(
          `line ${this.#lineAt(index)}: expected a comma or "]" after the item that starts on line ${this.#lastItemLine}, but found ${quoteAt(this.#buffer, index)}.`,
        );
      case 'after-array':
        throw invalidJsonError(`line ${this.#lineAt(index)}: more text (${quoteAt(this.#buffer, index)}) follows the end of the array on line ${this.#arrayEndLine}.`);
      case 'in-item':
        throw new Error('scanPunctuation is not called inside an item.');
    }
  }

  #describeNotArray(char: string, index: number): string {
    if (char === '{') {
      return 'it is one JSON object, not an array of objects. Runlane reads a JSON array ([{…}, {…}]) or JSON lines (one object per line); if each line of the file is one object, choose JSON lines.';
    }
    return `it must be an array of objects that starts with "[", but line ${this.#lineAt(index)} starts with ${quoteAt(this.#buffer, index)}.`;
  }

  #endArray(index: number): void {
    this.#arrayEndLine = this.#lineAt(index);
    this.#state = 'after-array';
    this.#pos = index + 1;
  }

  #startItem(char: string, index: number): void {
    this.#state = 'in-item';
    this.#itemStart = index;
    this.#itemLine = this.#lineAt(index);
    this.#isItemTooLong = false;
    this.#isEscapePending = false;
    if (char === '{' || char === '[') {
      this.#itemKind = 'container';
      this.#depth = 1;
      this.#isInString = false;
    } else if (char === '"') {
      this.#itemKind = 'string';
      this.#depth = 0;
      this.#isInString = true;
    } else {
      this.#itemKind = 'scalar';
      this.#depth = 0;
      this.#isInString = false;
    }
    this.#pos = index + 1;
  }

  /** Scans the current item; returns it when complete, or null when more text is needed. */
  #scanItem(isEnd: boolean): JsonItem | null {
    const end = this.#itemKind === 'scalar' ? this.#findScalarEnd(isEnd) : this.#findNestedEnd();
    if (end === -1) {
      this.#checkItemLength();
      return null;
    }
    this.#pos = end;
    this.#state = 'after-item';
    this.#lastItemLine = this.#itemLine;
    const start = this.#itemStart;
    this.#itemStart = -1;
    if (this.#isItemTooLong || end - start > MAX_ITEM_CHARS) return { line: this.#itemLine, value: undefined, problem: { kind: 'too-long' } };
    return parseItem(this.#buffer.slice(start, end), this.#itemLine, false);
  }

  /** Once an item grows past the limit, its text is dropped and only its end is looked for. */
  #checkItemLength(): void {
    if (!this.#isItemTooLong && this.#pos - this.#itemStart > MAX_ITEM_CHARS) this.#isItemTooLong = true;
  }

  #findScalarEnd(isEnd: boolean): number {
    SCALAR_END.lastIndex = this.#pos;
    const match = SCALAR_END.exec(this.#buffer);
    if (match) return match.index;
    this.#pos = this.#buffer.length;
    // At the end of the text a scalar ends with it; the array is then cut off, which `end` reports.
    if (isEnd) {
      this.#state = 'after-item';
      this.#lastItemLine = this.#itemLine;
    }
    return -1;
  }

  /** Returns the offset just after the object, array or string item, or -1 when it continues. */
  #findNestedEnd(): number {
    const buffer = this.#buffer;
    let pos = this.#pos;
    while (pos < buffer.length) {
      if (this.#isEscapePending) {
        this.#isEscapePending = false;
        pos += 1;
        continue;
      }
      const pattern = this.#isInString ? STRING_SIGNIFICANT : CONTAINER_SIGNIFICANT;
      pattern.lastIndex = pos;
      const match = pattern.exec(buffer);
      if (!match) {
        pos = buffer.length;
        break;
      }
      pos = match.index + 1;
      const found = match[0];
      if (this.#isInString) {
        if (found === '\\') {
          this.#isEscapePending = true;
          continue;
        }
        this.#isInString = false;
        if (this.#itemKind === 'string') return pos;
        continue;
      }
      if (found === '"') this.#isInString = true;
      else if (found === '{' || found === '[') this.#depth += 1;
      else {
        this.#depth -= 1;
        if (this.#depth === 0) return pos;
      }
    }
    this.#pos = pos;
    return -1;
  }
}
