/**
 * The method objects of each area, merged into the API the worker exposes. Each area's file exports a
 * factory that takes the worker's context and returns its methods.
 */
import type { AreaApis } from '../../contract/api/index.ts';
import type { WorkerContext } from '../context.ts';
import { createProfilesApi } from './profiles.ts';
import { createHistorySeedApi } from './history-seed.ts';
import { createTimelineApi } from './timeline.ts';
import { createTrainingApi } from './training.ts';
import { createNotificationsApi } from './notifications.ts';
import { createSettingsApi } from './settings.ts';
import { createExportsApi } from './exports.ts';
import { createImportsApi } from './imports.ts';
import { createConsentApi } from './consent.ts';

export function createAreaApis(context: WorkerContext): AreaApis {
  void context;
  return {
    ...createProfilesApi(context),
    ...createHistorySeedApi(context),
    ...createTimelineApi(context),
    ...createTrainingApi(context),
    ...createNotificationsApi(context),
    ...createSettingsApi(context),
    ...createExportsApi(context),
    ...createImportsApi(context),
    ...createConsentApi(context),
  };
}
