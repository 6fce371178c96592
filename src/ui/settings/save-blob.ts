/** Saves a Blob the worker built as a download, through a temporary object URL. */
export function saveBlob(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // The download reads the URL after this task ends, so it is revoked later.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
