/** Retries of one request: network errors, time-outs and 5xx responses get a few more tries after growing waits. */
import { AppError, TRANSIENT_ERROR_CODES } from '../../contract/errors.ts';
import type { Clock } from '../../domain/clock.ts';
import { formatDurationShort } from '../../domain/duration.ts';
import type { HttpOutcome } from './http-send.ts';

/** Waits before the second, third and fourth try of one batch, on the run's clock. */
export const BATCH_RETRY_WAITS_MS: readonly number[] = [1_000, 4_000, 16_000];

export interface RetryOptions {
  clock: Clock;
  signal: AbortSignal;
  /** Names the request in messages, such as "Batch 3". */
  label: string;
  /** Called before each wait with a sentence for the run's log. */
  onRetry: (message: string) => Promise<void> | void;
  waitsMs?: readonly number[];
}

export type FinalOutcome = Extract<HttpOutcome, { kind: 'ok' | 'rejected' }>;

/**
 * Sends until the response is 2xx or a rejection (4xx), retrying transient failures after the waits.
 * When the tries run out, rejects with a transient AppError, so the executor may start another attempt.
 * Other AppErrors ('offline', 'remote-cors') reject at once.
 */
export async function sendWithRetries(send: () => Promise<HttpOutcome>, options: RetryOptions): Promise<FinalOutcome> {
  const waitsMs = options.waitsMs ?? BATCH_RETRY_WAITS_MS;
  for (let retry = 0; ; retry++) {
    const failure = await trySend(send);
    if (!(failure instanceof AppError)) return failure;
    const waitMs = waitsMs[retry];
    if (waitMs === undefined) {
      const tries = retry + 1;
      throw new AppError(failure.code, `${options.label} could not be delivered in ${tries} ${tries === 1 ? 'try' : 'tries'}: ${failure.message}`);
    }
    await options.onRetry(`${options.label}: ${failure.message} Retrying in ${formatDurationShort(waitMs)} (retry ${retry + 1} of ${waitsMs.length}).`);
    await options.clock.sleepUntil(options.clock.nowMs() + waitMs, options.signal);
  }
}

/** Returns the final outcome, or the transient failure as an AppError to retry. */
async function trySend(send: () => Promise<HttpOutcome>): Promise<FinalOutcome | AppError> {
  try {
    const outcome = await send();
    if (outcome.kind !== 'retryable') return outcome;
    const code = outcome.status === 408 ? 'remote-timeout' : 'remote-server-error';
    return new AppError(code, `the receiver responded with ${outcome.description}.`);
  } catch (error) {
    if (error instanceof AppError && TRANSIENT_ERROR_CODES.includes(error.code)) return error;
    throw error;
  }
}
