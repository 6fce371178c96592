/**
 * Test builds only: a Dexie middleware that rejects writes with the browser's QuotaExceededError once a
 * byte budget is spent, and every write after the first rejection until the budget is lifted. Chromium 156
 * fixes an origin's quota when the origin first opens its storage, so a DevTools quota override cannot be
 * lifted during a test. End-to-end tests that free space again use this budget instead.
 */
import type { DBCore, DBCoreMutateRequest, Middleware } from 'dexie';

let remainingBytes: number | null = null;

/** Sets the bytes writes may still use; null lifts the limit. */
export function setWriteBudget(bytes: number | null): void {
  remainingBytes = bytes;
}

function estimateBytes(request: DBCoreMutateRequest): number {
  if (request.type === 'add' || request.type === 'put') return JSON.stringify(request.values).length * 2;
  return 64;
}

export const writeBudgetMiddleware: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'test-write-budget',
  create: (core) => ({
    ...core,
    table: (tableName) => {
      const table = core.table(tableName);
      return {
        ...table,
        mutate: (request) => {
          if (remainingBytes !== null) {
            const bytes = estimateBytes(request);
            if (bytes > remainingBytes) {
              // Like Chromium past its quota, every later write is rejected too, however small.
              remainingBytes = 0;
              return Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError'));
            }
            remainingBytes -= bytes;
          }
          return table.mutate(request);
        },
      };
    },
  }),
};
