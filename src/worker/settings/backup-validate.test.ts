import { describe, expect, it } from 'vitest';
import { toAppError } from '../../contract/errors.ts';
import { describeProblems, MAX_BACKUP_BYTES } from './backup-validate.ts';
import { countAllRecords, createSettingsHarness } from './settings-test-helpers.ts';

const NOW_MS = Date.parse('2026-03-05T10:00:00Z');

// biome-ignore lint/suspicious/noExplicitAny: the cases break fields in ways the backup types forbid.
type LooseBackup = Record<string, any>;

/** A valid version 1 backup with one CSV import connection. Each case below breaks one field of it. */
function validBackup(): LooseBackup {
  return {
    format: 'runlane-backup',
    version: 1,
    createdAtMs: NOW_MS,
    includesRequestHeaders: false,
    settings: { retentionDefaults: { maxRuns: 1000, maxDays: 365 } },
    propertyDefinitions: [
      { id: 'email', label: 'Email', type: 'text' },
      { id: 'points', label: 'Points', type: 'number' },
    ],
    consentObjectives: [{ id: 'email-marketing', label: 'Email marketing' }],
    connections: [
      {
        id: 'c-1',
        name: 'Nightly CRM import',
        description: '',
        direction: 'import',
        settings: {
          connector: 'csv-file',
          fileName: 'customers.csv',
          encoding: 'utf-8',
          delimiter: 'auto',
          numberFormat: '1,234.5',
          emptyCellsClear: false,
          mapping: [
            { column: 'email', propertyId: 'email', isIdentifier: true },
            { column: 'points', propertyId: 'points', isIdentifier: false },
          ],
          headers: ['email', 'points'],
        },
        schedule: { kind: 'daysOfWeek', days: [1, 3], time: '06:30', timeZone: 'Europe/Amsterdam' },
        timeLimitMs: 3_600_000,
        maxRetries: 2,
        catchUp: 'once',
        notifications: {
          when: 'failures',
          browser: false,
          emails: ['ops@example.com'],
          webhook: { url: 'https://hooks.example.com/runlane', headers: [], allowNoCorsFallback: false },
          digest: { enabled: false, atTime: '08:00' },
        },
        createdAtMs: NOW_MS - 1000,
        retention: null,
        dueTimeOverrides: [],
        leftOutFile: { kind: 'stored-file', name: 'customers.csv' },
        leftOutHeaders: [{ path: 'notifications.webhook.headers', names: ['Authorization'] }],
      },
    ],
  };
}

async function restoreText(text: string) {
  const harness = createSettingsHarness(NOW_MS);
  await harness.db.propertyDefinitions.add({ id: 'city', label: 'City', type: 'text' });
  const before = await countAllRecords(harness.db);
  const error = await harness.api.restoreBackup({ file: new Blob([text]) }).then(
    () => null,
    (caught: unknown) => caught,
  );
  return { error: toAppError(error), before, after: await countAllRecords(harness.db) };
}

async function expectRejected(backup: unknown, problems: string[]): Promise<void> {
  const { error, before, after } = await restoreText(JSON.stringify(backup));
  expect(error?.code).toBe('invalid-input');
  expect(error?.message).toBe(describeProblems(problems));
  expect(after).toEqual(before);
}

