/** The notification code that `register.ts` loads on first use, gathered in one module so it loads as one chunk. */
export { createNotifierDeps } from './deps.ts';
export { runDigestLoop } from './digest.ts';
export { handleRunEnded } from './run-ended.ts';
export { summariseStart, waitForSchedulerPass } from './start-summary.ts';
export { resumePendingWebhooks } from './webhook.ts';
