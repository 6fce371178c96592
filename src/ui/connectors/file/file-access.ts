/**
 * The page's side of files linked with the File System Access API: picking a file and requesting the
 * permission to read it again. Only a page can request it, and only in response to a click or key press.
 */

interface PermissionDescriptor {
  mode: 'read' | 'readwrite';
}

type PermissionedHandle = FileSystemFileHandle & {
  queryPermission?(descriptor: PermissionDescriptor): Promise<PermissionState>;
  requestPermission?(descriptor: PermissionDescriptor): Promise<PermissionState>;
};

interface FilePickerOptions {
  multiple?: boolean;
  excludeAcceptAllOption?: boolean;
  types?: { description: string; accept: Record<string, string[]> }[];
}

type WindowWithPicker = Window & { showOpenFilePicker?: (options?: FilePickerOptions) => Promise<FileSystemFileHandle[]> };

const PICKER_TYPES: Record<'csv' | 'json', FilePickerOptions['types']> = {
  csv: [{ description: 'CSV or TSV file', accept: { 'text/csv': ['.csv', '.txt'], 'text/tab-separated-values': ['.tsv'] } }],
  json: [{ description: 'JSON or JSON lines file', accept: { 'application/json': ['.json'], 'application/x-ndjson': ['.jsonl', '.ndjson'] } }],
};

/** True where the browser can pick a file and keep its handle (Chromium-based browsers on a computer). */
export function supportsFileLinks(): boolean {
  return typeof (window as WindowWithPicker).showOpenFilePicker === 'function';
}

/** Opens the browser's file picker; returns null when the user closes it without a file. */
export async function pickFileHandle(format: 'csv' | 'json'): Promise<FileSystemFileHandle | null> {
  const picker = (window as WindowWithPicker).showOpenFilePicker;
  if (!picker) return null;
  try {
    const [handle] = await picker({ multiple: false, types: PICKER_TYPES[format] });
    return handle ?? null;
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') return null;
    throw error;
  }
}

export async function queryReadPermission(handle: FileSystemFileHandle): Promise<PermissionState> {
  const permissioned = handle as PermissionedHandle;
  if (typeof permissioned.queryPermission !== 'function') return 'granted';
  return permissioned.queryPermission({ mode: 'read' });
}

/** Asks the user for permission to read the file; call it from a click handler. */
export async function requestReadPermission(handle: FileSystemFileHandle): Promise<PermissionState> {
  const permissioned = handle as PermissionedHandle;
  if (typeof permissioned.requestPermission !== 'function') return 'granted';
  try {
    return await permissioned.requestPermission({ mode: 'read' });
  } catch {
    // Chromium rejects a second request that no longer counts as a response to the click.
    return 'prompt';
  }
}
