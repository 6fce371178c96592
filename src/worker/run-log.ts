/**
 * Collects one run's log lines and writes them to the runLogs table. Messages of one kind are capped per
 * run, and the log ends with how many were left out.
 */
import type { LogLevel, RunLogEntry } from '../contract/model.ts';
import type { Clock } from '../domain/clock.ts';
import type { RunlaneDb } from '../storage/db.ts';

export const MAX_MESSAGES_PER_KIND = 1000;

export class RunLogger {
  readonly #db: RunlaneDb;
  readonly #runId: number;
  readonly #clock: Clock;
  #nextSeq: number;
  #pending: RunLogEntry[] = [];
  #countByKind = new Map<string, number>();

  constructor(db: RunlaneDb, runId: number, clock: Clock, firstSeq: number) {
    this.#db = db;
    this.#runId = runId;
    this.#clock = clock;
    this.#nextSeq = firstSeq;
  }

  get nextSeq(): number {
    return this.#nextSeq;
  }

  /** Adds a line; `kind` groups repeats (for example 'type-error') so that they can be capped. */
  add(level: LogLevel, message: string, kind?: string): void {
    if (kind) {
      const count = (this.#countByKind.get(kind) ?? 0) + 1;
      this.#countByKind.set(kind, count);
      if (count > MAX_MESSAGES_PER_KIND) return;
    }
    this.#pending.push({ runId: this.#runId, seq: this.#nextSeq++, atMs: this.#clock.nowMs(), level, message });
  }

  info(message: string, kind?: string): void {
    this.add('info', message, kind);
  }

  warn(message: string, kind?: string): void {
    this.add('warn', message, kind);
  }

  error(message: string, kind?: string): void {
    this.add('error', message, kind);
  }

  /** Adds one line per capped kind saying how many messages were left out. */
  addCapSummary(): void {
    for (const [kind, count] of this.#countByKind) {
      if (count > MAX_MESSAGES_PER_KIND) {
        const leftOut = count - MAX_MESSAGES_PER_KIND;
        this.#pending.push({
          runId: this.#runId,
          seq: this.#nextSeq++,
          atMs: this.#clock.nowMs(),
          level: 'warn',
          message: `${leftOut} more messages of kind "${kind}" were left out of this log.`,
        });
        this.#countByKind.set(kind, MAX_MESSAGES_PER_KIND);
      }
    }
  }

  /**
   * Writes the pending lines. Called inside a batch transaction that includes the runLogs and runs
   * tables, it joins that transaction, so the lines commit together with the batch.
   */
  async flush(): Promise<void> {
    if (this.#pending.length === 0) return;
    const entries = this.#pending;
    this.#pending = [];
    await this.#db.runLogs.bulkPut(entries);
    await this.#db.runs.update(this.#runId, { logCount: this.#nextSeq });
  }

  /** Drops lines not yet written, for example after a failed batch transaction. */
  discardPending(): RunLogEntry[] {
    const entries = this.#pending;
    this.#pending = [];
    return entries;
  }
}
