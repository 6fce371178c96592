// Compares nextRuns with a deliberately simple reference over random schedules, time zones and instants
// from 1970 to 2100. The reference shares no code with the module: it finds slots with Date.UTC calendar
// arithmetic and reads UTC offsets from Intl.DateTimeFormat, once per hour of instants, scanning the
// hours around each slot for the instants whose wall clock shows it. Its rules, stated from scratch:
// - A slot runs at the first instant whose wall clock shows it.
// - A slot that no instant shows (a gap) runs at the slot time minus the offset in force before the gap.
// - Runs on the same instant count once.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { TIMES_PER_DAY_CHOICES, canonicalTimeZone, dueTimesBetween, nextRuns, type Schedule, type WeekOfMonth } from './schedule.ts';

const SECONDS_PER_HOUR = 3600;
const SECONDS_PER_DAY = 86_400;
// UTC offsets between 1970 and 2100 stay within -12:00 and +14:00, so instants more than 27 hours from a
// slot's wall-clock reading (read as UTC) cannot show it.
const SCAN_HOURS = 27;
const MIN_AFTER_SECONDS = Date.UTC(1970, 0, 1) / 1000;
const MAX_AFTER_SECONDS = Date.UTC(2100, 11, 31) / 1000;

// Zones with unusual changes: 30-minute and 2-hour shifts, skipped midnights, a skipped day (Apia 2011),
// offsets with seconds before 1972 (Monrovia), half-hour and 45-minute offsets, legacy names.
const NOTABLE_TIME_ZONES = [
  'America/New_York',
  'Europe/London',
  'Australia/Sydney',
  'Australia/Lord_Howe',
  'America/Santiago',
  'Antarctica/Troll',
  'Asia/Kolkata',
  'America/Havana',
  'Asia/Beirut',
  'Pacific/Apia',
  'Pacific/Kwajalein',
  'Africa/Monrovia',
  'Africa/Casablanca',
  'America/St_Johns',
  'Pacific/Chatham',
  'Asia/Tehran',
  'Europe/Chisinau',
  'America/Sao_Paulo',
  'Asia/Calcutta',
  'Europe/Kiev',
];
const ALL_TIME_ZONES = Intl.supportedValuesOf('timeZone');

// ---------------------------------------------------------------------------------------------------------
// Reference

type OffsetLookup = (epochSeconds: number) => number;

function createOffsetLookup(timeZone: string): OffsetLookup {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  const cache = new Map<number, number>();
  return (epochSeconds) => {
    const cached = cache.get(epochSeconds);
    if (cached !== undefined) return cached;
    const fields: Record<string, number> = {};
    for (const part of format.formatToParts(new Date(epochSeconds * 1000))) fields[part.type] = Number(part.value);
    const wallSeconds =
      Date.UTC(fields.year!, fields.month! - 1, fields.day!, fields.hour!, fields.minute!, fields.second!) / 1000;
    const offset = wallSeconds - epochSeconds;
    cache.set(epochSeconds, offset);
    return offset;
  };
}

/** Finds the first second in (start, end] whose offset differs from the offset at start. */
function findTransition(offsetAt: OffsetLookup, start: number, end: number): number {
  const offsetBefore = offsetAt(start);
  let low = start;
  let high = end;
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (offsetAt(middle) === offsetBefore) low = middle;
    else high = middle;
  }
  return high;
}

