/**
 * Test builds only: a connector whose progress follows the run's clock. Each step waits `stepMs`, then
 * commits `rowsPerStep` new profiles in one batch transaction together with the run's counters.
 */
import type { Profile, StepsSettings } from '../contract/model.ts';
import type { Connector } from './connector.ts';
import { appendToOutbox } from '../worker/realtime/outbox.ts';

export const stepsConnector: Connector<StepsSettings> = {
  validateSettings: () => [],
  run: async (context) => {
    const settings = context.connection.settings as StepsSettings;
    const { db, run, clock, signal } = context;
    for (let step = 1; step <= settings.steps; step++) {
      await clock.sleepUntil(clock.nowMs() + settings.stepMs, signal);
      await db.transaction('rw', [db.profiles, db.runs, db.runLogs, db.outbox, db.connections], async () => {
        await context.assertLive();
        const nowMs = clock.nowMs();
        const profiles: Profile[] = Array.from({ length: settings.rowsPerStep }, (_, i) => {
          const identifier = `${context.connection.id.slice(0, 8)}-run${run.number}-step${step}-row${i}@example.com`;
          return {
            key: identifier,
            identifier,
            properties: { email: identifier },
            consent: {},
            createdAtMs: nowMs,
            updatedAtMs: nowMs,
            lastRunId: run.id,
            lastConnectionId: context.connection.id,
          };
        });
        await db.profiles.bulkPut(profiles);
        await appendToOutbox(db, profiles, nowMs);
        const stored = await db.runs.get(run.id);
        if (!stored) return;
        const counters = { ...stored.counters, checked: stored.counters.checked + profiles.length, added: stored.counters.added + profiles.length };
        await db.runs.update(run.id, { counters });
        context.log.info(`Step ${step} of ${settings.steps} committed ${profiles.length} profiles.`);
        await context.log.flush();
      });
    }
  },
};
