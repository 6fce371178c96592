import { For, Show, createResource, createSignal, onCleanup, type JSX } from 'solid-js';
import { listLinkedFiles } from '../../../storage/import-queries.ts';
import { createLive } from '../../live.ts';
import { queryReadPermission, requestReadPermission } from './file-access.ts';
import '../import/imports.css';

interface NeededFile {
  connectionName: string;
  handle: FileSystemFileHandle;
}

/**
 * Shows a notice for linked files whose read permission Chromium dropped when the app's last tab closed.
 * One "Allow access again" click requests it for each file, which only a page can do.
 */
export function LinkedFileNotice(): JSX.Element {
  const linked = createLive(listLinkedFiles);
  const [checkCount, setCheckCount] = createSignal(0);
  const [refused, setRefused] = createSignal<string[]>([]);
  const [needed] = createResource(
    () => ({ rows: linked(), check: checkCount() }),
    async ({ rows }): Promise<NeededFile[]> => {
      const states = await Promise.all((rows ?? []).map((row) => queryReadPermission(row.handle).catch((): PermissionState => 'prompt')));
      return (rows ?? []).filter((_row, index) => states[index] !== 'granted');
    },
  );

  // Permission can change in the browser's site settings while the tab is hidden.
  const recheck = (): void => {
    if (document.visibilityState === 'visible') setCheckCount((count) => count + 1);
  };
  document.addEventListener('visibilitychange', recheck);
  onCleanup(() => document.removeEventListener('visibilitychange', recheck));

  const allow = async (): Promise<void> => {
    const notGranted: string[] = [];
    for (const file of needed() ?? []) {
      const state = await requestReadPermission(file.handle);
      if (state !== 'granted') notGranted.push(file.handle.name);
    }
    setRefused(notGranted);
    setCheckCount((count) => count + 1);
  };

  return (
    <Show when={(needed.latest?.length ?? 0) > 0}>
      <div class="notice notice-warn" role="status" aria-live="polite">
        <div>
          <p>
            Runlane needs your permission again to read {needed.latest?.length === 1 ? 'a linked file' : `${needed.latest?.length} linked files`} on this device.
            Their runs fail until you allow it.
          </p>
          <ul class="linked-files">
            <For each={needed.latest ?? []}>
              {(file) => (
                <li>
                  <strong>{file.handle.name}</strong> (connection "{file.connectionName}")
                </li>
              )}
            </For>
          </ul>
          <Show when={refused().length > 0}>
            <p>
              Access was not allowed for {refused().join(', ')}. Select the button again, or link the file again in the connection's settings.
            </p>
          </Show>
        </div>
        <button type="button" class="primary" onClick={() => void allow()}>
          Allow access again
        </button>
      </div>
    </Show>
  );
}
