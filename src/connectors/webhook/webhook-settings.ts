/** Checks of the settings every webhook connector shares: the URL, the request headers and the batch size. */
import type { HeaderEntry } from '../../contract/model.ts';
import type { SettingsProblem } from '../connector.ts';

export const MAX_BATCH_SIZE = 1000;

/** Headers the browser sets itself or Runlane sets for the JSON body; fetch drops or refuses the others. */
const RESERVED_HEADERS = new Set([
  'content-type',
  'content-length',
  'host',
  'origin',
  'referer',
  'cookie',
  'connection',
  'keep-alive',
  'transfer-encoding',
  'accept-encoding',
  'access-control-request-method',
  'access-control-request-headers',
]);

/** RFC 9110 token characters, which a header name consists of. */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

export function checkWebhookUrl(url: string): SettingsProblem[] {
  const trimmed = url.trim();
  if (!trimmed) return [{ field: 'url', message: 'The URL is missing: enter the address that receives the profiles, starting with https://.' }];
  let parsed: URL;
  try {
    parsed = new URL(trimmed);
  } catch {
    return [{ field: 'url', message: `"${trimmed}" is not a valid URL: enter a full address such as https://example.com/hooks/profiles.` }];
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    return [{ field: 'url', message: `The URL starts with "${parsed.protocol}": use an https:// (or http://) address.` }];
  }
  if (parsed.username || parsed.password) {
    return [{ field: 'url', message: 'The URL contains a user name or password: remove it and send credentials in a request header, such as Authorization.' }];
  }
  return [];
}

export function checkHeaders(headers: readonly HeaderEntry[]): SettingsProblem[] {
  const problems: SettingsProblem[] = [];
  const seen = new Set<string>();
  headers.forEach((header, index) => {
    const name = header.name.trim();
    const field = `headers.${index}`;
    if (!name) {
      problems.push({ field, message: `Request header ${index + 1} has no name: enter one (for example Authorization) or remove the header.` });
      return;
    }
    if (!HEADER_NAME.test(name)) {
      problems.push({ field, message: `Request header name "${name}" is invalid: use letters, digits and dashes only.` });
    } else if (RESERVED_HEADERS.has(name.toLowerCase()) || name.toLowerCase().startsWith('sec-') || name.toLowerCase().startsWith('proxy-')) {
      problems.push({ field, message: `Request header "${name}" is set by the browser or by Runlane: remove it.` });
    } else if (seen.has(name.toLowerCase())) {
      problems.push({ field, message: `Request header "${name}" is listed twice: keep one.` });
    }
    if (/[\r\n\0]/.test(header.value)) problems.push({ field, message: `The value of request header "${name}" contains a line break: remove it.` });
    seen.add(name.toLowerCase());
  });
  return problems;
}

export function checkBatchSize(batchSize: number, label = 'Batch size'): SettingsProblem[] {
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
    return [{ field: 'batchSize', message: `${label} is ${String(batchSize)}: use a whole number from 1 to ${MAX_BATCH_SIZE.toLocaleString('en-US')}.` }];
  }
  return [];
}
