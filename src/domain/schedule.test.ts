import { describe, expect, it } from 'vitest';
import { Temporal } from 'temporal-polyfill';
import {
  dueTimesBetween,
  nextRuns,
  skippedMonths,
  slotIntervalMinutes,
  type Schedule,
} from './schedule.ts';

/** Returns the next runs after an ISO instant as zoned ISO strings. */
function runsAfter(schedule: Schedule, afterIso: string, count: number): string[] {
  return nextRuns(schedule, Temporal.Instant.from(afterIso), count).map((zoned) => zoned.toString());
}

function daily(time: string, timeZone: string): Schedule {
  return { kind: 'daysOfWeek', days: [1, 2, 3, 4, 5, 6, 7], time, timeZone };
}

describe('nextRuns for timesPerDay', () => {
  it('places slots at equal intervals from the anchor', () => {
    const schedule: Schedule = { kind: 'timesPerDay', timesPerDay: 4, anchorTime: '01:15', timeZone: 'UTC' };

    expect(runsAfter(schedule, '2026-01-05T00:00Z', 5)).toEqual([
      '2026-01-05T01:15:00+00:00[UTC]',
      '2026-01-05T07:15:00+00:00[UTC]',
      '2026-01-05T13:15:00+00:00[UTC]',
      '2026-01-05T19:15:00+00:00[UTC]',
      '2026-01-06T01:15:00+00:00[UTC]',
    ]);
  });

  it('wraps slots past midnight', () => {
    // Anchor 22:00 with 3 a day gives 22:00, 06:00 (22:00 + 8 h) and 14:00 (22:00 + 16 h).
    const schedule: Schedule = { kind: 'timesPerDay', timesPerDay: 3, anchorTime: '22:00', timeZone: 'Europe/Amsterdam' };

    expect(runsAfter(schedule, '2026-01-05T00:00Z', 4)).toEqual([
      '2026-01-05T06:00:00+01:00[Europe/Amsterdam]',
      '2026-01-05T14:00:00+01:00[Europe/Amsterdam]',
      '2026-01-05T22:00:00+01:00[Europe/Amsterdam]',
      '2026-01-06T06:00:00+01:00[Europe/Amsterdam]',
    ]);
  });

  it('handles intervals that are not whole hours', () => {
    // 5 a day is every 288 minutes: 00:00, 04:48, 09:36, 14:24, 19:12.
    const schedule: Schedule = { kind: 'timesPerDay', timesPerDay: 5, anchorTime: '09:36', timeZone: 'UTC' };

    expect(runsAfter(schedule, '2026-01-05T10:00Z', 4)).toEqual([
      '2026-01-05T14:24:00+00:00[UTC]',
      '2026-01-05T19:12:00+00:00[UTC]',
      '2026-01-06T00:00:00+00:00[UTC]',
      '2026-01-06T04:48:00+00:00[UTC]',
    ]);
  });

  it('runs every 15 minutes at 96 a day', () => {
    const schedule: Schedule = { kind: 'timesPerDay', timesPerDay: 96, anchorTime: '00:05', timeZone: 'UTC' };

    expect(runsAfter(schedule, '2026-01-05T23:30Z', 3)).toEqual([
      '2026-01-05T23:35:00+00:00[UTC]',
      '2026-01-05T23:50:00+00:00[UTC]',
      '2026-01-06T00:05:00+00:00[UTC]',
    ]);
  });

  it('excludes a run at exactly the after instant', () => {
    const schedule: Schedule = { kind: 'timesPerDay', timesPerDay: 24, anchorTime: '00:15', timeZone: 'Europe/London' };

    expect(runsAfter(schedule, '2026-01-05T10:15:00Z', 2)).toEqual([
      '2026-01-05T11:15:00+00:00[Europe/London]',
      '2026-01-05T12:15:00+00:00[Europe/London]',
    ]);
  });

  it('includes a run one nanosecond after the after instant', () => {
    const schedule: Schedule = { kind: 'timesPerDay', timesPerDay: 24, anchorTime: '00:15', timeZone: 'UTC' };
    const after = Temporal.Instant.from('2026-01-05T10:15:00Z').subtract({ nanoseconds: 1 });

    expect(nextRuns(schedule, after, 1).map(String)).toEqual(['2026-01-05T10:15:00+00:00[UTC]']);
  });
});

