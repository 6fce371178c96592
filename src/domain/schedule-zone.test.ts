import { describe, expect, it } from 'vitest';
import { Temporal } from 'temporal-polyfill';
import { browserTimeZone, canonicalTimeZone, isSameTimeZone, scheduleAnchorTimeAt } from './schedule.ts';

describe('canonicalTimeZone', () => {
  it('renames legacy zone names', () => {
    const renames: Array<[string, string]> = [
      ['Asia/Calcutta', 'Asia/Kolkata'],
      ['Europe/Kiev', 'Europe/Kyiv'],
      ['Europe/Uzhgorod', 'Europe/Kyiv'],
      ['Europe/Zaporozhye', 'Europe/Kyiv'],
      ['Asia/Saigon', 'Asia/Ho_Chi_Minh'],
      ['Asia/Katmandu', 'Asia/Kathmandu'],
      ['Asia/Rangoon', 'Asia/Yangon'],
      ['America/Godthab', 'America/Nuuk'],
      ['Pacific/Enderbury', 'Pacific/Kanton'],
      ['Atlantic/Faeroe', 'Atlantic/Faroe'],
      ['Asia/Ulan_Bator', 'Asia/Ulaanbaatar'],
      ['Pacific/Truk', 'Pacific/Chuuk'],
    ];

    for (const [legacy, current] of renames) {
      expect(canonicalTimeZone(legacy), legacy).toBe(current);
    }
  });

  it('fixes the case of a zone name', () => {
    expect(canonicalTimeZone('asia/calcutta')).toBe('Asia/Kolkata');
    expect(canonicalTimeZone('EUROPE/AMSTERDAM')).toBe('Europe/Amsterdam');
  });

  it('keeps current names unchanged', () => {
    expect(canonicalTimeZone('Europe/Amsterdam')).toBe('Europe/Amsterdam');
    expect(canonicalTimeZone('UTC')).toBe('UTC');
    expect(canonicalTimeZone('Antarctica/Troll')).toBe('Antarctica/Troll');
  });

  it('returns null for unknown names and offsets', () => {
    expect(canonicalTimeZone('Europe/Pariss')).toBeNull();
    expect(canonicalTimeZone('+05:30')).toBeNull();
    expect(canonicalTimeZone('')).toBeNull();
    expect(canonicalTimeZone('2026-01-01T00:00[Europe/Paris]')).toBeNull();
  });
});

describe('isSameTimeZone', () => {
  it('matches a legacy name with its current name', () => {
    expect(isSameTimeZone('Asia/Calcutta', 'Asia/Kolkata')).toBe(true);
    expect(isSameTimeZone('Europe/Kiev', 'Europe/Kyiv')).toBe(true);
  });

  it('matches linked names through Temporal', () => {
    expect(isSameTimeZone('Etc/UTC', 'UTC')).toBe(true);
  });

  it('tells different zones apart', () => {
    expect(isSameTimeZone('Europe/Amsterdam', 'Europe/Berlin')).toBe(false);
    expect(isSameTimeZone('Asia/Kolkata', 'Asia/Colombo')).toBe(false);
  });

  it('treats an unknown name as different from everything', () => {
    expect(isSameTimeZone('Europe/Pariss', 'Europe/Pariss')).toBe(false);
  });
});

describe('browserTimeZone', () => {
  it('returns a current, known zone name', () => {
    const name = browserTimeZone();

    expect(canonicalTimeZone(name)).toBe(name);
  });
});

describe('scheduleAnchorTimeAt', () => {
  it('returns the wall-clock minute in the zone', () => {
    const instant = Temporal.Instant.from('2026-03-07T12:00:59Z');

    expect(scheduleAnchorTimeAt(instant, 'Asia/Kolkata')).toBe('17:30');
    expect(scheduleAnchorTimeAt(instant, 'America/New_York')).toBe('07:00');
  });

  it('accepts a legacy zone name', () => {
    expect(scheduleAnchorTimeAt(Temporal.Instant.from('2026-03-07T00:05Z'), 'Asia/Calcutta')).toBe('05:35');
  });

  it('throws for an unknown zone', () => {
    expect(() => scheduleAnchorTimeAt(Temporal.Instant.from('2026-03-07T00:05Z'), 'Europe/Pariss')).toThrow(RangeError);
  });
});
