/**
 * Reads a backup file and checks every field before anything is written. A file with any problem is
 * rejected whole, with messages that name each field's path and value.
 */
import { MAX_RETENTION_DAYS, MAX_RETENTION_RUNS, type RetentionLimits } from '../../contract/api/settings.ts';
import { AppError } from '../../contract/errors.ts';
import type { ConsentObjective, NotificationSettings, PropertyDefinition, PropertyType, Schedule } from '../../contract/model.ts';
import { defaultNotificationSettings } from '../../contract/model.ts';
import { canonicalTimeZone, validateSchedule } from '../../domain/schedule.ts';
import { BACKUP_FORMAT, BACKUP_VERSION, type BackupConnection, type BackupFile, type BackupOverride, type LeftOutFile, type LeftOutHeaders } from './backup-format.ts';
import {
  ProblemList,
  childPath,
  isFields,
  readBoolean,
  readChoice,
  readEpochMs,
  readHttpUrl,
  readInteger,
  readItems,
  readNullableText,
  readNullableObject,
  readObject,
  readText,
  type Fields,
} from './backup-fields.ts';
import { CONNECTOR_DIRECTIONS, readConnectorSettings, readHeaderEntries, type SettingsContext } from './backup-connector-settings.ts';

/** Larger files are rejected before they are read: a backup without profiles or runs stays far below this. */
export const MAX_BACKUP_BYTES = 50 * 1024 * 1024;
/** Problems listed in the message; the rest are counted. */
export const MAX_LISTED_PROBLEMS = 10;

const PROPERTY_ID = /^[a-z][a-z0-9_]{0,63}$/;
const RECORD_ID = /^[A-Za-z0-9._:-]{1,100}$/;
const NOT_BLANK = /\S/;
const EMAIL = /^[^\s@,;]+@[^\s@,;]+$/;
const WALL_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const PROPERTY_TYPES: readonly PropertyType[] = ['text', 'number', 'date', 'boolean'];
const DAY_MS = 86_400_000;

/** Ids already stored in this browser, which a restored connection's settings may refer to. */
export interface StoredReferences {
  propertyIds: ReadonlySet<string>;
  objectiveIds: ReadonlySet<string>;
}

export type BackupCheck = { ok: true; backup: BackupFile } | { ok: false; problems: string[] };

/** Parses and checks a backup file's text; returns the backup or every problem found. */
export function checkBackupText(text: string, stored: StoredReferences, isTestBuild: boolean): BackupCheck {
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch (error) {
    return { ok: false, problems: [`The file is not valid JSON (${(error as Error).message}), so it is not a Runlane backup.`] };
  }
  const problems = new ProblemList();
  const backup = readBackup(problems, root, stored, isTestBuild);
  return backup && problems.count === 0 ? { ok: true, backup } : { ok: false, problems: problems.messages };
}

/** Like checkBackupText, but rejects with 'invalid-input' listing the problems. */
export function parseBackup(text: string, stored: StoredReferences, isTestBuild: boolean): BackupFile {
  const check = checkBackupText(text, stored, isTestBuild);
  if (check.ok) return check.backup;
  throw new AppError('invalid-input', describeProblems(check.problems));
}

export function describeProblems(problems: string[]): string {
  const listed = problems.slice(0, MAX_LISTED_PROBLEMS).join('\n');
  const rest = problems.length - MAX_LISTED_PROBLEMS;
  const more = rest > 0 ? `\n…and ${rest} more ${rest === 1 ? 'problem' : 'problems'}.` : '';
  return `The backup file was not restored and nothing was changed. Correct the file or use another backup:\n${listed}${more}`;
}