describe('nextRuns for daysOfWeek', () => {
  it('runs on the chosen weekdays', () => {
    // 2026-03-02 is a Monday.
    const schedule: Schedule = { kind: 'daysOfWeek', days: [5, 1], time: '01:30', timeZone: 'Europe/Amsterdam' };

    expect(runsAfter(schedule, '2026-03-01T12:00Z', 4)).toEqual([
      '2026-03-02T01:30:00+01:00[Europe/Amsterdam]',
      '2026-03-06T01:30:00+01:00[Europe/Amsterdam]',
      '2026-03-09T01:30:00+01:00[Europe/Amsterdam]',
      '2026-03-13T01:30:00+01:00[Europe/Amsterdam]',
    ]);
  });

  it('excludes a run at exactly the after instant', () => {
    // 2026-03-02T01:30+01:00 is 2026-03-02T00:30Z, a Monday run.
    const schedule: Schedule = { kind: 'daysOfWeek', days: [1], time: '01:30', timeZone: 'Europe/Amsterdam' };

    expect(runsAfter(schedule, '2026-03-02T00:30:00Z', 1)).toEqual(['2026-03-09T01:30:00+01:00[Europe/Amsterdam]']);
  });

  it('uses the wall clock of the time zone, not UTC', () => {
    // 2026-03-02T23:30Z is already Tuesday 08:30 in Tokyo, so Tuesday's 07:00 run has passed.
    const schedule: Schedule = { kind: 'daysOfWeek', days: [2], time: '07:00', timeZone: 'Asia/Tokyo' };

    expect(runsAfter(schedule, '2026-03-02T23:30Z', 1)).toEqual(['2026-03-10T07:00:00+09:00[Asia/Tokyo]']);
  });
});

describe('nextRuns for dayOfMonth', () => {
  it('has no run in months that lack the day', () => {
    const schedule: Schedule = { kind: 'dayOfMonth', day: 31, time: '06:00', timeZone: 'Europe/London' };

    expect(runsAfter(schedule, '2026-01-01T00:00Z', 4)).toEqual([
      '2026-01-31T06:00:00+00:00[Europe/London]',
      '2026-03-31T06:00:00+01:00[Europe/London]',
      '2026-05-31T06:00:00+01:00[Europe/London]',
      '2026-07-31T06:00:00+01:00[Europe/London]',
    ]);
  });

  it('runs on the 29th of February only in leap years', () => {
    // 2027 is a common year and 2028 a leap year.
    const schedule: Schedule = { kind: 'dayOfMonth', day: 29, time: '12:00', timeZone: 'UTC' };

    expect(runsAfter(schedule, '2027-01-30T00:00Z', 2)).toEqual([
      '2027-03-29T12:00:00+00:00[UTC]',
      '2027-04-29T12:00:00+00:00[UTC]',
    ]);
    expect(runsAfter(schedule, '2028-01-30T00:00Z', 1)).toEqual(['2028-02-29T12:00:00+00:00[UTC]']);
  });

  it('runs on the last day of every month', () => {
    const schedule: Schedule = { kind: 'dayOfMonth', day: 'last', time: '23:00', timeZone: 'UTC' };

    expect(runsAfter(schedule, '2028-01-31T23:00Z', 3)).toEqual([
      '2028-02-29T23:00:00+00:00[UTC]',
      '2028-03-31T23:00:00+00:00[UTC]',
      '2028-04-30T23:00:00+00:00[UTC]',
    ]);
  });
});

