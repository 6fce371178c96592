/**
 * The 20 connections of the browser soak: the demo CRM and the demo ad platform on all four kinds of
 * schedule, in five time zones. Amsterdam moves to summer time on 2026-03-29 (02:00 is skipped), and
 * Lord Howe (01:30–02:00 repeated on 2026-04-05) and Santiago (23:00–24:00 repeated on 2026-04-04) move
 * back, so the full soak's window crosses a gap and two overlaps. Run durations and failure chances keep
 * the queue busy, so ticks merge into queued and running runs.
 */
import type { DemoAdsSettings, DemoCrmSettings, Schedule } from '../../src/contract/model.ts';
import type { ConnectionInput } from '../../src/contract/worker-api.ts';

const AMSTERDAM = 'Europe/Amsterdam';
const SANTIAGO = 'America/Santiago';
const LORD_HOWE = 'Australia/Lord_Howe';
const NEW_YORK = 'America/New_York';
const KOLKATA = 'Asia/Kolkata';
const MINUTE_MS = 60_000;

interface DemoOptions {
  runMinutes: number;
  failurePercent: number;
  timeLimitMinutes?: number;
  catchUp?: 'once' | 'skip';
}

function crm(name: string, seed: number, schedule: Schedule, options: DemoOptions & { profileCount: number; requiresConsent?: boolean }): ConnectionInput {
  const settings: DemoCrmSettings = {
    connector: 'demo-crm',
    seed,
    profileCount: options.profileCount,
    changedPercent: 15,
    badValuePercent: 3,
    noConsentPercent: 10,
    runDurationMs: options.runMinutes * MINUTE_MS,
    failurePercent: options.failurePercent,
    requiredConsent: options.requiresConsent ? 'email_marketing' : null,
  };
  return withLimits({ name, description: 'Browser soak', settings, schedule }, options);
}

function ads(name: string, seed: number, schedule: Schedule, options: DemoOptions & { batchSize: number; exportAll?: boolean }): ConnectionInput {
  const settings: DemoAdsSettings = {
    connector: 'demo-ads',
    seed,
    batchSize: options.batchSize,
    badValuePercent: 2,
    noConsentPercent: 5,
    runDurationMs: options.runMinutes * MINUTE_MS,
    failurePercent: options.failurePercent,
    exportAll: options.exportAll ?? false,
    requiredConsent: null,
  };
  return withLimits({ name, description: 'Browser soak', settings, schedule }, options);
}

function withLimits(input: ConnectionInput, options: DemoOptions): ConnectionInput {
  return { ...input, timeLimitMs: (options.timeLimitMinutes ?? 60) * MINUTE_MS, maxRetries: 2, catchUp: options.catchUp ?? 'once' };
}

