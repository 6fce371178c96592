/**
 * Reading files linked with the File System Access API. TypeScript's DOM library lacks the permission
 * methods, which Chromium has on file handles in pages and workers, so they are typed here.
 */
import { AppError } from '../contract/errors.ts';

interface PermissionDescriptor {
  mode: 'read' | 'readwrite';
}

/** A file handle with the permission methods of the File System Access API. */
export type PermissionedFileHandle = FileSystemFileHandle & {
  queryPermission?(descriptor: PermissionDescriptor): Promise<PermissionState>;
  requestPermission?(descriptor: PermissionDescriptor): Promise<PermissionState>;
};

/** Returns the read permission of `handle`; browsers without `queryPermission` count as granted. */
export async function queryReadPermission(handle: FileSystemFileHandle): Promise<PermissionState> {
  const permissioned = handle as PermissionedFileHandle;
  if (typeof permissioned.queryPermission !== 'function') return 'granted';
  return permissioned.queryPermission({ mode: 'read' });
}

/**
 * Turns a failure to read a linked file into an AppError: 'file-permission' when the browser needs the
 * user's permission again, 'not-found' when the file was moved, renamed or deleted.
 */
export function describeLinkedFileError(fileName: string, error: unknown): AppError {
  const name = error instanceof DOMException ? error.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError') {
    return new AppError(
      'file-permission',
      `Runlane may not read the linked file "${fileName}" now: the browser asks for permission again after Runlane's last tab was closed. ` +
        'Select "Allow access again" in the notice at the top of the page, then run the connection again.',
      { cause: error },
    );
  }
  if (name === 'NotFoundError') {
    return new AppError(
      'not-found',
      `The linked file "${fileName}" was not found: it may have been moved, renamed or deleted. Link the file again in the connection's settings.`,
      { cause: error },
    );
  }
  return new AppError('not-found', `The linked file "${fileName}" could not be read (${String(error)}). Link the file again in the connection's settings.`, {
    cause: error,
  });
}
