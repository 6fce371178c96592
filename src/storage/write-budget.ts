/**
 * Test builds only: a Dexie middleware that refuses writes with the browser's QuotaExceededError once a
 * byte budget is spent. Chromium 156 does not apply the DevTools quota override
 * (`Storage.overrideQuotaForOrigin`) to a dedicated worker's IndexedDB writes, and on a genuinely full disk
 * it closes the connection and may discard the database, so end-to-end tests of "storage full" refuse
 * writes here instead, with the same error the browser raises.
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
