/**
 * Plain-data shapes shared by the page, the worker and storage. Everything here survives a structured
 * clone: no classes, no Temporal values. Instants are epoch milliseconds (`…Ms`).
 */
import type { Schedule } from '../domain/schedule.ts';
import type { Counters } from '../domain/counters.ts';
import type { RunState, RunTrigger } from '../domain/run-state.ts';

export type { Schedule, Counters, RunState, RunTrigger };

export type PropertyType = 'text' | 'number' | 'date' | 'boolean';

export interface PropertyDefinition {
  id: string;
  label: string;
  type: PropertyType;
}

/** A column of the source file mapped to a profile property; the identifier column has `isIdentifier`. */
export interface ColumnMapping {
  column: string;
  propertyId: string;
  isIdentifier: boolean;
  /** Date columns: the declared format, ISO `YYYY-MM-DD` by default. */
  dateFormat?: DateFormat;
}

export type DateFormat = 'YYYY-MM-DD' | 'DD/MM/YYYY' | 'MM/DD/YYYY' | 'DD.MM.YYYY' | 'DD-MM-YYYY';
export type NumberFormat = '1,234.5' | '1.234,5';
export type TextEncoding = 'utf-8' | 'windows-1252';
export type Delimiter = 'auto' | ',' | ';' | '\t';

export interface CsvImportSettings {
  connector: 'csv-file';
  fileName: string | null;
  encoding: TextEncoding;
  delimiter: Delimiter;
  numberFormat: NumberFormat;
  emptyCellsClear: boolean;
  mapping: ColumnMapping[];
  /** Header names of the stored file, in file order; a new file must keep the mapped ones. */
  headers: string[];
}

/**
 * Test builds only: a connector that never returns and ignores its AbortSignal, either by waiting on a
 * promise that never settles or by blocking the worker's thread in an endless loop.
 */
export interface HangSettings {
  connector: 'test-hang';
  mode: 'promise' | 'busy-loop';
}

/**
 * Test builds only: a connector that adds `rowsPerStep` profiles every `stepMs` of the run's clock, for
 * `steps` steps, honouring its AbortSignal between steps. Tests move the controlled clock to drive it.
 */
export interface StepsSettings {
  connector: 'test-steps';
  steps: number;
  stepMs: number;
  rowsPerStep: number;
}

export type ConnectorSettings = CsvImportSettings | HangSettings | StepsSettings;

export type CatchUpPolicy = 'once' | 'skip';

/** A request header such as Authorization. Header values are secrets: masked in the UI, never logged. */
export interface HeaderEntry {
  name: string;
  value: string;
}

/** Who is told about a connection's runs, and when. One `when` applies to every channel. */
export interface NotificationSettings {
  when: 'never' | 'every-run' | 'failures';
  /** Browser notifications through the service worker's registration. */
  browser: boolean;
  /** Recipients of the ready-to-send email in the notification center. */
  emails: string[];
  webhook: { url: string; headers: HeaderEntry[]; allowNoCorsFallback: boolean } | null;
  /** One message a day at `atTime` ('HH:MM', browser's zone) instead of one per run. */
  digest: { enabled: boolean; atTime: string };
}

export function defaultNotificationSettings(): NotificationSettings {
  return { when: 'never', browser: false, emails: [], webhook: null, digest: { enabled: false, atTime: '08:00' } };
}

export interface Connection {
  id: string;
  name: string;
  description: string;
  direction: 'import' | 'export' | 'realtime';
  settings: ConnectorSettings;
  schedule: Schedule | null;
  enabled: boolean;
  /** The latest due time the scheduler has handled (queued, merged or recorded as missed). */
  scheduleMarkMs: number | null;
  nextRunNumber: number;
  timeLimitMs: number;
  maxRetries: number;
  catchUp: CatchUpPolicy;
  notifications: NotificationSettings;
  createdAtMs: number;
  updatedAtMs: number;
}

export interface Run {
  id: number;
  connectionId: string;
  number: number;
  trigger: RunTrigger;
  state: RunState;
  /** 0 for manual runs (head of the queue), 1 for the rest. */
  priority: number;
  queuedAtMs: number;
  /** When Run now moved this already queued run to the head of the queue. */
  promotedAtMs: number | null;
  dueAtMs: number | null;
  startedAtMs: number | null;
  endedAtMs: number | null;
  stopRequestedAtMs: number | null;
  attempt: number;
  /** True while the attempt waits for the browser to be online again. */
  waitingForNetwork: boolean;
  counters: Counters;
  warningCount: number;
  errorMessage: string | null;
  /** One line for the history row. */
  summary: string;
  /** Due times (epoch ms) of schedule ticks that merged into this run. */
  mergedDueAtMs: number[];
  logCount: number;
}

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface RunLogEntry {
  runId: number;
  seq: number;
  atMs: number;
  level: LogLevel;
  message: string;
}

export type PropertyValue = string | number | boolean | null;

export interface Profile {
  /** Normalised identifier: trimmed and lower-cased. */
  key: string;
  /** The identifier as first seen. */
  identifier: string;
  properties: Record<string, PropertyValue>;
  consent: Record<string, boolean>;
  createdAtMs: number;
  updatedAtMs: number;
  lastRunId: number | null;
  lastConnectionId: string | null;
}

export interface StoredFile {
  connectionId: string;
  name: string;
  size: number;
  type: string;
  storedAtMs: number;
  blob: Blob;
}

/** Due times that passed unseen: while no tab ran the scheduler, or noticed more than 5 minutes late. */
export interface MissedRuns {
  id?: number;
  connectionId: string;
  noticedAtMs: number;
  /** How many due times were missed; `dueAtMs` lists at most the first 1,000 of them. */
  count: number;
  dueAtMs: number[];
  catchUpRunId: number | null;
}

/** A notification about a run, kept in the notification center with the state of each channel. */
export interface NotificationRecord {
  id?: number;
  connectionId: string;
  /** Null for a digest or a summary of runs found interrupted or missed at start. */
  runId: number | null;
  kind: 'run' | 'recovery' | 'digest' | 'start-summary';
  createdAtMs: number;
  subject: string;
  body: string;
  readAtMs: number | null;
  browser: 'not-requested' | 'shown' | 'denied' | 'unsupported';
  email: { recipients: string[]; mailto: string; state: 'ready' | 'opened' } | null;
  webhook: { state: 'pending' | 'delivered' | 'failed' | 'sent-unreadable'; attempts: number; lastError: string | null } | null;
  /** Set for a digest that fell due while the app was closed. */
  isLate: boolean;
}

/** One change to a profile, waiting for real-time connections to deliver it. */
export interface OutboxEntry {
  id?: number;
  /** Unique per change; receivers use it to drop a change delivered twice. */
  eventId: string;
  profileKey: string;
  change: 'upsert' | 'delete';
  atMs: number;
}

/** A change to one planned run of a schedule, set from the timeline; the schedule itself is unchanged. */
export interface DueTimeOverride {
  connectionId: string;
  dueAtMs: number;
  action: 'leave-out' | 'postpone';
  /** For 'postpone': when the run is due instead. */
  postponedToMs: number | null;
  createdAtMs: number;
}

/** A file an export run produced, kept for download when it was not written to a picked directory. */
export interface ExportFile {
  id?: number;
  connectionId: string;
  runId: number;
  fileName: string;
  type: string;
  createdAtMs: number;
  blob: Blob;
}

/** A named purpose a profile may have agreed to, such as "email marketing". */
export interface ConsentObjective {
  id: string;
  label: string;
}
