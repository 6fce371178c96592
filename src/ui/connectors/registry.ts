/**
 * The connectors the UI offers, in the order the new-connection page lists them. Add a connector's UI by
 * creating `src/ui/connectors/<kind>/` with a `ConnectorUi` and listing it here.
 */
import type { ConnectorUi } from './types.ts';
import { csvFileUi } from './csv/csv-file-ui.tsx';

export const CONNECTOR_UIS: readonly ConnectorUi[] = [csvFileUi];

export function findConnectorUi(connector: string): ConnectorUi | undefined {
  return CONNECTOR_UIS.find((ui) => ui.connector === connector);
}