describe('backup validation', () => {
  it('accepts the valid backup', async () => {
    const { error } = await restoreText(JSON.stringify(validBackup()));
    expect(error).toBeNull();
  });

  it('rejects text that is not JSON', async () => {
    const { error, before, after } = await restoreText('{"format": "runlane-backup",');
    expect(error?.message).toMatch(/^The backup file was not restored and nothing was changed\. Correct the file or use another backup:\nThe file is not valid JSON \(.+\), so it is not a Runlane backup\.$/);
    expect(after).toEqual(before);
  });

  it('rejects a file that is not UTF-8 text', async () => {
    const harness = createSettingsHarness(NOW_MS);
    const error = await harness.api.restoreBackup({ file: new Blob([new Uint8Array([0x7b, 0xff, 0xfe, 0x7d])]) }).then(
      () => null,
      (caught: unknown) => toAppError(caught),
    );
    expect(error?.message).toBe('The file is not UTF-8 text, so it is not a Runlane backup. Nothing was changed.');
  });

  it('rejects a file larger than a backup can be', async () => {
    const harness = createSettingsHarness(NOW_MS);
    const big = { size: MAX_BACKUP_BYTES + 1 } as Blob;
    const error = await harness.api.checkBackup({ file: big }).then(
      () => null,
      (caught: unknown) => toAppError(caught),
    );
    expect(error?.message).toBe(`The file is ${MAX_BACKUP_BYTES + 1} bytes, larger than a backup can be (${MAX_BACKUP_BYTES} bytes), so it is not a Runlane backup. Nothing was changed.`);
  });

  it('rejects a file of another format', async () => {
    await expectRejected({ ...validBackup(), format: 'excel' }, ['format is "excel": expected "runlane-backup", so this file is not a Runlane backup.']);
    await expectRejected([1, 2], ['The file is a list of 2 items: expected a JSON object with "format": "runlane-backup".']);
  });

  it('rejects a newer or unknown version', async () => {
    await expectRejected({ ...validBackup(), version: 2 }, ['version is 2: this version of Runlane reads backup version 1; update Runlane, then restore the file again.']);
    await expectRejected({ ...validBackup(), version: '1' }, ['version is "1": expected 1.']);
  });

  const cases: { name: string; change: (backup: LooseBackup) => void; problems: string[] }[] = [
    {
      name: 'connections that are not a list',
      change: (backup) => (backup.connections = { id: 'c-1' }),
      problems: ['connections is an object: expected a list.'],
    },
    {
      name: 'a connection that is not an object',
      change: (backup) => backup.connections.push('Weekly import'),
      problems: ['connections[1] is "Weekly import": expected an object.'],
    },
    {
      name: 'a missing name',
      change: (backup) => delete backup.connections[0].name,
      problems: ['connections[0].name is missing: expected text of 1 to 120 characters.'],
    },
    {
      name: 'a blank name',
      change: (backup) => (backup.connections[0].name = '   '),
      problems: ['connections[0].name is "   ": expected a name that is not only spaces.'],
    },
    {
      name: 'an unknown direction',
      change: (backup) => (backup.connections[0].direction = 'sideways'),
      problems: ['connections[0].direction is "sideways": expected one of "import", "export", "realtime".'],
    },
    {
      name: 'a direction that does not fit the connector',
      change: (backup) => (backup.connections[0].direction = 'export'),
      problems: ['connections[0].direction is "export": expected "import" for a csv-file connection.'],
    },
    {
      name: 'an unknown connector',
      change: (backup) => (backup.connections[0].settings.connector = 'ftp'),
      problems: [
        'connections[0].settings.connector is "ftp": expected one of "csv-file", "json-file", "url-import", "demo-crm", "file-export", "webhook-export", "demo-ads", "webhook-realtime", "test-hang", "test-steps", "test-fail".',
      ],
    },
    {
      name: 'a wrong encoding',
      change: (backup) => (backup.connections[0].settings.encoding = 'latin-9'),
      problems: ['connections[0].settings.encoding is "latin-9": expected one of "utf-8", "windows-1252".'],
    },
    {
      name: 'a mapping to an unknown property',
      change: (backup) => (backup.connections[0].settings.mapping[1].propertyId = 'loyalty'),
      problems: ['connections[0].settings.mapping[1].propertyId is "loyalty": expected the id of a property definition in the backup or in this browser.'],
    },
    {
      name: 'a mapping without an identifier',
      change: (backup) => (backup.connections[0].settings.mapping[0].isIdentifier = false),
      problems: ['connections[0].settings.mapping is a list of 2 items: expected exactly one column marked as the identifier, found 0.'],
    },
    {
      name: 'a mapped column missing from the headers',
      change: (backup) => (backup.connections[0].settings.mapping[1].column = 'loyalty'),
      problems: ['connections[0].settings.mapping[1].column is "loyalty": expected one of the column names listed in the settings\' headers.'],
    },
    {
      name: 'an unknown time zone',
      change: (backup) => (backup.connections[0].schedule.timeZone = 'Mars/Olympus'),
      problems: ["connections[0].schedule.timeZone is \"Mars/Olympus\": unknown time zone 'Mars/Olympus'."],
    },
    {
      name: 'a schedule time out of range',
      change: (backup) => (backup.connections[0].schedule.time = '24:10'),
      problems: ['connections[0].schedule.time is "24:10": time must be HH:MM between 00:00 and 23:59.'],
    },
    {
      name: 'a schedule that is not an object',
      change: (backup) => (backup.connections[0].schedule = 'daily'),
      problems: ['connections[0].schedule is "daily": expected a schedule object, or null for a connection that runs only with Run now.'],
    },
    {
      name: 'a time limit below a minute',
      change: (backup) => (backup.connections[0].timeLimitMs = 500),
      problems: ['connections[0].timeLimitMs is 500: expected a whole number from 60000 to 604800000.'],
    },
    {
      name: 'retries that are not a whole number',
      change: (backup) => (backup.connections[0].maxRetries = 1.5),
      problems: ['connections[0].maxRetries is 1.5: expected a whole number from 0 to 4.'],
    },
    {
      name: 'an invalid email address',
      change: (backup) => (backup.connections[0].notifications.emails = ['ops@example.com', 'not an address']),
      problems: ['connections[0].notifications.emails[1] is "not an address": expected an email address such as ops@example.com.'],
    },
    {
      name: 'a webhook address that is not http',
      change: (backup) => (backup.connections[0].notifications.webhook.url = 'ftp://hooks.example.com'),
      problems: ['connections[0].notifications.webhook.url is "ftp://hooks.example.com": expected an http:// or https:// address.'],
    },
    {
      name: 'a request header without a valid name',
      change: (backup) => (backup.connections[0].notifications.webhook.headers = [{ name: 'X Key', value: 'secret' }]),
      problems: ['connections[0].notifications.webhook.headers[0].name is "X Key": expected a header name of letters, digits and - (such as Authorization).'],
    },
    {
      name: 'a webhook address with a user name and password, without showing them',
      change: (backup) => (backup.connections[0].notifications.webhook.url = 'https://ops:s3cret@hooks.example.com/runlane'),
      problems: [
        'connections[0].notifications.webhook.url is "https://…@hooks.example.com/runlane": expected an address without a user name or password; send them in a request header such as Authorization.',
      ],
    },
    {
      name: 'a request header value with a line break, without showing it',
      change: (backup) => (backup.connections[0].notifications.webhook.headers = [{ name: 'Authorization', value: 'Bearer abc\r\nX-Other: 1' }]),
      problems: ['connections[0].notifications.webhook.headers[0].value is a hidden value of 22 characters: expected a value on one line, without line breaks.'],
    },
    {
      name: 'a request header value too long, without showing it',
      change: (backup) => (backup.connections[0].notifications.webhook.headers = [{ name: 'Authorization', value: `Bearer ${'s'.repeat(8186)}` }]),
      problems: ['connections[0].notifications.webhook.headers[0].value is a hidden value of 8193 characters: expected text of at most 8192 characters.'],
    },
    {
      name: 'a request header value that is not text, without showing it',
      change: (backup) => (backup.connections[0].notifications.webhook.headers = [{ name: 'X-Pin', value: 4711 }]),
      problems: ['connections[0].notifications.webhook.headers[0].value is a hidden number: expected text of at most 8192 characters.'],
    },
    {
      name: 'a digest time in the wrong form',
      change: (backup) => (backup.connections[0].notifications.digest.atTime = '8:00'),
      problems: ['connections[0].notifications.digest.atTime is "8:00": expected a time HH:MM from 00:00 to 23:59.'],
    },
    {
      name: 'retention limits out of range',
      change: (backup) => (backup.connections[0].retention = { maxRuns: 0, maxDays: 30 }),
      problems: ['connections[0].retention.maxRuns is 0: expected a whole number from 1 to 1000000.'],
    },
    {
      name: 'connection retention missing',
      change: (backup) => delete backup.connections[0].retention,
      problems: ['connections[0].retention is missing: expected an object, or null when the default limits apply.'],
    },
    {
      name: 'default retention days missing',
      change: (backup) => delete backup.settings.retentionDefaults.maxDays,
      problems: ['settings.retentionDefaults.maxDays is missing: expected a whole number from 1 to 36500.'],
    },
    {
      name: 'a postponed run without its new time',
      change: (backup) => backup.connections[0].dueTimeOverrides.push({ dueAtMs: NOW_MS, action: 'postpone', postponedToMs: null, createdAtMs: NOW_MS }),
      problems: ['connections[0].dueTimeOverrides[0].postponedToMs is null: expected a whole number from 0 to 7258118400000.'],
    },
    {
      name: 'an unknown kind of left-out file',
      change: (backup) => (backup.connections[0].leftOutFile.kind = 'cloud'),
      problems: ['connections[0].leftOutFile.kind is "cloud": expected one of "stored-file", "linked-file", "linked-folder".'],
    },
    {
      name: 'two connections with one id',
      change: (backup) => backup.connections.push({ ...backup.connections[0], name: 'Copy' }),
      problems: ['connections[1].id is "c-1": expected an id no other entry has, but connections[0] has it too.'],
    },
    {
      name: 'a property definition with an invalid id',
      change: (backup) => backup.propertyDefinitions.push({ id: 'Loyalty Points', label: 'Loyalty points', type: 'number' }),
      problems: ['propertyDefinitions[2].id is "Loyalty Points": expected lower-case letters, digits and _, starting with a letter.'],
    },
    {
      name: 'a property definition of an unknown type',
      change: (backup) => (backup.propertyDefinitions[1].type = 'integer'),
      problems: ['propertyDefinitions[1].type is "integer": expected one of "text", "number", "date", "boolean".'],
    },
    {
      name: 'a consent objective without a label',
      change: (backup) => delete backup.consentObjectives[0].label,
      problems: ['consentObjectives[0].label is missing: expected text of 1 to 80 characters.'],
    },
    {
      name: 'a creation time that is not a number',
      change: (backup) => (backup.createdAtMs = '2026-03-05'),
      problems: ['createdAtMs is "2026-03-05": expected a whole number from 0 to 7258118400000.'],
    },
    {
      name: 'several bad fields at once',
      change: (backup) => {
        backup.includesRequestHeaders = 'no';
        backup.connections[0].catchUp = 'always';
        backup.connections[0].settings.emptyCellsClear = 1;
      },
      problems: [
        'connections[0].settings.emptyCellsClear is 1: expected true or false.',
        'connections[0].catchUp is "always": expected one of "once", "skip".',
        'includesRequestHeaders is "no": expected true or false.',
      ],
    },
  ];

  for (const { name, change, problems } of cases) {
    it(`rejects ${name}`, async () => {
      const backup = validBackup();
      change(backup);
      await expectRejected(backup, problems);
    });
  }

  it('accepts a mapping to a property stored in this browser', async () => {
    const backup = validBackup();
    backup.connections[0].settings.headers.push('city');
    backup.connections[0].settings.mapping.push({ column: 'city', propertyId: 'city', isIdentifier: false });
    const { error } = await restoreText(JSON.stringify(backup));
    expect(error).toBeNull();
  });

  it('lists the first ten problems and counts the rest', () => {
    const problems = Array.from({ length: 12 }, (_, index) => `problem ${index + 1}`);
    expect(describeProblems(problems)).toBe(
      `The backup file was not restored and nothing was changed. Correct the file or use another backup:\n${problems.slice(0, 10).join('\n')}\n…and 2 more problems.`,
    );
  });
});