describe('nextRuns for weekdayOfMonth', () => {
  it('runs on the second Tuesday', () => {
    // Second Tuesdays in 2026: March 10, April 14, May 12.
    const schedule: Schedule = { kind: 'weekdayOfMonth', week: 2, weekday: 2, time: '09:00', timeZone: 'UTC' };

    expect(runsAfter(schedule, '2026-03-01T00:00Z', 3)).toEqual([
      '2026-03-10T09:00:00+00:00[UTC]',
      '2026-04-14T09:00:00+00:00[UTC]',
      '2026-05-12T09:00:00+00:00[UTC]',
    ]);
  });

  it('has no run in months without a fifth weekday', () => {
    // In 2026 only March, June, September and December have five Tuesdays.
    const schedule: Schedule = { kind: 'weekdayOfMonth', week: 5, weekday: 2, time: '09:00', timeZone: 'UTC' };

    expect(runsAfter(schedule, '2026-03-01T00:00Z', 4)).toEqual([
      '2026-03-31T09:00:00+00:00[UTC]',
      '2026-06-30T09:00:00+00:00[UTC]',
      '2026-09-29T09:00:00+00:00[UTC]',
      '2026-12-29T09:00:00+00:00[UTC]',
    ]);
  });

  it('runs on the last Sunday', () => {
    // Last Sundays: 2026-02-22, 2026-03-29, 2026-04-26.
    const schedule: Schedule = { kind: 'weekdayOfMonth', week: 'last', weekday: 7, time: '10:00', timeZone: 'UTC' };

    expect(runsAfter(schedule, '2026-02-01T00:00Z', 3)).toEqual([
      '2026-02-22T10:00:00+00:00[UTC]',
      '2026-03-29T10:00:00+00:00[UTC]',
      '2026-04-26T10:00:00+00:00[UTC]',
    ]);
  });
});

