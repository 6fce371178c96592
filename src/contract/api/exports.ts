/** The exports area's worker API: folders picked for file exports. Real-time delivery needs no command. */

export interface StoredDirectory {
  /** The id that `FileExportSettings.directoryHandleId` refers to. */
  handleId: string;
  name: string;
}

export interface ExportsApi {
  /**
   * Keeps a folder the user picked with `showDirectoryPicker`, so scheduled runs can write into it. The
   * handle crosses the worker boundary as a structured clone.
   */
  storeDirectoryHandle(request: { handle: FileSystemDirectoryHandle }): Promise<StoredDirectory>;
}
