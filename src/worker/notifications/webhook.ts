/**
 * Delivers a notification's webhook: a POST of its JSON summary as application/json with the connection's
 * headers, so the browser sends a CORS preflight request to the receiver first. Failed deliveries get more attempts
 * after growing waits on the injected clock. A receiver that refuses CORS can get the summary without CORS
 * when the user allows it for a webhook without headers: it then arrives as text/plain, its response cannot
 * be read, and it is never retried. Results go to the run's log; header values never do.
 */
import type { NotificationRecord, NotificationSettings } from '../../contract/model.ts';
import { formatDurationShort } from '../../domain/duration.ts';
import type { Clock } from '../../domain/clock.ts';
import { createLogger } from '../log.ts';
import type { NotifierDeps } from './deps.ts';
import { appendRunLog } from './run-log-line.ts';

const log = createLogger('webhook');

/** Waits before the second, third and fourth attempt. */
export const WEBHOOK_RETRY_WAITS_MS = [30_000, 120_000, 600_000];
/** An attempt whose receiver has not responded within this time fails and may be retried. */
export const WEBHOOK_TIMEOUT_MS = 30_000;

type WebhookTarget = NonNullable<NotificationSettings['webhook']>;

export type SendResult =
  | { kind: 'delivered'; status: number }
  | { kind: 'sent-unreadable' }
  | { kind: 'failed'; error: string; status: number | null; retryable: boolean; hint?: string };

function failed(error: string, retryable: boolean, status: number | null = null, hint?: string): SendResult {
  return { kind: 'failed', error, status, retryable, ...(hint ? { hint } : {}) };
}

