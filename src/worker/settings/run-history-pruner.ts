/**
 * Runs pruning one request at a time, so a run that ends during a full pass does not start a second pass
 * over the same connection in parallel.
 */
import type { PruneResult, RetentionPolicy } from '../../contract/api/settings.ts';
import type { Clock } from '../../domain/clock.ts';
import type { RunlaneDb } from '../../storage/db.ts';
import { addPruneResults, emptyPruneResult, pruneConnectionRuns } from './prune-runs.ts';
import { limitsFor, readRetentionPolicy, writeRetentionPolicy } from './retention-policy.ts';

export class RunHistoryPruner {
  readonly #db: RunlaneDb;
  readonly #clock: Clock;
  #tail: Promise<unknown> = Promise.resolve();

  constructor(db: RunlaneDb, clock: Clock) {
    this.#db = db;
    this.#clock = clock;
  }

  /** Prunes one connection after the requests queued before it. */
  pruneConnection(connectionId: string): Promise<PruneResult> {
    return this.#enqueue(() => this.#pruneOne(connectionId));
  }

  /** Prunes every connection, one after the other, and removes the stored limits of deleted connections. */
  pruneAll(): Promise<PruneResult> {
    return this.#enqueue(async () => {
      const ids = (await this.#db.connections.toCollection().primaryKeys()) as string[];
      const policy = await readRetentionPolicy(this.#db);
      let result = emptyPruneResult();
      for (const id of ids) result = addPruneResults(result, await this.#pruneOne(id, policy));
      await this.#forgetDeletedConnections();
      return result;
    });
  }

  #enqueue(task: () => Promise<PruneResult>): Promise<PruneResult> {
    const next = this.#tail.then(task, task);
    this.#tail = next.catch(() => undefined);
    return next;
  }

  async #pruneOne(connectionId: string, knownPolicy?: RetentionPolicy): Promise<PruneResult> {
    const policy = knownPolicy ?? (await readRetentionPolicy(this.#db));
    return pruneConnectionRuns(this.#db, { connectionId, limits: limitsFor(policy, connectionId), nowMs: this.#clock.nowMs() });
  }

  async #forgetDeletedConnections(): Promise<void> {
    const db = this.#db;
    await db.transaction('rw', db.meta, db.connections, async () => {
      const existing = new Set((await db.connections.toCollection().primaryKeys()) as string[]);
      const policy = await readRetentionPolicy(db);
      const stale = Object.keys(policy.byConnection).filter((id) => !existing.has(id));
      if (stale.length === 0) return;
      for (const id of stale) delete policy.byConnection[id];
      await writeRetentionPolicy(db, policy);
    });
  }
}