/** Resolves a slot (wall-clock seconds, read as if UTC) to epoch seconds with the rules above. */
function resolveSlotByScanning(wallSeconds: number, offsetAt: OffsetLookup): number {
  const firstHour = Math.floor(wallSeconds / SECONDS_PER_HOUR) - SCAN_HOURS;
  const gaps: Array<{ start: number; offsetBefore: number; offsetAfter: number }> = [];

  for (let hour = firstHour; hour <= firstHour + 2 * SCAN_HOURS; hour += 1) {
    const start = hour * SECONDS_PER_HOUR;
    const end = start + SECONDS_PER_HOUR;
    const offsetAtStart = offsetAt(start);
    const offsetAtEnd = offsetAt(end);
    const segments: Array<[number, number, number]> = [];
    if (offsetAtStart === offsetAtEnd) {
      segments.push([start, end, offsetAtStart]);
    } else {
      const transition = findTransition(offsetAt, start, end);
      segments.push([start, transition, offsetAtStart], [transition, end, offsetAtEnd]);
      if (offsetAtEnd > offsetAtStart) gaps.push({ start: transition, offsetBefore: offsetAtStart, offsetAfter: offsetAtEnd });
    }
    for (const [segmentStart, segmentEnd, offset] of segments) {
      const instant = wallSeconds - offset;
      if (instant >= segmentStart && instant < segmentEnd) return instant;
    }
  }

  const gap = gaps.find(
    ({ start, offsetBefore, offsetAfter }) => start + offsetBefore <= wallSeconds && wallSeconds < start + offsetAfter,
  );
  if (gap === undefined) throw new Error(`Reference found neither an instant nor a gap for wall time ${wallSeconds}`);
  return wallSeconds - gap.offsetBefore;
}

/** Returns the minutes after midnight of the slots on one UTC-calendar day, using Date's calendar. */
function slotMinutesOnDay(schedule: Schedule, epochDay: number): number[] {
  const date = new Date(epochDay * SECONDS_PER_DAY * 1000);
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth();
  const day = date.getUTCDate();
  const isoWeekday = date.getUTCDay() === 0 ? 7 : date.getUTCDay();
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const [hour, minute] = ('time' in schedule ? schedule.time : schedule.anchorTime).split(':').map(Number);
  const timeMinutes = hour! * 60 + minute!;

  switch (schedule.kind) {
    case 'timesPerDay': {
      const interval = 1440 / schedule.timesPerDay;
      const minutes: number[] = [];
      for (let candidate = 0; candidate < 1440; candidate += 1) {
        if ((((candidate - timeMinutes) % interval) + interval) % interval === 0) minutes.push(candidate);
      }
      return minutes;
    }
    case 'daysOfWeek':
      return schedule.days.includes(isoWeekday) ? [timeMinutes] : [];
    case 'dayOfMonth':
      return day === (schedule.day === 'last' ? lastDay : schedule.day) ? [timeMinutes] : [];
    case 'weekdayOfMonth': {
      if (isoWeekday !== schedule.weekday) return [];
      const matches = schedule.week === 'last' ? day + 7 > lastDay : Math.ceil(day / 7) === schedule.week;
      return matches ? [timeMinutes] : [];
    }
  }
}

/** Returns the next `count` runs after `afterSeconds` as epoch seconds, by walking days and scanning offsets. */
function referenceNextRuns(schedule: Schedule, afterSeconds: number, count: number): number[] {
  const offsetAt = createOffsetLookup(schedule.timeZone);
  const found = new Set<number>();
  const firstDay = Math.floor(afterSeconds / SECONDS_PER_DAY) - 2;

  for (let epochDay = firstDay; epochDay < firstDay + 5 * 366; epochDay += 1) {
    // Slots on this day and later resolve no earlier than this bound.
    const earliestPossible = epochDay * SECONDS_PER_DAY - SCAN_HOURS * SECONDS_PER_HOUR;
    const sorted = [...found].sort((a, b) => a - b);
    if (sorted.length >= count && sorted[count - 1]! < earliestPossible) return sorted.slice(0, count);

    for (const minuteOfDay of slotMinutesOnDay(schedule, epochDay)) {
      const instant = resolveSlotByScanning(epochDay * SECONDS_PER_DAY + minuteOfDay * 60, offsetAt);
      if (instant > afterSeconds) found.add(instant);
    }
  }
  return [...found].sort((a, b) => a - b).slice(0, count);
}

// ---------------------------------------------------------------------------------------------------------
// Inputs

function formatTime(minuteOfDay: number): string {
  const wrapped = ((minuteOfDay % 1440) + 1440) % 1440;
  return `${String(Math.floor(wrapped / 60)).padStart(2, '0')}:${String(wrapped % 60).padStart(2, '0')}`;
}

interface Case {
  schedule: Schedule;
  after: Temporal.Instant;
  count: number;
}

const timeZoneArbitrary = fc.oneof(
  { arbitrary: fc.constantFrom(...NOTABLE_TIME_ZONES), weight: 3 },
  { arbitrary: fc.constantFrom(...ALL_TIME_ZONES), weight: 1 },
);

