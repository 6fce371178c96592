import { describe, expect, it } from 'vitest';
import { RETENTION_POLICY_KEY } from '../../contract/api/settings.ts';
import type { Connection, CsvImportSettings } from '../../contract/model.ts';
import { makeConnection } from '../test-helpers.ts';
import { createSettingsHarness, type SettingsHarness } from './settings-test-helpers.ts';

const NOW_MS = Date.parse('2026-03-05T10:00:00Z');

const CSV_SETTINGS: CsvImportSettings = {
  connector: 'csv-file',
  fileName: 'customers.csv',
  encoding: 'utf-8',
  delimiter: ';',
  numberFormat: '1.234,5',
  emptyCellsClear: true,
  mapping: [
    { column: 'E-mail', propertyId: 'email', isIdentifier: true },
    { column: 'Punten', propertyId: 'points', isIdentifier: false },
  ],
  headers: ['E-mail', 'Punten'],
};

/** Creates a store with one CSV import: ON, with a stored file, a webhook with a secret header and its own retention limits. */
async function seedSource(): Promise<{ harness: SettingsHarness; connection: Connection }> {
  const harness = createSettingsHarness(NOW_MS);
  const { db } = harness;
  await db.propertyDefinitions.bulkAdd([
    { id: 'email', label: 'Email', type: 'text' },
    { id: 'points', label: 'Points', type: 'number' },
  ]);
  await db.consentObjectives.add({ id: 'email-marketing', label: 'Email marketing' });
  const connection = makeConnection({
    name: 'Nightly CRM import',
    settings: CSV_SETTINGS,
    schedule: { kind: 'daysOfWeek', days: [1, 3, 5], time: '06:30', timeZone: 'Europe/Amsterdam' },
    enabled: true,
    scheduleMarkMs: NOW_MS,
    nextRunNumber: 42,
    notifications: {
      when: 'failures',
      browser: true,
      emails: ['ops@example.com'],
      webhook: { url: 'https://hooks.example.com/runlane', headers: [{ name: 'Authorization', value: 'Bearer s3cret' }], allowNoCorsFallback: false },
      digest: { enabled: true, atTime: '07:15' },
    },
  });
  await db.connections.add(connection);
  await db.files.put({ connectionId: connection.id, name: 'customers.csv', size: 3, type: 'text/csv', storedAtMs: NOW_MS, blob: new Blob(['a;b']) });
  await db.overrides.add({ connectionId: connection.id, dueAtMs: NOW_MS + 86_400_000, action: 'leave-out', postponedToMs: null, createdAtMs: NOW_MS });
  await harness.api.saveConnectionRetention({ connectionId: connection.id, limits: { maxRuns: 50, maxDays: 30 } });
  await harness.api.saveRetentionDefaults({ limits: { maxRuns: 500, maxDays: 90 } });
  return { harness, connection };
}

async function backupBlob(harness: SettingsHarness, includeRequestHeaders = false): Promise<Blob> {
  const backup = await harness.api.createBackup({ includeRequestHeaders });
  return new Blob([backup.text], { type: 'application/json' });
}

