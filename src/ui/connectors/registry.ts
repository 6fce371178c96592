/**
 * The connectors the UI offers, in the order the new-connection page lists them. Add a connector's UI by
 * creating `src/ui/connectors/<kind>/` with a `ConnectorUi` and listing it here.
 */
import type { ConnectorUi } from './types.ts';
import { csvFileUi } from './csv/csv-file-ui.tsx';
import { jsonFileUi } from './json/json-file-ui.tsx';
import { urlImportUi } from './url/url-import-ui.tsx';
import { demoAdsUi } from './demo-ads/demo-ads-ui.tsx';
import { demoCrmUi } from './demo-crm/demo-crm-ui.tsx';
import { fileExportUi } from './file-export/file-export-ui.tsx';
import { webhookExportUi } from './webhook-export/webhook-export-ui.tsx';
import { webhookRealtimeUi } from './webhook-realtime/webhook-realtime-ui.tsx';

export const CONNECTOR_UIS: readonly ConnectorUi[] = [csvFileUi, jsonFileUi, urlImportUi, fileExportUi, webhookExportUi, webhookRealtimeUi, demoCrmUi, demoAdsUi];

export function findConnectorUi(connector: string): ConnectorUi | undefined {
  return CONNECTOR_UIS.find((ui) => ui.connector === connector);
}
