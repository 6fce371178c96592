import { describe, expect, it } from 'vitest';
import type { Connection, FileExportSettings, UrlImportSettings, WebhookExportSettings } from '../../contract/model.ts';
import type { Schedule } from '../../domain/schedule.ts';
import { createControlledConnector, makeConnection, makeDb } from '../test-helpers.ts';
import { TRAINING_SESSION_KEY, copyConfigurationToTraining } from './copy-configuration.ts';
import { TRAINING_CLOCK_KEY } from './training-clock.ts';
import { guardForTraining } from './training-connectors.ts';

const START_MS = Date.parse('2026-03-05T10:00:00Z');
const EVERY_6_H: Schedule = { kind: 'timesPerDay', timesPerDay: 4, anchorTime: '11:00', timeZone: 'Europe/Amsterdam' };

const URL_IMPORT: UrlImportSettings = {
  connector: 'url-import',
  url: 'https://crm.example.com/export.csv?token=secret',
  requestHeaders: [{ name: 'Authorization', value: 'Bearer secret' }],
  format: 'csv',
  layout: 'array',
  delimiter: 'auto',
  encoding: 'utf-8',
  numberFormat: '1,234.5',
  emptyCellsClear: false,
  mapping: [],
  headers: [],
  requiredConsent: 'email-marketing',
};

const WEBHOOK_EXPORT: WebhookExportSettings = {
  connector: 'webhook-export',
  url: 'https://partner.example.com/profiles',
  headers: [],
  batchSize: 250,
  exportAll: true,
  requiredConsent: null,
};

const FOLDER_EXPORT: FileExportSettings = {
  connector: 'file-export',
  format: 'csv',
  destination: 'directory',
  directoryHandleId: 'folder-1',
  directoryName: 'Exports',
  fileNamePrefix: 'profiles',
  propertyIds: [],
  exportAll: false,
  requiredConsent: null,
};

async function setup(connections: Connection[]) {
  const real = makeDb();
  const training = makeDb();
  await real.connections.bulkPut(connections);
  await real.propertyDefinitions.put({ id: 'email', label: 'Email', type: 'text' });
  await real.consentObjectives.put({ id: 'email-marketing', label: 'Email marketing' });
  await real.profiles.put({ key: 'a@example.com', identifier: 'a@example.com', properties: {}, consent: {}, createdAtMs: 0, updatedAtMs: 0, lastRunId: null, lastConnectionId: null });
  return { real, training };
}

describe('copyConfigurationToTraining', () => {
  it('copies configuration without history', async () => {
    const connection = makeConnection({ schedule: EVERY_6_H, enabled: true, scheduleMarkMs: START_MS - 60_000, nextRunNumber: 42 });
    const { real, training } = await setup([connection]);
    await real.runs.add({ connectionId: connection.id } as never);
    const report = await copyConfigurationToTraining(real, training, START_MS, 3600);

    const [copied] = await training.connections.toArray();
    expect(copied?.id).toBe(connection.id);
    expect(copied?.enabled).toBe(true);
    expect(copied?.scheduleMarkMs).toBe(START_MS);
    expect(copied?.nextRunNumber).toBe(1);
    expect(copied?.schedule).toEqual(EVERY_6_H);
    expect(await training.propertyDefinitions.count()).toBe(1);
    expect(await training.consentObjectives.count()).toBe(1);
    expect(await training.profiles.count()).toBe(0);
    expect(await training.runs.count()).toBe(0);
    expect(report).toEqual({ startedAtMs: START_MS, connectionCount: 1, propertyDefinitionCount: 1, consentObjectiveCount: 1, notes: [] });
    expect((await training.meta.get(TRAINING_SESSION_KEY))?.value).toEqual(report);
    expect((await training.meta.get(TRAINING_CLOCK_KEY))?.value).toMatchObject({ baseMs: START_MS, speed: 3600, paused: false });
  });

  it('leaves the real database unchanged', async () => {
    const connection = makeConnection({ settings: URL_IMPORT, enabled: true, schedule: EVERY_6_H, scheduleMarkMs: START_MS });
    const { real, training } = await setup([connection]);
    await copyConfigurationToTraining(real, training, START_MS, 60);
    expect(await real.connections.get(connection.id)).toEqual(connection);
    expect(await real.profiles.count()).toBe(1);
  });

  it('replaces outside systems with stand-ins', async () => {
    const urlImport = makeConnection({ name: 'CRM feed', settings: URL_IMPORT });
    const webhook = makeConnection({ name: 'Partner export', direction: 'export', settings: WEBHOOK_EXPORT });
    const folder = makeConnection({ name: 'Folder export', direction: 'export', settings: FOLDER_EXPORT });
    const { real, training } = await setup([urlImport, webhook, folder]);
    const report = await copyConfigurationToTraining(real, training, START_MS, 600);

    const byId = new Map((await training.connections.toArray()).map((connection) => [connection.id, connection]));
    expect(byId.get(urlImport.id)?.settings).toMatchObject({ connector: 'demo-crm', requiredConsent: 'email-marketing' });
    expect(byId.get(webhook.id)?.settings).toMatchObject({ connector: 'demo-ads', batchSize: 250, exportAll: true });
    expect(byId.get(folder.id)?.settings).toMatchObject({ connector: 'file-export', destination: 'browser', directoryHandleId: null });
    expect(report.notes.map((note) => [note.name, note.note])).toEqual([
      ['CRM feed', 'The demo CRM stands in for https://crm.example.com.'],
      ['Folder export', 'Its files are kept in the training database instead of written to the folder "Exports".'],
      ['Partner export', 'The demo ad platform receives the profiles instead of https://partner.example.com.'],
    ]);
    expect(byId.get(urlImport.id)?.description).toBe('Training mode: The demo CRM stands in for https://crm.example.com.');
  });

  it('replaces an earlier training', async () => {
    const first = makeConnection({ name: 'First' });
    const { real, training } = await setup([first]);
    await copyConfigurationToTraining(real, training, START_MS, 60);
    await training.runs.add({ connectionId: first.id } as never);
    await real.connections.delete(first.id);
    const second = makeConnection({ name: 'Second' });
    await real.connections.put(second);
    await copyConfigurationToTraining(real, training, START_MS + 1, 60);
    expect((await training.connections.toArray()).map((connection) => connection.name)).toEqual(['Second']);
    expect(await training.runs.count()).toBe(0);
  });
});

describe('guardForTraining', () => {
  it('runs local connectors and refuses outside ones', async () => {
    const { connector } = createControlledConnector();
    const resolve = guardForTraining(() => connector);
    expect(resolve(makeConnection({ settings: { connector: 'test-steps', steps: 1, stepMs: 0, rowsPerStep: 1 } }))).toBe(connector);
    expect(resolve(makeConnection({ settings: { ...FOLDER_EXPORT, destination: 'browser' } }))).toBe(connector);
    const refused = await resolve(makeConnection({ settings: URL_IMPORT }));
    expect(refused).not.toBe(connector);
    const logged: string[] = [];
    const context = { connection: makeConnection({ settings: URL_IMPORT }), log: { error: (message: string) => logged.push(message) } } as never;
    await expect(refused.run(context)).rejects.toThrow('In training mode the url-import connector does not run');
    expect(logged).toEqual(['Training mode: the url-import connector was not started, because it would reach an outside system.']);
  });
});
