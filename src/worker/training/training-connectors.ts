/**
 * What stands in for outside systems in training mode. When the configuration is copied, connectors that
 * reach an outside system get a demo system or a local destination instead. While training runs, a guard
 * refuses to run any connector that would still reach one (for example after a connection was edited in
 * training). Requests that other code sends are recorded by the fetch recorder.
 */
import { AppError } from '../../contract/errors.ts';
import type { Connection, ConnectorSettings, DemoAdsSettings, DemoCrmSettings } from '../../contract/model.ts';
import type { Connector } from '../../connectors/connector.ts';
import type { ConnectorResolver } from '../executor.ts';

/** Records the demo CRM produces per run when it stands in for a URL import. */
const DEMO_CRM_PROFILE_COUNT = 200;
/** Demo systems spread their work over this much training time per run. */
const DEMO_RUN_DURATION_MS = 60_000;

/** The training copy of one connection's settings. */
export type TrainingSettings =
  | { kind: 'same'; settings: ConnectorSettings; note: string | null }
  | { kind: 'stand-in'; settings: ConnectorSettings; note: string }
  /** A linked file: the copy reads it once and keeps it as a stored file. */
  | { kind: 'snapshot-linked-file'; settings: ConnectorSettings; note: string }
  | { kind: 'switched-off'; settings: ConnectorSettings; note: string };

/** True when a connector with these settings reaches nothing outside the training database. */
export function isLocalInTraining(settings: ConnectorSettings): boolean {
  switch (settings.connector) {
    case 'csv-file':
    case 'json-file':
      return settings.source !== 'linked';
    case 'file-export':
      return settings.destination === 'browser';
    case 'demo-crm':
    case 'demo-ads':
    case 'test-hang':
    case 'test-steps':
    case 'test-fail':
      return true;
    default:
      return false;
  }
}

/** Chooses the training settings of a connection when the configuration is copied. */
export function toTrainingSettings(connection: Connection): TrainingSettings {
  const settings = connection.settings;
  const webhookNote = connection.notifications.webhook ? ' Its notification webhook is recorded instead of sent.' : '';
  if (isLocalInTraining(settings)) return { kind: 'same', settings, note: webhookNote ? webhookNote.trim() : null };
  switch (settings.connector) {
    case 'url-import':
      return { kind: 'stand-in', settings: demoCrmFor(connection), note: `The demo CRM stands in for ${originOf(settings.url)}.${webhookNote}` };
    case 'webhook-export':
      return {
        kind: 'stand-in',
        settings: demoAdsFor(connection, settings.batchSize, settings.exportAll, settings.requiredConsent),
        note: `The demo ad platform receives the profiles instead of ${originOf(settings.url)}.${webhookNote}`,
      };
    case 'file-export':
      return {
        kind: 'stand-in',
        settings: { ...settings, destination: 'browser', directoryHandleId: null, directoryName: null },
        note: `Its files are kept in the training database instead of written to the folder "${settings.directoryName ?? 'picked folder'}".${webhookNote}`,
      };
    case 'webhook-realtime':
      return { kind: 'same', settings, note: `Its deliveries to ${originOf(settings.url)} are recorded instead of sent.${webhookNote}` };
    case 'csv-file':
    case 'json-file':
      return { kind: 'snapshot-linked-file', settings: { ...settings, source: 'stored' }, note: `It reads a copy of its linked file "${settings.fileName ?? ''}" taken when training started.${webhookNote}` };
    default:
      return { kind: 'switched-off', settings, note: `Training mode has nothing to stand in for its connector "${settings.connector}", so it is OFF in training.` };
  }
}

function demoCrmFor(connection: Connection): DemoCrmSettings {
  const requiredConsent = 'requiredConsent' in connection.settings ? (connection.settings.requiredConsent ?? null) : null;
  return {
    connector: 'demo-crm',
    seed: seedOf(connection.id),
    profileCount: DEMO_CRM_PROFILE_COUNT,
    changedPercent: 10,
    badValuePercent: 2,
    noConsentPercent: 10,
    runDurationMs: DEMO_RUN_DURATION_MS,
    failurePercent: 0,
    requiredConsent,
  };
}

function demoAdsFor(connection: Connection, batchSize: number, exportAll: boolean, requiredConsent: string | null): DemoAdsSettings {
  return {
    connector: 'demo-ads',
    seed: seedOf(connection.id),
    batchSize,
    badValuePercent: 0,
    noConsentPercent: 0,
    runDurationMs: DEMO_RUN_DURATION_MS,
    failurePercent: 0,
    exportAll,
    requiredConsent,
  };
}

/** Derives a stable 31-bit seed from a connection id, so a connection's demo data is the same in every training. */
function seedOf(id: string): number {
  let hash = 0;
  for (const char of id) hash = (Math.imul(hash, 31) + char.charCodeAt(0)) | 0;
  return Math.abs(hash);
}

/** Returns the origin of a URL for notes, without path or query, which may hold secrets. */
export function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return 'its URL';
  }
}

/** Wraps a connector resolver so that training runs never start a connector that reaches outside. */
export function guardForTraining(resolve: ConnectorResolver): ConnectorResolver {
  return (connection) => (isLocalInTraining(connection.settings) ? resolve(connection) : refusedConnector);
}

const refusedConnector: Connector = {
  validateSettings: () => [],
  run: async (context) => {
    const connector = context.connection.settings.connector;
    context.log.error(`Training mode: the ${connector} connector was not started, because it would reach an outside system.`);
    throw new AppError(
      'invalid-input',
      `In training mode the ${connector} connector does not run, because it would reach an outside system. Leave training mode to run it for real, or use a demo system in training.`,
    );
  },
};
