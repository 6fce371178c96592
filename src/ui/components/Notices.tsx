import { Show, onCleanup, type JSX } from 'solid-js';
import { health, watchHealth } from '../health.ts';
import { createLive, databaseNotice, useDb } from '../live.ts';
import { readMeta } from '../../storage/queries.ts';
import { updateReady, reloadWithUpdate } from '../../pwa/register.ts';
import { loadQueueView } from '../../storage/queries.ts';

interface InterruptedNotice {
  runIds: number[];
  atMs: number;
}

/** Lasting notices: runs interrupted by a closed tab, and a new version waiting to load. */
export function Notices(): JSX.Element {
  const interrupted = createLive((db) => readMeta<InterruptedNotice>(db, 'interrupted-notice'));
  const queue = createLive(loadQueueView);
  const busy = (): boolean => (queue()?.active.length ?? 0) + (queue()?.queued.length ?? 0) > 0;
  const isStorageFull = (): boolean => health().isStorageFull;
  onCleanup(watchHealth());
  const dismiss = (): void => {
    // The notice is the page's own UI state; dismissing it is the one write the page makes.
    void useDb().meta.delete('interrupted-notice');
  };
  return (
    <>
      <Show when={isStorageFull()}>
        <div class="notice notice-error" role="alert">
          Storage is full: the browser refuses to save more data for Runlane, so runs fail until space is freed. Data already saved is kept. Delete
          connections or old runs you no longer need, or free disk space on this device.
        </div>
      </Show>
      <Show when={databaseNotice() === 'newer-version'}>
        <div class="notice notice-error" role="alert">
          A newer version of Runlane was opened in another tab, so this tab stopped using the database. Your data is safe. Reload this tab to go on.{' '}
          <button type="button" onClick={() => location.reload()}>
            Reload
          </button>
        </div>
      </Show>
      <Show when={databaseNotice() === 'blocked'}>
        <div class="notice notice-error" role="alert">
          Another Runlane tab runs an older version and holds the database. Reload or close that tab; this tab goes on once it has.
        </div>
      </Show>
      <Show when={interrupted()}>
        {(notice) => (
          <div class="notice notice-warn" role="status">
            {notice().runIds.length === 1 ? 'A run was' : `${notice().runIds.length} runs were`} interrupted because the tab that ran{' '}
            {notice().runIds.length === 1 ? 'it' : 'them'} closed or crashed. Their history shows the counters of the batches they committed.{' '}
            <button type="button" onClick={dismiss}>
              Dismiss
            </button>
          </div>
        )}
      </Show>
      <Show when={updateReady()}>
        <div class="notice" role="status">
          A new version of Runlane is ready.{' '}
          <Show when={busy()}>
            <strong>A run is running or queued: reloading now interrupts it.</strong>{' '}
          </Show>
          <button type="button" onClick={() => void reloadWithUpdate()}>
            Reload to update
          </button>
        </div>
      </Show>
    </>
  );
}
