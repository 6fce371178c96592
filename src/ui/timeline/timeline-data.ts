/** Read-only queries behind the timeline: connections, overrides, the queue and recent run times. */
import type { Connection, DueTimeOverride, Run } from '../../contract/model.ts';
import { RUN_TIME_SAMPLE_SIZE, medianRunTimeMs } from '../../domain/timeline.ts';
import type { RunlaneDb } from '../../storage/db.ts';
import { loadQueueView } from '../../storage/queries.ts';

export interface TimelineData {
  connections: Connection[];
  overrides: DueTimeOverride[];
  running: Run[];
  queued: Run[];
  /** Median run time of each connection's recent finished runs. Connections without any are absent. */
  runTimesMs: Record<string, number>;
}

export async function loadTimelineData(db: RunlaneDb): Promise<TimelineData> {
  const [connections, overrides, queue] = await Promise.all([db.connections.orderBy('name').toArray(), db.overrides.toArray(), loadQueueView(db)]);
  const runTimesMs: Record<string, number> = {};
  for (const connection of connections) {
    const median = medianRunTimeMs(await loadRecentRunTimesMs(db, connection.id));
    if (median !== null) runTimesMs[connection.id] = median;
  }
  return { connections, overrides, running: queue.active, queued: queue.queued, runTimesMs };
}

/** Run times of a connection's latest finished runs, test runs left out because they write nothing. */
async function loadRecentRunTimesMs(db: RunlaneDb, connectionId: string): Promise<number[]> {
  const runs = await db.runs
    .where('[connectionId+number]')
    .between([connectionId, -Infinity], [connectionId, Infinity])
    .reverse()
    .filter((run) => run.state === 'finished' && run.trigger !== 'test' && run.startedAtMs !== null && run.endedAtMs !== null)
    .limit(RUN_TIME_SAMPLE_SIZE)
    .toArray();
  return runs.map((run) => (run.endedAtMs as number) - (run.startedAtMs as number));
}

/** Lists the overrides of one connection, newest due time first, for its run history. */
export async function listConnectionOverrides(db: RunlaneDb, connectionId: string): Promise<DueTimeOverride[]> {
  const overrides = await db.overrides.where('connectionId').equals(connectionId).toArray();
  return overrides.sort((a, b) => b.dueAtMs - a.dueAtMs);
}
