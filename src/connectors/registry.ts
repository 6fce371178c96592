/** Finds the connector for a connection's settings. */
import type { Connection } from '../contract/model.ts';
import type { Connector } from './connector.ts';
import { csvFileConnector } from './csv/csv-file-connector.ts';
import { hangConnector } from './test-hang.ts';
import { stepsConnector } from './test-steps.ts';

export function resolveConnector(connection: Connection): Connector {
  switch (connection.settings.connector) {
    case 'csv-file':
      return csvFileConnector as Connector;
    case 'test-hang':
      if (!__RUNLANE_TEST__) throw new Error('The test-hang connector exists only in test builds.');
      return hangConnector as Connector;
    case 'test-steps':
      if (!__RUNLANE_TEST__) throw new Error('The test-steps connector exists only in test builds.');
      return stepsConnector as Connector;
  }
}
