/**
 * Plain-data shapes shared by the page, the worker and storage. Everything here survives a structured
 * clone: no classes, no Temporal values. Instants are epoch milliseconds (`…Ms`).
 */
import type { Schedule } from '../domain/schedule.ts';
import type { ScheduleFacts } from '../domain/schedule-facts.ts';
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
  /** '' when the column sets a consent objective instead (`consentObjectiveId`). */
  propertyId: string;
  isIdentifier: boolean;
  /** Date columns: the declared format, ISO `YYYY-MM-DD` by default. */
  dateFormat?: DateFormat;
  /** Set when the column's true/false values set the profile's consent for this objective. */
  consentObjectiveId?: string;
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
  /** Where each run reads the file; absent means 'stored'. */
  source?: FileSource;
  /** Id of the consent objective a row's profile must have agreed to; absent or null requires none. */
  requiredConsent?: string | null;
}

/**
 * 'stored': a copy of the file kept in IndexedDB. 'linked': a file handle (File System Access API), so
 * each run reads the file's current contents from the device.
 */
export type FileSource = 'stored' | 'linked';

/** 'array': one JSON array of objects. 'lines': JSON lines, one object per line. */
export type JsonLayout = 'array' | 'lines';

/** A JSON file whose objects' keys are the columns. */
export interface JsonFileImportSettings {
  connector: 'json-file';
  fileName: string | null;
  source: FileSource;
  encoding: TextEncoding;
  layout: JsonLayout;
  /** How numbers written as text ("1,234.5") are read; JSON numbers need no format. */
  numberFormat: NumberFormat;
  emptyCellsClear: boolean;
  mapping: ColumnMapping[];
  /** Keys of the file's objects, in the order first seen; a new file must keep the mapped ones. */
  headers: string[];
  requiredConsent: string | null;
}

/** A CSV or JSON file fetched with HTTP(S) GET at each run. Header values are secrets. */
export interface UrlImportSettings {
  connector: 'url-import';
  url: string;
  requestHeaders: HeaderEntry[];
  format: 'csv' | 'json';
  /** JSON only. */
  layout: JsonLayout;
  /** CSV only. */
  delimiter: Delimiter;
  encoding: TextEncoding;
  numberFormat: NumberFormat;
  emptyCellsClear: boolean;
  mapping: ColumnMapping[];
  /** Column names of the response when the connection was set up. */
  headers: string[];
  requiredConsent: string | null;
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

/**
 * Test builds only: a connector that writes `warnings` warning lines to the run's log and then fails with
 * `message`, so that tests get a failed run without a broken file.
 */
export interface FailSettings {
  connector: 'test-fail';
  message: string;
  warnings: number;
}

/** Which profiles a batch export reads, and the consent they must have. */
export interface ExportSelection {
  /** Every run exports every profile, instead of those changed since the start of the last successful run. */
  exportAll: boolean;
  /** Id of the consent objective a profile must have agreed to; null requires none. */
  requiredConsent: string | null;
}

/** Profiles written to a CSV or JSON file, in a folder the user picked or kept in this browser. */
export interface FileExportSettings extends ExportSelection {
  connector: 'file-export';
  format: 'csv' | 'json';
  /** 'directory': written into the picked folder; 'browser': kept in IndexedDB for download from the run. */
  destination: 'directory' | 'browser';
  /** Key of the picked folder's handle in the directoryHandles table. */
  directoryHandleId: string | null;
  /** The picked folder's name, for display. */
  directoryName: string | null;
  /** Start of the file name, before the run's date and time; sanitised before use. */
  fileNamePrefix: string;
  /** Property ids to write, in column order; empty writes every property definition. */
  propertyIds: string[];
}

/** Profiles sent as JSON in batches, one POST request per batch. Header values are secrets. */
export interface WebhookExportSettings extends ExportSelection {
  connector: 'webhook-export';
  url: string;
  headers: HeaderEntry[];
  /** Profiles per request, from 1 to 1,000. */
  batchSize: number;
}

/** Each change to a profile, sent to a URL within about a second while the connection is ON. */
export interface RealtimeWebhookSettings {
  connector: 'webhook-realtime';
  url: string;
  headers: HeaderEntry[];
  /** Most changes per request, from 1 to 1,000. */
  batchSize: number;
  /** Changes to profiles without this consent are left out; null requires none. */
  requiredConsent: string | null;
}

/**
 * Demo system: a simulated CRM (standing in for a Salesforce connection) whose records feed the import
 * pipeline. Its data depends only on the seed and the run number. Percentages are whole numbers 0–100.
 */
export interface DemoCrmSettings {
  connector: 'demo-crm';
  seed: number;
  profileCount: number;
  /** Share of records that change from one run to the next. */
  changedPercent: number;
  /** Share of records with a value of the wrong type. */
  badValuePercent: number;
  /** Share of records whose customer has not agreed to email marketing. */
  noConsentPercent: number;
  /** How long a run takes, spread over its batches on the run's clock. */
  runDurationMs: number;
  /** Chance that an attempt fails halfway with a time-out of the simulated CRM. */
  failurePercent: number;
  /** Id of the consent objective a record's customer must have agreed to; null requires none. */
  requiredConsent: string | null;
}

/**
 * Demo system: a simulated ad platform (standing in for a Facebook Custom Audiences connection) that
 * receives exported profiles in batches and records nothing outside the run's counters and log.
 */
export interface DemoAdsSettings extends ExportSelection {
  connector: 'demo-ads';
  seed: number;
  batchSize: number;
  /** Share of profiles the platform rejects as invalid. */
  badValuePercent: number;
  /** Share of profiles on the platform's own opt-out list, counted as Blocked. */
  noConsentPercent: number;
  runDurationMs: number;
  /** Chance that an attempt meets an outage of the platform halfway. */
  failurePercent: number;
}

export type ConnectorSettings =
  | CsvImportSettings
  | JsonFileImportSettings
  | UrlImportSettings
  | HangSettings
  | StepsSettings
  | FailSettings
  | FileExportSettings
  | WebhookExportSettings
  | RealtimeWebhookSettings
  | DemoCrmSettings
  | DemoAdsSettings;

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
  /**
   * The schedule's next due time and zone names, which the worker keeps up to date on every write of the
   * connection, so that the overview needs no Temporal. Absent without a schedule, and on records that no
   * worker wrote yet; not indexed, so it needs no schema version.
   */
  scheduleFacts?: ScheduleFacts;
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
  /** Export runs: where the next attempt resumes. Absent or null until a batch was delivered. */
  exportCursor?: ExportCursor | null;
}

