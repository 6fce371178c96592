import { describe, expect, it, vi } from 'vitest';
import type { AppError } from '../../contract/errors.ts';
import type { FileExportSettings } from '../../contract/model.ts';
import { createExportFixture, EXPORT_TEST_START_MS, finishRun, makeProfile, readLog, readRun, startExportRun, type ExportFixture } from '../../worker/export/export-test-context.ts';
import { fileExportConnector, MAX_KEPT_EXPORT_FILES } from './file-export-connector.ts';

function makeSettings(overrides: Partial<FileExportSettings> = {}): FileExportSettings {
  return {
    connector: 'file-export',
    format: 'csv',
    destination: 'browser',
    directoryHandleId: null,
    directoryName: null,
    fileNamePrefix: 'profiles',
    propertyIds: [],
    exportAll: false,
    requiredConsent: null,
    ...overrides,
  };
}

/** Reads the file's text with its byte-order mark, which Blob.text() would drop. */
async function readText(blob: Blob | undefined): Promise<string> {
  if (!blob) return '';
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(await blob.arrayBuffer());
}

/** Stores a folder. Its handle contains functions, which IndexedDB cannot clone, so the lookup is stubbed. */
function storeFolder(fixture: ExportFixture, handle: FileSystemDirectoryHandle): void {
  vi.spyOn(fixture.db.directoryHandles, 'get').mockResolvedValue({ id: 'folder-1', name: 'Exports', handle, storedAtMs: 0 });
}

async function seedProfiles(fixture: ExportFixture): Promise<void> {
  await fixture.db.propertyDefinitions.bulkPut([
    { id: 'email', label: 'Email', type: 'text' },
    { id: 'first_name', label: 'First name', type: 'text' },
    { id: 'points', label: 'Points', type: 'number' },
  ]);
  await fixture.db.profiles.bulkPut([
    makeProfile('ada@example.com', EXPORT_TEST_START_MS, { properties: { email: 'ada@example.com', first_name: 'Ada', points: -5 } }),
    makeProfile('eve@example.com', EXPORT_TEST_START_MS, { properties: { email: 'eve@example.com', first_name: '=HYPERLINK("http://evil.example","click")', points: 3 } }),
  ]);
}

/** Returns a folder handle in memory, with the File System Access methods the sink uses. */
function makeFolder(permission: PermissionState = 'granted'): { handle: FileSystemDirectoryHandle; files: Map<string, string> } {
  const files = new Map<string, string>();
  const handle = {
    kind: 'directory',
    name: 'Exports',
    queryPermission: async () => permission,
    getFileHandle: async (name: string, options?: { create?: boolean }) => {
      if (!files.has(name) && !options?.create) throw new DOMException('missing', 'NotFoundError');
      if (!files.has(name)) files.set(name, '');
      let pending = '';
      return {
        createWritable: async () => ({
          write: async (text: string) => {
            pending += text;
          },
          close: async () => {
            files.set(name, pending);
          },
          abort: async () => undefined,
        }),
      };
    },
    removeEntry: async (name: string) => {
      files.delete(name);
    },
  };
  return { handle: handle as unknown as FileSystemDirectoryHandle, files };
}