const timingArbitrary = fc.record({
  timeZone: timeZoneArbitrary,
  afterSeconds: fc.noBias(fc.integer({ min: MIN_AFTER_SECONDS, max: MAX_AFTER_SECONDS })),
  minuteOfDay: fc.integer({ min: 0, max: 1439 }),
  // Near a daylight-saving change: the slot time lies close to the wall-clock time of the zone's next
  // transition, and `after` mostly lies shortly before the slot, sometimes inside the gap or days earlier.
  nearTransition: fc.oneof({ arbitrary: fc.constant(true), weight: 3 }, { arbitrary: fc.constant(false), weight: 1 }),
  // The slot's distance from the transition, either in thousandths of the offset change (0 to 999 put it
  // inside the gap or overlap) or in minutes.
  slotShift: fc.oneof(
    { arbitrary: fc.record({ perMilleOfChange: fc.integer({ min: -200, max: 1200 }) }), weight: 5 },
    { arbitrary: fc.record({ minutes: fc.integer({ min: -720, max: 720 }) }), weight: 1 },
  ),
  extraLeadMinutes: fc.oneof(
    { arbitrary: fc.integer({ min: 0, max: 120 }), weight: 3 },
    { arbitrary: fc.integer({ min: -90, max: 0 }), weight: 1 },
    { arbitrary: fc.integer({ min: 0, max: 3 * 1440 }), weight: 1 },
  ),
});

const kindArbitrary = fc.oneof(
  fc.record({
    kind: fc.constant('timesPerDay' as const),
    timesPerDay: fc.constantFrom(...TIMES_PER_DAY_CHOICES),
    count: fc.integer({ min: 1, max: 12 }),
  }),
  fc.record({
    kind: fc.constant('daysOfWeek' as const),
    days: fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 }),
    count: fc.integer({ min: 1, max: 6 }),
  }),
  fc.record({
    kind: fc.constant('dayOfMonth' as const),
    day: fc.oneof(
      { arbitrary: fc.integer({ min: 1, max: 31 }), weight: 5 },
      { arbitrary: fc.constant('last' as const), weight: 1 },
    ),
    count: fc.integer({ min: 1, max: 3 }),
  }),
  fc.record({
    kind: fc.constant('weekdayOfMonth' as const),
    week: fc.constantFrom<WeekOfMonth>(1, 2, 3, 4, 5, 'last'),
    weekday: fc.integer({ min: 1, max: 7 }),
    count: fc.integer({ min: 1, max: 3 }),
  }),
);

type Timing = typeof timingArbitrary extends fc.Arbitrary<infer T> ? T : never;
type KindChoice = typeof kindArbitrary extends fc.Arbitrary<infer T> ? T : never;

/**
 * Moves `after` and the slot next to the zone's first transition after the random instant, or returns
 * the random instant and no slot when the zone has no transition before 2101.
 */
function placeNearTransition(timing: Timing): { afterSeconds: number; slot: Temporal.PlainDateTime | null } {
  const unchanged = { afterSeconds: timing.afterSeconds, slot: null };
  if (!timing.nearTransition) return unchanged;

  const start = Temporal.Instant.fromEpochMilliseconds(timing.afterSeconds * 1000).toZonedDateTimeISO(timing.timeZone);
  const transition = start.getTimeZoneTransition('next');
  if (transition === null || transition.epochMilliseconds >= (MAX_AFTER_SECONDS + 366 * SECONDS_PER_DAY) * 1000) {
    return unchanged;
  }

  const justBefore = transition.subtract({ seconds: 1 });
  const changeMinutes = (transition.offsetNanoseconds - justBefore.offsetNanoseconds) / 60e9;
  const deltaMinutes =
    'minutes' in timing.slotShift
      ? timing.slotShift.minutes
      : Math.floor((timing.slotShift.perMilleOfChange * changeMinutes) / 1000);
  const leadMinutes = Math.max(0, -deltaMinutes) + timing.extraLeadMinutes;

  // The wall-clock reading at the transition (before the clocks change), moved by the delta and rounded
  // down to the minute.
  const wallAtTransition = justBefore.toPlainDateTime().add({ seconds: 1 });
  const slot = wallAtTransition.add({ minutes: deltaMinutes }).round({ smallestUnit: 'minute', roundingMode: 'floor' });
  return { afterSeconds: transition.epochMilliseconds / 1000 - leadMinutes * 60, slot };
}

