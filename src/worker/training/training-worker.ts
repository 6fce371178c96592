/** The differences of a worker started in training mode: its clock, its scheduler lock and its connectors. */
import type { WorkerInit } from '../../contract/worker-api.ts';
import type { Clock } from '../../domain/clock.ts';
import { SYSTEM_REAL_TIME } from '../../domain/scaled-clock.ts';
import { LATE_THRESHOLD_MS } from '../../domain/scheduling.ts';
import type { RunlaneDb } from '../../storage/db.ts';
import type { ConnectorResolver } from '../executor.ts';
import { installFetchRecorder } from './fetch-recorder.ts';
import { TrainingClock } from './training-clock.ts';
import { guardForTraining } from './training-connectors.ts';

/** Speed of a training clock opened on a database without a copied configuration. */
const FALLBACK_SPEED = 60;

/** Opens the training clock and makes the worker record requests to outside systems instead of sending them. */
export async function openTrainingClock(db: RunlaneDb): Promise<TrainingClock> {
  const realNowMs = SYSTEM_REAL_TIME.nowMs();
  const clock = await TrainingClock.open(db, { baseMs: realNowMs, realAtMs: realNowMs, speed: FALLBACK_SPEED, paused: false });
  await clock.cutGapSinceLastHeartbeat(db);
  installFetchRecorder(db, clock);
  return clock;
}

/**
 * Real time a due time may be noticed late in training mode, multiplied by the clock's speed. At ×3600 a
 * 100 ms pause of the worker is 6 minutes of training time, which must not count as missed. 2 s is 2 hours.
 */
const TRAINING_LATE_REAL_MS = 2_000;

/** Returns the scheduler's late threshold on the training clock, or undefined (the 5-minute default) on other clocks. */
export function lateThresholdFor(clock: Clock): (() => number) | undefined {
  if (!(clock instanceof TrainingClock)) return undefined;
  return () => Math.max(LATE_THRESHOLD_MS, TRAINING_LATE_REAL_MS * clock.state().speed);
}

export function connectorResolverFor(init: WorkerInit, resolve: ConnectorResolver): ConnectorResolver {
  return init.training ? guardForTraining(resolve) : resolve;
}
