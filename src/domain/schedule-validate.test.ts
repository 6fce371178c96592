import { describe, expect, it } from 'vitest';
import { TIMES_PER_DAY_CHOICES, validateSchedule } from './schedule.ts';

describe('validateSchedule', () => {
  it('accepts a valid schedule of each kind', () => {
    expect(validateSchedule({ kind: 'timesPerDay', timesPerDay: 24, anchorTime: '00:15', timeZone: 'Europe/London' })).toEqual([]);
    expect(validateSchedule({ kind: 'daysOfWeek', days: [1, 5], time: '01:30', timeZone: 'Europe/Amsterdam' })).toEqual([]);
    expect(validateSchedule({ kind: 'dayOfMonth', day: 'last', time: '23:00', timeZone: 'UTC' })).toEqual([]);
    expect(validateSchedule({ kind: 'weekdayOfMonth', week: 'last', weekday: 7, time: '09:00', timeZone: 'UTC' })).toEqual([]);
  });

  it('accepts legacy and differently cased zone names', () => {
    expect(validateSchedule({ kind: 'dayOfMonth', day: 1, time: '09:00', timeZone: 'Asia/Calcutta' })).toEqual([]);
    expect(validateSchedule({ kind: 'dayOfMonth', day: 1, time: '09:00', timeZone: 'europe/kyiv' })).toEqual([]);
  });

  it('rejects a value that is not an object', () => {
    for (const value of [null, undefined, 'daily', 42, []]) {
      expect(validateSchedule(value)).toEqual([{ field: 'schedule', message: 'Schedule is missing or is not an object' }]);
    }
  });

  it('asks for a kind and a time zone when both are missing', () => {
    expect(validateSchedule({})).toEqual([
      { field: 'kind', message: 'Pick a schedule kind' },
      { field: 'timeZone', message: 'Pick a time zone' },
    ]);
  });

  it('names an unknown kind and still checks the time zone', () => {
    expect(validateSchedule({ kind: 'hourly', timeZone: 'Mars/Olympus' })).toEqual([
      {
        field: 'kind',
        message: "Unknown schedule kind 'hourly': use timesPerDay, daysOfWeek, dayOfMonth, weekdayOfMonth",
      },
      { field: 'timeZone', message: "Unknown time zone 'Mars/Olympus'" },
    ]);
  });

  describe('timesPerDay', () => {
    it('requires a divisor of 1440', () => {
      expect(validateSchedule({ kind: 'timesPerDay', timesPerDay: 7, anchorTime: '00:00', timeZone: 'UTC' })).toEqual([
        { field: 'timesPerDay', message: 'Times per day must divide 1440: 7 does not' },
      ]);
    });

    it('requires a whole number from 1 to 96', () => {
      for (const timesPerDay of [0, 97, 120, 2.5, -4]) {
        expect(validateSchedule({ kind: 'timesPerDay', timesPerDay, anchorTime: '00:00', timeZone: 'UTC' })).toEqual([
          { field: 'timesPerDay', message: `Times per day must be a whole number from 1 to 96: ${timesPerDay} is not` },
        ]);
      }
    });

    it('requires a number', () => {
      expect(validateSchedule({ kind: 'timesPerDay', timesPerDay: '4', anchorTime: '00:00', timeZone: 'UTC' })).toEqual([
        { field: 'timesPerDay', message: 'Times per day must be a whole number from 1 to 96' },
      ]);
    });

    it('requires an anchor time in HH:MM', () => {
      expect(validateSchedule({ kind: 'timesPerDay', timesPerDay: 4, anchorTime: '7:00', timeZone: 'UTC' })).toEqual([
        { field: 'anchorTime', message: 'Time must be HH:MM between 00:00 and 23:59' },
      ]);
    });

    it('offers exactly the divisors of 1440 up to 96', () => {
      expect(TIMES_PER_DAY_CHOICES).toEqual([
        1, 2, 3, 4, 5, 6, 8, 9, 10, 12, 15, 16, 18, 20, 24, 30, 32, 36, 40, 45, 48, 60, 72, 80, 90, 96,
      ]);
    });
  });

  describe('daysOfWeek', () => {
    it('asks for at least one weekday', () => {
      expect(validateSchedule({ kind: 'daysOfWeek', days: [], time: '09:00', timeZone: 'UTC' })).toEqual([
        { field: 'days', message: 'Pick at least one weekday' },
      ]);
      expect(validateSchedule({ kind: 'daysOfWeek', time: '09:00', timeZone: 'UTC' })).toEqual([
        { field: 'days', message: 'Pick at least one weekday' },
      ]);
    });

    it('names each weekday out of range', () => {
      expect(validateSchedule({ kind: 'daysOfWeek', days: [0, 3, 8, 'Mon'], time: '09:00', timeZone: 'UTC' })).toEqual([
        { field: 'days', message: 'Weekdays must be numbers from 1 (Monday) to 7 (Sunday): 0 is not' },
        { field: 'days', message: 'Weekdays must be numbers from 1 (Monday) to 7 (Sunday): 8 is not' },
        { field: 'days', message: "Weekdays must be numbers from 1 (Monday) to 7 (Sunday): 'Mon' is not" },
      ]);
    });

    it('names each repeated weekday once', () => {
      expect(validateSchedule({ kind: 'daysOfWeek', days: [2, 2, 2, 5, 5], time: '09:00', timeZone: 'UTC' })).toEqual([
        { field: 'days', message: 'Weekday 2 is listed more than once' },
        { field: 'days', message: 'Weekday 5 is listed more than once' },
      ]);
    });

    it('rejects times outside 00:00 to 23:59', () => {
      for (const time of ['24:00', '12:60', '1200', '', ' 09:00', '09:00:00']) {
        expect(validateSchedule({ kind: 'daysOfWeek', days: [1], time, timeZone: 'UTC' })).toEqual([
          { field: 'time', message: 'Time must be HH:MM between 00:00 and 23:59' },
        ]);
      }
    });
  });

  describe('dayOfMonth', () => {
    it('requires a day from 1 to 31 or last', () => {
      for (const day of [0, 32, 1.5, 'first', null]) {
        expect(validateSchedule({ kind: 'dayOfMonth', day, time: '09:00', timeZone: 'UTC' })).toEqual([
          { field: 'day', message: "Day must be a number from 1 to 31 or 'last'" },
        ]);
      }
    });
  });

  describe('weekdayOfMonth', () => {
    it('requires a week and a weekday in range', () => {
      expect(validateSchedule({ kind: 'weekdayOfMonth', week: 6, weekday: 0, time: '09:00', timeZone: 'UTC' })).toEqual([
        { field: 'week', message: "Week must be 1, 2, 3, 4, 5 or 'last'" },
        { field: 'weekday', message: 'Weekday must be a number from 1 (Monday) to 7 (Sunday)' },
      ]);
    });
  });

  describe('timeZone', () => {
    it('names an unknown time zone', () => {
      expect(validateSchedule({ kind: 'dayOfMonth', day: 1, time: '09:00', timeZone: 'Europe/Pariss' })).toEqual([
        { field: 'timeZone', message: "Unknown time zone 'Europe/Pariss'" },
      ]);
    });

    it('rejects a UTC offset in place of a zone name', () => {
      expect(validateSchedule({ kind: 'dayOfMonth', day: 1, time: '09:00', timeZone: '+05:30' })).toEqual([
        { field: 'timeZone', message: "Use a time zone name such as Europe/Amsterdam instead of the offset '+05:30'" },
      ]);
    });

    it('rejects an ISO string with a zone annotation', () => {
      const timeZone = '2026-01-01T00:00[Europe/Paris]';

      expect(validateSchedule({ kind: 'dayOfMonth', day: 1, time: '09:00', timeZone })).toEqual([
        { field: 'timeZone', message: `Unknown time zone '${timeZone}'` },
      ]);
    });
  });

  it('lists every problem of one schedule', () => {
    expect(validateSchedule({ kind: 'weekdayOfMonth', week: 'second', time: '9am' })).toEqual([
      { field: 'week', message: "Week must be 1, 2, 3, 4, 5 or 'last'" },
      { field: 'weekday', message: 'Weekday must be a number from 1 (Monday) to 7 (Sunday)' },
      { field: 'time', message: 'Time must be HH:MM between 00:00 and 23:59' },
      { field: 'timeZone', message: 'Pick a time zone' },
    ]);
  });
});
