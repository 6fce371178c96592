/** Adds a line to the log of a run that has ended, such as the result of its webhook delivery. */
import type { LogLevel } from '../../contract/model.ts';
import { RunLogger } from '../run-log.ts';
import type { NotifierDeps } from './deps.ts';

export async function appendRunLog({ db, clock }: Pick<NotifierDeps, 'db' | 'clock'>, runId: number, level: LogLevel, message: string): Promise<void> {
  await db.transaction('rw', db.runs, db.runLogs, async () => {
    const run = await db.runs.get(runId);
    if (!run) return;
    const runLog = new RunLogger(db, runId, clock, run.logCount);
    runLog.add(level, message);
    await runLog.flush();
  });
}
