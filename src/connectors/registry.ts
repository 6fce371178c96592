/**
 * Finds the connector for a connection's settings. Each connector is loaded on its first run, so the
 * worker starts without Papa Parse, the import pipeline or the export code.
 */
import type { Connection, ConnectorSettings } from '../contract/model.ts';
import type { Connector } from './connector.ts';

type ConnectorKind = ConnectorSettings['connector'];

const LOADERS: Record<ConnectorKind, () => Promise<Connector>> = {
  'csv-file': () => import('./csv/csv-file-connector.ts').then((m) => m.csvFileConnector as Connector),
  'json-file': () => import('./json/json-file-connector.ts').then((m) => m.jsonFileConnector as Connector),
  'url-import': () => import('./url/url-import-connector.ts').then((m) => m.urlImportConnector as Connector),
  'file-export': () => import('./file-export/file-export-connector.ts').then((m) => m.fileExportConnector as Connector),
  'webhook-export': () => import('./webhook-export/webhook-export-connector.ts').then((m) => m.webhookExportConnector as Connector),
  'webhook-realtime': () => import('./webhook-realtime/webhook-realtime-connector.ts').then((m) => m.webhookRealtimeConnector as Connector),
  'demo-crm': () => import('./demo-crm/demo-crm-connector.ts').then((m) => m.demoCrmConnector as Connector),
  'demo-ads': () => import('./demo-ads/demo-ads-connector.ts').then((m) => m.demoAdsConnector as Connector),
  'test-hang': () => import('./test-hang.ts').then((m) => m.hangConnector as Connector),
  'test-steps': () => import('./test-steps.ts').then((m) => m.stepsConnector as Connector),
  'test-fail': () => import('./test-fail.ts').then((m) => m.failConnector as Connector),
};

const TEST_ONLY: readonly ConnectorKind[] = ['test-hang', 'test-steps', 'test-fail'];

export async function resolveConnector(connection: Connection): Promise<Connector> {
  const kind = connection.settings.connector;
  if (!__RUNLANE_TEST__ && TEST_ONLY.includes(kind)) throw new Error(`The ${kind} connector exists only in test builds.`);
  const load = LOADERS[kind];
  if (!load) throw new Error(`Unknown connector "${kind}".`);
  return load();
}
