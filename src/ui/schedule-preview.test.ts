import { describe, expect, it } from 'vitest';
import type { Run } from '../contract/model.ts';
import { emptyCounters } from '../domain/counters.ts';
import type { RunState, RunTrigger } from '../domain/run-state.ts';
import type { Schedule } from '../domain/schedule.ts';
import {
  PREVIEW_RUN_COUNT,
  buildPreviewRows,
  describeDayOfMonth,
  describePileUp,
  describeSkippedMonths,
  describeTimesPerDayChoice,
  describeWeekOfMonth,
  draftFromSchedule,
  formatSlotInterval,
  formatUtcOffset,
  scheduleFromDraft,
  timeZoneChoices,
  typicalRunTime,
  weekdayNames,
  type ScheduleDraft,
} from './schedule-preview.ts';

const MINUTE_MS = 60_000;
const MARCH_5_10_UTC = Date.parse('2026-03-05T10:00:00Z');
const LOCALE = 'en-GB';

function finishedRun(number: number, runTimeMs: number, overrides: { state?: RunState; trigger?: RunTrigger } = {}): Run {
  const startedAtMs = MARCH_5_10_UTC - number * 3_600_000;
  return {
    id: number,
    connectionId: 'c1',
    number,
    trigger: overrides.trigger ?? 'schedule',
    state: overrides.state ?? 'finished',
    priority: 1,
    queuedAtMs: startedAtMs,
    promotedAtMs: null,
    dueAtMs: startedAtMs,
    startedAtMs,
    endedAtMs: startedAtMs + runTimeMs,
    stopRequestedAtMs: null,
    attempt: 1,
    waitingForNetwork: false,
    counters: emptyCounters(),
    warningCount: 0,
    errorMessage: null,
    summary: '',
    mergedDueAtMs: [],
    logCount: 0,
  };
}

describe('describeTimesPerDayChoice', () => {
  it.each([
    [1, 'Once a day (every 24 h)'],
    [4, '4 times a day (every 6 h)'],
    [5, '5 times a day (every 4 h 48 min)'],
    [9, '9 times a day (every 2 h 40 min)'],
    [96, '96 times a day (every 15 min)'],
  ])('words for %i', (timesPerDay, expected) => {
    expect(describeTimesPerDayChoice(timesPerDay)).toBe(expected);
  });
});

describe('formatSlotInterval', () => {
  it.each([
    [15, '15 min'],
    [360, '6 h'],
    [1440, 'day'],
    [2 * 1440, '2 days'],
    [28 * 1440, '28 days'],
  ])('formats %i minutes', (minutes, expected) => {
    expect(formatSlotInterval(minutes)).toBe(expected);
  });
});

