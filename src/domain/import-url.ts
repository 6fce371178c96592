/** Checks and log wording for the address and request headers of a URL import, shared by the form, the settings check and the run. */
import { HEADER_NAME_PATTERN, isForbiddenRequestHeader } from './http-headers.ts';

export interface UrlCheck {
  /** The reason the address cannot be used; null when it can. */
  error: string | null;
  /** Something the user should know about an address that can be saved. */
  warning: string | null;
}

/**
 * Checks an address for a URL import: it must be an absolute http or https URL without user name or
 * password. `appProtocol` is the protocol Runlane itself is served over ('https:' or 'http:').
 */
export function checkImportUrl(text: string, appProtocol: string): UrlCheck {
  const trimmed = text.trim();
  if (trimmed === '') return { error: 'Address is missing: enter the http:// or https:// address of a CSV or JSON file.', warning: null };
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return { error: `"${trimmed}" is not a complete address. Enter it with http:// or https://, for example https://example.com/customers.csv.`, warning: null };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { error: `Addresses starting with ${url.protocol} are not supported: use an http:// or https:// address.`, warning: null };
  }
  if (url.username !== '' || url.password !== '') {
    return { error: 'Remove the user name and password from the address and send them as a request header, such as Authorization, instead.', warning: null };
  }
  if (isMixedContent(url, appProtocol)) {
    return {
      error: null,
      warning:
        'Runlane is served over https, so the browser blocks requests to http:// addresses (mixed content) and runs of this connection will fail. Use the https:// address of the file.',
    };
  }
  return { error: null, warning: null };
}

/**
 * True when the browser blocks the request as mixed content: an http URL requested from an https page.
 * Loopback addresses are potentially trustworthy origins, which the Mixed Content specification allows.
 */
export function isMixedContent(url: URL, appProtocol: string): boolean {
  if (appProtocol !== 'https:' || url.protocol !== 'http:') return false;
  const host = url.hostname;
  return !(host === 'localhost' || host.endsWith('.localhost') || /^127\./.test(host) || host === '[::1]');
}

/**
 * The address as the run log shows it: query values are replaced by "…", because they may hold keys or
 * tokens. Request header values never reach the log at all.
 */
export function describeUrlForLog(text: string): string {
  const url = new URL(text);
  const names = [...url.searchParams.keys()];
  const query = names.length === 0 ? '' : `?${names.map((name) => `${name}=…`).join('&')}`;
  return `${url.origin}${url.pathname}${query}`;
}

/** The last part of the address's path, as a file name for the log and the form. */
export function fileNameFromUrl(text: string): string {
  const path = new URL(text).pathname;
  const last = path.split('/').filter(Boolean).pop();
  if (!last) return 'download';
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

/** Guesses the format from the response's Content-Type, then from the address's file extension. */
export function guessFormat(contentType: string | null, urlText: string): 'csv' | 'json' | null {
  const type = (contentType ?? '').toLowerCase();
  if (type.includes('json')) return 'json';
  if (type.includes('csv') || type.includes('tab-separated')) return 'csv';
  const extension = /\.([a-z0-9]+)$/i.exec(new URL(urlText).pathname)?.[1]?.toLowerCase();
  if (extension === 'json' || extension === 'jsonl' || extension === 'ndjson') return 'json';
  if (extension === 'csv' || extension === 'tsv' || extension === 'txt') return 'csv';
  return null;
}

/**
 * Returns why a list of request headers cannot be sent, or null. The message names the header but never
 * its value, which may be a secret.
 */
export function checkRequestHeaders(headers: readonly { name: string; value: string }[]): string | null {
  const seen = new Set<string>();
  for (const [index, header] of headers.entries()) {
    const name = header.name.trim();
    if (name === '' && header.value === '') continue;
    if (name === '') return `Request header ${index + 1} has a value but no name. Enter a name such as Authorization, or remove the header.`;
    if (!HEADER_NAME_PATTERN.test(name)) return `Request header name "${name}" is not valid: use letters, digits and - only, for example X-Api-Key.`;
    const lower = name.toLowerCase();
    if (isForbiddenRequestHeader(lower)) {
      return `The browser sets the request header "${name}" itself and does not let pages send it. Remove it.`;
    }
    if (/[\r\n\0]/.test(header.value)) return `The value of request header "${name}" contains a line break. Enter it on one line.`;
    if (seen.has(lower)) return `Request header "${name}" is entered twice. Keep one.`;
    seen.add(lower);
  }
  return null;
}
