/**
 * Finds request headers in a connection's settings and notification settings. Any list of `{ name, value }`
 * entries is a list of request headers, whatever its key (`headers`, `requestHeaders`), so a connector added
 * later is covered too. A CSV file's `headers` is a list of column names and is not touched.
 */
import type { HeaderEntry } from '../../contract/model.ts';
import type { LeftOutHeaders } from './backup-format.ts';
import { isFields } from './backup-fields.ts';

export function isHeaderList(value: unknown): value is HeaderEntry[] {
  return (
    Array.isArray(value) &&
    value.length > 0 &&
    value.every((entry) => isFields(entry) && typeof entry.name === 'string' && typeof entry.value === 'string')
  );
}

/**
 * Returns a copy of `value` with every request header list emptied, and the names of the headers left
 * out with their paths (relative to `path`).
 */
export function withoutHeaders<T>(value: T, path: string): { value: T; leftOut: LeftOutHeaders[] } {
  const leftOut: LeftOutHeaders[] = [];
  const strip = (current: unknown, currentPath: string): unknown => {
    if (isHeaderList(current)) {
      leftOut.push({ path: currentPath, names: current.map((entry) => entry.name) });
      return [];
    }
    if (Array.isArray(current)) return current.map((item, index) => strip(item, `${currentPath}[${index}]`));
    if (isFields(current)) {
      return Object.fromEntries(Object.entries(current).map(([key, item]) => [key, strip(item, `${currentPath}.${key}`)]));
    }
    return current;
  };
  return { value: strip(value, path) as T, leftOut };
}
