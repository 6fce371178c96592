/**
 * The exports area: keeps picked folders. See `contract/api/exports.ts`; `realtime/realtime-start.ts`
 * starts real-time delivery in the scheduling tab.
 */
import { AppError } from '../../contract/errors.ts';
import type { ExportsApi } from '../../contract/api/exports.ts';
import type { WorkerContext } from '../context.ts';

export function createExportsApi(context: WorkerContext): ExportsApi {
  return {
    // NOTE: a stored handle stays when its connection is deleted or picks another folder. Handles are small
    // and nothing lists them, so they are not cleaned up yet.
    async storeDirectoryHandle({ handle }) {
      const { db, clock } = await context.ready();
      if (!handle || handle.kind !== 'directory') throw new AppError('invalid-input', 'The picked item is not a folder: pick a folder.');
      const handleId = crypto.randomUUID();
      await db.directoryHandles.put({ id: handleId, name: handle.name, handle, storedAtMs: clock.nowMs() });
      return { handleId, name: handle.name };
    },
  };
}
