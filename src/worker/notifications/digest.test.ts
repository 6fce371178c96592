import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { readDigestMark, runDigestPass, writeDigestMark } from './digest.ts';
import { handleRunEnded } from './run-ended.ts';
import { addConnection, addEndedRun, makeDeps } from './test-support.ts';

// 08:00 in Amsterdam is 07:00Z in March.
const COVERED_MS = Date.parse('2026-03-04T07:00:00Z');
const DUE_MS = Date.parse('2026-03-05T07:00:00Z');

async function setup(when: 'every-run' | 'failures') {
  const deps = makeDeps();
  deps.clock.setNow(Date.parse('2026-03-04T12:00:00Z'));
  const connection = await addConnection(deps, { when, emails: ['ops@example.com'], digest: { enabled: true, atTime: '08:00' } });
  await writeDigestMark(deps.db, connection.id, COVERED_MS);
  return { deps, connection };
}

describe('runDigestPass', () => {
  it('sends one digest instead of one message per run', async () => {
    const { deps, connection } = await setup('every-run');
    for (let number = 1; number <= 3; number++) {
      const run = await addEndedRun(deps, connection, { number, state: number === 2 ? 'failed' : 'finished', startedAtMs: Date.parse('2026-03-04T12:00:00Z') + number * 3_600_000 });
      expect(await handleRunEnded(deps, run)).toBeNull();
    }
    expect(await runDigestPass(deps)).toBe(DUE_MS);
    expect(await deps.db.notifications.count()).toBe(0);

    deps.clock.setNow(DUE_MS);
    expect(await runDigestPass(deps)).toBe(Date.parse('2026-03-06T07:00:00Z'));

    const [digest] = await deps.db.notifications.toArray();
    expect(digest?.kind).toBe('digest');
    expect(digest?.subject).toBe('✖ Nightly CRM import — daily digest: 3 runs, 1 failed');
    expect(digest?.isLate).toBe(false);
    expect(digest?.runIds).toHaveLength(3);
    expect(digest?.email?.recipients).toEqual(['ops@example.com']);
    expect(await readDigestMark(deps.db, connection.id)).toBe(DUE_MS);
    // The same due time does not send twice.
    await runDigestPass(deps);
    expect(await deps.db.notifications.count()).toBe(1);
  });

  it('marks a digest that fell due while the app was closed as late', async () => {
    const { deps, connection } = await setup('every-run');
    await addEndedRun(deps, connection, { number: 1, state: 'finished', startedAtMs: Date.parse('2026-03-04T20:00:00Z') });
    deps.clock.setNow(Date.parse('2026-03-06T09:30:00Z'));
    await runDigestPass(deps);

    const [digest] = await deps.db.notifications.toArray();
    expect(digest?.isLate).toBe(true);
    expect(digest?.subject).toBe('✔ Nightly CRM import — daily digest (late): 1 run, all finished');
    expect(await readDigestMark(deps.db, connection.id)).toBe(Date.parse('2026-03-06T07:00:00Z'));
  });

  it('sends no failures digest for a day of successes', async () => {
    const { deps, connection } = await setup('failures');
    await addEndedRun(deps, connection, { number: 1, state: 'finished', startedAtMs: Date.parse('2026-03-04T20:00:00Z') });
    deps.clock.setNow(DUE_MS);
    await runDigestPass(deps);
    expect(await deps.db.notifications.count()).toBe(0);
    expect(await readDigestMark(deps.db, connection.id)).toBe(DUE_MS);
  });

  it('counts missed runs in the digest', async () => {
    const { deps, connection } = await setup('failures');
    await deps.db.missedRuns.add({ connectionId: connection.id, noticedAtMs: Date.parse('2026-03-04T18:00:00Z'), count: 2, dueAtMs: [Date.parse('2026-03-04T15:00:00Z'), Date.parse('2026-03-04T16:00:00Z')], catchUpRunId: null });
    deps.clock.setNow(DUE_MS);
    await runDigestPass(deps);
    const [digest] = await deps.db.notifications.toArray();
    expect(digest?.subject).toBe('✖ Nightly CRM import — daily digest: 0 runs, 2 missed');
  });

  it('starts covering runs from the first pass when no mark is stored', async () => {
    const deps = makeDeps();
    const connection = await addConnection(deps, { when: 'every-run', digest: { enabled: true, atTime: '08:00' } });
    await runDigestPass(deps);
    expect(await readDigestMark(deps.db, connection.id)).toBe(deps.clock.nowMs());
  });
});
