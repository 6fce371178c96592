/**
 * Short names of the connectors, for lists such as the overview. Kept apart from the connector forms so
 * that a list does not load every form.
 */
import type { ConnectorSettings } from '../../contract/model.ts';

type OfferedConnector = Exclude<ConnectorSettings['connector'], 'test-hang' | 'test-steps' | 'test-fail'>;

export const CONNECTOR_LABELS: Record<OfferedConnector, string> = {
  'csv-file': 'CSV or TSV file',
  'json-file': 'JSON file',
  'url-import': 'File from a URL',
  'demo-crm': 'Demo CRM',
  'file-export': 'CSV or JSON file',
  'webhook-export': 'Webhook',
  'demo-ads': 'Demo ad platform',
  'webhook-realtime': 'Webhook on change',
};

/** The connector's name, or undefined for connectors that only test builds have. */
export function connectorLabel(connector: ConnectorSettings['connector']): string | undefined {
  return (CONNECTOR_LABELS as Record<string, string>)[connector];
}
