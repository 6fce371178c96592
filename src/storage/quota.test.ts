import { describe, expect, it } from 'vitest';
import { AppError } from '../contract/errors.ts';
import { STORAGE_FULL_MESSAGE, toStorageError } from './quota.ts';

describe('toStorageError', () => {
  it('turns a wrapped QuotaExceededError into a storage-quota error', () => {
    const dexieError = { name: 'AbortError', message: 'Transaction aborted', inner: { name: 'QuotaExceededError', message: 'quota' } };
    const result = toStorageError(dexieError);
    expect(result).toBeInstanceOf(AppError);
    expect((result as AppError).code).toBe('storage-quota');
    expect((result as AppError).message).toBe(STORAGE_FULL_MESSAGE);
  });

  it('leaves other errors unchanged', () => {
    const error = new TypeError('x is undefined');
    expect(toStorageError(error)).toBe(error);
  });
});
