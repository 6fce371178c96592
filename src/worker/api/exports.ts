/**
 * The exports area: keeps picked folders, and starts real-time delivery when this worker becomes the
 * scheduling tab. See `contract/api/exports.ts`.
 */
import { AppError } from '../../contract/errors.ts';
import type { ExportsApi } from '../../contract/api/exports.ts';
import type { WorkerContext } from '../context.ts';
import { browserNetwork } from '../network.ts';
import { startRealtimeSupervisor } from '../realtime/realtime-supervisor.ts';

export function createExportsApi(context: WorkerContext): ExportsApi {
  context.onLead(({ db, clock }) => {
    startRealtimeSupervisor({ db, clock, network: browserNetwork });
  });
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
