/**
 * The browser's StorageManager on the page: how much Runlane stores, and whether its storage is
 * persistent. `persist()` exists only on the page, not in workers.
 */
export interface StorageUse {
  usageBytes: number;
  quotaBytes: number;
}

function storageManager(): StorageManager | null {
  return typeof navigator !== 'undefined' && 'storage' in navigator ? navigator.storage : null;
}

/** Returns null when the browser does not report storage use. */
export async function readStorageUse(): Promise<StorageUse | null> {
  const manager = storageManager();
  if (!manager?.estimate) return null;
  const estimate = await manager.estimate();
  return { usageBytes: estimate.usage ?? 0, quotaBytes: estimate.quota ?? 0 };
}

/** Reads whether the browser keeps Runlane's data under storage pressure, or null when the browser cannot tell. */
export async function readPersisted(): Promise<boolean | null> {
  const manager = storageManager();
  return manager?.persisted ? manager.persisted() : null;
}

/** Requests persistent storage. Each browser decides by its own rules; headless Chromium answers without a prompt. */
export async function requestPersistence(): Promise<boolean | null> {
  const manager = storageManager();
  return manager?.persist ? manager.persist() : null;
}
