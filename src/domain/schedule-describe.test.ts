import { describe, expect, it } from 'vitest';
import { Temporal } from 'temporal-polyfill';
import { describeDueTimeShift, describeSchedule, nextRuns, type Schedule } from './schedule.ts';

describe('describeSchedule', () => {
  it('describes weekdays with their time zone', () => {
    const schedule: Schedule = { kind: 'daysOfWeek', days: [5, 1], time: '01:30', timeZone: 'Europe/Amsterdam' };

    expect(describeSchedule(schedule, 'en')).toBe('Every Monday and Friday at 01:30 (Europe/Amsterdam)');
  });

  it('lists three or more weekdays in the locale style', () => {
    const schedule: Schedule = { kind: 'daysOfWeek', days: [1, 3, 5], time: '08:00', timeZone: 'UTC' };

    expect(describeSchedule(schedule, 'en')).toBe('Every Monday, Wednesday, and Friday at 08:00 (UTC)');
    expect(describeSchedule(schedule, 'en-GB')).toBe('Every Monday, Wednesday and Friday at 08:00 (UTC)');
  });

  it('calls all seven weekdays every day', () => {
    const schedule: Schedule = { kind: 'daysOfWeek', days: [1, 2, 3, 4, 5, 6, 7], time: '08:00', timeZone: 'UTC' };

    expect(describeSchedule(schedule, 'en')).toBe('Every day at 08:00 (UTC)');
  });

  it('takes weekday names from the locale', () => {
    const schedule: Schedule = { kind: 'daysOfWeek', days: [1, 5], time: '01:30', timeZone: 'Europe/Berlin' };

    expect(describeSchedule(schedule, 'de')).toBe('Every Montag und Freitag at 01:30 (Europe/Berlin)');
  });

  it('shows the current name of a legacy time zone', () => {
    const schedule: Schedule = { kind: 'daysOfWeek', days: [7], time: '10:00', timeZone: 'Europe/Kiev' };

    expect(describeSchedule(schedule, 'en')).toBe('Every Sunday at 10:00 (Europe/Kyiv)');
  });

  describe('timesPerDay', () => {
    it('describes hourly slots from the first slot of the day', () => {
      const schedule: Schedule = { kind: 'timesPerDay', timesPerDay: 24, anchorTime: '13:15', timeZone: 'Europe/London' };

      expect(describeSchedule(schedule, 'en')).toBe('24 times a day, every hour from 00:15 (Europe/London)');
    });

    it('describes intervals in hours and minutes', () => {
      const every288: Schedule = { kind: 'timesPerDay', timesPerDay: 5, anchorTime: '04:48', timeZone: 'UTC' };
      const every90: Schedule = { kind: 'timesPerDay', timesPerDay: 16, anchorTime: '00:00', timeZone: 'UTC' };
      const every15: Schedule = { kind: 'timesPerDay', timesPerDay: 96, anchorTime: '00:05', timeZone: 'UTC' };
      const every3h: Schedule = { kind: 'timesPerDay', timesPerDay: 8, anchorTime: '01:00', timeZone: 'UTC' };

      expect(describeSchedule(every288, 'en')).toBe('5 times a day, every 4 hours and 48 minutes from 00:00 (UTC)');
      expect(describeSchedule(every90, 'en')).toBe('16 times a day, every 1 hour and 30 minutes from 00:00 (UTC)');
      expect(describeSchedule(every15, 'en')).toBe('96 times a day, every 15 minutes from 00:05 (UTC)');
      expect(describeSchedule(every3h, 'en')).toBe('8 times a day, every 3 hours from 01:00 (UTC)');
    });

    it('lists the times when there are at most four', () => {
      const once: Schedule = { kind: 'timesPerDay', timesPerDay: 1, anchorTime: '06:00', timeZone: 'UTC' };
      const twice: Schedule = { kind: 'timesPerDay', timesPerDay: 2, anchorTime: '18:00', timeZone: 'UTC' };
      const thrice: Schedule = { kind: 'timesPerDay', timesPerDay: 3, anchorTime: '16:00', timeZone: 'UTC' };

      expect(describeSchedule(once, 'en')).toBe('Once a day at 06:00 (UTC)');
      expect(describeSchedule(twice, 'en')).toBe('Twice a day at 06:00 and 18:00 (UTC)');
      expect(describeSchedule(thrice, 'en')).toBe('3 times a day at 00:00, 08:00, and 16:00 (UTC)');
    });
  });

  describe('dayOfMonth', () => {
    it('warns that short months have no run on the 31st', () => {
      const schedule: Schedule = { kind: 'dayOfMonth', day: 31, time: '06:00', timeZone: 'Europe/London' };

      expect(describeSchedule(schedule, 'en')).toBe(
        'On the 31st of each month at 06:00 (Europe/London); no run in months with fewer than 31 days',
      );
    });

    it('names February for the 29th and the 30th', () => {
      const day29: Schedule = { kind: 'dayOfMonth', day: 29, time: '06:00', timeZone: 'UTC' };
      const day30: Schedule = { kind: 'dayOfMonth', day: 30, time: '06:00', timeZone: 'UTC' };

      expect(describeSchedule(day29, 'en')).toBe(
        'On the 29th of each month at 06:00 (UTC); no run in February except in leap years',
      );
      expect(describeSchedule(day30, 'en')).toBe('On the 30th of each month at 06:00 (UTC); no run in February');
    });

    it('uses English ordinals', () => {
      const days = [1, 2, 3, 4, 11, 12, 13, 21, 22, 23];
      const words = days.map((day) => describeSchedule({ kind: 'dayOfMonth', day, time: '06:00', timeZone: 'UTC' }, 'en'));

      expect(words.map((text) => text.split(' ')[2])).toEqual([
        '1st', '2nd', '3rd', '4th', '11th', '12th', '13th', '21st', '22nd', '23rd',
      ]);
    });

    it('uses a number for other languages', () => {
      const schedule: Schedule = { kind: 'dayOfMonth', day: 3, time: '06:00', timeZone: 'UTC' };

      expect(describeSchedule(schedule, 'nl')).toBe('On day 3 of each month at 06:00 (UTC)');
    });

    it('describes the last day', () => {
      const schedule: Schedule = { kind: 'dayOfMonth', day: 'last', time: '23:00', timeZone: 'UTC' };

      expect(describeSchedule(schedule, 'en')).toBe('On the last day of each month at 23:00 (UTC)');
    });
  });

  describe('weekdayOfMonth', () => {
    it('describes the second Tuesday', () => {
      const schedule: Schedule = { kind: 'weekdayOfMonth', week: 2, weekday: 2, time: '09:00', timeZone: 'UTC' };

      expect(describeSchedule(schedule, 'en')).toBe('On the second Tuesday of each month at 09:00 (UTC)');
    });

    it('warns about months without a fifth weekday', () => {
      const schedule: Schedule = { kind: 'weekdayOfMonth', week: 5, weekday: 2, time: '09:00', timeZone: 'UTC' };

      expect(describeSchedule(schedule, 'en')).toBe(
        'On the fifth Tuesday of each month at 09:00 (UTC); no run in months with only four Tuesdays',
      );
    });

    it('describes the last weekday', () => {
      const schedule: Schedule = { kind: 'weekdayOfMonth', week: 'last', weekday: 5, time: '17:00', timeZone: 'UTC' };

      expect(describeSchedule(schedule, 'en')).toBe('On the last Friday of each month at 17:00 (UTC)');
    });

    it('uses a number for other languages', () => {
      const schedule: Schedule = { kind: 'weekdayOfMonth', week: 2, weekday: 2, time: '09:00', timeZone: 'UTC' };

      expect(describeSchedule(schedule, 'fr')).toBe('On mardi no. 2 of each month at 09:00 (UTC)');
    });
  });

  it('falls back to English for a malformed locale', () => {
    const schedule: Schedule = { kind: 'dayOfMonth', day: 2, time: '06:00', timeZone: 'UTC' };

    expect(describeSchedule(schedule, 'not a locale!')).toBe('On the 2nd of each month at 06:00 (UTC)');
  });

  it('throws for an invalid schedule', () => {
    const schedule = { kind: 'dayOfMonth', day: 40, time: '06:00', timeZone: 'UTC' } as Schedule;

    expect(() => describeSchedule(schedule, 'en')).toThrow("Invalid schedule: day: Day must be a number from 1 to 31 or 'last'");
  });
});

