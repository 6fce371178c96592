/** The minimal page's worker: reads the connections with Dexie and computes each one's next daily run with Temporal. */
import * as Comlink from 'comlink';
import { Temporal } from 'temporal-polyfill';
import { MinimalDb, type StoredConnection } from './db.ts';

const db = new MinimalDb();

/** Returns the next instant at which the schedule's daily wall-clock time comes, in its zone. */
function nextDailyRunMs(schedule: StoredConnection['schedule'], now: Temporal.Instant): number | null {
  if (!schedule) return null;
  const today = now.toZonedDateTimeISO(schedule.timeZone);
  let next = today.withPlainTime(Temporal.PlainTime.from(schedule.time));
  if (Temporal.ZonedDateTime.compare(next, today) <= 0) next = next.add({ days: 1 });
  return next.epochMilliseconds;
}

/** Next run of each connection that is ON, by connection id. */
async function listNextRuns(): Promise<Record<string, number>> {
  const now = Temporal.Now.instant();
  const result: Record<string, number> = {};
  for (const connection of await db.connections.toArray()) {
    const nextMs = connection.enabled ? nextDailyRunMs(connection.schedule, now) : null;
    if (nextMs !== null) result[connection.id] = nextMs;
  }
  return result;
}

const api = { listNextRuns };
export type MinimalWorkerApi = typeof api;

Comlink.expose(api);