/** Checks that the value is a Runlane backup of a version this build reads; the rest of the file is read only then. */
function isReadableBackup(problems: ProblemList, root: unknown): root is Fields {
  if (!isFields(root)) {
    problems.add('The file', root, `expected a JSON object with "format": "${BACKUP_FORMAT}"`);
    return false;
  }
  if (root.format !== BACKUP_FORMAT) {
    problems.add('format', root.format, `expected "${BACKUP_FORMAT}", so this file is not a Runlane backup`);
    return false;
  }
  if (typeof root.version === 'number' && Number.isInteger(root.version) && root.version > BACKUP_VERSION) {
    problems.add('version', root.version, `this version of Runlane reads backup version ${BACKUP_VERSION}; update Runlane, then restore the file again`);
    return false;
  }
  if (root.version !== BACKUP_VERSION) {
    problems.add('version', root.version, `expected ${BACKUP_VERSION}`);
    return false;
  }
  return true;
}

function readBackup(problems: ProblemList, root: unknown, stored: StoredReferences, isTestBuild: boolean): BackupFile | null {
  if (!isReadableBackup(problems, root)) return null;

  const propertyDefinitions = readItems(problems, root.propertyDefinitions, 'propertyDefinitions', (item, path) => readPropertyDefinition(problems, item, path));
  const consentObjectives = readItems(problems, root.consentObjectives, 'consentObjectives', (item, path) => readConsentObjective(problems, item, path));
  reportDuplicateIds(problems, propertyDefinitions, 'propertyDefinitions');
  reportDuplicateIds(problems, consentObjectives, 'consentObjectives');

  // Connections may refer to definitions and objectives of the backup as well as to stored ones.
  const context: SettingsContext = {
    problems,
    propertyIds: new Set([...stored.propertyIds, ...propertyDefinitions.map((definition) => definition.id)]),
    objectiveIds: new Set([...stored.objectiveIds, ...consentObjectives.map((objective) => objective.id)]),
  };
  const connections = readItems(problems, root.connections, 'connections', (item, path) => readConnection(context, item, path, isTestBuild), 10_000).filter(
    (connection): connection is BackupConnection => connection !== null,
  );
  reportDuplicateIds(problems, connections, 'connections');

  const settings = readObject(problems, root.settings, 'settings');
  return {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    createdAtMs: readEpochMs(problems, root.createdAtMs, 'createdAtMs'),
    includesRequestHeaders: readBoolean(problems, root.includesRequestHeaders, 'includesRequestHeaders'),
    settings: { retentionDefaults: settings ? readRetention(problems, settings.retentionDefaults, 'settings.retentionDefaults') : { maxRuns: 1, maxDays: 1 } },
    propertyDefinitions,
    consentObjectives,
    connections,
  };
}

function reportDuplicateIds(problems: ProblemList, items: { id: string }[], path: string): void {
  const firstIndex = new Map<string, number>();
  items.forEach((item, index) => {
    if (!item.id) return;
    const first = firstIndex.get(item.id);
    if (first === undefined) firstIndex.set(item.id, index);
    else problems.add(`${path}[${index}].id`, item.id, `expected an id no other entry has, but ${path}[${first}] has it too`);
  });
}

function readPropertyDefinition(problems: ProblemList, value: unknown, path: string): PropertyDefinition {
  const fields = readObject(problems, value, path);
  if (!fields) return { id: '', label: '', type: 'text' };
  return {
    id: readText(problems, fields.id, childPath(path, 'id'), {
      minLength: 1,
      maxLength: 64,
      pattern: PROPERTY_ID,
      patternText: 'lower-case letters, digits and _, starting with a letter',
    }),
    label: readLabel(problems, fields.label, childPath(path, 'label')),
    type: readChoice(problems, fields.type, childPath(path, 'type'), PROPERTY_TYPES),
  };
}

function readConsentObjective(problems: ProblemList, value: unknown, path: string): ConsentObjective {
  const fields = readObject(problems, value, path);
  if (!fields) return { id: '', label: '' };
  return {
    id: readText(problems, fields.id, childPath(path, 'id'), { minLength: 1, maxLength: 64, pattern: RECORD_ID, patternText: 'letters, digits and . _ : -' }),
    label: readLabel(problems, fields.label, childPath(path, 'label')),
  };
}

function readLabel(problems: ProblemList, value: unknown, path: string): string {
  return readText(problems, value, path, { minLength: 1, maxLength: 80, pattern: NOT_BLANK, patternText: 'text that is not only spaces' });
}