describe('buildPreviewRows', () => {
  const dailyNewYork: Schedule = { kind: 'timesPerDay', timesPerDay: 1, anchorTime: '02:30', timeZone: 'America/New_York' };

  it('lists five runs across spring forward', () => {
    const rows = buildPreviewRows(dailyNewYork, MARCH_5_10_UTC, { locale: LOCALE, browserZone: 'Europe/Amsterdam' });

    expect(rows).toHaveLength(PREVIEW_RUN_COUNT);
    expect(rows.map((row) => row.instant)).toEqual([
      '2026-03-06T07:30:00Z',
      '2026-03-07T07:30:00Z',
      '2026-03-08T07:30:00Z',
      '2026-03-09T06:30:00Z',
      '2026-03-10T06:30:00Z',
    ]);
    expect(rows.map((row) => row.scheduleZoneText)).toEqual([
      'Fri, 6 Mar 2026, 02:30',
      'Sat, 7 Mar 2026, 02:30',
      'Sun, 8 Mar 2026, 03:30',
      'Mon, 9 Mar 2026, 02:30',
      'Tue, 10 Mar 2026, 02:30',
    ]);
    expect(rows.map((row) => row.browserZoneText)).toEqual([
      'Fri, 6 Mar 2026, 08:30',
      'Sat, 7 Mar 2026, 08:30',
      'Sun, 8 Mar 2026, 08:30',
      'Mon, 9 Mar 2026, 07:30',
      'Tue, 10 Mar 2026, 07:30',
    ]);
    expect(rows.map((row) => row.shiftNote)).toEqual([null, null, 'Clocks go forward: runs at 03:30 instead of 02:30', null, null]);
  });

  it('notes the first of two times at fall back', () => {
    const schedule: Schedule = { kind: 'timesPerDay', timesPerDay: 1, anchorTime: '01:30', timeZone: 'America/New_York' };
    const rows = buildPreviewRows(schedule, Date.parse('2026-10-31T12:00:00Z'), { locale: LOCALE, browserZone: 'America/New_York', count: 2 });

    expect(rows.map((row) => row.instant)).toEqual(['2026-11-01T05:30:00Z', '2026-11-02T06:30:00Z']);
    expect(rows[0]!.shiftNote).toBe('Clocks go back: runs at the first 01:30');
    expect(rows[1]!.shiftNote).toBeNull();
  });

  it('omits browser time in same zone', () => {
    const rows = buildPreviewRows(dailyNewYork, MARCH_5_10_UTC, { locale: LOCALE, browserZone: 'America/New_York' });

    expect(rows.map((row) => row.browserZoneText)).toEqual([null, null, null, null, null]);
  });

  it('omits browser time when offsets match', () => {
    const schedule: Schedule = { kind: 'daysOfWeek', days: [1], time: '09:00', timeZone: 'Europe/Paris' };
    const rows = buildPreviewRows(schedule, MARCH_5_10_UTC, { locale: LOCALE, browserZone: 'Europe/Amsterdam', count: 2 });

    expect(rows.map((row) => row.scheduleZoneText)).toEqual(['Mon, 9 Mar 2026, 09:00', 'Mon, 16 Mar 2026, 09:00']);
    expect(rows.map((row) => row.browserZoneText)).toEqual([null, null]);
  });

  it('formats in the locale', () => {
    const rows = buildPreviewRows(dailyNewYork, MARCH_5_10_UTC, { locale: 'en-US', browserZone: 'America/New_York', count: 1 });

    expect(rows[0]!.scheduleZoneText).toBe('Fri, Mar 6, 2026, 02:30 AM');
  });

  it('throws for an invalid schedule', () => {
    const invalid = { ...dailyNewYork, timesPerDay: 7 };

    expect(() => buildPreviewRows(invalid, MARCH_5_10_UTC, { locale: LOCALE, browserZone: 'UTC' })).toThrow(/divide 1440/);
  });
});

describe('describeSkippedMonths', () => {
  it('names months without a 31st', () => {
    const schedule: Schedule = { kind: 'dayOfMonth', day: 31, time: '06:00', timeZone: 'Europe/Amsterdam' };

    expect(describeSkippedMonths(schedule, Date.parse('2027-03-05T10:00:00Z'), LOCALE)).toEqual([
      'No run in April 2027: it has no 31st',
      'No run in June 2027: it has no 31st',
      'No run in September 2027: it has no 31st',
    ]);
  });

  it('names February for the 29th', () => {
    const schedule: Schedule = { kind: 'dayOfMonth', day: 29, time: '06:00', timeZone: 'UTC' };

    expect(describeSkippedMonths(schedule, Date.parse('2027-01-30T10:00:00Z'), LOCALE)).toEqual(['No run in February 2027: it has no 29th']);
  });

  it('names months with four of the weekday', () => {
    const schedule: Schedule = { kind: 'weekdayOfMonth', week: 5, weekday: 5, time: '06:00', timeZone: 'UTC' };
    const skipped = describeSkippedMonths(schedule, Date.parse('2026-03-05T10:00:00Z'), LOCALE, 1);

    expect(skipped).toEqual(['No run in March 2026: it has only four Fridays', 'No run in April 2026: it has only four Fridays']);
  });

  it('is empty for the last day', () => {
    const schedule: Schedule = { kind: 'dayOfMonth', day: 'last', time: '06:00', timeZone: 'UTC' };

    expect(describeSkippedMonths(schedule, MARCH_5_10_UTC, LOCALE)).toEqual([]);
  });

  it('is empty for times per day', () => {
    const schedule: Schedule = { kind: 'timesPerDay', timesPerDay: 4, anchorTime: '00:00', timeZone: 'UTC' };

    expect(describeSkippedMonths(schedule, MARCH_5_10_UTC, LOCALE)).toEqual([]);
  });
});

