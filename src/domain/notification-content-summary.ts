/**
 * The text of notifications that cover several runs: the daily digest, and the start summary of runs found
 * interrupted or missed when the app opened.
 */
import { addCounters, emptyCounters } from './counters.ts';
import type { RunOutcomeClass } from './notification-decision.ts';
import {
  MAX_FIRST_ERRORS,
  connectionLink,
  describeRunEnd,
  formatCounters,
  formatLogLine,
  formatMessageDateTime,
  formatMessageRunTime,
  joinBody,
  outcomeMark,
  runTimeMs,
  type LogLine,
  type MessageFormat,
  type NotificationMessage,
  type RunFacts,
} from './notification-content.ts';

/** A run listed in a digest or start summary, with the first warnings and errors of its log. */
export interface ListedRun extends RunFacts {
  id: number;
  outcome: RunOutcomeClass;
  firstErrors: LogLine[];
}

/** Missed due times from the scheduler's records, added up. */
export interface MissedFacts {
  count: number;
  firstDueAtMs: number | null;
  lastDueAtMs: number | null;
  /** Catch-up runs queued for them. */
  catchUpCount: number;
}

/** Runs a digest lists one by one; the rest are counted. */
export const MAX_LISTED_RUNS = 20;

export function noMissedRuns(): MissedFacts {
  return { count: 0, firstDueAtMs: null, lastDueAtMs: null, catchUpCount: 0 };
}

function plural(count: number, one: string, many: string, locale: string): string {
  return `${new Intl.NumberFormat(locale).format(count)} ${count === 1 ? one : many}`;
}

function listRun(run: ListedRun, format: MessageFormat): string {
  const started = run.startedAtMs === null ? 'never started' : `started ${formatMessageDateTime(run.startedAtMs, format)}`;
  const duration = runTimeMs(run);
  const runTime = duration === null ? '' : `, run time ${formatMessageRunTime(duration)}`;
  const reason = run.outcome === 'failure' && run.errorMessage ? `: ${run.errorMessage}` : '';
  return `- Run #${run.number} ${describeRunEnd(run)}, ${started}${runTime}${reason}`;
}

function firstErrorLines(runs: ListedRun[]): string[] {
  const lines: string[] = [];
  for (const run of runs) {
    for (const line of run.firstErrors) {
      if (lines.length >= MAX_FIRST_ERRORS) return lines;
      lines.push(`- Run #${run.number}: ${formatLogLine(line)}`);
    }
  }
  return lines;
}

function missedLine(missed: MissedFacts, format: MessageFormat): string {
  const what = `${plural(missed.count, 'run was', 'runs were', format.locale)} missed while no tab of Runlane was open`;
  if (missed.firstDueAtMs === null || missed.lastDueAtMs === null) return `- ${what}.`;
  const first = formatMessageDateTime(missed.firstDueAtMs, format);
  const last = formatMessageDateTime(missed.lastDueAtMs, format);
  return `- ${what}: due ${first === last ? first : `from ${first} to ${last}`}.`;
}

/** "12 runs, 2 failed, 3 missed" or "3 runs, all finished". */
function digestTally(runs: ListedRun[], missed: MissedFacts, locale: string): string {
  const failed = runs.filter((run) => run.state === 'failed').length;
  const interrupted = runs.filter((run) => run.state === 'interrupted').length;
  const parts = [plural(runs.length, 'run', 'runs', locale)];
  if (failed > 0) parts.push(`${new Intl.NumberFormat(locale).format(failed)} failed`);
  if (interrupted > 0) parts.push(`${new Intl.NumberFormat(locale).format(interrupted)} interrupted`);
  if (missed.count > 0) parts.push(`${new Intl.NumberFormat(locale).format(missed.count)} missed`);
  if (parts.length === 1 && runs.length > 0) parts.push('all finished');
  return parts.join(', ');
}

