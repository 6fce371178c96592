import { describe, expect, it } from 'vitest';
import { defaultNotificationSettings, type NotificationSettings } from '../contract/model.ts';
import { classifyRunEnd, decideRunNotification, isDigestOn, shouldSendDigest, wantsStartSummary } from './notification-decision.ts';

function settings(overrides: Partial<NotificationSettings>): NotificationSettings {
  return { ...defaultNotificationSettings(), ...overrides };
}

describe('classifyRunEnd', () => {
  it('counts finished runs as successes', () => {
    expect(classifyRunEnd({ state: 'finished', trigger: 'schedule' })).toBe('success');
  });

  it('counts failed and interrupted runs as failures', () => {
    expect(classifyRunEnd({ state: 'failed', trigger: 'manual' })).toBe('failure');
    expect(classifyRunEnd({ state: 'interrupted', trigger: 'catch-up' })).toBe('failure');
  });

  it('leaves out stopped and cancelled runs', () => {
    expect(classifyRunEnd({ state: 'stopped', trigger: 'manual' })).toBeNull();
    expect(classifyRunEnd({ state: 'cancelled', trigger: 'schedule' })).toBeNull();
  });

  it('leaves out test runs', () => {
    expect(classifyRunEnd({ state: 'failed', trigger: 'test' })).toBeNull();
  });
});

describe('decideRunNotification', () => {
  const everyRun = settings({ when: 'every-run' });
  const failures = settings({ when: 'failures' });

  it('sends nothing when notifications are off', () => {
    expect(decideRunNotification(settings({ when: 'never' }), 'failure', null)).toBeNull();
  });

  it('sends nothing for a run that notifies nobody', () => {
    expect(decideRunNotification(everyRun, null, 'success')).toBeNull();
  });

  it('sends every run with every-run', () => {
    expect(decideRunNotification(everyRun, 'success', null)).toBe('run');
    expect(decideRunNotification(everyRun, 'success', 'success')).toBe('run');
    expect(decideRunNotification(everyRun, 'failure', 'failure')).toBe('run');
  });

  it('marks the first success after a failure as recovery', () => {
    expect(decideRunNotification(everyRun, 'success', 'failure')).toBe('recovery');
    expect(decideRunNotification(failures, 'success', 'failure')).toBe('recovery');
  });

  it('sends only failures with failures', () => {
    expect(decideRunNotification(failures, 'failure', null)).toBe('run');
    expect(decideRunNotification(failures, 'failure', 'failure')).toBe('run');
    expect(decideRunNotification(failures, 'success', 'success')).toBeNull();
    expect(decideRunNotification(failures, 'success', null)).toBeNull();
  });

  it('leaves runs to the digest when one is on', () => {
    const digest = settings({ when: 'failures', digest: { enabled: true, atTime: '08:00' } });
    expect(decideRunNotification(digest, 'failure', null)).toBe('digest');
    expect(decideRunNotification(digest, 'success', 'failure')).toBe('digest');
  });
});

describe('shouldSendDigest', () => {
  it('sends every-run digests for any run or missed run', () => {
    expect(shouldSendDigest('every-run', { outcomes: ['success'], missedCount: 0, previous: null })).toBe(true);
    expect(shouldSendDigest('every-run', { outcomes: [], missedCount: 2, previous: null })).toBe(true);
  });

  it('skips an empty period', () => {
    expect(shouldSendDigest('every-run', { outcomes: [], missedCount: 0, previous: 'failure' })).toBe(false);
    expect(shouldSendDigest('failures', { outcomes: [], missedCount: 0, previous: 'failure' })).toBe(false);
  });

  it('sends failures digests only for failures, missed runs or a recovery', () => {
    expect(shouldSendDigest('failures', { outcomes: ['success', 'success'], missedCount: 0, previous: 'success' })).toBe(false);
    expect(shouldSendDigest('failures', { outcomes: ['success', 'failure'], missedCount: 0, previous: null })).toBe(true);
    expect(shouldSendDigest('failures', { outcomes: ['success'], missedCount: 1, previous: null })).toBe(true);
    expect(shouldSendDigest('failures', { outcomes: ['success', 'success'], missedCount: 0, previous: 'failure' })).toBe(true);
  });

  it('sends nothing when notifications are off', () => {
    expect(shouldSendDigest('never', { outcomes: ['failure'], missedCount: 1, previous: null })).toBe(false);
  });
});

describe('isDigestOn', () => {
  it('needs the digest and a when other than never', () => {
    expect(isDigestOn(settings({ when: 'failures', digest: { enabled: true, atTime: '08:00' } }))).toBe(true);
    expect(isDigestOn(settings({ when: 'never', digest: { enabled: true, atTime: '08:00' } }))).toBe(false);
    expect(isDigestOn(settings({ when: 'every-run' }))).toBe(false);
  });
});

describe('wantsStartSummary', () => {
  it('is off for never and for digests', () => {
    expect(wantsStartSummary(settings({ when: 'failures' }))).toBe(true);
    expect(wantsStartSummary(settings({ when: 'never' }))).toBe(false);
    expect(wantsStartSummary(settings({ when: 'every-run', digest: { enabled: true, atTime: '08:00' } }))).toBe(false);
  });
});