describe('file export', () => {
  it('keeps a CSV file with neutralised formulas in the browser', async () => {
    const fixture = await createExportFixture(makeSettings());
    await seedProfiles(fixture);
    const { context, runId } = await startExportRun(fixture);
    await fileExportConnector.run(context);

    const [file] = await fixture.db.exportFiles.toArray();
    expect(file?.runId).toBe(runId);
    expect(file?.fileName).toMatch(/^profiles-2026-03-05T\d{4}\.csv$/);
    expect(file?.type).toBe('text/csv;charset=utf-8');
    expect(await readText(file?.blob)).toBe(
      '\uFEFFidentifier,email,first_name,points\r\n' +
        'ada@example.com,ada@example.com,Ada,-5\r\n' +
        `eve@example.com,eve@example.com,"'=HYPERLINK(""http://evil.example"",""click"")",3\r\n`,
    );
    expect((await readRun(fixture, runId)).counters).toEqual({ checked: 2, added: 2, updated: 0, unchanged: 0, skipped: 0, failed: 0, blocked: 0 });
  });

  it('writes JSON with the chosen properties only', async () => {
    const fixture = await createExportFixture(makeSettings({ format: 'json', propertyIds: ['first_name', 'gone'] }));
    await seedProfiles(fixture);
    const { context, runId } = await startExportRun(fixture);
    await fileExportConnector.run(context);
    const [file] = await fixture.db.exportFiles.toArray();
    const text = (await readText(file?.blob)) ?? '';
    expect(text.split('\n')).toHaveLength(5);
    expect(JSON.parse(text)).toEqual([
      { identifier: 'ada@example.com', properties: { first_name: 'Ada' }, consent: {}, createdAt: '2026-03-05T10:00:00.000Z', updatedAt: '2026-03-05T10:00:00.000Z' },
      {
        identifier: 'eve@example.com',
        properties: { first_name: '=HYPERLINK("http://evil.example","click")' },
        consent: {},
        createdAt: '2026-03-05T10:00:00.000Z',
        updatedAt: '2026-03-05T10:00:00.000Z',
      },
    ]);
    expect(await readLog(fixture, runId)).toContain('Property "gone" no longer exists, so the file has no column for it.');
  });

  it('writes every stored property to JSON', async () => {
    const fixture = await createExportFixture(makeSettings({ format: 'json' }));
    await fixture.db.profiles.put(makeProfile('ada@example.com', EXPORT_TEST_START_MS, { properties: { email: 'ada@example.com', undefined_property: 3 } }));
    const { context } = await startExportRun(fixture);
    await fileExportConnector.run(context);
    const [file] = await fixture.db.exportFiles.toArray();
    expect(JSON.parse(await readText(file?.blob))[0].properties).toEqual({ email: 'ada@example.com', undefined_property: 3 });
  });

  it('writes an empty JSON array when nothing changed', async () => {
    const fixture = await createExportFixture(makeSettings({ format: 'json' }));
    const { context } = await startExportRun(fixture);
    await fileExportConnector.run(context);
    const [file] = await fixture.db.exportFiles.toArray();
    expect(await readText(file?.blob)).toBe('[]\n');
  });

  it('exports only profiles changed since the last successful run', async () => {
    const fixture = await createExportFixture(makeSettings());
    await seedProfiles(fixture);
    fixture.clock.advance(60_000);
    const first = await startExportRun(fixture);
    await fileExportConnector.run(first.context);
    await finishRun(fixture, first.runId);
    fixture.clock.advance(60 * 60_000);
    await fixture.db.profiles.update('eve@example.com', { updatedAtMs: fixture.clock.nowMs(), properties: { email: 'eve@example.com', first_name: 'Eve', points: 3 } });
    const second = await startExportRun(fixture);
    await fileExportConnector.run(second.context);
    const files = await fixture.db.exportFiles.toArray();
    expect(await readText(files[1]?.blob)).toBe('\uFEFFidentifier,email,first_name,points\r\neve@example.com,eve@example.com,Eve,3\r\n');
    expect((await readRun(fixture, second.runId)).counters).toEqual({ checked: 1, added: 0, updated: 1, unchanged: 0, skipped: 0, failed: 0, blocked: 0 });
  });

  it('numbers same-minute files, keeps the latest', async () => {
    const fixture = await createExportFixture(makeSettings());
    await seedProfiles(fixture);
    for (let i = 0; i < MAX_KEPT_EXPORT_FILES + 1; i++) {
      const { context } = await startExportRun(fixture);
      await fileExportConnector.run(context);
    }
    const names = (await fixture.db.exportFiles.toArray()).map((file) => file.fileName);
    expect(names).toHaveLength(MAX_KEPT_EXPORT_FILES);
    expect(names.at(-1)).toMatch(/^profiles-2026-03-05T\d{4}-21\.csv$/);
  });

  it('writes into a picked folder', async () => {
    const folder = makeFolder();
    const fixture = await createExportFixture(makeSettings({ destination: 'directory', directoryHandleId: 'folder-1', directoryName: 'Exports' }));
    storeFolder(fixture, folder.handle);
    await seedProfiles(fixture);
    const { context, runId } = await startExportRun(fixture);
    await fileExportConnector.run(context);
    expect([...folder.files.keys()]).toHaveLength(1);
    expect([...folder.files.values()][0]).toContain('ada@example.com,ada@example.com,Ada,-5\r\n');
    expect(await fixture.db.exportFiles.count()).toBe(0);
    expect((await readLog(fixture, runId))[0]).toMatch(/^Writing profiles-2026-03-05T\d{4}\.csv into the folder "Exports"\.$/);
  });

  it('fails with a clear message when the folder permission is gone', async () => {
    const folder = makeFolder('prompt');
    const fixture = await createExportFixture(makeSettings({ destination: 'directory', directoryHandleId: 'folder-1', directoryName: 'Exports' }));
    storeFolder(fixture, folder.handle);
    const { context } = await startExportRun(fixture);
    const error = (await fileExportConnector.run(context).catch((caught: unknown) => caught)) as AppError;
    expect(error.code).toBe('folder-permission');
    expect(error.message).toContain('Allow writing to the folder');
    expect(folder.files.size).toBe(0);
  });

  it('leaves out profiles without the required consent', async () => {
    const fixture = await createExportFixture(makeSettings({ requiredConsent: 'email_marketing' }));
    await seedProfiles(fixture);
    await fixture.db.profiles.update('ada@example.com', { consent: { email_marketing: true } });
    await fixture.db.consentObjectives.put({ id: 'email_marketing', label: 'Email marketing' });
    const { context, runId } = await startExportRun(fixture);
    await fileExportConnector.run(context);
    const [file] = await fixture.db.exportFiles.toArray();
    expect(await readText(file?.blob)).toBe('\uFEFFidentifier,email,first_name,points,consent:email_marketing\r\nada@example.com,ada@example.com,Ada,-5,true\r\n');
    expect((await readRun(fixture, runId)).counters.blocked).toBe(1);
  });

  it('writes no file on a test run', async () => {
    const fixture = await createExportFixture(makeSettings());
    await seedProfiles(fixture);
    const { context, runId } = await startExportRun(fixture, { trigger: 'test' });
    await fileExportConnector.run(context);
    expect(await fixture.db.exportFiles.count()).toBe(0);
    expect((await readRun(fixture, runId)).counters.checked).toBe(2);
  });
});