function readRetention(problems: ProblemList, value: unknown, path: string): RetentionLimits {
  const fields = readObject(problems, value, path);
  if (!fields) return { maxRuns: 1, maxDays: 1 };
  return {
    maxRuns: readInteger(problems, fields.maxRuns, childPath(path, 'maxRuns'), 1, MAX_RETENTION_RUNS),
    maxDays: readInteger(problems, fields.maxDays, childPath(path, 'maxDays'), 1, MAX_RETENTION_DAYS),
  };
}

function readConnectionRetention(problems: ProblemList, value: unknown, path: string): RetentionLimits | null {
  const fields = readNullableObject(problems, value, path, 'when the default limits apply');
  return fields ? readRetention(problems, fields, path) : null;
}

function readConnection(context: SettingsContext, value: unknown, path: string, isTestBuild: boolean): BackupConnection | null {
  const { problems } = context;
  const fields = readObject(problems, value, path);
  if (!fields) return null;
  const direction = readChoice(problems, fields.direction, childPath(path, 'direction'), ['import', 'export', 'realtime'] as const);
  const settings = readConnectorSettings(context, fields.settings, childPath(path, 'settings'), isTestBuild);
  if (settings) {
    const expected = CONNECTOR_DIRECTIONS[settings.connector];
    if (expected && expected !== direction) {
      problems.add(childPath(path, 'direction'), fields.direction, `expected "${expected}" for a ${settings.connector} connection`);
    }
  }
  return {
    id: readText(problems, fields.id, childPath(path, 'id'), { minLength: 1, maxLength: 100, pattern: RECORD_ID, patternText: 'letters, digits and . _ : -' }),
    name: readText(problems, fields.name, childPath(path, 'name'), { minLength: 1, maxLength: 120, pattern: NOT_BLANK, patternText: 'a name that is not only spaces' }),
    description: readText(problems, fields.description, childPath(path, 'description'), { maxLength: 10_000 }),
    direction,
    settings: settings ?? { connector: 'test-hang', mode: 'promise' },
    schedule: readSchedule(problems, fields.schedule, childPath(path, 'schedule')),
    timeLimitMs: readInteger(problems, fields.timeLimitMs, childPath(path, 'timeLimitMs'), 60_000, 7 * DAY_MS),
    maxRetries: readInteger(problems, fields.maxRetries, childPath(path, 'maxRetries'), 0, 4),
    catchUp: readChoice(problems, fields.catchUp, childPath(path, 'catchUp'), ['once', 'skip'] as const),
    notifications: readNotifications(problems, fields.notifications, childPath(path, 'notifications')),
    createdAtMs: readEpochMs(problems, fields.createdAtMs, childPath(path, 'createdAtMs')),
    retention: readConnectionRetention(problems, fields.retention, childPath(path, 'retention')),
    dueTimeOverrides: readItems(problems, fields.dueTimeOverrides, childPath(path, 'dueTimeOverrides'), (item, itemPath) => readOverride(problems, item, itemPath), 10_000),
    leftOutFile: readLeftOutFile(problems, fields.leftOutFile, childPath(path, 'leftOutFile')),
    leftOutHeaders: readItems(problems, fields.leftOutHeaders, childPath(path, 'leftOutHeaders'), (item, itemPath) => readLeftOutHeaders(problems, item, itemPath), 100),
  };
}

