/**
 * Destinations of a file export: a new file in a folder the user picked (File System Access API), a Blob
 * kept in IndexedDB for download, or nowhere for a test run. Text arrives page by page. Writes to a
 * folder's file show in the file only once the stream is closed (File System Access specification,
 * `createWritable`), so a failed run leaves no partial file.
 */
import { AppError } from '../../contract/errors.ts';
import { numberedFileName } from '../../domain/export-format.ts';
import type { RunlaneDb } from '../../storage/db.ts';

export interface ExportSink {
  readonly fileName: string;
  write(text: string): Promise<void>;
  /** Completes the file. The browser sink returns its Blob; the others return null. */
  close(): Promise<Blob | null>;
  abort(): Promise<void>;
}

/** Permission methods of the File System Access API, which TypeScript's DOM types do not declare. */
interface PermissionedHandle {
  queryPermission?: (descriptor: { mode: 'read' | 'readwrite' }) => Promise<PermissionState>;
}

/** At most this many files of the same name and minute get a number (`-2`, `-3`, …) before a run fails. */
const MAX_NUMBERED_COPIES = 100;

export function createBrowserSink(fileName: string, type: string): ExportSink {
  // Blob parts, not one string: the browser may keep large Blobs on disk instead of in memory.
  const parts: Blob[] = [];
  return {
    fileName,
    write: async (text) => {
      parts.push(new Blob([text]));
    },
    close: async () => new Blob(parts, { type }),
    abort: async () => {
      parts.length = 0;
    },
  };
}

export function createDiscardSink(fileName: string): ExportSink {
  return { fileName, write: async () => undefined, close: async () => null, abort: async () => undefined };
}

/** Returns `fileName`, or the first numbered name that `isTaken` does not report. */
export async function findFreeName(fileName: string, isTaken: (name: string) => Promise<boolean>): Promise<string> {
  if (!(await isTaken(fileName))) return fileName;
  for (let copy = 2; copy <= MAX_NUMBERED_COPIES; copy++) {
    const candidate = numberedFileName(fileName, copy);
    if (!(await isTaken(candidate))) return candidate;
  }
  throw new AppError('invalid-input', `The folder contains ${MAX_NUMBERED_COPIES} files named like "${fileName}" already. Move some of them away, then run the export again.`);
}

/** Opens the picked folder and checks that Runlane may still write to it. */
export async function openExportDirectory(db: RunlaneDb, handleId: string | null): Promise<{ handle: FileSystemDirectoryHandle; name: string }> {
  const row = handleId ? await db.directoryHandles.get(handleId) : undefined;
  if (!row) {
    throw new AppError('not-found', 'No folder is picked for this export, or it is no longer known. Pick the folder again in the connection settings.');
  }
  const query = (row.handle as unknown as PermissionedHandle).queryPermission;
  const permission = query ? await query.call(row.handle, { mode: 'readwrite' }) : 'granted';
  if (permission !== 'granted') {
    throw new AppError(
      'folder-permission',
      `Runlane may not write to the folder "${row.name}" now, because the browser asks again after a restart. Open the connection, choose "Allow writing to the folder", then run it again.`,
    );
  }
  return { handle: row.handle, name: row.name };
}

export async function openDirectorySink(directory: { handle: FileSystemDirectoryHandle; name: string }, fileName: string): Promise<ExportSink> {
  const name = await findFreeName(fileName, (candidate) => fileExists(directory.handle, candidate));
  let writable: FileSystemWritableFileStream;
  try {
    const file = await directory.handle.getFileHandle(name, { create: true });
    writable = await file.createWritable();
  } catch (error) {
    throw describeFolderError(error, directory.name, name);
  }
  return {
    fileName: name,
    write: async (text) => {
      try {
        await writable.write(text);
      } catch (error) {
        throw describeFolderError(error, directory.name, name);
      }
    },
    close: async () => {
      try {
        await writable.close();
      } catch (error) {
        throw describeFolderError(error, directory.name, name);
      }
      return null;
    },
    abort: async () => {
      await writable.abort().catch(() => undefined);
      // The empty file that getFileHandle created stays unless it is removed.
      await directory.handle.removeEntry(name).catch(() => undefined);
    },
  };
}

async function fileExists(directory: FileSystemDirectoryHandle, name: string): Promise<boolean> {
  try {
    await directory.getFileHandle(name);
    return true;
  } catch (error) {
    if (error instanceof DOMException && (error.name === 'NotFoundError' || error.name === 'TypeMismatchError')) return error.name === 'TypeMismatchError';
    throw error;
  }
}

function describeFolderError(error: unknown, folderName: string, fileName: string): unknown {
  if (!(error instanceof DOMException)) return error;
  if (error.name === 'NotAllowedError' || error.name === 'SecurityError') {
    return new AppError('folder-permission', `Runlane may not write "${fileName}" into the folder "${folderName}". Allow writing to the folder in the connection settings, then run it again.`, { cause: error });
  }
  if (error.name === 'QuotaExceededError') {
    return new AppError('storage-quota', `The disk holding the folder "${folderName}" is full, so "${fileName}" was not written.`, { cause: error });
  }
  if (error.name === 'NotFoundError') {
    return new AppError('not-found', `The folder "${folderName}" no longer exists. Pick a folder again in the connection settings.`, { cause: error });
  }
  return error;
}
