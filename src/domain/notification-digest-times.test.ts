import { describe, expect, it } from 'vitest';
import { findDueDigest, nextDigestDueAtMs } from './notification-digest-times.ts';

const ZONE = 'Europe/Amsterdam';
const at = (iso: string): number => Date.parse(iso);

describe('findDueDigest', () => {
  it('finds nothing before the digest time', () => {
    expect(findDueDigest('08:00', ZONE, at('2026-03-05T07:30:00Z'), at('2026-03-05T06:59:00Z'))).toBeNull();
    expect(findDueDigest('08:00', ZONE, at('2026-03-04T07:00:00Z'), at('2026-03-05T06:59:00Z'))).toBeNull();
  });

  it('finds the digest due today, on time', () => {
    expect(findDueDigest('08:00', ZONE, at('2026-03-04T07:00:00Z'), at('2026-03-05T07:00:00Z'))).toEqual({
      dueAtMs: at('2026-03-05T07:00:00Z'),
      firstDueAtMs: at('2026-03-05T07:00:00Z'),
      isLate: false,
    });
  });

  it('makes one late digest of several days missed', () => {
    expect(findDueDigest('08:00', ZONE, at('2026-03-01T07:00:00Z'), at('2026-03-05T09:00:00Z'))).toEqual({
      dueAtMs: at('2026-03-05T07:00:00Z'),
      firstDueAtMs: at('2026-03-02T07:00:00Z'),
      isLate: true,
    });
  });

  it('counts a digest noticed more than 5 minutes after its time as late', () => {
    expect(findDueDigest('08:00', ZONE, at('2026-03-04T07:00:00Z'), at('2026-03-05T07:05:00Z'))?.isLate).toBe(false);
    expect(findDueDigest('08:00', ZONE, at('2026-03-04T07:00:00Z'), at('2026-03-05T07:05:01Z'))?.isLate).toBe(true);
  });
});

describe('nextDigestDueAtMs', () => {
  it('follows the zone across the switch to summer time', () => {
    // Amsterdam moves to UTC+2 on 29 March 2026.
    expect(nextDigestDueAtMs('08:00', ZONE, at('2026-03-28T08:00:00Z'))).toBe(at('2026-03-29T06:00:00Z'));
  });

  it('moves a time in the gap forward', () => {
    expect(nextDigestDueAtMs('02:30', ZONE, at('2026-03-28T12:00:00Z'))).toBe(at('2026-03-29T01:30:00Z'));
  });
});