/** Builds the daily digest of one connection: the runs that ended in the period, and the missed ones. */
export function buildDigestMessage(args: {
  connection: { id: string; name: string };
  periodStartMs: number;
  periodEndMs: number;
  isLate: boolean;
  runs: ListedRun[];
  missed: MissedFacts;
  format: MessageFormat;
}): NotificationMessage {
  const { connection, runs, missed, format } = args;
  const hasFailure = missed.count > 0 || runs.some((run) => run.outcome === 'failure');
  const tally = digestTally(runs, missed, format.locale);
  const subject = `${outcomeMark(hasFailure ? 'failure' : 'success')} ${connection.name} — daily digest${args.isLate ? ' (late)' : ''}: ${tally}`;
  const from = formatMessageDateTime(args.periodStartMs, format);
  const to = formatMessageDateTime(args.periodEndMs, format);
  const lines = [`Daily digest of "${connection.name}": runs that ended from ${from} to ${to} (${format.timeZone}).`];
  if (args.isLate) lines.push(`It was due at ${to} while Runlane was closed, so it comes late.`);
  lines.push(`Summary: ${tally}.`);
  if (runs.length > 0) lines.push(`Counters of these runs: ${formatCounters(runs.reduce((sum, run) => addCounters(sum, run.counters), emptyCounters()), format.locale)}`);
  if (runs.length > 0 || missed.count > 0) lines.push('', 'Runs:');
  lines.push(...runs.slice(0, MAX_LISTED_RUNS).map((run) => listRun(run, format)));
  if (runs.length > MAX_LISTED_RUNS) lines.push(`- … and ${plural(runs.length - MAX_LISTED_RUNS, 'more run', 'more runs', format.locale)}.`);
  if (missed.count > 0) lines.push(missedLine(missed, format));
  const errors = firstErrorLines(runs);
  if (errors.length > 0) lines.push('', 'First errors and warnings in the logs:', ...errors);
  const closingLine = `Full logs in Runlane: ${connectionLink(format.appUrl, connection.id)}`;
  return { subject, lines, closingLine, body: joinBody(lines, closingLine), browserBody: `Summary: ${tally}.` };
}

/** Builds one message for the runs of a connection found interrupted or missed when the app opened. */
export function buildStartSummaryMessage(args: {
  connection: { id: string; name: string };
  interrupted: ListedRun[];
  missed: MissedFacts;
  format: MessageFormat;
}): NotificationMessage {
  const { connection, interrupted, missed, format } = args;
  const parts: string[] = [];
  if (interrupted.length > 0) parts.push(`${plural(interrupted.length, 'run', 'runs', format.locale)} interrupted`);
  if (missed.count > 0) parts.push(`${plural(missed.count, 'run', 'runs', format.locale)} missed`);
  const subject = `✖ ${connection.name} — found at start: ${parts.join(', ')}`;
  const lines = [`When Runlane started, it found these runs of "${connection.name}":`];
  for (const run of interrupted) {
    const started = run.startedAtMs === null ? '' : ` It started ${formatMessageDateTime(run.startedAtMs, format)} (${format.timeZone}).`;
    const reason = run.errorMessage ?? 'The tab that ran it closed or crashed.';
    lines.push(`- Run #${run.number} was interrupted. ${reason}${started} Counters: ${formatCounters(run.counters, format.locale)}`);
  }
  if (missed.count > 0) lines.push(missedLine(missed, format));
  if (missed.catchUpCount > 0) lines.push(`- ${plural(missed.catchUpCount, 'catch-up run was', 'catch-up runs were', format.locale)} queued for the missed runs.`);
  const errors = firstErrorLines(interrupted);
  if (errors.length > 0) lines.push('', 'First errors and warnings in the logs:', ...errors);
  const closingLine = `Full log in Runlane: ${connectionLink(format.appUrl, connection.id)}`;
  return { subject, lines, closingLine, body: joinBody(lines, closingLine), browserBody: `Found at start: ${parts.join(', ')}.` };
}