/** Builds the schedule; with a slot near a transition, its date is made a slot date of the schedule. */
function buildSchedule(kind: KindChoice, time: string, timeZone: string, slot: Temporal.PlainDateTime | null): Schedule {
  switch (kind.kind) {
    case 'timesPerDay':
      return { kind: 'timesPerDay', timesPerDay: kind.timesPerDay, anchorTime: time, timeZone };
    case 'daysOfWeek': {
      const days = slot === null || kind.days.includes(slot.dayOfWeek) ? kind.days : [...kind.days, slot.dayOfWeek];
      return { kind: 'daysOfWeek', days, time, timeZone };
    }
    case 'dayOfMonth': {
      const day = slot === null || kind.day === 'last' ? kind.day : slot.day;
      return { kind: 'dayOfMonth', day, time, timeZone };
    }
    case 'weekdayOfMonth': {
      const week = slot === null || kind.week === 'last' ? kind.week : (Math.ceil(slot.day / 7) as WeekOfMonth);
      const weekday = slot === null ? kind.weekday : slot.dayOfWeek;
      return { kind: 'weekdayOfMonth', week, weekday, time, timeZone };
    }
  }
}

const caseArbitrary = fc.tuple(timingArbitrary, kindArbitrary).map(([timing, kind]): Case => {
  const { afterSeconds, slot } = placeNearTransition(timing);
  const time = slot === null ? formatTime(timing.minuteOfDay) : formatTime(slot.hour * 60 + slot.minute);
  return {
    schedule: buildSchedule(kind, time, timing.timeZone, slot),
    after: Temporal.Instant.fromEpochMilliseconds(afterSeconds * 1000),
    count: kind.count,
  };
});

// ---------------------------------------------------------------------------------------------------------
// Properties

// A fixed seed keeps the run time and the cases the same on every run; fast-check prints the seed and path
// of a failing case.
const PARAMETERS = { numRuns: 400, seed: 20_260_308, endOnFailure: true };

describe('nextRuns property', () => {
  it('matches the reference walker', () => {
    fc.assert(
      fc.property(caseArbitrary, ({ schedule, after, count }) => {
        const actual = nextRuns(schedule, after, count).map((zoned) => zoned.epochMilliseconds / 1000);
        const expected = referenceNextRuns(schedule, after.epochMilliseconds / 1000, count);

        expect(actual).toEqual(expected);
      }),
      PARAMETERS,
    );
  });

  it('returns increasing runs after the start in the current zone name', () => {
    fc.assert(
      fc.property(caseArbitrary, ({ schedule, after, count }) => {
        const runs = nextRuns(schedule, after, count);

        expect(runs).toHaveLength(count);
        let previousMs = after.epochMilliseconds;
        for (const run of runs) {
          expect(run.epochMilliseconds).toBeGreaterThan(previousMs);
          expect(run.timeZoneId).toBe(canonicalTimeZone(schedule.timeZone));
          previousMs = run.epochMilliseconds;
        }
      }),
      { ...PARAMETERS, numRuns: 200 },
    );
  });

  it('continues from its first run', () => {
    fc.assert(
      fc.property(caseArbitrary, ({ schedule, after, count }) => {
        const runs = nextRuns(schedule, after, count + 1);
        const continued = nextRuns(schedule, runs[0]!.toInstant(), count);

        expect(continued.map(String)).toEqual(runs.slice(1).map(String));
      }),
      { ...PARAMETERS, numRuns: 200 },
    );
  });

  it('agrees with dueTimesBetween up to the last run', () => {
    fc.assert(
      fc.property(caseArbitrary, ({ schedule, after, count }) => {
        const runs = nextRuns(schedule, after, count);
        const between = dueTimesBetween(schedule, after, runs.at(-1)!.toInstant(), 1000);

        expect(between.map(String)).toEqual(runs.map(String));
      }),
      { ...PARAMETERS, numRuns: 200 },
    );
  });
});
