/**
 * Keeps `scheduleFacts` on the connections. Hooks on the connections table compute them in the transaction
 * of every write this worker makes. When it starts to lead, the scheduling tab refreshes the facts of
 * records that another database connection wrote: a copy into training mode, or an older version of Runlane.
 */
import Dexie from 'dexie';
import type { Connection } from '../contract/model.ts';
import { computeScheduleFacts } from '../domain/schedule-facts-compute.ts';
import { reportedTimeZone, scheduleFactsKey, type ScheduleFacts } from '../domain/schedule-facts.ts';
import type { RunlaneDb } from '../storage/db.ts';

/**
 * Returns the connection's facts, or undefined without a schedule. The next due time is the first after the
 * mark. Without a mark (a connection never switched ON) there is none to store, because the scheduler sets
 * the mark when the connection is switched ON.
 */
function factsFor(connection: Connection, reportedZone: string): ScheduleFacts | undefined {
  if (!connection.schedule) return undefined;
  const facts = computeScheduleFacts(connection.schedule, connection.scheduleMarkMs, connection.scheduleMarkMs ?? 0, reportedZone);
  return connection.scheduleMarkMs === null ? { ...facts, nextDueAtMs: null } : facts;
}

function isCurrent(connection: Connection, reportedZone: string): boolean {
  const facts = connection.scheduleFacts;
  if (!connection.schedule) return facts === undefined;
  return facts !== undefined && facts.reportedTimeZone === reportedZone && facts.key === scheduleFactsKey(connection.schedule, connection.scheduleMarkMs);
}

/** Makes every write of a connection through `db` store its current facts. */
export function installScheduleFactsHooks(db: RunlaneDb): void {
  db.connections.hook('creating', (_key, connection) => {
    const facts = factsFor(connection, reportedTimeZone());
    if (facts) connection.scheduleFacts = facts;
    else delete connection.scheduleFacts;
  });
  db.connections.hook('updating', (modifications, _key, connection) => {
    const reportedZone = reportedTimeZone();
    const changesSchedule = Object.keys(modifications).some((keyPath) => keyPath.startsWith('schedule'));
    if (!changesSchedule && isCurrent(connection, reportedZone)) return undefined;
    const updated = structuredClone(connection);
    for (const [keyPath, value] of Object.entries(modifications)) Dexie.setByKeyPath(updated, keyPath, value);
    if (isCurrent(updated, reportedZone)) return undefined;
    return { scheduleFacts: factsFor(updated, reportedZone) };
  });
}

/** Stores current facts on the connections whose facts are missing or stale; returns how many it changed. */
export async function refreshScheduleFacts(db: RunlaneDb): Promise<number> {
  const reportedZone = reportedTimeZone();
  const stale = (await db.connections.toArray()).filter((connection) => !isCurrent(connection, reportedZone)).map((connection) => connection.id);
  if (stale.length === 0) return 0;
  return db.connections
    .where(':id')
    .anyOf(stale)
    .modify((connection) => {
      const facts = factsFor(connection, reportedZone);
      if (facts) connection.scheduleFacts = facts;
      else delete connection.scheduleFacts;
    });
}
