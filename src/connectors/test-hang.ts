/**
 * Test builds only: a connector that never returns and ignores its AbortSignal, so that tests can show
 * that the executor ends such a run anyway.
 */
import type { HangSettings } from '../contract/model.ts';
import type { Connector } from './connector.ts';

export const hangConnector: Connector<HangSettings> = {
  validateSettings: () => [],
  run: (context) => {
    context.log.info('Test connector started; it will never return.');
    return new Promise<void>(() => {
      // Never settles.
    });
  },
};