/** Returns the receiver's origin and path for logs. A query string may carry a token, so it is left out. */
export function describeTarget(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}`;
  } catch {
    return 'an invalid URL';
  }
}

function startTimeout(clock: Clock, ms: number): { signal: AbortSignal; cancel(): void } {
  const timeout = new AbortController();
  const cancel = new AbortController();
  clock.sleepUntil(clock.nowMs() + ms, cancel.signal).then(
    () => timeout.abort(new Error('timeout')),
    () => undefined,
  );
  return { signal: timeout.signal, cancel: () => cancel.abort() };
}

function buildHeaders(target: WebhookTarget): Headers | string {
  const headers = new Headers({ 'Content-Type': 'application/json' });
  for (const header of target.headers) {
    try {
      headers.set(header.name, header.value);
    } catch {
      return `the header ${header.name} has a name or value a browser cannot send; change it in the notification settings`;
    }
  }
  return headers;
}

/** Sends the summary once with CORS. On a network error, it tells a CORS rejection apart from an unreachable receiver. */
export async function sendWebhook(deps: NotifierDeps, target: WebhookTarget, payload: string): Promise<SendResult> {
  const headers = buildHeaders(target);
  if (typeof headers === 'string') return failed(headers, false);
  const timeout = startTimeout(deps.clock, WEBHOOK_TIMEOUT_MS);
  try {
    const response = await deps.fetch(target.url, { method: 'POST', mode: 'cors', credentials: 'omit', cache: 'no-store', headers, body: payload, signal: timeout.signal });
    await response.body?.cancel().catch(() => undefined);
    if (response.ok) return { kind: 'delivered', status: response.status };
    const retryable = response.status >= 500 || response.status === 408 || response.status === 429;
    return failed(`the receiver answered HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`, retryable, response.status);
  } catch {
    if (timeout.signal.aborted) return failed(`the receiver did not respond within ${formatDurationShort(WEBHOOK_TIMEOUT_MS)}`, true);
    return explainNetworkError(deps, target, payload);
  } finally {
    timeout.cancel();
  }
}

/**
 * A CORS refusal, a refused connection, an unknown host and being offline all reject fetch with the same
 * TypeError. Offline is read from the browser. A HEAD request without CORS gets an opaque response from
 * any receiver that is up, so its success means that CORS was refused.
 */
async function explainNetworkError(deps: NotifierDeps, target: WebhookTarget, payload: string): Promise<SendResult> {
  if (!deps.isOnline()) return failed('the browser is offline', true);
  const reachable = await deps.fetch(target.url, { method: 'HEAD', mode: 'no-cors', credentials: 'omit', cache: 'no-store' }).then(
    () => true,
    () => false,
  );
  if (!reachable) return failed('the receiver could not be reached (connection refused, unknown host, or the request was blocked)', true);
  const canFallBack = target.headers.length === 0;
  if (target.allowNoCorsFallback && canFallBack) return sendWithoutCors(deps, target.url, payload);
  const hint = canFallBack ? 'A webhook without headers can be sent without CORS if you allow it in the notification settings.' : undefined;
  return failed(
    "the receiver refused the browser's CORS check (it must answer the OPTIONS request with Access-Control-Allow-Origin and allow the Content-Type header and any headers you set)",
    false,
    null,
    hint,
  );
}

async function sendWithoutCors(deps: NotifierDeps, url: string, payload: string): Promise<SendResult> {
  try {
    await deps.fetch(url, { method: 'POST', mode: 'no-cors', credentials: 'omit', cache: 'no-store', body: payload });
    return { kind: 'sent-unreadable' };
  } catch {
    return failed('the receiver could not be reached when sending without CORS', false);
  }
}

function describeResult(result: SendResult, attempt: number, where: string, retryWaitMs: number | null): string {
  if (result.kind === 'delivered') return `Webhook delivered to ${where} (HTTP ${result.status}) on attempt ${attempt}.`;
  if (result.kind === 'sent-unreadable') {
    return `Webhook sent to ${where} without CORS, because the receiver refused CORS and sending without CORS is allowed: sent, response unreadable. It arrived as text/plain without headers and is not retried.`;
  }
  let next = 'It is not retried.';
  if (retryWaitMs !== null) next = `Retrying in ${formatDurationShort(retryWaitMs)}.`;
  else if (result.retryable) next = 'No attempts are left.';
  return `Webhook to ${where} failed on attempt ${attempt}: ${result.error}. ${next}${result.hint ? ` ${result.hint}` : ''}`;
}

function nextWebhookState(current: NonNullable<NotificationRecord['webhook']>, result: SendResult, attempt: number, retryAtMs: number | null): NonNullable<NotificationRecord['webhook']> {
  const base = { ...current, attempts: attempt, nextAttemptAtMs: null };
  if (result.kind === 'delivered') return { ...base, state: 'delivered', lastError: null, lastStatus: result.status };
  if (result.kind === 'sent-unreadable') return { ...base, state: 'sent-unreadable', lastError: null, lastStatus: null };
  const lastError = result.hint ? `${result.error}. ${result.hint}` : result.error;
  if (retryAtMs !== null) return { ...base, state: 'pending', lastError, lastStatus: result.status, nextAttemptAtMs: retryAtMs };
  return { ...base, state: 'failed', lastError, lastStatus: result.status };
}

/** Stores one attempt's result and logs it; returns false while more attempts follow. */
async function recordAttempt(deps: NotifierDeps, record: NotificationRecord & { id: number }, attempt: number, result: SendResult, url: string | null): Promise<boolean> {
  const waitMs = result.kind === 'failed' && result.retryable ? (WEBHOOK_RETRY_WAITS_MS[attempt - 1] ?? null) : null;
  const retryAtMs = waitMs === null ? null : deps.clock.nowMs() + waitMs;
  const webhook = nextWebhookState(record.webhook as NonNullable<NotificationRecord['webhook']>, result, attempt, retryAtMs);
  await deps.db.notifications.update(record.id, { webhook });
  const message = describeResult(result, attempt, url ? describeTarget(url) : 'the removed webhook', waitMs);
  log.info('webhook attempt', { notificationId: record.id, attempt, state: webhook.state, status: webhook.lastStatus });
  if (record.runId !== null) await appendRunLog(deps, record.runId, result.kind === 'failed' ? 'warn' : 'info', message);
  return webhook.state !== 'pending';
}

/** Carries one notification's webhook through its attempts; stops when it is delivered, failed or cleared. */
export async function deliverWebhook(deps: NotifierDeps, notificationId: number): Promise<void> {
  for (;;) {
    const record = await deps.db.notifications.get(notificationId);
    const pending = record?.webhook;
    if (!record || !pending || pending.state !== 'pending') return;
    if (pending.nextAttemptAtMs !== null) await deps.clock.sleepUntil(pending.nextAttemptAtMs);
    const connection = await deps.db.connections.get(record.connectionId);
    const target = connection?.notifications.webhook ?? null;
    // The record may have been cleared while this waited.
    if (!(await deps.db.notifications.get(notificationId))) return;
    const result = target ? await sendWebhook(deps, target, pending.payload) : failed("the webhook was removed from the connection's notification settings", false);
    const done = await recordAttempt(deps, { ...record, id: notificationId }, pending.attempts + 1, result, target?.url ?? null);
    if (done) return;
  }
}

/** Starts a delivery unless one already runs in this worker for the same notification. */
export function startWebhookDelivery(deps: NotifierDeps, notificationId: number): void {
  if (deps.deliveries.has(notificationId)) return;
  deps.deliveries.add(notificationId);
  deliverWebhook(deps, notificationId)
    .catch((error: unknown) => log.error('webhook delivery stopped', { notificationId, error: error instanceof Error ? error.message : String(error) }))
    .finally(() => deps.deliveries.delete(notificationId));
}

/** Resumes deliveries that were pending when the last scheduling tab closed. */
export async function resumePendingWebhooks(deps: NotifierDeps): Promise<void> {
  const pending = await deps.db.notifications.filter((record) => record.webhook?.state === 'pending').primaryKeys();
  for (const id of pending) startWebhookDelivery(deps, id);
}
