/**
 * Training mode's worker API. Training mode works on its own database, `runlane-training`, with a copy of
 * the configuration and a clock that runs faster. See docs/training-mode.md.
 */
import type { TrainingSpeed } from '../../domain/scaled-clock.ts';

export type { TrainingSpeed };

/** A note on one connection that differs from the real one in training, and how. */
export interface TrainingConnectionNote {
  connectionId: string;
  name: string;
  note: string;
  /** True when nothing could stand in for the connector, so the connection is OFF in training. */
  isSwitchedOff: boolean;
}

export interface TrainingCopyReport {
  /** Training time at which the copy started the training clock. */
  startedAtMs: number;
  connectionCount: number;
  propertyDefinitionCount: number;
  consentObjectiveCount: number;
  notes: TrainingConnectionNote[];
}

export interface TrainingClockView {
  nowMs: number;
  speed: number;
  paused: boolean;
}

/** The consequences of entering training mode for this tab, checked before it enters. */
export interface TrainingEntryCheck {
  /** The training database's last copy, which the tab can continue, or null when there is none. */
  session: TrainingCopyReport | null;
  /** This tab schedules the real database and no other tab waits to take over while it is in training. */
  isOnlySchedulingTab: boolean;
  /** The run this tab executes now. Entering training mode restarts the tab, which interrupts it. */
  runningHere: { runId: number; connectionName: string; number: number } | null;
}

export interface TrainingApi {
  /**
   * Replaces the training database's contents with a copy of this database's configuration: connections
   * (history and schedule marks cleared, outside systems replaced), stored files, property definitions and
   * consent objectives. Profiles, runs, logs and notifications are not copied. The training clock starts
   * at this worker's current time, at `speed`. Only a worker on the real database can copy.
   */
  copyConfigurationToTraining(request: { speed: TrainingSpeed }): Promise<TrainingCopyReport>;
  /** Returns the last copy's report, or null when the training database contains no copy. */
  getTrainingSession(): Promise<TrainingCopyReport | null>;
  /** A worker on the real database only. */
  checkTrainingEntry(): Promise<TrainingEntryCheck>;
  /** The training worker only, like the methods below. */
  getTrainingClock(): Promise<TrainingClockView>;
  setTrainingSpeed(request: { speed: TrainingSpeed }): Promise<TrainingClockView>;
  pauseTrainingClock(): Promise<TrainingClockView>;
  resumeTrainingClock(): Promise<TrainingClockView>;
  /**
   * Moves the training clock ahead to `toMs`. Due times in between count as missed (with a catch-up run
   * where a connection asks for one), as if Runlane had been closed.
   */
  jumpTrainingClock(request: { toMs: number }): Promise<TrainingClockView>;
}
