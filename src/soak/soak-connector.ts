/**
 * The connector the soak drives: each run commits a few batches of new profiles on the run's clock, and
 * some runs fail (transiently or for good) or hang, decided by a seeded generator so a soak repeats
 * exactly.
 */
import { AppError } from '../contract/errors.ts';
import type { Profile } from '../contract/model.ts';
import type { Connector } from '../connectors/connector.ts';

export interface SoakBehaviour {
  batches: number;
  batchMs: number;
  rowsPerBatch: number;
  /** Fails after this many batches, or never. */
  failAfterBatch: number | null;
  failure: 'transient' | 'permanent';
  /** Ignores its AbortSignal and never returns. */
  hangs: boolean;
}

export function createSoakConnector(behaviourFor: (connectionId: string, runNumber: number, attempt: number) => SoakBehaviour): Connector {
  return {
    validateSettings: () => [],
    run: async (context) => {
      const { db, run, clock, signal, connection } = context;
      const behaviour = behaviourFor(connection.id, run.number, run.attempt);
      if (behaviour.hangs) {
        await new Promise<void>(() => {
          // Never settles, like a connector stuck on a request.
        });
      }
      for (let batch = 1; batch <= behaviour.batches; batch++) {
        await clock.sleepUntil(clock.nowMs() + behaviour.batchMs, signal);
        if (behaviour.failAfterBatch !== null && batch > behaviour.failAfterBatch) {
          if (behaviour.failure === 'transient') throw new AppError('network-unreachable', 'The soak source could not be reached.');
          throw new AppError('invalid-input', 'The soak source rejected the request.');
        }
        await db.transaction('rw', [db.profiles, db.runs, db.runLogs], async () => {
          await context.assertLive();
          const nowMs = clock.nowMs();
          const profiles: Profile[] = Array.from({ length: behaviour.rowsPerBatch }, (_, i) => {
            const key = `${connection.id}:${run.id}:${run.attempt}:${batch}:${i}`;
            return { key, identifier: key, properties: {}, consent: {}, createdAtMs: nowMs, updatedAtMs: nowMs, lastRunId: run.id, lastConnectionId: connection.id };
          });
          await db.profiles.bulkAdd(profiles);
          const stored = await db.runs.get(run.id);
          if (!stored) throw new Error(`Run ${run.id} is missing.`);
          const added = stored.counters.added + profiles.length;
          await db.runs.update(run.id, { counters: { ...stored.counters, checked: stored.counters.checked + profiles.length, added } });
          await context.log.flush();
        });
      }
    },
  };
}
