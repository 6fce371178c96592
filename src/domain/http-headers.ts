/** Rules for the request headers that users enter for URL imports and notification webhooks. */

/** Characters of an HTTP header name (a "token" in RFC 9110). */
export const HEADER_NAME_PATTERN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** Headers that browsers set themselves and drop from a request (the Fetch standard's forbidden request-headers). */
const FORBIDDEN_REQUEST_HEADERS = new Set([
  'accept-charset',
  'accept-encoding',
  'access-control-request-headers',
  'access-control-request-method',
  'connection',
  'content-length',
  'cookie',
  'cookie2',
  'date',
  'dnt',
  'expect',
  'host',
  'keep-alive',
  'origin',
  'referer',
  'set-cookie',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'via',
]);

/** Returns whether browsers refuse to let a page send the header `lowerCaseName`. */
export function isForbiddenRequestHeader(lowerCaseName: string): boolean {
  return FORBIDDEN_REQUEST_HEADERS.has(lowerCaseName) || lowerCaseName.startsWith('proxy-') || lowerCaseName.startsWith('sec-');
}
