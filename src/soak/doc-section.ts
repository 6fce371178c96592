/** Writes a soak's figures into docs/reliability.md between its start and end comments. */
import { readFileSync, writeFileSync } from 'node:fs';

export const RELIABILITY_DOC = 'docs/reliability.md';

/**
 * Replaces the text between `<!-- NAME:start -->` and `<!-- NAME:end -->` (the comments included) with
 * `lines` framed by the same comments, or appends the framed lines when the file lacks the comments.
 */
export function writeDocSection(name: string, lines: readonly string[], path: string = RELIABILITY_DOC): void {
  const startMark = `<!-- ${name}:start -->`;
  const endMark = `<!-- ${name}:end -->`;
  const section = [startMark, ...lines, endMark].join('\n');
  const doc = readFileSync(path, 'utf8');
  const start = doc.indexOf(startMark);
  const end = doc.indexOf(endMark);
  writeFileSync(path, start >= 0 && end > start ? doc.slice(0, start) + section + doc.slice(end + endMark.length) : `${doc}\n${section}\n`);
}
