/**
 * Checks of notification settings before they are saved. Each problem names the field it belongs to, so
 * the form shows the message on that field; the worker runs the same checks.
 */
import type { HeaderEntry, NotificationSettings } from '../contract/model.ts';
import { HEADER_NAME_PATTERN, isForbiddenRequestHeader } from './http-headers.ts';

/** `emails`, `webhookUrl`, `webhookHeaders.<index>.name`, `webhookHeaders.<index>.value`, `webhookFallback`, `digestTime`. */
export interface NotificationSettingsProblem {
  field: string;
  message: string;
}

export const MAX_RECIPIENTS = 20;
export const MAX_HEADERS = 10;

// The pattern browsers use for <input type="email">, with at least one dot in the domain.
const EMAIL_PATTERN =
  /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;
/** Splits typed recipients at commas, semicolons, spaces and line breaks; drops empty entries. */
export function parseEmailList(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
}

function checkEmails(emails: string[]): NotificationSettingsProblem[] {
  const invalid = emails.filter((email) => !EMAIL_PATTERN.test(email));
  if (invalid.length > 0) {
    const listed = invalid.map((email) => `"${email}"`).join(', ');
    const noun = invalid.length === 1 ? 'is not a valid email address' : 'are not valid email addresses';
    return [{ field: 'emails', message: `${listed} ${noun}: write each as name@example.com, separated by commas.` }];
  }
  const unique = new Set(emails.map((email) => email.toLowerCase()));
  if (unique.size > MAX_RECIPIENTS) return [{ field: 'emails', message: `${unique.size} recipients are too many: use at most ${MAX_RECIPIENTS}.` }];
  return [];
}

/** Returns the problem of a webhook URL, or null when it is an absolute http or https URL. */
export function checkWebhookUrl(text: string): string | null {
  if (text.trim() === '') return 'The webhook URL is missing: enter the receiver\'s address, such as https://example.com/hooks/runlane.';
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return `"${text.trim()}" is not a valid URL: enter a full address that starts with https:// or http://.`;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return `The webhook URL uses ${url.protocol.replace(':', '')}; only http and https are supported.`;
  if (url.username || url.password) return 'The webhook URL contains a user name or password, which browsers do not send: put the credentials in a header instead.';
  return null;
}

function checkHeader(header: HeaderEntry, index: number, seen: Set<string>): NotificationSettingsProblem[] {
  const name = header.name.trim();
  const lower = name.toLowerCase();
  const field = `webhookHeaders.${index}.name`;
  if (name === '') return [{ field, message: 'The header name is missing: enter a name such as Authorization, or remove the header.' }];
  if (!HEADER_NAME_PATTERN.test(name)) return [{ field, message: `"${name}" is not a valid header name: use letters, digits and - only.` }];
  // Runlane sets Content-Type itself on every webhook request.
  if (isForbiddenRequestHeader(lower) || lower === 'content-type') {
    return [{ field, message: `The header ${name} cannot be set: the browser or Runlane sets it. Remove it.` }];
  }
  if (seen.has(lower)) return [{ field, message: `The header ${name} is listed twice; keep one.` }];
  seen.add(lower);
  if (header.value.trim() === '') return [{ field: `webhookHeaders.${index}.value`, message: `The value of ${name} is missing.` }];
  if (/[\r\n\0]/.test(header.value)) return [{ field: `webhookHeaders.${index}.value`, message: `The value of ${name} contains a line break; enter it on one line.` }];
  if (/[^\t\x20-\x7e\x80-\xff]/.test(header.value)) {
    return [{ field: `webhookHeaders.${index}.value`, message: `The value of ${name} contains characters a browser cannot send in a header: use ASCII letters, digits and punctuation.` }];
  }
  return [];
}

function checkWebhook(webhook: NonNullable<NotificationSettings['webhook']>): NotificationSettingsProblem[] {
  const problems: NotificationSettingsProblem[] = [];
  const urlProblem = checkWebhookUrl(webhook.url);
  if (urlProblem) problems.push({ field: 'webhookUrl', message: urlProblem });
  if (webhook.headers.length > MAX_HEADERS) problems.push({ field: 'webhookHeaders', message: `${webhook.headers.length} headers are too many: use at most ${MAX_HEADERS}.` });
  const seen = new Set<string>();
  webhook.headers.forEach((header, index) => problems.push(...checkHeader(header, index, seen)));
  if (webhook.allowNoCorsFallback && webhook.headers.length > 0) {
    problems.push({
      field: 'webhookFallback',
      message: 'Sending without CORS carries no headers: remove the headers, or turn off sending without CORS.',
    });
  }
  return problems;
}

/** Returns every problem of the settings; an empty list means they can be saved. */
export function validateNotificationSettings(settings: NotificationSettings): NotificationSettingsProblem[] {
  const problems: NotificationSettingsProblem[] = [];
  if (!['never', 'every-run', 'failures'].includes(settings.when)) problems.push({ field: 'when', message: `"${settings.when}" is not a choice: pick when to notify.` });
  problems.push(...checkEmails(settings.emails));
  if (settings.webhook) problems.push(...checkWebhook(settings.webhook));
  if (settings.digest.enabled && !/^([01]\d|2[0-3]):[0-5]\d$/.test(settings.digest.atTime)) {
    problems.push({ field: 'digestTime', message: `"${settings.digest.atTime}" is not a time: enter the digest time as HH:MM, for example 08:00.` });
  }
  return problems;
}

/** Trims the settings and drops repeated recipients, keeping the first spelling of each. */
export function normaliseNotificationSettings(settings: NotificationSettings): NotificationSettings {
  const seen = new Set<string>();
  const emails = settings.emails
    .map((email) => email.trim())
    .filter((email) => {
      const key = email.toLowerCase();
      if (email === '' || seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  const webhook = settings.webhook
    ? {
        url: settings.webhook.url.trim(),
        headers: settings.webhook.headers.map((header) => ({ name: header.name.trim(), value: header.value.trim() })),
        allowNoCorsFallback: settings.webhook.allowNoCorsFallback,
      }
    : null;
  return { when: settings.when, browser: settings.browser, emails, webhook, digest: { enabled: settings.digest.enabled, atTime: settings.digest.atTime } };
}
