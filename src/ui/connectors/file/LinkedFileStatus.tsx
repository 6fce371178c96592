import { Show, createResource, type JSX } from 'solid-js';
import { getLinkedFile } from '../../../storage/import-queries.ts';
import { createLiveQuery } from '../../live.ts';
import { queryReadPermission } from './file-access.ts';

/**
 * Shows a connection's linked file and whether Runlane may read it now. Permission is requested in one
 * place, the notice at the top of the page, which covers every linked file.
 */
export function LinkedFileStatus(props: { connectionId: string }): JSX.Element {
  const linked = createLiveQuery(() => props.connectionId, getLinkedFile);
  const [permission] = createResource(linked, (row) => queryReadPermission(row.handle));

  return (
    <Show when={linked()} fallback={<p class="field-error">No linked file: choose the file on this device again.</p>}>
      {(row) => (
        <div class="linked-file">
          <p>
            Linked file: <strong>{row().handle.name}</strong> on this device. Each run reads its current contents.
          </p>
          <Show when={permission() && permission() !== 'granted'}>
            <p class="field-error">The browser needs your permission again before runs can read this file: select Allow access again at the top of the page.</p>
          </Show>
        </div>
      )}
    </Show>
  );
}
