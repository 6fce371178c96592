// The slots of a schedule as wall-clock minutes (epoch day × 1440 + minute of day), found with integer
// calendar arithmetic. schedule-due-times.ts turns slots into due times in the schedule's time zone.
import type { Schedule } from './schedule.ts';
import {
  MINUTES_PER_DAY,
  dateFromEpochDay,
  daysInMonth,
  epochDayFromDate,
  isoWeekdayOfEpochDay,
  parseWallTime,
} from './schedule-calendar.ts';

/** Returns the first slot at or after a wall-clock minute, or null when the finder's search bound has no slot. */
export type SlotFinder = (wallMinute: number) => number | null;

// A valid monthly schedule has a slot at least every few months (a fifth weekday recurs within a year),
// so this bound only stops the search for input that never matches.
const MAX_MONTHS_WITHOUT_SLOT = 48;

/** Returns the minutes after midnight of a timesPerDay schedule's slots, sorted and without repeats. */
export function timesPerDaySlotMinutes(timesPerDay: number, anchorMinute: number): number[] {
  const intervalMinutes = MINUTES_PER_DAY / timesPerDay;
  const minutes: number[] = [];
  for (let k = 0; k < timesPerDay; k += 1) {
    minutes.push((anchorMinute + k * intervalMinutes) % MINUTES_PER_DAY);
  }
  return minutes.sort((a, b) => a - b);
}

/**
 * Returns the day of the month that contains a monthly schedule's slot, or null when that month has none
 * (a 31st in a 30-day month, a fifth Tuesday in a month with four). Other kinds return null.
 */
export function slotDayOfMonth(schedule: Schedule, year: number, month: number): number | null {
  const lastDay = daysInMonth(year, month);
  if (schedule.kind === 'dayOfMonth') {
    if (schedule.day === 'last') return lastDay;
    return schedule.day <= lastDay ? schedule.day : null;
  }
  if (schedule.kind !== 'weekdayOfMonth') return null;

  if (schedule.week === 'last') {
    const lastWeekday = isoWeekdayOfEpochDay(epochDayFromDate(year, month, lastDay));
    return lastDay - ((lastWeekday - schedule.weekday + 7) % 7);
  }
  const firstWeekday = isoWeekdayOfEpochDay(epochDayFromDate(year, month, 1));
  const day = 1 + ((schedule.weekday - firstWeekday + 7) % 7) + (schedule.week - 1) * 7;
  return day <= lastDay ? day : null;
}

/** Builds the slot finder of a valid schedule. */
export function createSlotFinder(schedule: Schedule): SlotFinder {
  switch (schedule.kind) {
    case 'timesPerDay':
      return createTimesPerDayFinder(timesPerDaySlotMinutes(schedule.timesPerDay, requireWallTime(schedule.anchorTime)));
    case 'daysOfWeek':
      return createDaysOfWeekFinder(schedule.days, requireWallTime(schedule.time));
    case 'dayOfMonth':
    case 'weekdayOfMonth':
      return createMonthlyFinder(schedule, requireWallTime(schedule.time));
  }
}

function requireWallTime(text: string): number {
  const minuteOfDay = parseWallTime(text);
  if (minuteOfDay === null) throw new Error(`Invalid wall-clock time '${text}': expected HH:MM`);
  return minuteOfDay;
}

function createTimesPerDayFinder(slotMinutes: number[]): SlotFinder {
  return (wallMinute) => {
    const epochDay = Math.floor(wallMinute / MINUTES_PER_DAY);
    const minuteOfDay = wallMinute - epochDay * MINUTES_PER_DAY;
    for (const slotMinute of slotMinutes) {
      if (slotMinute >= minuteOfDay) return epochDay * MINUTES_PER_DAY + slotMinute;
    }
    return (epochDay + 1) * MINUTES_PER_DAY + slotMinutes[0]!;
  };
}

function createDaysOfWeekFinder(days: number[], minuteOfDay: number): SlotFinder {
  const isChosen: boolean[] = new Array<boolean>(8).fill(false);
  for (const day of days) isChosen[day] = true;

  return (wallMinute) => {
    let epochDay = Math.floor(wallMinute / MINUTES_PER_DAY);
    if (wallMinute - epochDay * MINUTES_PER_DAY > minuteOfDay) epochDay += 1;
    for (let step = 0; step < 7; step += 1, epochDay += 1) {
      if (isChosen[isoWeekdayOfEpochDay(epochDay)]) return epochDay * MINUTES_PER_DAY + minuteOfDay;
    }
    return null;
  };
}

function createMonthlyFinder(schedule: Schedule, minuteOfDay: number): SlotFinder {
  return (wallMinute) => {
    let { year, month } = dateFromEpochDay(Math.floor(wallMinute / MINUTES_PER_DAY));
    for (let step = 0; step < MAX_MONTHS_WITHOUT_SLOT; step += 1) {
      const day = slotDayOfMonth(schedule, year, month);
      if (day !== null) {
        const slot = epochDayFromDate(year, month, day) * MINUTES_PER_DAY + minuteOfDay;
        if (slot >= wallMinute) return slot;
      }
      month += 1;
      if (month > 12) {
        month = 1;
        year += 1;
      }
    }
    return null;
  };
}