describe('backup and restore', () => {
  it('restores a connection OFF with its schedule, mapping and limits', async () => {
    const { harness: source, connection } = await seedSource();
    const file = await backupBlob(source);
    const target = createSettingsHarness(NOW_MS + 60_000);

    const result = await target.api.restoreBackup({ file });

    expect(result.addedConnectionIds).toEqual([connection.id]);
    const restored = await target.db.connections.get(connection.id);
    expect(restored).toEqual({
      ...connection,
      enabled: false,
      scheduleMarkMs: null,
      nextRunNumber: 1,
      updatedAtMs: NOW_MS + 60_000,
      notifications: { ...connection.notifications, webhook: { url: 'https://hooks.example.com/runlane', headers: [], allowNoCorsFallback: false } },
    });
    expect(await target.db.propertyDefinitions.toArray()).toEqual(await source.db.propertyDefinitions.toArray());
    expect(await target.db.consentObjectives.toArray()).toEqual([{ id: 'email-marketing', label: 'Email marketing' }]);
    expect(await target.db.overrides.toArray()).toEqual(await source.db.overrides.toArray());
    expect(await target.db.files.count()).toBe(0);
    expect((await target.db.meta.get(RETENTION_POLICY_KEY))?.value).toEqual({
      defaults: { maxRuns: 500, maxDays: 90 },
      byConnection: { [connection.id]: { maxRuns: 50, maxDays: 30 } },
    });
    expect(result.notes).toEqual([
      '"Nightly CRM import": pick the file "customers.csv" again on the connection\'s page before switching it ON; backups do not contain files.',
      '"Nightly CRM import": enter the values of the request headers Authorization (notifications.webhook.headers) again; the backup left them out.',
    ]);
  });

  it('leaves header values out unless asked to include them', async () => {
    const { harness } = await seedSource();

    const without = await harness.api.createBackup({ includeRequestHeaders: false });
    const withHeaders = await harness.api.createBackup({ includeRequestHeaders: true });

    expect(without.text).not.toContain('s3cret');
    expect(without.headersLeftOutCount).toBe(1);
    expect(JSON.parse(without.text).connections[0].leftOutHeaders).toEqual([{ path: 'notifications.webhook.headers', names: ['Authorization'] }]);
    expect(withHeaders.text).toContain('Bearer s3cret');
    expect(withHeaders.headersLeftOutCount).toBe(0);
    expect(without.fileName).toBe('runlane-backup-2026-03-05-1000.json');
  });

  it('restores header values from a backup that includes them', async () => {
    const { harness: source, connection } = await seedSource();
    const target = createSettingsHarness(NOW_MS);

    const result = await target.api.restoreBackup({ file: await backupBlob(source, true) });

    expect((await target.db.connections.get(connection.id))?.notifications.webhook?.headers).toEqual([{ name: 'Authorization', value: 'Bearer s3cret' }]);
    expect(result.notes).toContain('This backup file contains request header values, which are secrets: keep it somewhere safe, or delete it.');
  });

  it('keeps connections that exist and adds the deleted one', async () => {
    const { harness, connection } = await seedSource();
    const kept = makeConnection({ name: 'Weekly export' });
    await harness.db.connections.add(kept);
    const file = await backupBlob(harness);
    await harness.db.connections.update(kept.id, { name: 'Weekly export (renamed)' });
    await harness.db.connections.delete(connection.id);

    const preview = await harness.api.checkBackup({ file });
    const result = await harness.api.restoreBackup({ file });

    expect(preview.connectionsToAdd).toEqual(['Nightly CRM import']);
    expect(preview.connectionsPresent).toEqual(['Weekly export']);
    expect(preview.notes).toContain('One connection of the backup already exists here with the same id and stays as it is. Delete a connection first to restore it from the backup.');
    expect(result.addedConnectionIds).toEqual([connection.id]);
    expect((await harness.db.connections.get(kept.id))?.name).toBe('Weekly export (renamed)');
    expect(await harness.db.connections.count()).toBe(2);
    const again = await harness.api.restoreBackup({ file });
    expect(again.addedConnectionIds).toEqual([]);
    expect(await harness.db.connections.count()).toBe(2);
  });

  it('keeps stored property definitions and reports type conflicts', async () => {
    const { harness: source } = await seedSource();
    const file = await backupBlob(source);
    const target = createSettingsHarness(NOW_MS);
    await target.db.propertyDefinitions.bulkAdd([
      { id: 'points', label: 'Loyalty points', type: 'text' },
      { id: 'mail', label: 'Email', type: 'text' },
    ]);

    const result = await target.api.restoreBackup({ file });

    expect(await target.db.propertyDefinitions.orderBy('id').toArray()).toEqual([
      { id: 'email', label: 'Email (email)', type: 'text' },
      { id: 'mail', label: 'Email', type: 'text' },
      { id: 'points', label: 'Loyalty points', type: 'text' },
    ]);
    expect(result.propertyDefinitionsToAdd).toEqual(['Email (email)']);
    expect(result.notes.slice(0, 2)).toEqual([
      'Property email is added with the label "Email (email)", because another property is labelled "Email".',
      'Property "Loyalty points" (points) keeps its type text; the backup has it as number. Runs of restored connections read it as text.',
    ]);
  });

  it('checks a backup without writing anything', async () => {
    const { harness: source } = await seedSource();
    const file = await backupBlob(source);
    const target = createSettingsHarness(NOW_MS);

    const preview = await target.api.checkBackup({ file });

    expect(preview).toMatchObject({ createdAtMs: NOW_MS, connectionsToAdd: ['Nightly CRM import'], propertyDefinitionsToAdd: ['Email', 'Points'], consentObjectivesToAdd: ['Email marketing'] });
    expect(await target.db.connections.count()).toBe(0);
    expect(await target.db.propertyDefinitions.count()).toBe(0);
  });
});
