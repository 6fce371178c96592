/**
 * Field readers for checking a backup file. Each reader takes a value and its path in the file, such as
 * `connections[0].schedule.timeZone`. For a wrong value it records a problem that names the path, the value
 * found and what was expected, and returns a placeholder of the right type. A file is valid only when no
 * reader recorded a problem, so placeholders are never written.
 */

export type Fields = Record<string, unknown>;

const MAX_SHOWN_TEXT = 60;

export class ProblemList {
  readonly messages: string[] = [];

  /** Records `<path> is <value>: <detail>.` */
  add(path: string, value: unknown, detail: string): void {
    this.addDescribed(path, describeValue(value), detail);
  }

  /** Records `<path> is <description>: <detail>.`, for a value the message must not show. */
  addDescribed(path: string, description: string, detail: string): void {
    this.messages.push(`${path} is ${description}: ${detail}.`);
  }

  get count(): number {
    return this.messages.length;
  }
}

/** Describes a value for a message: text in quotes and cut after 60 characters, lists by length, other values as JSON. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'missing';
  if (typeof value === 'string') {
    const shown = value.length > MAX_SHOWN_TEXT ? `${value.slice(0, MAX_SHOWN_TEXT)}…` : value;
    return JSON.stringify(shown);
  }
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  if (Array.isArray(value)) return `a list of ${value.length} ${value.length === 1 ? 'item' : 'items'}`;
  return 'an object';
}

/** Describes a secret, such as a request header value, for a message by its type and length only. */
export function describeSecret(value: unknown): string {
  if (typeof value === 'string') return `a hidden value of ${value.length} ${value.length === 1 ? 'character' : 'characters'}`;
  if (typeof value === 'number' || typeof value === 'boolean') return `a hidden ${typeof value}`;
  return describeValue(value);
}

export function childPath(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

export function isFields(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Returns the object, or null after recording a problem; callers then skip the object's fields. */
export function readObject(problems: ProblemList, value: unknown, path: string): Fields | null {
  if (isFields(value)) return value;
  problems.add(path, value, 'expected an object');
  return null;
}

/** Like readObject for a field that may be null. `nullMeaning` describes what null stands for, for the message. */
export function readNullableObject(problems: ProblemList, value: unknown, path: string, nullMeaning: string): Fields | null {
  if (value === null || isFields(value)) return value;
  problems.add(path, value, `expected an object, or null ${nullMeaning}`);
  return null;
}

export function readList(problems: ProblemList, value: unknown, path: string, maxLength = 100_000): unknown[] {
  if (!Array.isArray(value)) {
    problems.add(path, value, 'expected a list');
    return [];
  }
  if (value.length > maxLength) {
    problems.add(path, value, `expected at most ${maxLength} items`);
    return [];
  }
  return value;
}

interface TextRule {
  minLength?: number;
  maxLength?: number;
  pattern?: RegExp;
  /** Description of the text the pattern accepts, for the message. */
  patternText?: string;
}

export function readText(problems: ProblemList, value: unknown, path: string, rule: TextRule = {}): string {
  const { minLength = 0, maxLength = 10_000 } = rule;
  if (typeof value !== 'string' || value.length < minLength || value.length > maxLength) {
    const length = minLength === 0 ? `at most ${maxLength} characters` : `${minLength} to ${maxLength} characters`;
    problems.add(path, value, `expected text of ${length}`);
    return '';
  }
  if (rule.pattern && !rule.pattern.test(value)) {
    problems.add(path, value, `expected ${rule.patternText ?? `text matching ${String(rule.pattern)}`}`);
    return '';
  }
  return value;
}

export function readNullableText(problems: ProblemList, value: unknown, path: string, rule: TextRule = {}): string | null {
  if (value === null) return null;
  if (typeof value !== 'string') {
    problems.add(path, value, 'expected text or null');
    return null;
  }
  return readText(problems, value, path, rule);
}

export function readInteger(problems: ProblemList, value: unknown, path: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    problems.add(path, value, `expected a whole number from ${min} to ${max}`);
    return min;
  }
  return value;
}

/** Reads an instant in epoch milliseconds, from 1970 to the year 2200. */
export function readEpochMs(problems: ProblemList, value: unknown, path: string): number {
  return readInteger(problems, value, path, 0, 7_258_118_400_000);
}

export function readBoolean(problems: ProblemList, value: unknown, path: string): boolean {
  if (typeof value !== 'boolean') {
    problems.add(path, value, 'expected true or false');
    return false;
  }
  return value;
}

export function readChoice<T extends string>(problems: ProblemList, value: unknown, path: string, choices: readonly T[]): T {
  if (typeof value === 'string' && (choices as readonly string[]).includes(value)) return value as T;
  problems.add(path, value, `expected one of ${choices.map((choice) => JSON.stringify(choice)).join(', ')}`);
  return choices[0] as T;
}

/**
 * Reads an absolute http or https address without a user name or password, the rule the connection forms
 * apply. The message for an address with credentials leaves them out.
 */
export function readHttpUrl(problems: ProblemList, value: unknown, path: string): string {
  const text = readText(problems, value, path, { minLength: 1, maxLength: 2048 });
  if (!text) return '';
  let url: URL | null = null;
  try {
    url = new URL(text);
  } catch {
    // An unparsable address is reported below, like one with another scheme.
  }
  if (url?.protocol !== 'http:' && url?.protocol !== 'https:') {
    problems.add(path, value, 'expected an http:// or https:// address');
    return '';
  }
  if (url.username !== '' || url.password !== '') {
    problems.add(path, `${url.protocol}//…@${url.host}${url.pathname}`, 'expected an address without a user name or password; send them in a request header such as Authorization');
    return '';
  }
  return text;
}

/** Reads a list of items with `readItem`, giving each its `[index]` path. */
export function readItems<T>(
  problems: ProblemList,
  value: unknown,
  path: string,
  readItem: (item: unknown, itemPath: string) => T,
  maxLength?: number,
): T[] {
  return readList(problems, value, path, maxLength).map((item, index) => readItem(item, `${path}[${index}]`));
}
