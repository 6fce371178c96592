/**
 * Ready-to-send email as a mailto link (RFC 6068). Every part is percent-encoded as UTF-8: spaces become
 * %20 (never +), line breaks %0D%0A, and commas, ampersands and non-ASCII text are encoded. Addresses keep
 * their @ and are separated by plain commas, as RFC 6068 writes them.
 */
import { joinBody } from './notification-content.ts';

/**
 * Maximum length of the body text a link carries. NOTE: this is an estimate, because some mail programs
 * cut mailto links of about 2,000 characters and an encoded body is longer than its text.
 */
export const MAX_MAILTO_BODY_CHARS = 1_800;
/** A cut line keeps at least this many characters; a shorter rest is left out. */
const MIN_CUT_LINE_CHARS = 40;
export const SHORTENED_NOTE = '… (shortened: the full text is in the notification center of Runlane)';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Encodes subject or body text, with every line break as CR LF. */
export function encodeMailtoText(text: string): string {
  return encodeURIComponent(text.replace(LONE_SURROGATE, '\uFFFD').replace(/\r\n|\r|\n/g, '\r\n'));
}

/**
 * Encodes a subject as one line: each run of line breaks and other control characters (tab excepted)
 * becomes one space. A subject is one header field (RFC 5322), and an encoded line break could start
 * another header field, such as Bcc, in a mail program that copies the value into the message unchanged.
 */
export function encodeMailtoSubject(subject: string): string {
  return encodeMailtoText(subject.replace(/[\u0000-\u0008\u000A-\u001F\u007F]+/g, ' '));
}

export function encodeMailtoAddress(address: string): string {
  return encodeURIComponent(address.replace(LONE_SURROGATE, '\uFFFD')).replace(/%40/g, '@');
}

/**
 * Returns the body text with `closingLine` last, shortened to MAX_MAILTO_BODY_CHARS by leaving out the last
 * lines and saying so; the closing line is always kept.
 */
export function fitMailtoBody(lines: string[], closingLine: string, maxChars = MAX_MAILTO_BODY_CHARS): string {
  const full = joinBody(lines, closingLine);
  if (full.length <= maxChars) return full;
  // Room for the kept lines, each with its line break: what the note, the blank line and the closing line
  // (with the two line breaks between them) leave.
  const budget = maxChars - SHORTENED_NOTE.length - closingLine.length - 2;
  const kept: string[] = [];
  let used = 0;
  for (const line of lines) {
    const remaining = budget - used;
    if (line.length + 1 <= remaining) {
      kept.push(line);
      used += line.length + 1;
      continue;
    }
    if (remaining - 1 >= MIN_CUT_LINE_CHARS) kept.push(`${line.slice(0, remaining - 2)}…`);
    break;
  }
  return joinBody([...kept, SHORTENED_NOTE], closingLine);
}

/** Builds the mailto link for recipients, a subject and a body whose closing line is always kept. */
export function buildMailto(recipients: string[], subject: string, lines: string[], closingLine: string): string {
  const to = recipients.map(encodeMailtoAddress).join(',');
  const body = fitMailtoBody(lines, closingLine);
  return `mailto:${to}?subject=${encodeMailtoSubject(subject)}&body=${encodeMailtoText(body)}`;
}