describe('nextRuns across daylight saving', () => {
  describe('America/New_York', () => {
    // 2026-03-08 is the US spring-forward Sunday: 02:00 EST becomes 03:00 EDT.
    it('shifts a slot in the gap forward by one hour', () => {
      expect(runsAfter(daily('02:30', 'America/New_York'), '2026-03-07T12:00Z', 3)).toEqual([
        '2026-03-08T03:30:00-04:00[America/New_York]',
        '2026-03-09T02:30:00-04:00[America/New_York]',
        '2026-03-10T02:30:00-04:00[America/New_York]',
      ]);
    });

    it('merges a shifted slot with the slot it lands on', () => {
      // Every 30 minutes: 02:00 and 02:30 shift onto the 03:00 and 03:30 slots.
      const schedule: Schedule = {
        kind: 'timesPerDay',
        timesPerDay: 48,
        anchorTime: '00:00',
        timeZone: 'America/New_York',
      };

      expect(runsAfter(schedule, '2026-03-08T01:30-05:00', 4)).toEqual([
        '2026-03-08T03:00:00-04:00[America/New_York]',
        '2026-03-08T03:30:00-04:00[America/New_York]',
        '2026-03-08T04:00:00-04:00[America/New_York]',
        '2026-03-08T04:30:00-04:00[America/New_York]',
      ]);
    });

    it('keeps results in order when a shifted slot passes a later one', () => {
      // With 96 a day from 00:00, slot 02:45 shifts to 03:45 EDT, which is after slot 03:15.
      const schedule: Schedule = {
        kind: 'timesPerDay',
        timesPerDay: 96,
        anchorTime: '00:00',
        timeZone: 'America/New_York',
      };

      expect(runsAfter(schedule, '2026-03-08T01:40-05:00', 5)).toEqual([
        '2026-03-08T01:45:00-05:00[America/New_York]',
        '2026-03-08T03:00:00-04:00[America/New_York]',
        '2026-03-08T03:15:00-04:00[America/New_York]',
        '2026-03-08T03:30:00-04:00[America/New_York]',
        '2026-03-08T03:45:00-04:00[America/New_York]',
      ]);
    });

    it('returns a shifted slot when after lies inside the shifted hour', () => {
      // 03:10 EDT is after the gap, but slot 02:30 still runs at 03:30 EDT.
      expect(runsAfter(daily('02:30', 'America/New_York'), '2026-03-08T03:10-04:00', 1)).toEqual([
        '2026-03-08T03:30:00-04:00[America/New_York]',
      ]);
    });

    // 2026-11-01 is the US fall-back Sunday: 02:00 EDT becomes 01:00 EST, so 01:00 to 02:00 occurs twice.
    it('runs a slot in the overlap once, at the first occurrence', () => {
      expect(runsAfter(daily('01:30', 'America/New_York'), '2026-10-31T12:00Z', 3)).toEqual([
        '2026-11-01T01:30:00-04:00[America/New_York]',
        '2026-11-02T01:30:00-05:00[America/New_York]',
        '2026-11-03T01:30:00-05:00[America/New_York]',
      ]);
    });

    it('skips the second occurrence when after lies inside the overlap', () => {
      // 01:10 EST is the second 01:10, so the first 01:30 (EDT) has already passed.
      expect(runsAfter(daily('01:30', 'America/New_York'), '2026-11-01T01:10-05:00', 1)).toEqual([
        '2026-11-02T01:30:00-05:00[America/New_York]',
      ]);
    });

    it('returns the first occurrence when after lies before it in the overlap', () => {
      expect(runsAfter(daily('01:30', 'America/New_York'), '2026-11-01T01:10-04:00', 1)).toEqual([
        '2026-11-01T01:30:00-04:00[America/New_York]',
      ]);
    });

    it('runs each slot of the overlap hour once', () => {
      const schedule: Schedule = {
        kind: 'timesPerDay',
        timesPerDay: 48,
        anchorTime: '00:00',
        timeZone: 'America/New_York',
      };

      expect(runsAfter(schedule, '2026-11-01T00:45-04:00', 4)).toEqual([
        '2026-11-01T01:00:00-04:00[America/New_York]',
        '2026-11-01T01:30:00-04:00[America/New_York]',
        '2026-11-01T02:00:00-05:00[America/New_York]',
        '2026-11-01T02:30:00-05:00[America/New_York]',
      ]);
    });
  });

  describe('Europe/London', () => {
    // 2026-03-29: 01:00 GMT becomes 02:00 BST. 2026-10-25: 02:00 BST becomes 01:00 GMT.
    it('shifts a slot in the gap forward by one hour', () => {
      expect(runsAfter(daily('01:30', 'Europe/London'), '2026-03-28T12:00Z', 2)).toEqual([
        '2026-03-29T02:30:00+01:00[Europe/London]',
        '2026-03-30T01:30:00+01:00[Europe/London]',
      ]);
    });

    it('runs a slot in the overlap at the first occurrence', () => {
      expect(runsAfter(daily('01:30', 'Europe/London'), '2026-10-24T12:00Z', 2)).toEqual([
        '2026-10-25T01:30:00+01:00[Europe/London]',
        '2026-10-26T01:30:00+00:00[Europe/London]',
      ]);
    });
  });

  describe('Australia/Sydney', () => {
    // 2026-10-04: 02:00 AEST becomes 03:00 AEDT. 2026-04-05: 03:00 AEDT becomes 02:00 AEST.
    it('shifts a slot in the gap forward by one hour', () => {
      expect(runsAfter(daily('02:30', 'Australia/Sydney'), '2026-10-03T12:00Z', 2)).toEqual([
        '2026-10-04T03:30:00+11:00[Australia/Sydney]',
        '2026-10-05T02:30:00+11:00[Australia/Sydney]',
      ]);
    });

    it('runs a slot in the overlap at the first occurrence', () => {
      expect(runsAfter(daily('02:30', 'Australia/Sydney'), '2026-04-04T12:00Z', 2)).toEqual([
        '2026-04-05T02:30:00+11:00[Australia/Sydney]',
        '2026-04-06T02:30:00+10:00[Australia/Sydney]',
      ]);
    });
  });

  describe('Australia/Lord_Howe', () => {
    // Lord Howe moves its clocks by 30 minutes. 2026-10-04: 02:00 (+10:30) becomes 02:30 (+11:00).
    // 2026-04-05: 02:00 (+11:00) becomes 01:30 (+10:30).
    it('shifts a slot in the gap forward by 30 minutes', () => {
      expect(runsAfter(daily('02:15', 'Australia/Lord_Howe'), '2026-10-03T12:00Z', 2)).toEqual([
        '2026-10-04T02:45:00+11:00[Australia/Lord_Howe]',
        '2026-10-05T02:15:00+11:00[Australia/Lord_Howe]',
      ]);
    });

    it('runs a slot in the overlap at the first occurrence', () => {
      expect(runsAfter(daily('01:45', 'Australia/Lord_Howe'), '2026-04-04T12:00Z', 2)).toEqual([
        '2026-04-05T01:45:00+11:00[Australia/Lord_Howe]',
        '2026-04-06T01:45:00+10:30[Australia/Lord_Howe]',
      ]);
    });
  });

  describe('America/Santiago', () => {
    // Chile skips midnight: on 2026-09-06, 00:00 (-04:00) becomes 01:00 (-03:00). On 2026-04-05,
    // 00:00 (-03:00) becomes 23:00 (-04:00) on April 4, so 23:00 to 24:00 on April 4 occurs twice.
    it('shifts a midnight slot forward by one hour', () => {
      expect(runsAfter(daily('00:00', 'America/Santiago'), '2026-09-05T12:00Z', 2)).toEqual([
        '2026-09-06T01:00:00-03:00[America/Santiago]',
        '2026-09-07T00:00:00-03:00[America/Santiago]',
      ]);
    });

    it('runs a dayOfMonth slot on the day whose midnight is skipped', () => {
      const schedule: Schedule = { kind: 'dayOfMonth', day: 6, time: '00:30', timeZone: 'America/Santiago' };

      expect(runsAfter(schedule, '2026-08-10T00:00Z', 2)).toEqual([
        '2026-09-06T01:30:00-03:00[America/Santiago]',
        '2026-10-06T00:30:00-03:00[America/Santiago]',
      ]);
    });

    it('runs a slot before the repeated midnight at the first occurrence', () => {
      expect(runsAfter(daily('23:30', 'America/Santiago'), '2026-04-04T12:00Z', 2)).toEqual([
        '2026-04-04T23:30:00-03:00[America/Santiago]',
        '2026-04-05T23:30:00-04:00[America/Santiago]',
      ]);
    });
  });

  describe('Antarctica/Troll', () => {
    // Troll switches between +00:00 and +02:00. 2026-03-29: 01:00 becomes 03:00, a two-hour gap.
    // 2026-10-25: 03:00 becomes 01:00, so 01:00 to 03:00 occurs twice.
    it('shifts a slot in the gap forward by two hours', () => {
      expect(runsAfter(daily('01:30', 'Antarctica/Troll'), '2026-03-28T12:00Z', 2)).toEqual([
        '2026-03-29T03:30:00+02:00[Antarctica/Troll]',
        '2026-03-30T01:30:00+02:00[Antarctica/Troll]',
      ]);
    });

    it('keeps every slot of a two-hour gap, in order', () => {
      // Every hour from 00:00: 01:00 and 02:00 shift to 03:00 and 04:00, which are slots themselves.
      const schedule: Schedule = {
        kind: 'timesPerDay',
        timesPerDay: 24,
        anchorTime: '00:00',
        timeZone: 'Antarctica/Troll',
      };

      expect(runsAfter(schedule, '2026-03-28T23:30Z', 4)).toEqual([
        '2026-03-29T00:00:00+00:00[Antarctica/Troll]',
        '2026-03-29T03:00:00+02:00[Antarctica/Troll]',
        '2026-03-29T04:00:00+02:00[Antarctica/Troll]',
        '2026-03-29T05:00:00+02:00[Antarctica/Troll]',
      ]);
    });

    it('runs slots of the two-hour overlap at the first occurrence', () => {
      const schedule: Schedule = {
        kind: 'timesPerDay',
        timesPerDay: 24,
        anchorTime: '00:30',
        timeZone: 'Antarctica/Troll',
      };

      expect(runsAfter(schedule, '2026-10-25T00:00+02:00', 4)).toEqual([
        '2026-10-25T00:30:00+02:00[Antarctica/Troll]',
        '2026-10-25T01:30:00+02:00[Antarctica/Troll]',
        '2026-10-25T02:30:00+02:00[Antarctica/Troll]',
        '2026-10-25T03:30:00+00:00[Antarctica/Troll]',
      ]);
    });
  });

  describe('Asia/Kolkata', () => {
    // India keeps +05:30 all year, so US and European changes in March move nothing.
    it('keeps half-hour offset slots through March', () => {
      const schedule: Schedule = { kind: 'timesPerDay', timesPerDay: 2, anchorTime: '02:30', timeZone: 'Asia/Kolkata' };

      expect(runsAfter(schedule, '2026-03-07T20:00Z', 4)).toEqual([
        '2026-03-08T02:30:00+05:30[Asia/Kolkata]',
        '2026-03-08T14:30:00+05:30[Asia/Kolkata]',
        '2026-03-09T02:30:00+05:30[Asia/Kolkata]',
        '2026-03-09T14:30:00+05:30[Asia/Kolkata]',
      ]);
    });

    it('reports results under the current name of a legacy time zone', () => {
      expect(runsAfter(daily('09:00', 'Asia/Calcutta'), '2026-03-07T00:00Z', 1)).toEqual([
        '2026-03-07T09:00:00+05:30[Asia/Kolkata]',
      ]);
    });
  });

  describe('other zones', () => {
    it('merges a skipped day into the next one in Pacific/Apia', () => {
      // Samoa skipped 2011-12-30 when it moved across the date line (-10:00 to +14:00).
      // 2011-12-28T21:00Z is 11:00 on December 28 in Apia.
      expect(runsAfter(daily('10:00', 'Pacific/Apia'), '2011-12-28T21:00Z', 3)).toEqual([
        '2011-12-29T10:00:00-10:00[Pacific/Apia]',
        '2011-12-31T10:00:00+14:00[Pacific/Apia]',
        '2012-01-01T10:00:00+14:00[Pacific/Apia]',
      ]);
    });

    it('shifts by a gap of 44 minutes 30 seconds in Africa/Monrovia', () => {
      // Liberia moved from -00:44:30 to +00:00 at 1972-01-07 00:00 local time.
      expect(runsAfter(daily('00:30', 'Africa/Monrovia'), '1972-01-06T12:00Z', 2)).toEqual([
        '1972-01-07T01:14:30+00:00[Africa/Monrovia]',
        '1972-01-08T00:30:00+00:00[Africa/Monrovia]',
      ]);
    });

    it('shifts a skipped midnight in America/Havana', () => {
      // Cuba moves from 00:00 (-05:00) to 01:00 (-04:00) on 2026-03-08.
      expect(runsAfter(daily('00:15', 'America/Havana'), '2026-03-07T12:00Z', 1)).toEqual([
        '2026-03-08T01:15:00-04:00[America/Havana]',
      ]);
    });
  });
});

