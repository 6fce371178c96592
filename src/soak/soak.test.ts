import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { RunlaneDb } from '../storage/db.ts';
import { runSoak } from './soak.ts';

describe('soak', () => {
  it('accounts for every due time over a simulated day', async () => {
    const db = new RunlaneDb(`soak-${crypto.randomUUID()}`);
    const report = await runSoak({ seed: 7, days: 1, connections: 8, stepMs: 5 * 60_000, closedHours: 3 }, db);
    expect(report.problems).toEqual([]);
    expect(report.dueTimes).toBeGreaterThan(20);
    expect(report.missed).toBeGreaterThan(0);
    expect(report.runs).toBeGreaterThan(0);
  }, 60_000);
});
