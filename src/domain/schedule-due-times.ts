// Turns slots (wall-clock minutes) into due times (instants) in a time zone, with the daylight-saving rules:
// a slot in a gap runs shifted forward by the gap length, a slot in an overlap runs at the earlier instant.
// These are Temporal's 'compatible' disambiguation, so each slot is one PlainDateTime.toZonedDateTime call.
//
// Due times are not in slot order near a gap: in New York on 2026-03-08, slot 02:30 resolves to 03:30 EDT,
// later than slot 03:15. The walk therefore keeps resolved slots pending until no later slot can resolve
// before them. For a slot W, let first(W) be the first instant whose wall clock reads W or later. Every slot
// at or after W resolves at or after first(W), and first(W) is W's due time when W exists, or at least W
// resolved with 'earlier' when W is in a gap.
import { Temporal } from 'temporal-polyfill';
import { MINUTES_PER_DAY, MS_PER_MINUTE, dateFromEpochDay } from './schedule-calendar.ts';
import type { SlotFinder } from './schedule-slots.ts';

export type SlotDisambiguation = 'compatible' | 'earlier' | 'later';

// One options object per disambiguation, so that resolving a slot allocates none.
const DISAMBIGUATION_OPTIONS = {
  compatible: { disambiguation: 'compatible' },
  earlier: { disambiguation: 'earlier' },
  later: { disambiguation: 'later' },
} as const satisfies Record<SlotDisambiguation, Temporal.DisambiguationOptions>;

const MS_PER_HOUR = 3_600_000;
const MS_PER_DAY = 86_400_000;
// Longer than the longest gaps in the time-zone database, which last 24 hours (Pacific/Apia skipped
// 2011-12-30, Pacific/Kwajalein skipped 1993-08-21).
const GAP_LOOKBACK_MS = 25 * MS_PER_HOUR;
// The walk considers slots up to about 100 years past its start and then returns what it has found.
const SEARCH_HORIZON_MINUTES = 36_525 * MINUTES_PER_DAY;
// Temporal instants span ±10^8 days around 1970. The walk keeps two days inside that range.
const MAX_EPOCH_DAY = 100_000_000 - 2;
const MIN_EPOCH_MS = -(MAX_EPOCH_DAY * MS_PER_DAY);

/** Resolves a slot (wall-clock minute) to its due time, with 'compatible' disambiguation by default. */
export function resolveSlot(
  wallMinute: number,
  timeZone: string,
  disambiguation: SlotDisambiguation = 'compatible',
): Temporal.ZonedDateTime {
  const epochDay = Math.floor(wallMinute / MINUTES_PER_DAY);
  const minuteOfDay = wallMinute - epochDay * MINUTES_PER_DAY;
  const { year, month, day } = dateFromEpochDay(epochDay);
  const wallClock = new Temporal.PlainDateTime(year, month, day, Math.floor(minuteOfDay / 60), minuteOfDay % 60);
  return wallClock.toZonedDateTime(timeZone, DISAMBIGUATION_OPTIONS[disambiguation]);
}

/** Returns the UTC offset of a time zone at an instant, in milliseconds. */
export function offsetMsAt(epochMs: number, timeZone: string): number {
  return Temporal.Instant.fromEpochMilliseconds(epochMs).toZonedDateTimeISO(timeZone).offsetNanoseconds / 1e6;
}

/** Returns the wall-clock minute that a zoned date-time shows (seconds dropped). */
export function wallMinuteOf(zoned: Temporal.ZonedDateTime): number {
  return Math.floor((zoned.epochMilliseconds + zoned.offsetNanoseconds / 1e6) / MS_PER_MINUTE);
}

/**
 * Collects, in increasing order and without repeats, up to `limit` due times that are later than `afterMs`
 * and no later than `untilMs`, from the slots that `findSlot` returns, in `timeZone`.
 */
export function collectDueTimes(
  findSlot: SlotFinder,
  timeZone: string,
  afterMs: number,
  untilMs: number,
  limit: number,
): Temporal.ZonedDateTime[] {
  const dueTimes: Temporal.ZonedDateTime[] = [];
  if (limit <= 0 || untilMs <= afterMs) return dueTimes;

  // A slot in a gap that ends after `after` can resolve after it while its wall-clock time is earlier than
  // the wall clock at `after`, so the walk starts from the offset in force before such a gap.
  const lookbackMs = Math.max(afterMs - GAP_LOOKBACK_MS, MIN_EPOCH_MS);
  const startOffsetMs = Math.min(offsetMsAt(afterMs, timeZone), offsetMsAt(lookbackMs, timeZone));
  let wallMinute = Math.floor((afterMs + startOffsetMs) / MS_PER_MINUTE);
  const endWallMinute = Math.min(wallMinute + SEARCH_HORIZON_MINUTES, MAX_EPOCH_DAY * MINUTES_PER_DAY);

  const pending: Temporal.ZonedDateTime[] = [];
  let lastMs = afterMs;
  const release = (boundMs: number): void => {
    while (pending.length > 0 && dueTimes.length < limit && pending[0]!.epochMilliseconds < boundMs) {
      const zoned = pending.shift()!;
      const zonedMs = zoned.epochMilliseconds;
      if (zonedMs > lastMs && zonedMs <= untilMs) {
        dueTimes.push(zoned);
        lastMs = zonedMs;
      }
    }
  };

  while (dueTimes.length < limit) {
    const slot = findSlot(wallMinute);
    if (slot === null || slot > endWallMinute) break;

    const zoned = resolveSlot(slot, timeZone);
    const zonedMs = zoned.epochMilliseconds;
    const exists = zonedMs + zoned.offsetNanoseconds / 1e6 === slot * MS_PER_MINUTE;
    const laterSlotsBoundMs = exists ? zonedMs : resolveSlot(slot, timeZone, 'earlier').epochMilliseconds;
    release(laterSlotsBoundMs);
    if (laterSlotsBoundMs > untilMs) break;

    insertByInstant(pending, zoned, zonedMs);
    wallMinute = slot + 1;
  }
  release(Infinity);
  return dueTimes;
}

function insertByInstant(pending: Temporal.ZonedDateTime[], zoned: Temporal.ZonedDateTime, zonedMs: number): void {
  let index = pending.length;
  while (index > 0 && pending[index - 1]!.epochMilliseconds > zonedMs) index -= 1;
  pending.splice(index, 0, zoned);
}
