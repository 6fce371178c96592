/** The direction of each connector, seen from the profile store; connectors not listed import. */
import type { Connection, ConnectorSettings } from '../contract/model.ts';

const DIRECTIONS: Partial<Record<ConnectorSettings['connector'], Connection['direction']>> = {
  'file-export': 'export',
  'webhook-export': 'export',
  'demo-ads': 'export',
  'webhook-realtime': 'realtime',
};

export function connectorDirection(connector: ConnectorSettings['connector']): Connection['direction'] {
  return DIRECTIONS[connector] ?? 'import';
}
