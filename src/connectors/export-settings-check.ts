/**
 * Checks the settings of the export, real-time and demo connectors when a connection is saved, against the
 * consent objectives and the picked folders in the store. Throws an AppError that names every problem.
 */
import { AppError } from '../contract/errors.ts';
import type { ConnectorSettings } from '../contract/model.ts';
import { DEMO_CONSENT_OBJECTIVE } from '../domain/demo-crm-data.ts';
import type { RunlaneDb } from '../storage/db.ts';
import type { Connector, SettingsProblem } from './connector.ts';
import { demoAdsConnector } from './demo-ads/demo-ads-connector.ts';
import { demoCrmConnector } from './demo-crm/demo-crm-connector.ts';
import { fileExportConnector } from './file-export/file-export-connector.ts';
import { webhookExportConnector } from './webhook-export/webhook-export-connector.ts';
import { webhookRealtimeConnector } from './webhook-realtime/webhook-realtime-connector.ts';

const CHECKED_CONNECTORS: Partial<Record<ConnectorSettings['connector'], Connector>> = {
  'file-export': fileExportConnector as Connector,
  'webhook-export': webhookExportConnector as Connector,
  'webhook-realtime': webhookRealtimeConnector as Connector,
  'demo-crm': demoCrmConnector as Connector,
  'demo-ads': demoAdsConnector as Connector,
};

/** True for the connectors this module checks; they are offered in production builds. */
export function isExportOrDemoConnector(connector: ConnectorSettings['connector']): boolean {
  return connector in CHECKED_CONNECTORS;
}

/** Throws AppError 'invalid-input' listing the problems of `settings`; does nothing for other connectors. */
export async function checkExportSettings(db: RunlaneDb, settings: ConnectorSettings): Promise<void> {
  const connector = CHECKED_CONNECTORS[settings.connector];
  if (!connector) return;
  const problems: SettingsProblem[] = connector.validateSettings(settings);
  const requiredConsent = 'requiredConsent' in settings ? (settings.requiredConsent ?? null) : null;
  // The demo CRM adds its own consent objective at its first run.
  const isDemoObjective = settings.connector === 'demo-crm' && requiredConsent === DEMO_CONSENT_OBJECTIVE.id;
  if (requiredConsent !== null && !isDemoObjective && !(await db.consentObjectives.get(requiredConsent))) {
    problems.push({ field: 'requiredConsent', message: `The consent objective "${requiredConsent}" does not exist: choose another one, or none.` });
  }
  if (settings.connector === 'file-export' && settings.destination === 'directory' && settings.directoryHandleId) {
    if (!(await db.directoryHandles.get(settings.directoryHandleId))) {
      problems.push({ field: 'directory', message: 'The picked folder is no longer known: pick the folder again.' });
    }
  }
  if (problems.length > 0) throw new AppError('invalid-input', problems.map((problem) => problem.message).join(' '));
}
