/**
 * The worker API of each area, merged into `WorkerApi`. Add an area by creating `<area>.ts` here with an
 * interface, and extending it below.
 */
import type { ProfilesApi } from './profiles.ts';
import type { HistorySeedApi } from './history-seed.ts';
import type { TimelineApi } from './timeline.ts';
import type { TrainingApi } from './training.ts';
import type { NotificationsApi } from './notifications.ts';
import type { SettingsApi } from './settings.ts';
import type { ExportsApi } from './exports.ts';
import type { ImportsApi } from './imports.ts';
import type { ConsentApi } from './consent.ts';

// biome-ignore lint/suspicious/noEmptyInterface: areas extend this as they are added.
export interface AreaApis extends HistorySeedApi, ProfilesApi, TimelineApi, TrainingApi, NotificationsApi, SettingsApi, ExportsApi, ImportsApi, ConsentApi {}