export const SOAK_CONNECTIONS: readonly ConnectionInput[] = [
  crm('Every 15 min, Amsterdam', 101, { kind: 'timesPerDay', timesPerDay: 96, anchorTime: '00:00', timeZone: AMSTERDAM }, { profileCount: 120, runMinutes: 10, failurePercent: 10 }),
  crm('Every 30 min, Santiago', 102, { kind: 'timesPerDay', timesPerDay: 48, anchorTime: '00:00', timeZone: SANTIAGO }, { profileCount: 200, runMinutes: 15, failurePercent: 15, catchUp: 'skip' }),
  ads('Hourly, Lord Howe', 103, { kind: 'timesPerDay', timesPerDay: 24, anchorTime: '00:30', timeZone: LORD_HOWE }, { batchSize: 100, runMinutes: 10, failurePercent: 20 }),
  crm('Every 2 h, Kolkata', 104, { kind: 'timesPerDay', timesPerDay: 12, anchorTime: '00:00', timeZone: KOLKATA }, { profileCount: 300, runMinutes: 20, failurePercent: 10, requiresConsent: true, catchUp: 'skip' }),
  ads('Every 4 h, New York', 105, { kind: 'timesPerDay', timesPerDay: 6, anchorTime: '01:00', timeZone: NEW_YORK }, { batchSize: 250, runMinutes: 20, failurePercent: 15, exportAll: true }),
  crm('Every 6 h, Amsterdam', 106, { kind: 'timesPerDay', timesPerDay: 4, anchorTime: '02:30', timeZone: AMSTERDAM }, { profileCount: 150, runMinutes: 5, failurePercent: 30, timeLimitMinutes: 30, catchUp: 'skip' }),
  crm('Sundays 02:30, Amsterdam', 107, { kind: 'daysOfWeek', days: [7], time: '02:30', timeZone: AMSTERDAM }, { profileCount: 100, runMinutes: 5, failurePercent: 10 }),
  ads('Weekends 23:30, Santiago', 108, { kind: 'daysOfWeek', days: [6, 7], time: '23:30', timeZone: SANTIAGO }, { batchSize: 200, runMinutes: 10, failurePercent: 10, catchUp: 'skip' }),
  crm('Daily 01:45, Lord Howe', 109, { kind: 'daysOfWeek', days: [1, 2, 3, 4, 5, 6, 7], time: '01:45', timeZone: LORD_HOWE }, { profileCount: 200, runMinutes: 10, failurePercent: 20 }),
  ads('Mon, Wed, Fri 09:00, New York', 110, { kind: 'daysOfWeek', days: [1, 3, 5], time: '09:00', timeZone: NEW_YORK }, { batchSize: 150, runMinutes: 15, failurePercent: 10, catchUp: 'skip' }),
  crm('Tue, Thu, Sat 18:15, Kolkata', 111, { kind: 'daysOfWeek', days: [2, 4, 6], time: '18:15', timeZone: KOLKATA }, { profileCount: 150, runMinutes: 10, failurePercent: 10, requiresConsent: true }),
  crm('Day 31 12:00, Amsterdam', 112, { kind: 'dayOfMonth', day: 31, time: '12:00', timeZone: AMSTERDAM }, { profileCount: 100, runMinutes: 5, failurePercent: 10, catchUp: 'skip' }),
  ads('Last day 23:30, Santiago', 113, { kind: 'dayOfMonth', day: 'last', time: '23:30', timeZone: SANTIAGO }, { batchSize: 100, runMinutes: 10, failurePercent: 10 }),
  crm('Day 29 02:30, Amsterdam', 114, { kind: 'dayOfMonth', day: 29, time: '02:30', timeZone: AMSTERDAM }, { profileCount: 100, runMinutes: 5, failurePercent: 10, catchUp: 'skip' }),
  ads('Day 1 06:00, Kolkata', 115, { kind: 'dayOfMonth', day: 1, time: '06:00', timeZone: KOLKATA }, { batchSize: 100, runMinutes: 10, failurePercent: 10 }),
  crm('Day 30 08:00, New York', 116, { kind: 'dayOfMonth', day: 30, time: '08:00', timeZone: NEW_YORK }, { profileCount: 100, runMinutes: 5, failurePercent: 10, catchUp: 'skip' }),
  crm('Fifth Sunday 10:00, Amsterdam', 117, { kind: 'weekdayOfMonth', week: 5, weekday: 7, time: '10:00', timeZone: AMSTERDAM }, { profileCount: 100, runMinutes: 5, failurePercent: 10 }),
  ads('Last Tuesday 07:00, Lord Howe', 118, { kind: 'weekdayOfMonth', week: 'last', weekday: 2, time: '07:00', timeZone: LORD_HOWE }, { batchSize: 100, runMinutes: 10, failurePercent: 10, catchUp: 'skip' }),
  crm('First Wednesday 12:00, New York', 119, { kind: 'weekdayOfMonth', week: 1, weekday: 3, time: '12:00', timeZone: NEW_YORK }, { profileCount: 100, runMinutes: 5, failurePercent: 10 }),
  ads('First Sunday 00:15, Santiago', 120, { kind: 'weekdayOfMonth', week: 1, weekday: 7, time: '00:15', timeZone: SANTIAGO }, { batchSize: 100, runMinutes: 10, failurePercent: 10, catchUp: 'skip' }),
];

/**
 * Eight of them, two of each kind of schedule, whose due times around Amsterdam's change to summer time
 * (2026-03-29) include a slot in the skipped hour and the month's fifth Sunday.
 */
export const QUICK_SOAK_CONNECTIONS: readonly ConnectionInput[] = [
  'Every 15 min, Amsterdam',
  'Hourly, Lord Howe',
  'Sundays 02:30, Amsterdam',
  'Weekends 23:30, Santiago',
  'Day 29 02:30, Amsterdam',
  'Last day 23:30, Santiago',
  'Fifth Sunday 10:00, Amsterdam',
  'First Sunday 00:15, Santiago',
].map((name) => {
  const input = SOAK_CONNECTIONS.find((candidate) => candidate.name === name);
  if (!input) throw new Error(`The soak has no connection named "${name}".`);
  return input;
});

/** The time zones of the soak's schedules. */
export const SOAK_TIME_ZONES = [AMSTERDAM, SANTIAGO, LORD_HOWE, NEW_YORK, KOLKATA];
