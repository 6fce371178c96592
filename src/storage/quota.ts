/** Recognises IndexedDB's refusal to write for lack of space, however Dexie wraps it. */
import { AppError } from '../contract/errors.ts';

export const STORAGE_FULL_MESSAGE =
  'Storage is full: the browser refused to save more data for Runlane. Batches committed before this one are kept. ' +
  'Free space by deleting connections or old runs you no longer need, or by freeing disk space on this device, then run again.';

function isQuotaError(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 4) return false;
  const { name, inner, cause } = error as { name?: unknown; inner?: unknown; cause?: unknown };
  if (name === 'QuotaExceededError') return true;
  return isQuotaError(inner, depth + 1) || isQuotaError(cause, depth + 1);
}

/** Returns a 'storage-quota' AppError for a quota failure, and the error itself otherwise. */
export function toStorageError(error: unknown): unknown {
  if (error instanceof AppError || !isQuotaError(error)) return error;
  return new AppError('storage-quota', STORAGE_FULL_MESSAGE, { cause: error });
}
