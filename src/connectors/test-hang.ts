/**
 * Test builds only: a connector that never returns and ignores its AbortSignal, so that tests can show
 * that the executor ends such a run anyway, and that a worker stuck in a loop is restarted.
 */
import type { HangSettings } from '../contract/model.ts';
import type { Connector } from './connector.ts';

export const hangConnector: Connector<HangSettings> = {
  validateSettings: () => [],
  run: async (context) => {
    context.log.info(`Test connector started (${context.connection.settings.connector === 'test-hang' ? context.connection.settings.mode : ''}); it will never return.`);
    await context.log.flush();
    if (context.connection.settings.connector === 'test-hang' && context.connection.settings.mode === 'busy-loop') {
      // Blocks the worker's thread for good: only terminating the worker ends it.
      for (;;) {
        // Endless on purpose.
      }
    }
    await new Promise<void>(() => {
      // Never settles.
    });
  },
};
