/**
 * The real-time webhook: while the connection is ON, the scheduling tab sends each change to a profile
 * (see worker/realtime). It has no runs, so `run` only explains that.
 */
import { AppError } from '../../contract/errors.ts';
import type { RealtimeWebhookSettings } from '../../contract/model.ts';
import type { Connector, SettingsProblem } from '../connector.ts';
import { checkBatchSize, checkHeaders, checkWebhookUrl } from '../webhook/webhook-settings.ts';

export const webhookRealtimeConnector: Connector<RealtimeWebhookSettings> = {
  validateSettings(settings): SettingsProblem[] {
    return [...checkWebhookUrl(settings.url), ...checkHeaders(settings.headers), ...checkBatchSize(settings.batchSize, 'Changes per request')];
  },
  async run() {
    throw new AppError('invalid-input', 'A real-time connection has no runs: while it is ON, it sends each change as it happens.');
  },
};
