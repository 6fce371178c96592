/**
 * Downloads of files that file exports kept in this browser. A scheduled run has no user gesture, so its
 * file waits for the download button. A run started with "Export now and download" in this tab is
 * downloaded as soon as it ends.
 */
import { createSignal } from 'solid-js';
import { loadExportFile } from '../../../storage/export-queries.ts';
import { useDb } from '../../live.ts';

const [pendingRunIds, setPendingRunIds] = createSignal<ReadonlySet<number>>(new Set());

/** Marks a run whose file this tab downloads when the run ends. */
export function downloadWhenDone(runId: number): void {
  setPendingRunIds(new Set([...pendingRunIds(), runId]));
}

export function isDownloadPending(runId: number): boolean {
  return pendingRunIds().has(runId);
}

export function forgetPendingDownload(runId: number): void {
  const next = new Set(pendingRunIds());
  next.delete(runId);
  setPendingRunIds(next);
}

/** Saves a kept export file through a temporary object URL. */
export async function downloadExportFile(fileId: number): Promise<void> {
  const file = await loadExportFile(useDb(), fileId);
  if (!file) throw new Error(`Export file ${fileId} is no longer stored.`);
  const url = URL.createObjectURL(file.blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = file.fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
