/** Training mode's methods. See `contract/api/training.ts` and docs/training-mode.md. */
import type { TrainingApi, TrainingClockView, TrainingCopyReport, TrainingEntryCheck } from '../../contract/api/training.ts';
import { AppError } from '../../contract/errors.ts';
import { isTrainingSpeed } from '../../domain/scaled-clock.ts';
import { TRAINING_DB_NAME, openDb, type RunlaneDb } from '../../storage/db.ts';
import type { WorkerContext, WorkerState } from '../context.ts';
import { SCHEDULER_LOCK } from '../leadership.ts';
import { TRAINING_SESSION_KEY, copyConfigurationToTraining } from '../training/copy-configuration.ts';
import { TrainingClock } from '../training/training-clock.ts';

export function createTrainingApi(context: WorkerContext): TrainingApi {
  /** Applies a change to the training clock, stores it for the other tabs and returns the new view. */
  const changeClock = async (change: (clock: TrainingClock) => void): Promise<TrainingClockView> => {
    const state = await context.ready();
    const clock = requireTrainingClock(state);
    change(clock);
    await clock.store(state.db);
    return viewOf(clock);
  };

  return {
    async copyConfigurationToTraining({ speed }) {
      const { db, clock, init } = await context.ready();
      if (init.training) throw new AppError('invalid-input', 'This tab is in training mode already. Leave training mode to copy the configuration again.');
      checkSpeed(speed);
      return withTrainingDb((target) => copyConfigurationToTraining(db, target, clock.nowMs(), speed));
    },
    async getTrainingSession() {
      const { db, init } = await context.ready();
      if (init.training) return readSession(db);
      return withTrainingDb(readSession);
    },
    async checkTrainingEntry() {
      const state = await context.ready();
      if (state.init.training) throw new AppError('invalid-input', 'This tab is in training mode already.');
      return {
        session: await withTrainingDb(readSession),
        isOnlySchedulingTab: state.scheduler !== null && (await countWaitingTabs()) === 0,
        runningHere: await describeRunningRun(state),
      };
    },
    async getTrainingClock() {
      return viewOf(requireTrainingClock(await context.ready()));
    },
    setTrainingSpeed({ speed }) {
      checkSpeed(speed);
      return changeClock((clock) => clock.setSpeed(speed));
    },
    pauseTrainingClock() {
      return changeClock((clock) => clock.pause());
    },
    resumeTrainingClock() {
      return changeClock((clock) => clock.resume());
    },
    jumpTrainingClock({ toMs }) {
      return changeClock((clock) => {
        if (!Number.isFinite(toMs) || toMs <= clock.nowMs()) {
          throw new AppError('invalid-input', 'The training clock only jumps ahead: pick a date and time after the training clock’s current time.');
        }
        clock.jumpTo(toMs);
      });
    },
  };
}

/** Counts the other tabs' workers that wait to take over the real schedules. */
async function countWaitingTabs(): Promise<number> {
  const { pending } = await navigator.locks.query();
  return (pending ?? []).filter((lock) => lock.name === SCHEDULER_LOCK).length;
}

async function describeRunningRun(state: WorkerState): Promise<TrainingEntryCheck['runningHere']> {
  const runId = state.executor?.currentRunId ?? null;
  if (runId === null) return null;
  const run = await state.db.runs.get(runId);
  if (!run) return null;
  const connection = await state.db.connections.get(run.connectionId);
  return { runId, connectionName: connection?.name ?? 'Deleted connection', number: run.number };
}

function requireTrainingClock(state: WorkerState): TrainingClock {
  if (!(state.clock instanceof TrainingClock)) throw new AppError('invalid-input', 'The training clock exists only in training mode: enter training mode first.');
  return state.clock;
}

function viewOf(clock: TrainingClock): TrainingClockView {
  const { speed, paused } = clock.state();
  return { nowMs: clock.nowMs(), speed, paused };
}

function checkSpeed(speed: unknown): void {
  if (!isTrainingSpeed(speed)) throw new AppError('invalid-input', `Training speed ${String(speed)} is not offered: choose ×60, ×600 or ×3600.`);
}

async function readSession(db: RunlaneDb): Promise<TrainingCopyReport | null> {
  return ((await db.meta.get(TRAINING_SESSION_KEY))?.value as TrainingCopyReport | undefined) ?? null;
}

/** Opens the training database for one operation from a worker on the real database. */
async function withTrainingDb<T>(operation: (db: RunlaneDb) => Promise<T>): Promise<T> {
  const db = openDb(TRAINING_DB_NAME);
  try {
    await db.open();
    return await operation(db);
  } finally {
    db.close();
  }
}
