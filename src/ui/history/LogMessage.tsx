import { For, type JSX } from 'solid-js';

/** Splits `text` into the parts that match `search` (ignoring case) and the parts between them. */
export function splitByMatches(text: string, search: string): { text: string; isMatch: boolean }[] {
  const needle = search.trim().toLowerCase();
  if (needle === '') return [{ text, isMatch: false }];
  const haystack = text.toLowerCase();
  const parts: { text: string; isMatch: boolean }[] = [];
  let start = 0;
  for (let found = haystack.indexOf(needle); found !== -1; found = haystack.indexOf(needle, start)) {
    if (found > start) parts.push({ text: text.slice(start, found), isMatch: false });
    parts.push({ text: text.slice(found, found + needle.length), isMatch: true });
    start = found + needle.length;
  }
  if (start < text.length) parts.push({ text: text.slice(start), isMatch: false });
  return parts;
}

/** A log message with the searched text marked; the text is rendered as text nodes, never as HTML. */
export function LogMessage(props: { text: string; search: string }): JSX.Element {
  return <For each={splitByMatches(props.text, props.search)}>{(part) => (part.isMatch ? <mark>{part.text}</mark> : part.text)}</For>;
}