describe('typicalRunTime', () => {
  it('returns null without finished runs', () => {
    expect(typicalRunTime([])).toBeNull();
    expect(typicalRunTime([finishedRun(1, MINUTE_MS, { state: 'failed' })])).toBeNull();
  });

  it('takes the median of an odd count', () => {
    const runs = [finishedRun(1, 10 * MINUTE_MS), finishedRun(2, 40 * MINUTE_MS), finishedRun(3, 25 * MINUTE_MS)];

    expect(typicalRunTime(runs)).toEqual({ medianMs: 25 * MINUTE_MS, runCount: 3 });
  });

  it('averages the middle pair of an even count', () => {
    const runs = [finishedRun(1, 10 * MINUTE_MS), finishedRun(2, 20 * MINUTE_MS), finishedRun(3, 30 * MINUTE_MS), finishedRun(4, 90 * MINUTE_MS)];

    expect(typicalRunTime(runs)).toEqual({ medianMs: 25 * MINUTE_MS, runCount: 4 });
  });

  it('ignores unfinished and test runs', () => {
    const running = { ...finishedRun(5, 0, { state: 'running' }), endedAtMs: null };
    const runs = [
      finishedRun(1, 20 * MINUTE_MS),
      finishedRun(2, 99 * MINUTE_MS, { state: 'failed' }),
      finishedRun(3, 99 * MINUTE_MS, { trigger: 'test' }),
      finishedRun(4, 99 * MINUTE_MS, { state: 'stopped' }),
      running,
    ];

    expect(typicalRunTime(runs)).toEqual({ medianMs: 20 * MINUTE_MS, runCount: 1 });
  });

  it('uses only the latest 20 runs', () => {
    const old = Array.from({ length: 10 }, (_, index) => finishedRun(index + 1, 100 * MINUTE_MS));
    const recent = Array.from({ length: 20 }, (_, index) => finishedRun(index + 11, 5 * MINUTE_MS));

    expect(typicalRunTime([...old, ...recent])).toEqual({ medianMs: 5 * MINUTE_MS, runCount: 20 });
  });
});

describe('describePileUp', () => {
  const every15Minutes: Schedule = { kind: 'timesPerDay', timesPerDay: 96, anchorTime: '00:00', timeZone: 'UTC' };

  it('warns when runs outlast the interval', () => {
    expect(describePileUp(every15Minutes, { medianMs: 25 * MINUTE_MS, runCount: 12 })).toBe(
      'Runs take about 25 min (median of the last 12), but this schedule starts one every 15 min: runs would pile up in the queue.',
    );
  });

  it('words a single run', () => {
    expect(describePileUp(every15Minutes, { medianMs: 25 * MINUTE_MS, runCount: 1 })).toBe(
      'The last run took about 25 min, but this schedule starts one every 15 min: runs would pile up in the queue.',
    );
  });

  it('shows seconds near the interval', () => {
    expect(describePileUp(every15Minutes, { medianMs: 15 * MINUTE_MS + 20_000, runCount: 3 })).toBe(
      'Runs take about 15 min 20 s (median of the last 3), but this schedule starts one every 15 min: runs would pile up in the queue.',
    );
  });

  it('is silent when runs fit', () => {
    expect(describePileUp(every15Minutes, { medianMs: 15 * MINUTE_MS, runCount: 3 })).toBeNull();
    expect(describePileUp(every15Minutes, null)).toBeNull();
  });

  it('uses days for weekly schedules', () => {
    const mondayAndTuesday: Schedule = { kind: 'daysOfWeek', days: [1, 2], time: '06:00', timeZone: 'UTC' };

    expect(describePileUp(mondayAndTuesday, { medianMs: 25 * 60 * MINUTE_MS, runCount: 2 })).toBe(
      'Runs take about 25 h (median of the last 2), but this schedule starts one every day: runs would pile up in the queue.',
    );
  });
});

