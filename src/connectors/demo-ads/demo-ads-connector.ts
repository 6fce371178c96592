/**
 * Demo system: a simulated ad platform, standing in for a Facebook Custom Audiences connection. It takes
 * exported profiles in batches with no network, and the run's time is spread over the batches on the
 * run's clock. A share of profiles is rejected as invalid (Failed) or found on the platform's opt-out
 * list (Blocked). An attempt may meet a simulated outage halfway, and the next attempt then resumes.
 */
import { AppError } from '../../contract/errors.ts';
import type { DemoAdsSettings, Profile } from '../../contract/model.ts';
import { isWithinPercent } from '../../domain/seeded-random.ts';
import { runBatchExport, type BatchResult } from '../../worker/export/batch-export.ts';
import { lacksConsent } from '../../worker/export/export-selection.ts';
import type { Connector, RunContext, SettingsProblem } from '../connector.ts';
import { sendWithRetries } from '../webhook/send-with-retries.ts';
import { checkBatchSize } from '../webhook/webhook-settings.ts';
import { checkDemoCommon } from '../demo-crm/demo-settings.ts';

/** True when the profile is on the platform's opt-out list; depends only on the seed and the profile key. */
export function isOptedOut(settings: DemoAdsSettings, profile: Profile): boolean {
  return isWithinPercent(settings.noConsentPercent, settings.seed, 'opt-out', profile.key);
}

/** True when the platform rejects the profile as invalid; depends only on the seed and the profile key. */
export function isRejectedAsInvalid(settings: DemoAdsSettings, profile: Profile): boolean {
  return isWithinPercent(settings.badValuePercent, settings.seed, 'invalid', profile.key);
}

/** True when attempt `attempt` of run `runNumber` meets an outage. */
export function hasOutage(settings: DemoAdsSettings, runNumber: number, attempt: number): boolean {
  return isWithinPercent(settings.failurePercent, settings.seed, 'outage', runNumber, attempt);
}

export const demoAdsConnector: Connector<DemoAdsSettings> = {
  validateSettings(settings): SettingsProblem[] {
    return [...checkDemoCommon(settings), ...checkBatchSize(settings.batchSize)];
  },
  async run(context) {
    const settings = context.connection.settings as DemoAdsSettings;
    const outage = hasOutage(settings, context.run.number, context.run.attempt);
    context.log.info(`Sending profiles to the demo ad platform (seed ${settings.seed}) in batches of up to ${settings.batchSize}; nothing leaves this browser.`);
    let waitPerBatchMs = 0;
    let outageFromBatch = Number.POSITIVE_INFINITY;
    await runBatchExport(context, {
      selection: settings,
      batchSize: settings.batchSize,
      isBlocked: (profile) => lacksConsent(profile, settings.requiredConsent) || isOptedOut(settings, profile),
      onPlanned: ({ remaining, resumedAfterBatch }) => {
        const batches = Math.max(1, Math.ceil(remaining / settings.batchSize));
        waitPerBatchMs = Math.floor(settings.runDurationMs / batches);
        if (outage) outageFromBatch = resumedAfterBatch + Math.ceil(batches / 2);
      },
      destination: {
        deliver: ({ profiles, batchNumber }) => deliverToPlatform(context, settings, profiles, batchNumber, { waitPerBatchMs, isDown: batchNumber >= outageFromBatch }),
      },
    });
  },
};

async function deliverToPlatform(
  context: RunContext,
  settings: DemoAdsSettings,
  profiles: Profile[],
  batchNumber: number,
  options: { waitPerBatchMs: number; isDown: boolean },
): Promise<BatchResult> {
  const { clock, signal } = context;
  await clock.sleepUntil(clock.nowMs() + options.waitPerBatchMs, signal);
  const outcome = await sendWithRetries(
    async () => (options.isDown ? { kind: 'retryable', status: 503, description: 'HTTP 503 Service Unavailable (simulated outage)' } : { kind: 'ok', status: 200, description: 'HTTP 200' }),
    {
      clock,
      signal,
      label: `Batch ${batchNumber}`,
      onRetry: async (message) => {
        context.log.warn(message, 'batch-retry');
        await context.log.flush();
      },
    },
  );
  if (outcome.kind === 'rejected') throw new AppError('remote-rejected', `The demo ad platform rejected batch ${batchNumber}.`);
  const rejected = new Map<string, string>();
  for (const profile of profiles) {
    if (isRejectedAsInvalid(settings, profile)) rejected.set(profile.key, 'the demo ad platform found no valid email address or phone number in it (simulated).');
  }
  return { kind: 'delivered', description: 'accepted by the demo ad platform', rejected };
}
