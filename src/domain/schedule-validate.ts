// Checks of stored or edited schedules, with messages written for the person editing the schedule.
import type { Schedule, ScheduleProblem } from './schedule.ts';
import { MINUTES_PER_DAY, parseWallTime } from './schedule-calendar.ts';
import { canonicalTimeZone, isUtcOffsetText } from './schedule-zone.ts';

export const SCHEDULE_KINDS = ['timesPerDay', 'daysOfWeek', 'dayOfMonth', 'weekdayOfMonth'] as const;

/** The values of timesPerDay that divide the day into equal whole-minute intervals: the divisors of 1440 up to 96. */
export const TIMES_PER_DAY_CHOICES: readonly number[] = Array.from({ length: 96 }, (_, index) => index + 1).filter(
  (count) => MINUTES_PER_DAY % count === 0,
);

const TIME_MESSAGE = 'Time must be HH:MM between 00:00 and 23:59';
const WEEKDAY_RANGE = 'from 1 (Monday) to 7 (Sunday)';

type Fields = Record<string, unknown>;

/**
 * Lists every problem of a schedule, or returns an empty array for a valid one. The field is the name of
 * the schedule property at fault, or 'schedule' when the value is not an object at all. Properties that
 * the schedule's kind does not use are ignored.
 */
export function validateSchedule(schedule: unknown): ScheduleProblem[] {
  if (typeof schedule !== 'object' || schedule === null || Array.isArray(schedule)) {
    return [{ field: 'schedule', message: 'Schedule is missing or is not an object' }];
  }
  const fields = schedule as Fields;
  const problems: ScheduleProblem[] = [];

  switch (fields.kind) {
    case 'timesPerDay':
      checkTimesPerDay(fields.timesPerDay, problems);
      checkWallTime('anchorTime', fields.anchorTime, problems);
      break;
    case 'daysOfWeek':
      checkDays(fields.days, problems);
      checkWallTime('time', fields.time, problems);
      break;
    case 'dayOfMonth':
      checkDayOfMonth(fields.day, problems);
      checkWallTime('time', fields.time, problems);
      break;
    case 'weekdayOfMonth':
      checkWeekOfMonth(fields.week, problems);
      checkWeekday(fields.weekday, problems);
      checkWallTime('time', fields.time, problems);
      break;
    case undefined:
      problems.push({ field: 'kind', message: 'Pick a schedule kind' });
      break;
    default:
      problems.push({
        field: 'kind',
        message: `Unknown schedule kind ${formatValue(fields.kind)}: use ${SCHEDULE_KINDS.join(', ')}`,
      });
  }

  checkTimeZone(fields.timeZone, problems);
  return problems;
}

/** Throws an Error that lists every problem when the value is not a valid schedule. */
export function assertValidSchedule(schedule: unknown): asserts schedule is Schedule {
  const problems = validateSchedule(schedule);
  if (problems.length === 0) return;
  const details = problems.map((problem) => `${problem.field}: ${problem.message}`).join('; ');
  throw new Error(`Invalid schedule: ${details}`);
}

function checkTimesPerDay(value: unknown, problems: ScheduleProblem[]): void {
  if (typeof value !== 'number') {
    problems.push({ field: 'timesPerDay', message: 'Times per day must be a whole number from 1 to 96' });
  } else if (!Number.isInteger(value) || value < 1 || value > 96) {
    problems.push({ field: 'timesPerDay', message: `Times per day must be a whole number from 1 to 96: ${value} is not` });
  } else if (MINUTES_PER_DAY % value !== 0) {
    problems.push({ field: 'timesPerDay', message: `Times per day must divide 1440: ${value} does not` });
  }
}

function checkWallTime(field: 'time' | 'anchorTime', value: unknown, problems: ScheduleProblem[]): void {
  if (typeof value !== 'string' || parseWallTime(value) === null) {
    problems.push({ field, message: TIME_MESSAGE });
  }
}

function checkDays(value: unknown, problems: ScheduleProblem[]): void {
  if (!Array.isArray(value) || value.length === 0) {
    problems.push({ field: 'days', message: 'Pick at least one weekday' });
    return;
  }
  const seen = new Set<number>();
  const repeated = new Set<number>();
  for (const day of value as unknown[]) {
    if (!isIsoWeekday(day)) {
      problems.push({ field: 'days', message: `Weekdays must be numbers ${WEEKDAY_RANGE}: ${formatValue(day)} is not` });
    } else if (seen.has(day)) {
      repeated.add(day);
    } else {
      seen.add(day);
    }
  }
  for (const day of repeated) {
    problems.push({ field: 'days', message: `Weekday ${day} is listed more than once` });
  }
}

function checkDayOfMonth(value: unknown, problems: ScheduleProblem[]): void {
  const isDay = typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 31;
  if (!isDay && value !== 'last') {
    problems.push({ field: 'day', message: "Day must be a number from 1 to 31 or 'last'" });
  }
}

function checkWeekOfMonth(value: unknown, problems: ScheduleProblem[]): void {
  const isWeek = typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 5;
  if (!isWeek && value !== 'last') {
    problems.push({ field: 'week', message: "Week must be 1, 2, 3, 4, 5 or 'last'" });
  }
}

function checkWeekday(value: unknown, problems: ScheduleProblem[]): void {
  if (!isIsoWeekday(value)) {
    problems.push({ field: 'weekday', message: `Weekday must be a number ${WEEKDAY_RANGE}` });
  }
}

function checkTimeZone(value: unknown, problems: ScheduleProblem[]): void {
  if (typeof value !== 'string' || value.trim() === '') {
    problems.push({ field: 'timeZone', message: 'Pick a time zone' });
  } else if (isUtcOffsetText(value)) {
    problems.push({
      field: 'timeZone',
      message: `Use a time zone name such as Europe/Amsterdam instead of the offset ${formatValue(value)}`,
    });
  } else if (canonicalTimeZone(value) === null) {
    problems.push({ field: 'timeZone', message: `Unknown time zone ${formatValue(value)}` });
  }
}

function isIsoWeekday(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 7;
}

function formatValue(value: unknown): string {
  if (typeof value === 'string') return `'${value}'`;
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  return JSON.stringify(value) ?? String(value);
}
