import { For, type JSX } from 'solid-js';
import { splitByMatches } from './log-text.ts';

/** Renders a log message with the searched text marked, as text nodes and never as HTML. */
export function LogMessage(props: { text: string; search: string }): JSX.Element {
  return <For each={splitByMatches(props.text, props.search)}>{(part) => (part.isMatch ? <mark>{part.text}</mark> : part.text)}</For>;
}
