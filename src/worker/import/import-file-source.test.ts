// Dexie reads the IndexedDB globals when it loads, so the fake ones must exist before any module imports it.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../contract/errors.ts';
import { runCsvImport } from './import-pipeline.ts';
import { createImportFixture, readLogMessages, readRun, startRun, type ImportFixture } from './test-context.ts';

/** Builds a file handle like the File System Access API's, with a permission state and changing contents. */
function fakeHandle(state: { content: string; permission: PermissionState; error?: DOMException }): FileSystemFileHandle {
  return {
    kind: 'file',
    name: 'customers.csv',
    queryPermission: async () => state.permission,
    getFile: async () => {
      if (state.error) throw state.error;
      return new File([state.content], 'customers.csv', { type: 'text/csv' });
    },
  } as unknown as FileSystemFileHandle;
}

/** fake-indexeddb cannot store a handle with methods, so the table returns it from memory. */
async function linkFile(fixture: ImportFixture, handle: FileSystemFileHandle): Promise<void> {
  fixture.connection.settings = { ...(fixture.connection.settings as object), source: 'linked' } as typeof fixture.connection.settings;
  await fixture.db.connections.put(fixture.connection);
  fixture.db.fileHandles.get = (async () => ({ connectionId: fixture.connection.id, handle })) as unknown as typeof fixture.db.fileHandles.get;
}

async function run(fixture: ImportFixture): Promise<{ runId: number; error: unknown }> {
  const { context, runId } = await startRun(fixture);
  const error = await runCsvImport(context).then(
    () => null,
    (reason: unknown) => reason,
  );
  return { runId, error };
}

describe('linked file source', () => {
  it('reads the current contents of the linked file at each run', async () => {
    const fixture = await createImportFixture();
    const state = { content: 'email,name,age\na@x.org,A,1\n', permission: 'granted' as PermissionState };
    await linkFile(fixture, fakeHandle(state));

    const first = await run(fixture);
    expect(first.error).toBeNull();
    expect((await readRun(fixture, first.runId)).counters).toMatchObject({ checked: 1, added: 1 });
    expect((await readLogMessages(fixture, first.runId))[0]).toBe('Reading linked file customers.csv on this device (27 bytes), delimiter comma (detected), encoding UTF-8.');

    state.content = 'email,name,age\na@x.org,A,1\nb@x.org,B,2\n';
    const second = await run(fixture);
    expect((await readRun(fixture, second.runId)).counters).toMatchObject({ checked: 1, added: 1, skipped: 1 });
  });

  it('fails with a way to grant access when permission is needed', async () => {
    const fixture = await createImportFixture();
    await linkFile(fixture, fakeHandle({ content: '', permission: 'prompt' }));
    const { error } = await run(fixture);
    expect((error as AppError).code).toBe('file-permission');
    expect((error as AppError).message).toContain('Select "Allow access again" in the notice at the top of the page');
  });

  it('fails when the linked file was moved or deleted', async () => {
    const fixture = await createImportFixture();
    await linkFile(fixture, fakeHandle({ content: '', permission: 'granted', error: new DOMException('gone', 'NotFoundError') }));
    const { error } = await run(fixture);
    expect((error as AppError).code).toBe('not-found');
    expect((error as AppError).message).toBe(
      'The linked file "customers.csv" was not found: it may have been moved, renamed or deleted. Link the file again in the connection\'s settings.',
    );
  });
});
