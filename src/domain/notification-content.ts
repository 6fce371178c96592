/**
 * The text of a run's notification: subject, body and the short text of a browser notification. Dates are
 * written in the user's time zone and numbers in the user's locale, both passed in, so the text is the
 * same in the worker and in tests.
 */
import type { Counters, LogLevel, RunState } from '../contract/model.ts';
import type { RunOutcomeClass } from './notification-decision.ts';

export interface MessageFormat {
  locale: string;
  timeZone: string;
  /** The app's address; the connection's page is this address with `#/connections/<id>`. */
  appUrl: string;
}

/** What a message says about one run. */
export interface RunFacts {
  number: number;
  state: RunState;
  startedAtMs: number | null;
  endedAtMs: number | null;
  counters: Counters;
  warningCount: number;
  errorMessage: string | null;
}

/** A warning or error line from a run's log. */
export interface LogLine {
  level: Extract<LogLevel, 'warn' | 'error'>;
  message: string;
  atMs: number;
}

export interface NotificationMessage {
  subject: string;
  /** The body without its closing line. */
  lines: string[];
  /** The last line: where the full log is. */
  closingLine: string;
  /** `lines`, a blank line and `closingLine`. */
  body: string;
  browserBody: string;
}

/** First warnings and errors a message lists, and the length each is cut to. */
export const MAX_FIRST_ERRORS = 5;
const MAX_LOG_LINE_CHARS = 300;

export function connectionLink(appUrl: string, connectionId: string): string {
  const url = new URL(appUrl);
  url.hash = `/connections/${connectionId}`;
  return url.href;
}

/** "finished", "finished with warnings", "failed", "interrupted", … */
export function describeRunEnd(run: Pick<RunFacts, 'state' | 'warningCount'>): string {
  if (run.state === 'finished') return run.warningCount > 0 ? 'finished with warnings' : 'finished';
  return run.state;
}

export function outcomeMark(outcome: RunOutcomeClass): string {
  return outcome === 'success' ? '✔' : '✖';
}

export function formatMessageDateTime(ms: number, format: MessageFormat): string {
  return new Intl.DateTimeFormat(format.locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: format.timeZone }).format(ms);
}

/** A run time such as "45 s", "1 min 05 s" or "2 h 03 min". */
export function formatMessageRunTime(ms: number): string {
  const totalSeconds = Math.max(0, Math.round(ms / 1000));
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  if (hours > 0) return `${hours} h ${String(minutes).padStart(2, '0')} min`;
  if (minutes > 0) return `${minutes} min ${String(seconds).padStart(2, '0')} s`;
  return `${seconds} s`;
}

export function formatCounters(counters: Counters, locale: string): string {
  const number = new Intl.NumberFormat(locale);
  return [
    `Checked ${number.format(counters.checked)}`,
    `Added ${number.format(counters.added)}`,
    `Updated ${number.format(counters.updated)}`,
    `Unchanged ${number.format(counters.unchanged)}`,
    `Skipped ${number.format(counters.skipped)}`,
    `Failed ${number.format(counters.failed)}`,
    `Blocked by consent ${number.format(counters.blocked)}`,
  ].join(' · ');
}

export function runTimeMs(run: Pick<RunFacts, 'startedAtMs' | 'endedAtMs'>): number | null {
  if (run.startedAtMs === null || run.endedAtMs === null) return null;
  return run.endedAtMs - run.startedAtMs;
}

/** "Error: …" or "Warning: …", cut to a readable length. */
export function formatLogLine(line: LogLine): string {
  const text = line.message.length > MAX_LOG_LINE_CHARS ? `${line.message.slice(0, MAX_LOG_LINE_CHARS - 1)}…` : line.message;
  return `${line.level === 'error' ? 'Error' : 'Warning'}: ${text}`;
}

export function joinBody(lines: string[], closingLine: string): string {
  return [...lines, '', closingLine].join('\n');
}

function startedLine(run: RunFacts, format: MessageFormat): string {
  if (run.startedAtMs === null) return 'Started: never started';
  return `Started: ${formatMessageDateTime(run.startedAtMs, format)} (${format.timeZone})`;
}

/** The subject, body and browser text for one run's end, or for the run that recovered a connection. */
export function buildRunMessage(args: {
  kind: 'run' | 'recovery';
  connection: { id: string; name: string };
  run: RunFacts;
  outcome: RunOutcomeClass;
  firstErrors: LogLine[];
  format: MessageFormat;
}): NotificationMessage {
  const { kind, connection, run, outcome, firstErrors, format } = args;
  const ended = describeRunEnd(run);
  const subject =
    kind === 'recovery' ? `✔ ${connection.name} recovered — run #${run.number} ${ended}` : `${outcomeMark(outcome)} ${connection.name} — run #${run.number} ${ended}`;
  const duration = runTimeMs(run);
  const countersLine = `Counters: ${formatCounters(run.counters, format.locale)}`;
  const runTimeLine = `Run time: ${duration === null ? 'unknown' : formatMessageRunTime(duration)}`;
  const lines = [`Run #${run.number} of "${connection.name}" ${ended}.`];
  if (kind === 'recovery') lines.push('The connection recovered: the run before this one failed.');
  if (outcome === 'failure' && run.errorMessage) lines.push(`Reason: ${run.errorMessage}`);
  lines.push('', startedLine(run, format), runTimeLine, countersLine);
  const shown = firstErrors.slice(0, MAX_FIRST_ERRORS);
  if (shown.length > 0) lines.push('', 'First errors and warnings in the log:', ...shown.map((line) => `- ${formatLogLine(line)}`));
  const closingLine = `Full log in Runlane: ${connectionLink(format.appUrl, connection.id)}`;
  const browserLines = outcome === 'failure' && run.errorMessage ? [`Reason: ${run.errorMessage}`, countersLine] : [countersLine, runTimeLine];
  return { subject, lines, closingLine, body: joinBody(lines, closingLine), browserBody: browserLines.join('\n') };
}
