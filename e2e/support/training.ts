/** Reading the databases of this origin straight from IndexedDB, and the training clock, in end-to-end tests. */
import type { Page } from '@playwright/test';

/** Reads one store of a database of this origin through IndexedDB, without Dexie. */
export async function readStore<T>(page: Page, databaseName: string, storeName: string): Promise<T[]> {
  return page.evaluate(
    ([name, store]) =>
      new Promise<T[]>((resolve, reject) => {
        const open = indexedDB.open(name);
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          try {
            const request = db.transaction(store, 'readonly').objectStore(store).getAll();
            request.onsuccess = () => {
              db.close();
              resolve(request.result as T[]);
            };
            request.onerror = () => reject(request.error);
          } catch (error) {
            // A store the database lacks throws NotFoundError here.
            db.close();
            reject(error);
          }
        };
      }),
    [databaseName, storeName] as const,
  );
}

/** Reads the training clock's time, computed from its stored state as the worker does. */
export async function readTrainingNowMs(page: Page): Promise<number> {
  const meta = await readStore<{ key: string; value: { baseMs: number; realAtMs: number; speed: number; paused: boolean } }>(page, 'runlane-training', 'meta');
  const state = meta.find((row) => row.key === 'training-clock')?.value;
  if (!state) throw new Error('The training clock is not stored.');
  return state.paused ? state.baseMs : state.baseMs + (Date.now() - state.realAtMs) * state.speed;
}
