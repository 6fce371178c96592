import { describe, expect, it } from 'vitest';
import { defaultNotificationSettings, type NotificationSettings } from '../contract/model.ts';
import { checkWebhookUrl, normaliseNotificationSettings, parseEmailList, validateNotificationSettings } from './notification-validate.ts';

function settings(overrides: Partial<NotificationSettings>): NotificationSettings {
  return { ...defaultNotificationSettings(), when: 'failures', ...overrides };
}

function webhook(overrides: Partial<NonNullable<NotificationSettings['webhook']>> = {}): NotificationSettings['webhook'] {
  return { url: 'https://hooks.example.com/runlane', headers: [], allowNoCorsFallback: false, ...overrides };
}

describe('parseEmailList', () => {
  it('splits at commas, semicolons, spaces and line breaks', () => {
    expect(parseEmailList(' a@example.com, b@example.com;c@example.com\nd@example.com  ')).toEqual(['a@example.com', 'b@example.com', 'c@example.com', 'd@example.com']);
  });
});

describe('validateNotificationSettings', () => {
  it('accepts valid settings', () => {
    const valid = settings({ emails: ['ops@example.com'], webhook: webhook({ headers: [{ name: 'Authorization', value: 'Bearer abc' }] }), digest: { enabled: true, atTime: '07:30' } });
    expect(validateNotificationSettings(valid)).toEqual([]);
  });

  it('names invalid email addresses on the emails field', () => {
    expect(validateNotificationSettings(settings({ emails: ['ops@example.com', 'ops@example', 'bob'] }))).toEqual([
      { field: 'emails', message: '"ops@example", "bob" are not valid email addresses: write each as name@example.com, separated by commas.' },
    ]);
  });

  it('limits the number of recipients', () => {
    const emails = Array.from({ length: 21 }, (_, index) => `user${index}@example.com`);
    expect(validateNotificationSettings(settings({ emails }))[0]?.message).toBe('21 recipients are too many: use at most 20.');
  });

  it('accepts http and https webhook URLs only', () => {
    expect(checkWebhookUrl('http://127.0.0.1:8080/hook')).toBeNull();
    expect(checkWebhookUrl('ftp://example.com/hook')).toBe('The webhook URL uses ftp; only http and https are supported.');
    expect(checkWebhookUrl('example.com/hook')).toBe('"example.com/hook" is not a valid URL: enter a full address that starts with https:// or http://.');
    expect(checkWebhookUrl(' ')).toMatch(/^The webhook URL is missing/);
    expect(checkWebhookUrl('https://user:secret@example.com/')).toMatch(/put the credentials in a header instead/);
  });

  it('puts the URL problem on the webhookUrl field', () => {
    expect(validateNotificationSettings(settings({ webhook: webhook({ url: 'javascript:alert(1)' }) }))).toEqual([
      { field: 'webhookUrl', message: 'The webhook URL uses javascript; only http and https are supported.' },
    ]);
  });

  it('rejects bad, reserved and repeated header names', () => {
    const problems = validateNotificationSettings(
      settings({
        webhook: webhook({
          headers: [
            { name: 'X Token', value: 'a' },
            { name: 'Content-Type', value: 'text/plain' },
            { name: 'X-Key', value: 'a' },
            { name: 'x-key', value: 'b' },
            { name: 'X-Empty', value: ' ' },
            { name: 'X-Accent', value: 'clé✔' },
          ],
        }),
      }),
    );
    expect(problems.map((problem) => problem.field)).toEqual([
      'webhookHeaders.0.name',
      'webhookHeaders.1.name',
      'webhookHeaders.3.name',
      'webhookHeaders.4.value',
      'webhookHeaders.5.value',
    ]);
    expect(problems[1]?.message).toBe('The header Content-Type cannot be set: the browser or Runlane sets it. Remove it.');
  });

  it('refuses sending without CORS for a webhook with headers', () => {
    const problems = validateNotificationSettings(settings({ webhook: webhook({ headers: [{ name: 'X-Key', value: 'a' }], allowNoCorsFallback: true }) }));
    expect(problems).toEqual([{ field: 'webhookFallback', message: 'Sending without CORS carries no headers: remove the headers, or turn off sending without CORS.' }]);
  });

  it('checks the digest time', () => {
    expect(validateNotificationSettings(settings({ digest: { enabled: true, atTime: '24:00' } }))).toEqual([
      { field: 'digestTime', message: '"24:00" is not a time: enter the digest time as HH:MM, for example 08:00.' },
    ]);
    expect(validateNotificationSettings(settings({ digest: { enabled: false, atTime: '' } }))).toEqual([]);
  });
});

describe('normaliseNotificationSettings', () => {
  it('trims values and drops repeated recipients', () => {
    const normalised = normaliseNotificationSettings(
      settings({ emails: [' Ops@example.com ', 'ops@example.com', ''], webhook: webhook({ url: ' https://x.example/ ', headers: [{ name: ' X-Key ', value: ' v ' }] }) }),
    );
    expect(normalised.emails).toEqual(['Ops@example.com']);
    expect(normalised.webhook).toEqual({ url: 'https://x.example/', headers: [{ name: 'X-Key', value: 'v' }], allowNoCorsFallback: false });
  });
});
