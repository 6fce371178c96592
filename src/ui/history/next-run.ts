/** The projected next run of a connection, for the "Next" row and the overview. */
import { createMemo, type Accessor } from 'solid-js';
import { Temporal } from 'temporal-polyfill';
import type { Connection } from '../../contract/model.ts';
import { nextRuns } from '../../domain/schedule.ts';

/**
 * Computes the next due time after the clock and after the scheduler's mark, or null when the connection
 * is OFF or has no schedule. It is computed again only when the clock passes it or the schedule changes,
 * so a once-a-second clock costs one comparison per connection.
 */
export function createNextRunMs(connection: Accessor<Connection>, now: Accessor<number>): Accessor<number | null> {
  let cachedKey = '';
  let cachedMs: number | null = null;
  return createMemo(() => {
    const current = connection();
    const nowMs = now();
    if (!current.enabled || !current.schedule) return null;
    const key = `${JSON.stringify(current.schedule)}|${current.scheduleMarkMs}`;
    if (key === cachedKey && cachedMs !== null && nowMs < cachedMs) return cachedMs;
    const afterMs = Math.max(nowMs, current.scheduleMarkMs ?? 0);
    try {
      cachedMs = nextRuns(current.schedule, Temporal.Instant.fromEpochMilliseconds(afterMs), 1)[0]?.epochMilliseconds ?? null;
    } catch {
      // An invalid stored schedule has no next run; the schedule dialog shows what is wrong with it.
      cachedMs = null;
    }
    cachedKey = key;
    return cachedMs;
  });
}