/** Reads a schedule with the schedule rules the editor uses; the time zone comes back under its current name. */
function readSchedule(problems: ProblemList, value: unknown, path: string): Schedule | null {
  if (value === null) return null;
  if (!isFields(value)) {
    problems.add(path, value, 'expected a schedule object, or null for a connection that runs only with Run now');
    return null;
  }
  const found = validateSchedule(value);
  for (const problem of found) {
    const isWhole = problem.field === 'schedule';
    const fieldValue = isWhole ? value : (value as Fields)[problem.field];
    problems.add(isWhole ? path : childPath(path, problem.field), fieldValue, lowerFirst(problem.message));
  }
  if (found.length > 0) return null;
  const schedule = value as Schedule;
  return { ...schedule, timeZone: canonicalTimeZone(schedule.timeZone) ?? schedule.timeZone };
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

function readNotifications(problems: ProblemList, value: unknown, path: string): NotificationSettings {
  const fields = readObject(problems, value, path);
  if (!fields) return defaultNotificationSettings();
  const webhookPath = childPath(path, 'webhook');
  let webhook: NotificationSettings['webhook'] = null;
  const webhookFields = readNullableObject(problems, fields.webhook, webhookPath, 'when there is no webhook');
  if (webhookFields) {
    webhook = {
      url: readHttpUrl(problems, webhookFields.url, childPath(webhookPath, 'url')),
      headers: readHeaderEntries(problems, webhookFields.headers, childPath(webhookPath, 'headers')),
      allowNoCorsFallback: readBoolean(problems, webhookFields.allowNoCorsFallback, childPath(webhookPath, 'allowNoCorsFallback')),
    };
  }
  const digestPath = childPath(path, 'digest');
  const digest = readObject(problems, fields.digest, digestPath) ?? { enabled: false, atTime: '08:00' };
  return {
    when: readChoice(problems, fields.when, childPath(path, 'when'), ['never', 'every-run', 'failures'] as const),
    browser: readBoolean(problems, fields.browser, childPath(path, 'browser')),
    emails: readItems(problems, fields.emails, childPath(path, 'emails'), (item, itemPath) =>
      readText(problems, item, itemPath, { minLength: 3, maxLength: 254, pattern: EMAIL, patternText: 'an email address such as ops@example.com' }), 50),
    webhook,
    digest: {
      enabled: readBoolean(problems, digest.enabled, childPath(digestPath, 'enabled')),
      atTime: readText(problems, digest.atTime, childPath(digestPath, 'atTime'), { minLength: 1, maxLength: 5, pattern: WALL_TIME, patternText: 'a time HH:MM from 00:00 to 23:59' }),
    },
  };
}

function readOverride(problems: ProblemList, value: unknown, path: string): BackupOverride {
  const fields = readObject(problems, value, path);
  if (!fields) return { dueAtMs: 0, action: 'leave-out', postponedToMs: null, createdAtMs: 0 };
  const action = readChoice(problems, fields.action, childPath(path, 'action'), ['leave-out', 'postpone'] as const);
  const postponedPath = childPath(path, 'postponedToMs');
  let postponedToMs: number | null = null;
  if (action === 'postpone') postponedToMs = readEpochMs(problems, fields.postponedToMs, postponedPath);
  else if (fields.postponedToMs !== null) problems.add(postponedPath, fields.postponedToMs, 'expected null for a left-out run');
  return { dueAtMs: readEpochMs(problems, fields.dueAtMs, childPath(path, 'dueAtMs')), action, postponedToMs, createdAtMs: readEpochMs(problems, fields.createdAtMs, childPath(path, 'createdAtMs')) };
}

function readLeftOutFile(problems: ProblemList, value: unknown, path: string): LeftOutFile | null {
  const fields = readNullableObject(problems, value, path, 'when the connection uses no file or folder');
  if (!fields) return null;
  return {
    kind: readChoice(problems, fields.kind, childPath(path, 'kind'), ['stored-file', 'linked-file', 'linked-folder'] as const),
    name: readNullableText(problems, fields.name, childPath(path, 'name'), { maxLength: 255 }),
  };
}

function readLeftOutHeaders(problems: ProblemList, value: unknown, path: string): LeftOutHeaders {
  const fields = readObject(problems, value, path);
  if (!fields) return { path: '', names: [] };
  return {
    path: readText(problems, fields.path, childPath(path, 'path'), { minLength: 1, maxLength: 200 }),
    names: readItems(problems, fields.names, childPath(path, 'names'), (item, itemPath) => readText(problems, item, itemPath, { minLength: 1, maxLength: 200 }), 100),
  };
}