describe('nextRuns input', () => {
  it('returns an empty array for count 0', () => {
    expect(runsAfter(daily('09:00', 'UTC'), '2026-01-01T00:00Z', 0)).toEqual([]);
  });

  it('rejects a negative or fractional count', () => {
    const after = Temporal.Instant.from('2026-01-01T00:00Z');

    expect(() => nextRuns(daily('09:00', 'UTC'), after, -1)).toThrow(RangeError);
    expect(() => nextRuns(daily('09:00', 'UTC'), after, 1.5)).toThrow('count must be a whole number of 0 or more, got 1.5');
  });

  it('throws an error naming each problem of an invalid schedule', () => {
    const schedule = { kind: 'daysOfWeek', days: [], time: '25:00', timeZone: 'Europe/Pariss' } as Schedule;

    expect(() => nextRuns(schedule, Temporal.Instant.from('2026-01-01T00:00Z'), 1)).toThrow(
      "Invalid schedule: days: Pick at least one weekday; time: Time must be HH:MM between 00:00 and 23:59; timeZone: Unknown time zone 'Europe/Pariss'",
    );
  });

  it('returns fewer runs near the end of the Temporal range', () => {
    // Temporal instants end at +275760-09-13T00:00Z, and the search stops two days earlier.
    expect(runsAfter(daily('09:00', 'UTC'), '+275760-09-09T12:00Z', 5)).toEqual(['+275760-09-10T09:00:00+00:00[UTC]']);
  });
});

