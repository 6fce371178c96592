/**
 * The File System Access API as the page uses it: picking a folder (needs a user gesture) and asking again
 * for permission to write, which browsers forget after a restart. TypeScript's DOM types lack these calls.
 */
import type { StoredDirectory } from '../../../contract/api/exports.ts';
import { callWorker } from '../../bridge.ts';

interface PickerWindow {
  showDirectoryPicker?: (options?: { id?: string; mode?: 'read' | 'readwrite' }) => Promise<FileSystemDirectoryHandle>;
}

interface PermissionedHandle {
  queryPermission?: (descriptor: { mode: 'readwrite' }) => Promise<PermissionState>;
  requestPermission?: (descriptor: { mode: 'readwrite' }) => Promise<PermissionState>;
}

export function canPickDirectory(): boolean {
  return typeof (window as unknown as PickerWindow).showDirectoryPicker === 'function';
}

/** Asks the user for a folder and hands it to the worker; null when the user cancelled. */
export async function pickDirectory(): Promise<StoredDirectory | null> {
  const picker = (window as unknown as PickerWindow).showDirectoryPicker;
  if (!picker) return null;
  let handle: FileSystemDirectoryHandle;
  try {
    handle = await picker.call(window, { id: 'runlane-export', mode: 'readwrite' });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') return null;
    throw error;
  }
  return callWorker('storeDirectoryHandle', { handle });
}

export async function queryWritePermission(handle: FileSystemDirectoryHandle): Promise<PermissionState> {
  const query = (handle as unknown as PermissionedHandle).queryPermission;
  return query ? query.call(handle, { mode: 'readwrite' }) : 'granted';
}

/** Asks the browser to let Runlane write to the folder again; call it from a click. */
export async function requestWritePermission(handle: FileSystemDirectoryHandle): Promise<PermissionState> {
  const request = (handle as unknown as PermissionedHandle).requestPermission;
  return request ? request.call(handle, { mode: 'readwrite' }) : 'granted';
}
