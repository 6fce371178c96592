import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { handleRunEnded } from './run-ended.ts';
import { addConnection, addEndedRun, makeDeps, scriptedFetch, waitUntil } from './test-support.ts';

describe('handleRunEnded', () => {
  it('stores a failed run with browser, email and webhook states', async () => {
    const { fetch } = scriptedFetch(() => 204);
    const deps = makeDeps({ fetch });
    const connection = await addConnection(deps, {
      when: 'failures',
      browser: true,
      emails: ['ops@example.com'],
      webhook: { url: 'https://hooks.example.com/runlane', headers: [], allowNoCorsFallback: false },
    });
    const run = await addEndedRun(deps, connection, { number: 1, state: 'failed', log: [['info', 'Started.'], ['warn', 'Row 2: bad date.'], ['error', 'Run failed: The file is empty.']] });

    const id = await handleRunEnded(deps, run);

    const record = await deps.db.notifications.get(id ?? -1);
    expect(record?.kind).toBe('run');
    expect(record?.subject).toBe('✖ Nightly CRM import — run #1 failed');
    expect(record?.browser).toBe('pending');
    expect(record?.email?.state).toBe('ready');
    expect(record?.email?.mailto.startsWith('mailto:ops@example.com?subject=%E2%9C%96%20Nightly%20CRM%20import%20%E2%80%94%20run%20%231%20failed&body=')).toBe(true);
    expect(record?.body).toContain('- Warning: Row 2: bad date.\n- Error: Run failed: The file is empty.');
    expect(record?.link).toBe(`http://127.0.0.1:4173/#/connections/${connection.id}`);
    await waitUntil(async () => (await deps.db.notifications.get(id ?? -1))?.webhook?.state === 'delivered');
  });

  it('stores no channel states that the settings do not ask for', async () => {
    const deps = makeDeps();
    const connection = await addConnection(deps, { when: 'every-run' });
    const id = await handleRunEnded(deps, await addEndedRun(deps, connection, { number: 1, state: 'finished' }));
    const record = await deps.db.notifications.get(id ?? -1);
    expect(record?.subject).toBe('✔ Nightly CRM import — run #1 finished');
    expect(record?.browser).toBe('not-requested');
    expect(record?.email).toBeNull();
    expect(record?.webhook).toBeNull();
  });

  it('skips successes with failures only', async () => {
    const deps = makeDeps();
    const connection = await addConnection(deps, { when: 'failures', browser: true });
    expect(await handleRunEnded(deps, await addEndedRun(deps, connection, { number: 1, state: 'finished' }))).toBeNull();
    expect(await deps.db.notifications.count()).toBe(0);
  });

  it('tells the first success after a failure once', async () => {
    const deps = makeDeps();
    const connection = await addConnection(deps, { when: 'failures' });
    const startMs = deps.clock.nowMs();
    await handleRunEnded(deps, await addEndedRun(deps, connection, { number: 1, state: 'failed', startedAtMs: startMs }));
    // A stopped run between them changes nothing: it is neither a success nor a failure.
    await addEndedRun(deps, connection, { number: 2, state: 'stopped', startedAtMs: startMs + 60_000 });
    const recoveryId = await handleRunEnded(deps, await addEndedRun(deps, connection, { number: 3, state: 'finished', startedAtMs: startMs + 120_000 }));
    const afterId = await handleRunEnded(deps, await addEndedRun(deps, connection, { number: 4, state: 'finished', startedAtMs: startMs + 180_000 }));

    const recovery = await deps.db.notifications.get(recoveryId ?? -1);
    expect(recovery?.kind).toBe('recovery');
    expect(recovery?.subject).toBe('✔ Nightly CRM import recovered — run #3 finished');
    expect(afterId).toBeNull();
  });

  it('counts an interrupted run as a failure', async () => {
    const deps = makeDeps();
    const connection = await addConnection(deps, { when: 'failures' });
    const id = await handleRunEnded(deps, await addEndedRun(deps, connection, { number: 1, state: 'interrupted' }));
    expect((await deps.db.notifications.get(id ?? -1))?.subject).toBe('✖ Nightly CRM import — run #1 interrupted');
  });

  it('notifies nobody for stopped, cancelled and test runs', async () => {
    const deps = makeDeps();
    const connection = await addConnection(deps, { when: 'every-run' });
    expect(await handleRunEnded(deps, await addEndedRun(deps, connection, { number: 1, state: 'stopped' }))).toBeNull();
    expect(await handleRunEnded(deps, await addEndedRun(deps, connection, { number: 2, state: 'cancelled' }))).toBeNull();
    expect(await handleRunEnded(deps, await addEndedRun(deps, connection, { number: 3, state: 'failed', trigger: 'test' }))).toBeNull();
  });

  it('leaves runs to the digest when one is on', async () => {
    const deps = makeDeps();
    const connection = await addConnection(deps, { when: 'every-run', digest: { enabled: true, atTime: '08:00' } });
    expect(await handleRunEnded(deps, await addEndedRun(deps, connection, { number: 1, state: 'failed' }))).toBeNull();
  });
});