describe('dueTimesBetween', () => {
  const schedule: Schedule = { kind: 'timesPerDay', timesPerDay: 24, anchorTime: '00:00', timeZone: 'UTC' };

  it('includes the until instant and excludes the after instant', () => {
    const due = dueTimesBetween(
      schedule,
      Temporal.Instant.from('2026-01-01T01:00Z'),
      Temporal.Instant.from('2026-01-01T04:00Z'),
      10,
    );

    expect(due.map(String)).toEqual([
      '2026-01-01T02:00:00+00:00[UTC]',
      '2026-01-01T03:00:00+00:00[UTC]',
      '2026-01-01T04:00:00+00:00[UTC]',
    ]);
  });

  it('stops at the limit', () => {
    const due = dueTimesBetween(
      schedule,
      Temporal.Instant.from('2026-01-01T01:00Z'),
      Temporal.Instant.from('2026-01-02T01:00Z'),
      2,
    );

    expect(due.map(String)).toEqual(['2026-01-01T02:00:00+00:00[UTC]', '2026-01-01T03:00:00+00:00[UTC]']);
  });

  it('returns nothing for an empty window', () => {
    const instant = Temporal.Instant.from('2026-01-01T01:00Z');

    expect(dueTimesBetween(schedule, instant, instant, 10)).toEqual([]);
  });

  it('includes a slot shifted by a gap when it lands inside the window', () => {
    const due = dueTimesBetween(
      daily('02:30', 'America/New_York'),
      Temporal.Instant.from('2026-03-08T03:00-04:00'),
      Temporal.Instant.from('2026-03-08T03:30-04:00'),
      10,
    );

    expect(due.map(String)).toEqual(['2026-03-08T03:30:00-04:00[America/New_York]']);
  });
});

