/** Saves text the page built as a file, through a temporary object URL. */
import type { Run, RunLogEntry } from '../contract/model.ts';
import { loadRunLog } from '../storage/queries.ts';
import type { RunlaneDb } from '../storage/db.ts';

/** A file name from user text: letters, digits, dots, dashes and underscores only. */
export function safeFileName(text: string): string {
  const cleaned = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '');
  return cleaned.slice(0, 80) || 'connection';
}

export function formatLogText(entries: RunLogEntry[]): string {
  return entries.map((entry) => `${new Date(entry.atMs).toISOString()} [${entry.level}] ${entry.message}`).join('\n') + '\n';
}

export function runLogFileName(connectionName: string, run: Pick<Run, 'number'>): string {
  return `${safeFileName(connectionName)}-run-${run.number}.log`;
}

export function saveTextFile(fileName: string, text: string, type = 'text/plain'): void {
  const url = URL.createObjectURL(new Blob([text], { type: `${type};charset=utf-8` }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export async function downloadRunLog(db: RunlaneDb, connectionName: string, run: Run): Promise<void> {
  const entries = await loadRunLog(db, run.id);
  saveTextFile(runLogFileName(connectionName, run), formatLogText(entries));
}
