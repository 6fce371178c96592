import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../contract/errors.ts';
import { defaultNotificationSettings, type NotificationSettings } from '../../contract/model.ts';
import type { WorkerContext, WorkerState } from '../context.ts';
import { readDigestMark } from '../notifications/digest.ts';
import { handleRunEnded } from '../notifications/run-ended.ts';
import { addConnection, addEndedRun, makeDeps } from '../notifications/test-support.ts';
import { createNotificationsApi } from './notifications.ts';

async function setup() {
  const deps = makeDeps();
  const state = { db: deps.db, clock: deps.clock, init: { demoCsvUrl: 'http://127.0.0.1:4173/demo/demo-customers.csv' }, scheduler: null, executor: null } as unknown as WorkerState;
  const context: WorkerContext = { ready: async () => state, onRunEnded: () => undefined, onLead: () => undefined };
  const api = createNotificationsApi(context);
  const connection = await addConnection(deps, { when: 'failures', browser: true, emails: ['ops@example.com'] });
  return { deps, api, connection };
}

function settings(overrides: Partial<NotificationSettings>): NotificationSettings {
  return { ...defaultNotificationSettings(), ...overrides };
}

async function addFailedNotification(deps: ReturnType<typeof makeDeps>, connectionId: string, number: number): Promise<number> {
  const connection = await deps.db.connections.get(connectionId);
  if (!connection) throw new Error('missing connection');
  return (await handleRunEnded(deps, await addEndedRun(deps, connection, { number, state: 'failed' }))) ?? -1;
}

describe('notifications API', () => {
  it('saves normalised settings', async () => {
    const { deps, api, connection } = await setup();
    const saved = await api.saveNotificationSettings({ id: connection.id, settings: settings({ when: 'every-run', emails: [' a@example.com ', 'A@example.com'] }) });
    expect(saved.notifications.emails).toEqual(['a@example.com']);
    expect((await deps.db.connections.get(connection.id))?.notifications.when).toBe('every-run');
  });

  it('rejects invalid settings with the reason', async () => {
    const { api, connection } = await setup();
    const attempt = api.saveNotificationSettings({ id: connection.id, settings: settings({ when: 'failures', webhook: { url: 'ftp://x.example/', headers: [], allowNoCorsFallback: false } }) });
    await expect(attempt).rejects.toBeInstanceOf(AppError);
    await expect(attempt).rejects.toThrow('The webhook URL uses ftp; only http and https are supported.');
  });

  it('starts a digest from the moment it is turned on', async () => {
    const { deps, api, connection } = await setup();
    await api.saveNotificationSettings({ id: connection.id, settings: settings({ when: 'failures', digest: { enabled: true, atTime: '07:00' } }) });
    expect(await readDigestMark(deps.db, connection.id)).toBe(deps.clock.nowMs());
    deps.clock.advance(60_000);
    await api.saveNotificationSettings({ id: connection.id, settings: settings({ when: 'failures', digest: { enabled: true, atTime: '09:00' } }) });
    expect(await readDigestMark(deps.db, connection.id)).toBe(deps.clock.nowMs() - 60_000);
    await api.saveNotificationSettings({ id: connection.id, settings: settings({ when: 'failures' }) });
    expect(await readDigestMark(deps.db, connection.id)).toBeUndefined();
  });

  it('lets one caller claim a browser notification', async () => {
    const { deps, api, connection } = await setup();
    const id = await addFailedNotification(deps, connection.id, 1);
    const claims = await Promise.all([api.markBrowserShown({ id, result: 'shown' }), api.markBrowserShown({ id, result: 'shown' })]);
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(await api.markBrowserShown({ id, result: 'failed' })).toBe(true);
    expect((await deps.db.notifications.get(id))?.browser).toBe('failed');
  });

  it('marks an opened email, which also reads it', async () => {
    const { deps, api, connection } = await setup();
    const id = await addFailedNotification(deps, connection.id, 1);
    await api.markEmailOpened({ id });
    const record = await deps.db.notifications.get(id);
    expect(record?.email?.state).toBe('opened');
    expect(record?.readAtMs).toBe(deps.clock.nowMs());
  });

  it('marks read and clears', async () => {
    const { deps, api, connection } = await setup();
    const first = await addFailedNotification(deps, connection.id, 1);
    await addFailedNotification(deps, connection.id, 2);
    await addFailedNotification(deps, connection.id, 3);
    await api.markNotificationRead({ id: first });
    expect(await api.markAllNotificationsRead({})).toBe(2);
    expect(await api.clearNotifications({ ids: [first, 999] })).toBe(1);
    expect(await api.clearNotifications({})).toBe(2);
    expect(await deps.db.notifications.count()).toBe(0);
  });
});
