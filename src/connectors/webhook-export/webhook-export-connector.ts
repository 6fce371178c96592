/**
 * The webhook export: POSTs the selected profiles as JSON, one request per batch. Network errors,
 * time-outs and 5xx responses are retried a few times per batch, and a 4xx response fails the batch at once.
 */
import type { Profile, WebhookExportSettings } from '../../contract/model.ts';
import { profileToJson } from '../../domain/export-format.ts';
import { runBatchExport, type BatchResult } from '../../worker/export/batch-export.ts';
import { lacksConsent } from '../../worker/export/export-selection.ts';
import type { Connector, RunContext, SettingsProblem } from '../connector.ts';
import { hostOf, postJson } from '../webhook/http-send.ts';
import { sendWithRetries } from '../webhook/send-with-retries.ts';
import { checkBatchSize, checkHeaders, checkWebhookUrl } from '../webhook/webhook-settings.ts';

/** Builds the JSON body of one batch request. `batchId` stays the same when a batch is sent again. */
export function buildBatchBody(context: Pick<RunContext, 'connection' | 'run'>, batchNumber: number, profiles: readonly Profile[]): string {
  return JSON.stringify({
    batchId: `${context.connection.id}:${context.run.number}:${batchNumber}`,
    run: context.run.number,
    batch: batchNumber,
    profiles: profiles.map((profile) => profileToJson(profile)),
  });
}

export const webhookExportConnector: Connector<WebhookExportSettings> = {
  validateSettings(settings): SettingsProblem[] {
    return [...checkWebhookUrl(settings.url), ...checkHeaders(settings.headers), ...checkBatchSize(settings.batchSize)];
  },
  async run(context) {
    const settings = context.connection.settings as WebhookExportSettings;
    const url = settings.url.trim();
    context.log.info(`Sending profiles to ${hostOf(url)} in batches of up to ${settings.batchSize}.`);
    await runBatchExport(context, {
      selection: settings,
      batchSize: settings.batchSize,
      isBlocked: (profile) => lacksConsent(profile, settings.requiredConsent),
      destination: {
        deliver: async ({ profiles, batchNumber }): Promise<BatchResult> => {
          const body = buildBatchBody(context, batchNumber, profiles);
          const outcome = await sendWithRetries(() => postJson({ url, headers: settings.headers, body, clock: context.clock, signal: context.signal }), {
            clock: context.clock,
            signal: context.signal,
            label: `Batch ${batchNumber}`,
            onRetry: async (message) => {
              context.log.warn(message, 'batch-retry');
              await context.log.flush();
            },
          });
          if (outcome.kind === 'rejected') return { kind: 'rejected', description: outcome.description };
          return { kind: 'delivered', description: outcome.description, rejected: new Map() };
        },
      },
    });
  },
};
