/** Finds the connector for a connection's settings. */
import type { Connection } from '../contract/model.ts';
import type { Connector } from './connector.ts';
import { csvFileConnector } from './csv/csv-file-connector.ts';
import { jsonFileConnector } from './json/json-file-connector.ts';
import { urlImportConnector } from './url/url-import-connector.ts';
import { failConnector } from './test-fail.ts';
import { hangConnector } from './test-hang.ts';
import { stepsConnector } from './test-steps.ts';
import { demoAdsConnector } from './demo-ads/demo-ads-connector.ts';
import { demoCrmConnector } from './demo-crm/demo-crm-connector.ts';
import { fileExportConnector } from './file-export/file-export-connector.ts';
import { webhookExportConnector } from './webhook-export/webhook-export-connector.ts';
import { webhookRealtimeConnector } from './webhook-realtime/webhook-realtime-connector.ts';

export function resolveConnector(connection: Connection): Connector {
  switch (connection.settings.connector) {
    case 'csv-file':
      return csvFileConnector as Connector;
    case 'json-file':
      return jsonFileConnector as Connector;
    case 'url-import':
      return urlImportConnector as Connector;
    case 'test-hang':
      if (!__RUNLANE_TEST__) throw new Error('The test-hang connector exists only in test builds.');
      return hangConnector as Connector;
    case 'test-steps':
      if (!__RUNLANE_TEST__) throw new Error('The test-steps connector exists only in test builds.');
      return stepsConnector as Connector;
    case 'test-fail':
      if (!__RUNLANE_TEST__) throw new Error('The test-fail connector exists only in test builds.');
      return failConnector as Connector;
    case 'file-export':
      return fileExportConnector as Connector;
    case 'webhook-export':
      return webhookExportConnector as Connector;
    case 'webhook-realtime':
      return webhookRealtimeConnector as Connector;
    case 'demo-crm':
      return demoCrmConnector as Connector;
    case 'demo-ads':
      return demoAdsConnector as Connector;
  }
}
