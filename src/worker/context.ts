/**
 * What the worker's API methods share: the database and the clock once init() has run, and the scheduler,
 * executor and run-end listeners of the scheduling tab.
 */
import type { Run } from '../contract/model.ts';
import type { WorkerInit } from '../contract/worker-api.ts';
import type { Clock } from '../domain/clock.ts';
import type { RunlaneDb } from '../storage/db.ts';
import type { Executor } from './executor.ts';
import type { Scheduler } from './scheduler.ts';

export interface WorkerState {
  db: RunlaneDb;
  clock: Clock;
  init: WorkerInit;
  scheduler: Scheduler | null;
  executor: Executor | null;
}

export type RunEndedListener = (run: Run, state: WorkerState) => void | Promise<void>;
/** Called once the worker leads, after interrupted runs were recovered; areas start their loops here. */
export type LeadListener = (state: WorkerState) => void | Promise<void>;

export interface WorkerContext {
  /** Resolves once init() has opened the database and the clock. */
  ready(): Promise<WorkerState>;
  /** Registers a listener for runs that reach a final state in this worker's executor. */
  onRunEnded(listener: RunEndedListener): void;
  /** Registers a listener called when this worker becomes the scheduling tab. */
  onLead(listener: LeadListener): void;
}
