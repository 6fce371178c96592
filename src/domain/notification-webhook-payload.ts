/**
 * The JSON summary a webhook receives. Instants are ISO 8601 strings in UTC, and `runTimeMs` is in
 * milliseconds. Header values never appear here. The worker adds an `eventId` (a UUID) to each
 * notification's summary, the same in every attempt, so a receiver can drop a summary it got twice.
 */
import type { Counters, RunState } from '../contract/model.ts';
import type { RunOutcomeClass } from './notification-decision.ts';
import { MAX_FIRST_ERRORS, runTimeMs, type LogLine, type RunFacts } from './notification-content.ts';
import type { ListedRun, MissedFacts } from './notification-content-summary.ts';

export interface WebhookRunSummary {
  runNumber: number;
  state: RunState;
  /** 'success-with-warnings' for a finished run with warnings. */
  outcome: 'success' | 'success-with-warnings' | 'failure';
  startedAt: string | null;
  endedAt: string | null;
  runTimeMs: number | null;
  counters: Counters;
  warningCount: number;
  errorMessage: string | null;
  firstErrors: { level: LogLine['level']; message: string; at: string }[];
}

export type WebhookPayload =
  | ({ kind: 'run' | 'recovery'; connectionId: string; connectionName: string; link: string } & WebhookRunSummary)
  | {
      kind: 'digest';
      connectionId: string;
      connectionName: string;
      link: string;
      periodStart: string;
      periodEnd: string;
      isLate: boolean;
      runs: WebhookRunSummary[];
      missedRunCount: number;
    }
  | { kind: 'start-summary'; connectionId: string; connectionName: string; link: string; runs: WebhookRunSummary[]; missedRunCount: number };

function isoOrNull(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}

export function summariseRunForWebhook(run: RunFacts, outcome: RunOutcomeClass, firstErrors: LogLine[]): WebhookRunSummary {
  return {
    runNumber: run.number,
    state: run.state,
    outcome: outcome === 'failure' ? 'failure' : run.warningCount > 0 ? 'success-with-warnings' : 'success',
    startedAt: isoOrNull(run.startedAtMs),
    endedAt: isoOrNull(run.endedAtMs),
    runTimeMs: runTimeMs(run),
    counters: { ...run.counters },
    warningCount: run.warningCount,
    errorMessage: run.errorMessage,
    firstErrors: firstErrors.slice(0, MAX_FIRST_ERRORS).map((line) => ({ level: line.level, message: line.message, at: new Date(line.atMs).toISOString() })),
  };
}

export function buildRunPayload(args: {
  kind: 'run' | 'recovery';
  connection: { id: string; name: string };
  link: string;
  run: RunFacts;
  outcome: RunOutcomeClass;
  firstErrors: LogLine[];
}): WebhookPayload {
  const { connection } = args;
  return { kind: args.kind, connectionId: connection.id, connectionName: connection.name, link: args.link, ...summariseRunForWebhook(args.run, args.outcome, args.firstErrors) };
}

export function buildDigestPayload(args: {
  connection: { id: string; name: string };
  link: string;
  periodStartMs: number;
  periodEndMs: number;
  isLate: boolean;
  runs: ListedRun[];
  missed: MissedFacts;
}): WebhookPayload {
  return {
    kind: 'digest',
    connectionId: args.connection.id,
    connectionName: args.connection.name,
    link: args.link,
    periodStart: new Date(args.periodStartMs).toISOString(),
    periodEnd: new Date(args.periodEndMs).toISOString(),
    isLate: args.isLate,
    runs: args.runs.map((run) => summariseRunForWebhook(run, run.outcome, run.firstErrors)),
    missedRunCount: args.missed.count,
  };
}

export function buildStartSummaryPayload(args: { connection: { id: string; name: string }; link: string; interrupted: ListedRun[]; missed: MissedFacts }): WebhookPayload {
  return {
    kind: 'start-summary',
    connectionId: args.connection.id,
    connectionName: args.connection.name,
    link: args.link,
    runs: args.interrupted.map((run) => summariseRunForWebhook(run, run.outcome, run.firstErrors)),
    missedRunCount: args.missed.count,
  };
}
