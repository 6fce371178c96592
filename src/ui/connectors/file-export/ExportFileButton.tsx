import { Show, createEffect, type JSX } from 'solid-js';
import type { Connection, Run } from '../../../contract/model.ts';
import { getExportFileInfo } from '../../../storage/export-queries.ts';
import { formatBytes } from '../../format.ts';
import { createLiveQuery } from '../../live.ts';
import { act, showToast } from '../../toast.tsx';
import { downloadExportFile, forgetPendingDownload, isDownloadPending } from './export-downloads.ts';

/**
 * Renders the download button of a run that kept its file in this browser, and nothing for other runs. A
 * run this tab started with "Export now and download" downloads its file once it is there.
 */
export function ExportFileButton(props: { run: Run; connection: Connection }): JSX.Element {
  const isFileExport = (): boolean => props.connection.settings.connector === 'file-export';
  const info = createLiveQuery(
    () => (isFileExport() && props.run.state !== 'queued' && props.run.state !== 'running' ? props.run.id : null),
    (db, runId) => (runId === null ? Promise.resolve(null) : getExportFileInfo(db, runId)),
  );

  createEffect(() => {
    const file = info();
    const runId = props.run.id;
    if (!isDownloadPending(runId)) return;
    if (file) {
      forgetPendingDownload(runId);
      act(() => downloadExportFile(file.id));
    } else if (props.run.state !== 'queued' && props.run.state !== 'running' && props.run.state !== 'stopping' && props.run.state !== 'finished') {
      forgetPendingDownload(runId);
      showToast(`Run #${props.run.number} ended without a file, so nothing was downloaded. Its log says why.`, 'error');
    }
  });

  return (
    <Show when={info()}>
      {(file) => (
        <button type="button" aria-label={`Download file of run ${props.run.number}`} title={`${file().fileName} (${formatBytes(file().size)})`} onClick={() => act(() => downloadExportFile(file().id))}>
          Download file
        </button>
      )}
    </Show>
  );
}
