/**
 * Commands that change the file a CSV or JSON file import reads: a new stored copy, or a link to the
 * file on the device. Each checks the new file's columns against the mapping before anything changes.
 */
import { AppError } from '../../contract/errors.ts';
import type { Connection } from '../../contract/model.ts';
import { inspectCsv } from '../../connectors/csv/decode-csv.ts';
import { describeLinkedFileError } from '../../connectors/file-handles.ts';
import { scanJson } from '../../connectors/json/decode-json.ts';
import type { Clock } from '../../domain/clock.ts';
import type { RunlaneDb } from '../../storage/db.ts';
import { isFileImportSettings, type FileImportSettings } from '../import-connections.ts';

interface Commands {
  db: RunlaneDb;
  clock: Clock;
}

async function requireFileImport(db: RunlaneDb, id: string): Promise<{ connection: Connection; settings: FileImportSettings }> {
  const connection = await db.connections.get(id);
  if (!connection) throw new AppError('not-found', `Connection ${id} does not exist; it may have been deleted in another tab.`);
  if (!isFileImportSettings(connection.settings)) throw new AppError('invalid-input', 'This connection does not read a file.');
  return { connection, settings: connection.settings };
}

/**
 * Returns the column names of `file` as the connection reads it: the CSV header, or every key of the JSON
 * file's objects. Rejects with the AppError a run would fail with.
 */
async function readColumns(file: Blob, settings: FileImportSettings): Promise<{ headers: string[]; isEmpty: boolean }> {
  if (settings.connector === 'json-file') {
    const scan = await scanJson(file, { encoding: settings.encoding, layout: settings.layout });
    return { headers: scan.keys, isEmpty: scan.itemCount === 0 };
  }
  const preview = await inspectCsv(file, { encoding: settings.encoding, delimiter: settings.delimiter });
  const error = preview.problems.find((problem) => problem.level === 'error');
  if (error) throw new AppError(error.code ?? 'invalid-input', error.message);
  return { headers: preview.headers, isEmpty: false };
}

function checkMappedColumns(settings: FileImportSettings, fileName: string, columns: { headers: string[]; isEmpty: boolean }): void {
  if (columns.isEmpty) return;
  const missing = settings.mapping.map((entry) => entry.column).filter((column) => !columns.headers.includes(column.trim()));
  if (missing.length === 0) return;
  const singular = settings.connector === 'json-file' ? 'key' : 'column';
  const noun = missing.length === 1 ? singular : `${singular}s`;
  throw new AppError(
    'file-missing-columns',
    `The new file "${fileName}" lacks the mapped ${noun} ${missing.map((name) => `"${name}"`).join(', ')}. ` +
      'Pick a file with the same columns, or change the mapping first. The current file was kept.',
  );
}

/** Stores `file` as the connection's copy and deletes the link to a file on the device. */
export async function storeImportFile({ db, clock }: Commands, request: { id: string; file: Blob; fileName: string }): Promise<Connection> {
  const { settings } = await requireFileImport(db, request.id);
  const columns = await readColumns(request.file, settings);
  checkMappedColumns(settings, request.fileName, columns);
  return db.transaction('rw', [db.connections, db.files, db.fileHandles], async () => {
    const { connection, settings: current } = await requireFileImport(db, request.id);
    const nowMs = clock.nowMs();
    await db.files.put({ connectionId: request.id, name: request.fileName, size: request.file.size, type: request.file.type, storedAtMs: nowMs, blob: request.file });
    await db.fileHandles.delete(request.id);
    const changed = { ...current, fileName: request.fileName, headers: columns.headers.length > 0 ? columns.headers : current.headers, source: 'stored' as const };
    await db.connections.update(request.id, { settings: changed, updatedAtMs: nowMs });
    return { ...connection, settings: changed, updatedAtMs: nowMs };
  });
}

/** Links the file on the device; each run reads its current contents. The stored copy is deleted. */
export async function linkImportFile({ db, clock }: Commands, request: { id: string; handle: FileSystemFileHandle }): Promise<Connection> {
  const { settings } = await requireFileImport(db, request.id);
  let file: File;
  try {
    file = await request.handle.getFile();
  } catch (error) {
    throw describeLinkedFileError(request.handle.name, error);
  }
  const columns = await readColumns(file, settings);
  checkMappedColumns(settings, request.handle.name, columns);
  return db.transaction('rw', [db.connections, db.files, db.fileHandles], async () => {
    const { connection, settings: current } = await requireFileImport(db, request.id);
    const nowMs = clock.nowMs();
    await db.fileHandles.put({ connectionId: request.id, handle: request.handle });
    await db.files.delete(request.id);
    const changed = { ...current, fileName: request.handle.name, headers: columns.headers.length > 0 ? columns.headers : current.headers, source: 'linked' as const };
    await db.connections.update(request.id, { settings: changed, updatedAtMs: nowMs });
    return { ...connection, settings: changed, updatedAtMs: nowMs };
  });
}
