/** Turns the end of one run into a notification, when the connection's settings ask for one. */
import type { Run } from '../../contract/model.ts';
import { buildRunMessage, connectionLink } from '../../domain/notification-content.ts';
import { classifyRunEnd, decideRunNotification } from '../../domain/notification-decision.ts';
import { buildRunPayload } from '../../domain/notification-webhook-payload.ts';
import type { NotifierDeps } from './deps.ts';
import { storeNotification } from './records.ts';
import { findPreviousOutcome, loadFirstErrors } from './run-facts.ts';

/** Stores the notification of an ended run and returns its id; null when the run sends nothing now. */
export async function handleRunEnded(deps: NotifierDeps, run: Run): Promise<number | null> {
  const { db } = deps;
  const outcome = classifyRunEnd(run);
  if (outcome === null || run.endedAtMs === null) return null;
  const connection = await db.connections.get(run.connectionId);
  if (!connection) return null;
  const previous = await findPreviousOutcome(db, connection.id, run.endedAtMs, run.id);
  const decision = decideRunNotification(connection.notifications, outcome, previous);
  // A digest reads the run from the runs table when it falls due.
  if (decision === null || decision === 'digest') return null;
  const firstErrors = await loadFirstErrors(db, run.id);
  const format = deps.format();
  const message = buildRunMessage({ kind: decision, connection, run, outcome, firstErrors, format });
  const payload = buildRunPayload({ kind: decision, connection, link: connectionLink(format.appUrl, connection.id), run, outcome, firstErrors });
  return storeNotification(deps, { connection, kind: decision, runId: run.id, runIds: [run.id], outcome, message, payload, isLate: false });
}
