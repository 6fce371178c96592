/**
 * Helpers for end-to-end import checks: the downloaded run log, stored profiles read straight from
 * IndexedDB, and files on the device backed by the Origin Private File System.
 */
import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import type { PropertyValue } from '../../src/contract/model.ts';
import type { ConnectionPage } from '../pages/connection-page.ts';

/** Downloads a run's log through its button in the run history and returns its lines without timestamps. */
export async function downloadLogLines(page: Page, connection: ConnectionPage, runNumber: number): Promise<string[]> {
  await connection.runRow(runNumber).hover();
  const downloadPromise = page.waitForEvent('download');
  await connection.runRow(runNumber).getByRole('button', { name: `Download log of run ${runNumber}` }).click();
  const text = await readFile(await (await downloadPromise).path(), 'utf8');
  // Each line reads "2026-03-05T10:00:00.000Z [info] …"; the controlled clock makes the time the same for all.
  return text.trimEnd().split('\n').map((line) => line.replace(/^\S+ /, ''));
}

export interface StoredProfile {
  identifier: string;
  properties: Record<string, PropertyValue>;
}

/** Reads profiles by key from the app's database; a key without a profile maps to null. */
export async function readProfiles(page: Page, keys: readonly string[]): Promise<Record<string, StoredProfile | null>> {
  return page.evaluate(
    (wanted) =>
      new Promise<Record<string, StoredProfile | null>>((resolve, reject) => {
        const request = indexedDB.open('runlane');
        request.onerror = () => reject(request.error);
        request.onsuccess = () => {
          const database = request.result;
          const store = database.transaction('profiles').objectStore('profiles');
          const found: Record<string, StoredProfile | null> = {};
          for (const key of wanted) {
            const get = store.get(key);
            get.onsuccess = () => {
              const profile = get.result as StoredProfile | undefined;
              found[key] = profile ? { identifier: profile.identifier, properties: profile.properties } : null;
              if (Object.keys(found).length === wanted.length) {
                database.close();
                resolve(found);
              }
            };
          }
          if (wanted.length === 0) resolve(found);
        };
      }),
    [...keys],
  );
}

/** Returns the worker's controlled clock; the call fails when the worker no longer responds. */
export async function readWorkerClock(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as { runlaneTest: { getClock(): Promise<number> } }).runlaneTest.getClock());
}

/** Makes `showOpenFilePicker` return a file of the Origin Private File System, which tests can write. */
export async function stubFilePicker(page: Page, fileName: string): Promise<void> {
  await page.addInitScript((name) => {
    (window as unknown as { showOpenFilePicker: () => Promise<FileSystemFileHandle[]> }).showOpenFilePicker = async () => {
      const root = await navigator.storage.getDirectory();
      return [await root.getFileHandle(name, { create: true })];
    };
  }, fileName);
}

/** Replaces the contents of a file on the device, as another program saving it would. */
export async function writeDeviceFile(page: Page, fileName: string, content: string | Buffer): Promise<void> {
  const bytes = [...(typeof content === 'string' ? Buffer.from(content) : content)];
  await page.evaluate(
    async ([name, data]) => {
      const root = await navigator.storage.getDirectory();
      const handle = await root.getFileHandle(name, { create: true });
      const writable = await handle.createWritable();
      await writable.write(new Uint8Array(data));
      await writable.close();
    },
    [fileName, bytes] as const,
  );
}
