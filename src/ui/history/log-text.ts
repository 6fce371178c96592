/** Text helpers of the log viewer. */

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Splits `text` into the parts that match `search` (ignoring case) and the parts between them. */
export function splitByMatches(text: string, search: string): { text: string; isMatch: boolean }[] {
  const needle = search.trim();
  if (needle === '') return [{ text, isMatch: false }];
  const parts: { text: string; isMatch: boolean }[] = [];
  let start = 0;
  for (const match of text.matchAll(new RegExp(escapeRegExp(needle), 'giu'))) {
    const found = match.index;
    if (found > start) parts.push({ text: text.slice(start, found), isMatch: false });
    parts.push({ text: match[0], isMatch: true });
    start = found + match[0].length;
  }
  if (start < text.length || parts.length === 0) parts.push({ text: text.slice(start), isMatch: false });
  return parts;
}
