/** The note an import run writes when the connection forgot which rows earlier runs applied. */
import type { RunContext } from '../../connectors/connector.ts';

/** Meta key, per connection, set when a mapping change or "Reprocess all rows" forgot the fingerprints. */
export const FORGOTTEN_KEY_PREFIX = 'fingerprints-forgotten:';

/** Logs that every row is evaluated again, once, on the first run after the fingerprints were forgotten. */
export async function noteForgottenFingerprints(context: RunContext): Promise<void> {
  const key = `${FORGOTTEN_KEY_PREFIX}${context.connection.id}`;
  if (!(await context.db.meta.get(key))) return;
  context.log.info('The mapping changed or reprocessing was requested, so rows processed by earlier runs are evaluated again.');
  if (!context.isTestRun) await context.db.meta.delete(key);
}