/** Position of an export run just after the last profile of its last delivered batch. */
export interface ExportCursor {
  /** The profile's `updatedAtMs` and `key`: the export reads profiles in that order. */
  updatedAtMs: number;
  key: string;
  /** Batches delivered so far, over all attempts. */
  batches: number;
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
  /** The connection's name when the notification was made; it stays readable after a delete. */
  connectionName: string;
  /** Null for a digest or a summary of runs found interrupted or missed at start. */
  runId: number | null;
  /** Every run the notification covers: the one run, or a digest's or start summary's runs. */
  runIds: number[];
  kind: 'run' | 'recovery' | 'digest' | 'start-summary';
  /** 'failure' when any covered run failed or was interrupted, or runs were missed. */
  outcome: 'success' | 'failure';
  createdAtMs: number;
  subject: string;
  body: string;
  /** The few lines a browser notification shows under the subject. */
  browserBody: string;
  /** The connection's page in Runlane, where the full log is. */
  link: string;
  readAtMs: number | null;
  /** 'pending' until the scheduling tab's page shows it or finds the permission missing. */
  browser: 'not-requested' | 'pending' | 'shown' | 'denied' | 'unsupported' | 'failed';
  email: { recipients: string[]; mailto: string; state: 'ready' | 'opened'; openedAtMs: number | null } | null;
  webhook: NotificationWebhookState | null;
  /** Set for a digest that fell due while the app was closed. */
  isLate: boolean;
}

/** Delivery of one notification's webhook. Header values are not stored here. */
export interface NotificationWebhookState {
  state: 'pending' | 'delivered' | 'failed' | 'sent-unreadable';
  attempts: number;
  lastError: string | null;
  /** HTTP status of the last readable response. */
  lastStatus: number | null;
  /** When the next attempt is due, while `state` is 'pending'. */
  nextAttemptAtMs: number | null;
  /** The JSON text sent as the request body. */
  payload: string;
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
  /**
   * When the scheduler acted on it: at the due time for 'leave-out', at the postponed instant for
   * 'postpone'. Null or absent while it waits.
   */
  handledAtMs?: number | null;
  /**
   * The scheduler's action: 'left-out' (queued nothing), 'queued' or 'merged' (the postponed run, see
   * `runId`), or 'missed' (the postponed instant passed unseen, see missedRuns). Null or absent while it
   * waits, and when the connection was switched OFF before the postponed instant.
   */
  outcome?: 'left-out' | 'queued' | 'merged' | 'missed' | null;
  /** The run a postponed due time queued or merged into. */
  runId?: number | null;
}

/** A request that training mode recorded instead of sending it to an outside system. */
export interface TrainingDelivery {
  id?: number;
  /** On the training clock. */
  atMs: number;
  method: string;
  /** The request's origin and path; the query is left out, as it may hold a secret. */
  url: string;
  /** Size of the request body in bytes; 0 without a body. */
  bodyBytes: number;
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

/** One entry in the history of a real-time connection: a switch, a delivery or an error. */
export interface RealtimeEvent {
  id?: number;
  connectionId: string;
  atMs: number;
  kind: 'switched-on' | 'switched-off' | 'delivered' | 'rejected' | 'error' | 'left-out';
  /** Changes the entry covers: delivered, rejected, or left out for lacking consent. */
  changeCount: number;
  message: string;
}

/** A named purpose a profile may have agreed to, such as "email marketing". */
export interface ConsentObjective {
  id: string;
  label: string;
}
