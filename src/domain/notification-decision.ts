/**
 * Which run ends notify, and how. A failure is a run that ends `failed` (a time-out included) or
 * `interrupted`; a success is a `finished` run, with or without warnings. Stopped and cancelled runs, and
 * test runs (they write nothing), notify nobody.
 */
import type { NotificationSettings, RunState, RunTrigger } from '../contract/model.ts';
import { LATE_THRESHOLD_MS } from './scheduling.ts';

export type RunOutcomeClass = 'success' | 'failure';

/** What a run end leads to: one message now, a line in the next digest, or nothing. */
export type RunDecision = 'run' | 'recovery' | 'digest' | null;

/** A digest that falls due is late when it is noticed later than this after its due time. */
export const DIGEST_LATE_AFTER_MS = LATE_THRESHOLD_MS;

/** Returns whether a run's end counts as a success or a failure, or null when it notifies nobody. */
export function classifyRunEnd(run: { state: RunState; trigger: RunTrigger }): RunOutcomeClass | null {
  if (run.trigger === 'test') return null;
  if (run.state === 'finished') return 'success';
  if (run.state === 'failed' || run.state === 'interrupted') return 'failure';
  return null;
}

/**
 * Decides what one run end sends. `previous` is the class of the connection's run that ended before this
 * one (null when there is none), so that "failures" also tells once when the connection recovers.
 */
export function decideRunNotification(
  settings: Pick<NotificationSettings, 'when' | 'digest'>,
  outcome: RunOutcomeClass | null,
  previous: RunOutcomeClass | null,
): RunDecision {
  if (settings.when === 'never' || outcome === null) return null;
  if (settings.digest.enabled) return 'digest';
  const isRecovery = outcome === 'success' && previous === 'failure';
  if (isRecovery) return 'recovery';
  if (settings.when === 'every-run') return 'run';
  return outcome === 'failure' ? 'run' : null;
}

/** What a digest period held, for the decision whether to send it. */
export interface DigestPeriod {
  /** The class of each run that ended in the period, oldest first. */
  outcomes: RunOutcomeClass[];
  missedCount: number;
  /** The class of the last run that ended before the period. */
  previous: RunOutcomeClass | null;
}

/**
 * Decides whether a digest is sent. "Every run" sends one for any run or missed run in the period;
 * "failures" sends one when a run failed, runs were missed, or the period began with a recovery.
 */
export function shouldSendDigest(when: NotificationSettings['when'], period: DigestPeriod): boolean {
  if (when === 'never') return false;
  const hasRuns = period.outcomes.length > 0 || period.missedCount > 0;
  if (when === 'every-run') return hasRuns;
  if (period.missedCount > 0 || period.outcomes.includes('failure')) return true;
  return period.outcomes[0] === 'success' && period.previous === 'failure';
}

/** True when the connection sends one daily digest instead of a message per run. */
export function isDigestOn(settings: Pick<NotificationSettings, 'when' | 'digest'>): boolean {
  return settings.digest.enabled && settings.when !== 'never';
}

/** True when start summaries are sent for this connection (a digest lists those runs instead). */
export function wantsStartSummary(settings: Pick<NotificationSettings, 'when' | 'digest'>): boolean {
  return settings.when !== 'never' && !settings.digest.enabled;
}
