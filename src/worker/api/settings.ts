/**
 * The settings area: storage estimates, run-history retention, backup and restore, the profile store
 * export and the demo reset. `settings/settings-listeners.ts` prunes run history in the scheduling tab.
 */
import type { SettingsApi } from '../../contract/api/settings.ts';
import { AppError } from '../../contract/errors.ts';
import type { RunlaneDb } from '../../storage/db.ts';
import type { WorkerContext } from '../context.ts';
import { createLogger } from '../log.ts';
import type { BackupFile } from '../settings/backup-format.ts';
import { checkLimits, readRetentionPolicy, writeRetentionPolicy } from '../settings/retention-policy.ts';
import { usePruner } from '../settings/settings-listeners.ts';

// Backup, export, estimate and demo reset load on first use, so the settings area's first method call
// fetches only what it needs.

const log = createLogger('settings');

export function createSettingsApi(context: WorkerContext): SettingsApi {
  return {
    async estimateStorage() {
      const { estimateStorage } = await import('../settings/storage-estimate.ts');
      return estimateStorage((await context.ready()).db);
    },

    async saveRetentionDefaults({ limits }) {
      const state = await context.ready();
      const checked = checkLimits(limits);
      await state.db.transaction('rw', state.db.meta, async () => {
        const policy = await readRetentionPolicy(state.db);
        await writeRetentionPolicy(state.db, { ...policy, defaults: checked });
      });
      return (await usePruner(state)).pruneAll();
    },

    async saveConnectionRetention({ connectionId, limits }) {
      const state = await context.ready();
      const checked = limits ? checkLimits(limits) : null;
      await state.db.transaction('rw', state.db.meta, state.db.connections, async () => {
        if (!(await state.db.connections.get(connectionId))) {
          throw new AppError('not-found', `Connection ${connectionId} does not exist; it may have been deleted in another tab.`);
        }
        const policy = await readRetentionPolicy(state.db);
        if (checked) policy.byConnection[connectionId] = checked;
        else delete policy.byConnection[connectionId];
        await writeRetentionPolicy(state.db, policy);
      });
      return (await usePruner(state)).pruneConnection(connectionId);
    },

    async pruneRunHistory() {
      return (await usePruner(await context.ready())).pruneAll();
    },

    async createBackup({ includeRequestHeaders }) {
      const { db, clock } = await context.ready();
      const { createBackup } = await import('../settings/backup-create.ts');
      return createBackup(db, { nowMs: clock.nowMs(), includeRequestHeaders });
    },

    async checkBackup({ file }) {
      const { db } = await context.ready();
      const backup = await readBackup(db, file);
      const { planRestore } = await import('../settings/backup-restore.ts');
      return db.transaction('r', [db.connections, db.propertyDefinitions, db.consentObjectives], async () => (await planRestore(db, backup)).preview);
    },

    async restoreBackup({ file }) {
      const { db, clock } = await context.ready();
      const backup = await readBackup(db, file);
      const { applyRestore } = await import('../settings/backup-restore.ts');
      const result = await applyRestore(db, backup, clock.nowMs());
      log.info('backup restored', { connections: result.addedConnectionIds.length });
      return result;
    },

    async exportProfiles({ format }) {
      const { db, clock } = await context.ready();
      const { exportProfiles } = await import('../settings/profile-export.ts');
      return exportProfiles(db, { format, nowMs: clock.nowMs() });
    },

    async resetDemo({ removeDemoProfiles }) {
      const { db, clock, init } = await context.ready();
      const { resetDemo } = await import('../settings/demo-reset.ts');
      const result = await resetDemo(db, clock, { csvUrl: init.demoCsvUrl, removeDemoProfiles });
      log.info('demo reset', result);
      return result;
    },
  };
}

/** Reads and checks a backup file against the property definitions and consent objectives stored now. */
async function readBackup(db: RunlaneDb, file: Blob): Promise<BackupFile> {
  const { MAX_BACKUP_BYTES, parseBackup } = await import('../settings/backup-validate.ts');
  const text = await readBackupText(file, MAX_BACKUP_BYTES);
  const stored = {
    propertyIds: new Set((await db.propertyDefinitions.toCollection().primaryKeys()) as string[]),
    objectiveIds: new Set((await db.consentObjectives.toCollection().primaryKeys()) as string[]),
  };
  return parseBackup(text, stored, __RUNLANE_TEST__);
}

async function readBackupText(file: Blob, maxBytes: number): Promise<string> {
  if (file.size > maxBytes) {
    throw new AppError('invalid-input', `The file is ${file.size} bytes, larger than a backup can be (${maxBytes} bytes), so it is not a Runlane backup. Nothing was changed.`);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(await file.arrayBuffer());
  } catch (error) {
    throw new AppError('invalid-input', 'The file is not UTF-8 text, so it is not a Runlane backup. Nothing was changed.', { cause: error });
  }
}
