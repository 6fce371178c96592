/**
 * Short names of the connectors, for lists such as the overview. Kept apart from the connector forms so
 * that a list does not load every form.
 */
import type { ConnectorSettings } from '../../contract/model.ts';

export const CONNECTOR_LABELS: Record<ConnectorSettings['connector'], string> = {
  'csv-file': 'CSV or TSV file',
  'json-file': 'JSON file',
  'url-import': 'File from a URL',
  'demo-crm': 'Demo CRM',
  'file-export': 'CSV or JSON file',
  'webhook-export': 'Webhook',
  'demo-ads': 'Demo ad platform',
  'webhook-realtime': 'Webhook on change',
  'test-hang': 'Test connector',
  'test-steps': 'Test connector',
  'test-fail': 'Test connector',
};