describe('slotIntervalMinutes', () => {
  it('divides the day for timesPerDay', () => {
    expect(slotIntervalMinutes({ kind: 'timesPerDay', timesPerDay: 96, anchorTime: '00:00', timeZone: 'UTC' })).toBe(15);
  });

  it('uses the closest pair of weekdays, wrapping over Sunday', () => {
    // Friday to Sunday is 2 days, and Sunday to Friday is 5.
    expect(slotIntervalMinutes({ kind: 'daysOfWeek', days: [5, 7], time: '09:00', timeZone: 'UTC' })).toBe(2 * 1440);
    // Monday and Sunday are 1 day apart across the week boundary.
    expect(slotIntervalMinutes({ kind: 'daysOfWeek', days: [1, 7], time: '09:00', timeZone: 'UTC' })).toBe(1440);
  });

  it('is one week for a single weekday', () => {
    expect(slotIntervalMinutes({ kind: 'daysOfWeek', days: [3], time: '09:00', timeZone: 'UTC' })).toBe(7 * 1440);
  });

  it('is 28 days for monthly kinds', () => {
    expect(slotIntervalMinutes({ kind: 'dayOfMonth', day: 'last', time: '09:00', timeZone: 'UTC' })).toBe(28 * 1440);
    expect(
      slotIntervalMinutes({ kind: 'weekdayOfMonth', week: 1, weekday: 1, time: '09:00', timeZone: 'UTC' }),
    ).toBe(28 * 1440);
  });
});

describe('skippedMonths', () => {
  it('lists months without a 31st up to the last run', () => {
    const schedule: Schedule = { kind: 'dayOfMonth', day: 31, time: '06:00', timeZone: 'Europe/London' };

    const months = skippedMonths(schedule, Temporal.Instant.from('2026-02-10T00:00Z'), 3);

    // The runs are on March 31, May 31 and July 31. February, April and June have no 31st.
    expect(months.map(String)).toEqual(['2026-02', '2026-04', '2026-06']);
  });

  it('lists months without a fifth weekday', () => {
    const schedule: Schedule = { kind: 'weekdayOfMonth', week: 5, weekday: 2, time: '09:00', timeZone: 'UTC' };

    const months = skippedMonths(schedule, Temporal.Instant.from('2026-03-01T00:00Z'), 2);

    expect(months.map(String)).toEqual(['2026-04', '2026-05']);
  });

  it('is empty for schedules that run every month', () => {
    const schedule: Schedule = { kind: 'dayOfMonth', day: 28, time: '06:00', timeZone: 'UTC' };

    expect(skippedMonths(schedule, Temporal.Instant.from('2026-01-01T00:00Z'), 12)).toEqual([]);
    expect(skippedMonths(daily('06:00', 'UTC'), Temporal.Instant.from('2026-01-01T00:00Z'), 12)).toEqual([]);
  });
});
