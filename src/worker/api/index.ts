/**
 * The method objects of each area, merged into the API the worker exposes. Each area's file exports a
 * factory that takes the worker's context and returns its methods. An area's module loads on the first
 * call of one of its methods, so the worker starts with only the scheduler, the executor and the core
 * commands. The areas' lead and run-end listeners register at once, from light modules that load the
 * rest when they have work to do.
 */
import type { AreaApis } from '../../contract/api/index.ts';
import type { ConsentApi } from '../../contract/api/consent.ts';
import type { ExportsApi } from '../../contract/api/exports.ts';
import type { HistorySeedApi } from '../../contract/api/history-seed.ts';
import type { ImportsApi } from '../../contract/api/imports.ts';
import type { NotificationsApi } from '../../contract/api/notifications.ts';
import type { ProfilesApi } from '../../contract/api/profiles.ts';
import type { SettingsApi } from '../../contract/api/settings.ts';
import type { TimelineApi } from '../../contract/api/timeline.ts';
import type { TrainingApi } from '../../contract/api/training.ts';
import type { WorkerContext } from '../context.ts';
import { registerNotifications } from '../notifications/register.ts';
import { registerRealtimeStart } from '../realtime/realtime-start.ts';
import { registerSettingsListeners } from '../settings/settings-listeners.ts';
import { registerTrainingListeners } from '../training/training-listeners.ts';

/** Every method name of an area; the `Record` type makes the compiler reject a missing or unknown name. */
function methodNames<T>(names: Record<keyof T, true>): (keyof T)[] {
  return Object.keys(names) as (keyof T)[];
}

/**
 * Returns an area's methods, each of which loads the area's module on first call and then calls the
 * method of the same name. A failed load (the chunk could not be fetched) is tried again on the next call.
 */
export function lazyMethods<T extends object>(names: (keyof T)[], load: () => Promise<T>): T {
  let loading: Promise<T> | null = null;
  const methods: Partial<Record<keyof T, unknown>> = {};
  for (const name of names) {
    methods[name] = async (...args: unknown[]): Promise<unknown> => {
      loading ??= load().catch((error: unknown) => {
        loading = null;
        throw error;
      });
      const area = await loading;
      return (area[name] as (...callArgs: unknown[]) => unknown)(...args);
    };
  }
  return methods as T;
}

export function createAreaApis(context: WorkerContext): AreaApis {
  registerNotifications(context);
  registerRealtimeStart(context);
  registerSettingsListeners(context);
  registerTrainingListeners(context);

  return {
    ...lazyMethods(
      methodNames<ProfilesApi>({ createPropertyDefinition: true, renamePropertyDefinition: true, checkPropertyTypeChange: true, changePropertyType: true }),
      async () => (await import('./profiles.ts')).createProfilesApi(context),
    ),
    ...lazyMethods(methodNames<HistorySeedApi>({ seedRunHistory: true }), async () => (await import('./history-seed.ts')).createHistorySeedApi(context)),
    ...lazyMethods(
      methodNames<TimelineApi>({ leaveOutRun: true, postponeRun: true, removeOverride: true }),
      async () => (await import('./timeline.ts')).createTimelineApi(context),
    ),
    ...lazyMethods(
      methodNames<TrainingApi>({
        copyConfigurationToTraining: true,
        getTrainingSession: true,
        checkTrainingEntry: true,
        getTrainingClock: true,
        setTrainingSpeed: true,
        pauseTrainingClock: true,
        resumeTrainingClock: true,
        jumpTrainingClock: true,
      }),
      async () => (await import('./training.ts')).createTrainingApi(context),
    ),
    ...lazyMethods(
      methodNames<NotificationsApi>({
        saveNotificationSettings: true,
        markNotificationRead: true,
        markAllNotificationsRead: true,
        clearNotifications: true,
        markEmailOpened: true,
        markBrowserShown: true,
      }),
      async () => (await import('./notifications.ts')).createNotificationsApi(context),
    ),
    ...lazyMethods(
      methodNames<SettingsApi>({
        estimateStorage: true,
        saveRetentionDefaults: true,
        saveConnectionRetention: true,
        pruneRunHistory: true,
        createBackup: true,
        checkBackup: true,
        restoreBackup: true,
        exportProfiles: true,
        resetDemo: true,
      }),
      async () => (await import('./settings.ts')).createSettingsApi(context),
    ),
    ...lazyMethods(methodNames<ExportsApi>({ storeDirectoryHandle: true }), async () => (await import('./exports.ts')).createExportsApi(context)),
    ...lazyMethods(
      methodNames<ImportsApi>({ inspectImportFile: true, inspectUrl: true, storeImportFile: true, linkImportFile: true }),
      async () => (await import('./imports.ts')).createImportsApi(context),
    ),
    ...lazyMethods(
      methodNames<ConsentApi>({ addConsentObjective: true, renameConsentObjective: true, deleteConsentObjective: true }),
      async () => (await import('./consent.ts')).createConsentApi(context),
    ),
  };
}