describe('timeZoneChoices', () => {
  const choices = timeZoneChoices(['asia/calcutta', 'No/Such_Zone']);

  it('offers current names', () => {
    expect(choices).toContain('Asia/Kolkata');
    expect(choices).toContain('Europe/Kyiv');
    expect(choices).toContain('UTC');
    expect(choices).toContain('America/New_York');
  });

  it('drops legacy and unknown names', () => {
    expect(choices).not.toContain('Asia/Calcutta');
    expect(choices).not.toContain('Europe/Kiev');
    expect(choices).not.toContain('No/Such_Zone');
  });

  it('is sorted without repeats', () => {
    expect(choices).toEqual([...new Set(choices)].sort());
  });
});

describe('formatUtcOffset', () => {
  it.each([
    ['Asia/Kolkata', 'UTC+05:30'],
    ['America/New_York', 'UTC\u221205:00'],
    ['UTC', 'UTC'],
    ['Asia/Kathmandu', 'UTC+05:45'],
  ])('formats %s', (zone, expected) => {
    expect(formatUtcOffset(zone, MARCH_5_10_UTC)).toBe(expected);
  });
});

describe('picker words', () => {
  it('names weekdays from Monday', () => {
    expect(weekdayNames(LOCALE, 'long')).toEqual(['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']);
    expect(weekdayNames('de', 'short')[0]).toBe('Mo');
  });

  it('names weeks and days of the month', () => {
    expect(describeWeekOfMonth(1)).toBe('First');
    expect(describeWeekOfMonth(5)).toBe('Fifth');
    expect(describeWeekOfMonth('last')).toBe('Last');
    expect(describeDayOfMonth(1)).toBe('1st');
    expect(describeDayOfMonth(22)).toBe('22nd');
    expect(describeDayOfMonth(31)).toBe('31st');
  });
});

describe('schedule drafts', () => {
  it('defaults to once a day at now', () => {
    const draft = draftFromSchedule(null, MARCH_5_10_UTC, 'Asia/Kolkata');

    expect(draft.kind).toBe('timesPerDay');
    expect(draft.timesPerDay).toBe(1);
    expect(draft.anchorTime).toBe('15:30');
    expect(draft.timeZone).toBe('Asia/Kolkata');
    expect(scheduleFromDraft(draft)).toEqual({ kind: 'timesPerDay', timesPerDay: 1, anchorTime: '15:30', timeZone: 'Asia/Kolkata' });
  });

  it.each<Schedule>([
    { kind: 'timesPerDay', timesPerDay: 4, anchorTime: '05:15', timeZone: 'Europe/Amsterdam' },
    { kind: 'daysOfWeek', days: [1, 3, 5], time: '07:45', timeZone: 'America/New_York' },
    { kind: 'dayOfMonth', day: 'last', time: '23:00', timeZone: 'UTC' },
    { kind: 'dayOfMonth', day: 31, time: '06:00', timeZone: 'UTC' },
    { kind: 'weekdayOfMonth', week: 'last', weekday: 5, time: '18:00', timeZone: 'Asia/Kolkata' },
  ])('round-trips $kind', (schedule) => {
    expect(scheduleFromDraft(draftFromSchedule(schedule, MARCH_5_10_UTC, 'UTC'))).toEqual(schedule);
  });

  it('keeps the time across kinds', () => {
    const draft: ScheduleDraft = {
      ...draftFromSchedule({ kind: 'timesPerDay', timesPerDay: 4, anchorTime: '05:15', timeZone: 'UTC' }, MARCH_5_10_UTC, 'UTC'),
      kind: 'dayOfMonth',
    };

    expect(scheduleFromDraft(draft)).toEqual({ kind: 'dayOfMonth', day: 1, time: '05:15', timeZone: 'UTC' });
  });

  it('sorts weekdays and renames legacy zones', () => {
    const draft: ScheduleDraft = {
      ...draftFromSchedule(null, MARCH_5_10_UTC, 'UTC'),
      kind: 'daysOfWeek',
      days: [5, 1],
      time: '08:00',
      timeZone: ' europe/kiev ',
    };

    expect(scheduleFromDraft(draft)).toEqual({ kind: 'daysOfWeek', days: [1, 5], time: '08:00', timeZone: 'Europe/Kyiv' });
  });

  it('keeps an unknown zone for validation', () => {
    const draft: ScheduleDraft = { ...draftFromSchedule(null, MARCH_5_10_UTC, 'UTC'), timeZone: 'Mars/Olympus' };

    expect(scheduleFromDraft(draft).timeZone).toBe('Mars/Olympus');
  });
});
