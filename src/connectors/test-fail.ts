/**
 * Test builds only: a connector that writes `warnings` warning lines to the run's log and then throws
 * `message`, so that the run ends failed without a broken file.
 */
import type { FailSettings } from '../contract/model.ts';
import type { Connector } from './connector.ts';

export const failConnector: Connector<FailSettings> = {
  validateSettings: () => [],
  run: async (context) => {
    const settings = context.connection.settings as FailSettings;
    for (let index = 1; index <= settings.warnings; index++) {
      context.log.warn(`Test warning ${index} of ${settings.warnings}.`);
    }
    await context.log.flush();
    throw new Error(settings.message);
  },
};
