/**
 * Finds the file a file import reads at each run: the copy stored in IndexedDB, or the file on the
 * device that the connection links to through a File System Access handle.
 */
import { AppError } from '../../contract/errors.ts';
import type { FileSource } from '../../contract/model.ts';
import type { RunContext } from '../../connectors/connector.ts';
import type { TextFileKind } from '../../connectors/csv/decode-text.ts';
import { describeLinkedFileError, queryReadPermission } from '../../connectors/file-handles.ts';

/** A file an import run reads. */
export interface ImportFileInput {
  blob: Blob;
  /** What the run's first line calls it, for example "file customers.csv". */
  description: string;
}

export async function loadConnectionFile(context: RunContext, source: FileSource, kind: TextFileKind): Promise<ImportFileInput> {
  return source === 'linked' ? loadLinkedFile(context) : loadStoredFile(context, kind);
}

async function loadStoredFile(context: RunContext, kind: TextFileKind): Promise<ImportFileInput> {
  const stored = await context.db.files.get(context.connection.id);
  if (!stored) {
    throw new AppError('not-found', `The connection has no stored file. Pick the ${kind.toUpperCase()} file again in the connection settings.`);
  }
  return { blob: stored.blob, description: `file ${stored.name}` };
}

async function loadLinkedFile(context: RunContext): Promise<ImportFileInput> {
  const row = await context.db.fileHandles.get(context.connection.id);
  if (!row) {
    throw new AppError('not-found', 'The connection has no linked file. Link the file on this device again in the connection settings.');
  }
  const { handle } = row;
  const permission = await queryReadPermission(handle);
  if (permission !== 'granted') throw describeLinkedFileError(handle.name, new DOMException('Permission is needed.', 'NotAllowedError'));
  try {
    const file = await handle.getFile();
    return { blob: file, description: `linked file ${handle.name} on this device` };
  } catch (error) {
    throw describeLinkedFileError(handle.name, error);
  }
}