describe('describeDueTimeShift', () => {
  const daily = (time: string, timeZone: string): Schedule => ({
    kind: 'daysOfWeek',
    days: [1, 2, 3, 4, 5, 6, 7],
    time,
    timeZone,
  });

  it('explains a slot shifted by a gap', () => {
    // 2026-03-08 is the US spring-forward Sunday: 02:30 does not exist.
    const schedule = daily('02:30', 'America/New_York');
    const [due] = nextRuns(schedule, Temporal.Instant.from('2026-03-07T12:00Z'), 1);

    expect(due!.toString()).toBe('2026-03-08T03:30:00-04:00[America/New_York]');
    expect(describeDueTimeShift(schedule, due!)).toBe('Clocks go forward: runs at 03:30 instead of 02:30');
  });

  it('explains a 30-minute shift on Lord Howe Island', () => {
    // 2026-10-04: 02:00 becomes 02:30 on Lord Howe Island.
    const schedule = daily('02:15', 'Australia/Lord_Howe');
    const due = Temporal.ZonedDateTime.from('2026-10-04T02:45:00+11:00[Australia/Lord_Howe]');

    expect(describeDueTimeShift(schedule, due)).toBe('Clocks go forward: runs at 02:45 instead of 02:15');
  });

  it('explains a shifted slot that joins another slot', () => {
    const schedule: Schedule = { kind: 'timesPerDay', timesPerDay: 48, anchorTime: '00:00', timeZone: 'America/New_York' };
    const due = Temporal.ZonedDateTime.from('2026-03-08T03:30:00-04:00[America/New_York]');

    expect(describeDueTimeShift(schedule, due)).toBe(
      'Clocks go forward: the 02:30 run happens at 03:30, together with the 03:30 run',
    );
  });

  it('gives dates when a gap moves a slot to the next day', () => {
    // Samoa skipped 2011-12-30, so its 10:00 slot runs with the 10:00 slot of December 31.
    const schedule = daily('10:00', 'Pacific/Apia');
    const due = Temporal.ZonedDateTime.from('2011-12-31T10:00:00+14:00[Pacific/Apia]');

    expect(describeDueTimeShift(schedule, due)).toBe(
      'Clocks go forward: the 2011-12-30 10:00 run happens at 2011-12-31 10:00, together with the 2011-12-31 10:00 run',
    );
  });

  it('shows seconds for a gap of whole seconds', () => {
    // Liberia moved from -00:44:30 to +00:00 at 1972-01-07 00:00 local time.
    const schedule = daily('00:30', 'Africa/Monrovia');
    const due = Temporal.ZonedDateTime.from('1972-01-07T01:14:30+00:00[Africa/Monrovia]');

    expect(describeDueTimeShift(schedule, due)).toBe('Clocks go forward: runs at 01:14:30 instead of 00:30');
  });

  it('explains a slot in an overlap', () => {
    // 2026-10-25: 02:00 BST becomes 01:00 GMT in London, so 01:30 occurs twice.
    const schedule = daily('01:30', 'Europe/London');
    const due = Temporal.ZonedDateTime.from('2026-10-25T01:30:00+01:00[Europe/London]');

    expect(describeDueTimeShift(schedule, due)).toBe('Clocks go back: runs at the first 01:30');
  });

  it('reads the due time in the schedule time zone', () => {
    const schedule = daily('01:30', 'Europe/London');
    const due = Temporal.ZonedDateTime.from('2026-10-25T00:30:00+00:00[UTC]');

    expect(describeDueTimeShift(schedule, due)).toBe('Clocks go back: runs at the first 01:30');
  });

  it('returns null for an ordinary due time', () => {
    const schedule = daily('02:30', 'America/New_York');
    const due = Temporal.ZonedDateTime.from('2026-03-09T02:30:00-04:00[America/New_York]');

    expect(describeDueTimeShift(schedule, due)).toBeNull();
  });

  it('returns null for other instants', () => {
    const schedule = daily('02:30', 'America/New_York');
    const due = Temporal.ZonedDateTime.from('2026-03-08T03:45:00-04:00[America/New_York]');

    expect(describeDueTimeShift(schedule, due)).toBeNull();
  });

  it('returns null in a zone without daylight saving', () => {
    const schedule = daily('02:30', 'Asia/Kolkata');
    const due = Temporal.ZonedDateTime.from('2026-03-08T02:30:00+05:30[Asia/Kolkata]');

    expect(describeDueTimeShift(schedule, due)).toBeNull();
  });
});
