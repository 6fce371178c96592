import { describe, expect, it } from 'vitest';
import { buildRunMessage, connectionLink, formatMessageRunTime, type MessageFormat, type RunFacts } from './notification-content.ts';
import { buildDigestMessage, buildStartSummaryMessage, noMissedRuns, type ListedRun } from './notification-content-summary.ts';
import { buildRunPayload } from './notification-webhook-payload.ts';

// 10:00Z is 11:00 in Amsterdam in March (winter time).
const FORMAT: MessageFormat = { locale: 'en-GB', timeZone: 'Europe/Amsterdam', appUrl: 'https://runlane.example/app/' };
const CONNECTION = { id: 'c1', name: 'Nightly CRM import' };

function makeRun(overrides: Partial<RunFacts> = {}): RunFacts {
  return {
    number: 42,
    state: 'finished',
    startedAtMs: Date.parse('2026-03-05T10:00:00Z'),
    endedAtMs: Date.parse('2026-03-05T10:01:05Z'),
    counters: { checked: 1200, added: 10, updated: 5, unchanged: 1185, skipped: 3, failed: 0, blocked: 0 },
    warningCount: 0,
    errorMessage: null,
    ...overrides,
  };
}

function listed(overrides: Partial<ListedRun> = {}): ListedRun {
  return { id: 1, outcome: 'success', firstErrors: [], ...makeRun(), ...overrides };
}

describe('buildRunMessage', () => {
  it('writes a finished run', () => {
    const message = buildRunMessage({ kind: 'run', connection: CONNECTION, run: makeRun(), outcome: 'success', firstErrors: [], format: FORMAT });
    expect(message.subject).toBe('✔ Nightly CRM import — run #42 finished');
    expect(message.body).toBe(
      [
        'Run #42 of "Nightly CRM import" finished.',
        '',
        'Started: 5 Mar 2026, 11:00 (Europe/Amsterdam)',
        'Run time: 1 min 05 s',
        'Counters: Checked 1,200 · Added 10 · Updated 5 · Unchanged 1,185 · Skipped 3 · Failed 0 · Blocked by consent 0',
        '',
        'Full log in Runlane: https://runlane.example/app/#/connections/c1',
      ].join('\n'),
    );
    expect(message.browserBody).toBe('Counters: Checked 1,200 · Added 10 · Updated 5 · Unchanged 1,185 · Skipped 3 · Failed 0 · Blocked by consent 0\nRun time: 1 min 05 s');
  });

  it('writes a failed run with its reason and first errors', () => {
    const run = makeRun({ state: 'failed', errorMessage: 'Timed out after 1 h', warningCount: 1 });
    const firstErrors = [
      { level: 'warn' as const, message: 'Row 3: "abc" is not a number.', atMs: 0 },
      { level: 'error' as const, message: 'Run failed: Timed out after 1 h', atMs: 0 },
    ];
    const message = buildRunMessage({ kind: 'run', connection: CONNECTION, run, outcome: 'failure', firstErrors, format: FORMAT });
    expect(message.subject).toBe('✖ Nightly CRM import — run #42 failed');
    expect(message.lines).toEqual([
      'Run #42 of "Nightly CRM import" failed.',
      'Reason: Timed out after 1 h',
      '',
      'Started: 5 Mar 2026, 11:00 (Europe/Amsterdam)',
      'Run time: 1 min 05 s',
      'Counters: Checked 1,200 · Added 10 · Updated 5 · Unchanged 1,185 · Skipped 3 · Failed 0 · Blocked by consent 0',
      '',
      'First errors and warnings in the log:',
      '- Warning: Row 3: "abc" is not a number.',
      '- Error: Run failed: Timed out after 1 h',
    ]);
    expect(message.browserBody).toBe('Reason: Timed out after 1 h\nCounters: Checked 1,200 · Added 10 · Updated 5 · Unchanged 1,185 · Skipped 3 · Failed 0 · Blocked by consent 0');
  });

  it('names interrupted runs and warnings', () => {
    const interrupted = buildRunMessage({ kind: 'run', connection: CONNECTION, run: makeRun({ state: 'interrupted' }), outcome: 'failure', firstErrors: [], format: FORMAT });
    expect(interrupted.subject).toBe('✖ Nightly CRM import — run #42 interrupted');
    const warned = buildRunMessage({ kind: 'run', connection: CONNECTION, run: makeRun({ warningCount: 1 }), outcome: 'success', firstErrors: [], format: FORMAT });
    expect(warned.subject).toBe('✔ Nightly CRM import — run #42 finished with warnings');
  });

  it('writes a recovery', () => {
    const message = buildRunMessage({ kind: 'recovery', connection: CONNECTION, run: makeRun({ number: 43 }), outcome: 'success', firstErrors: [], format: FORMAT });
    expect(message.subject).toBe('✔ Nightly CRM import recovered — run #43 finished');
    expect(message.lines.slice(0, 2)).toEqual(['Run #43 of "Nightly CRM import" finished.', 'The connection recovered: the run before this one failed.']);
  });

  it('writes the start in the given time zone', () => {
    const message = buildRunMessage({ kind: 'run', connection: CONNECTION, run: makeRun(), outcome: 'success', firstErrors: [], format: { ...FORMAT, timeZone: 'America/New_York', locale: 'en-US' } });
    expect(message.lines).toContain('Started: Mar 5, 2026, 5:00 AM (America/New_York)');
  });

  it('keeps five first errors, each cut to 300 characters', () => {
    const long = 'x'.repeat(400);
    const firstErrors = Array.from({ length: 7 }, () => ({ level: 'error' as const, message: long, atMs: 0 }));
    const message = buildRunMessage({ kind: 'run', connection: CONNECTION, run: makeRun({ state: 'failed' }), outcome: 'failure', firstErrors, format: FORMAT });
    const listedErrors = message.lines.filter((line) => line.startsWith('- Error: '));
    expect(listedErrors).toHaveLength(5);
    expect(listedErrors[0]).toBe(`- Error: ${'x'.repeat(299)}…`);
  });
});

describe('formatMessageRunTime', () => {
  it('writes seconds, minutes and hours', () => {
    expect(formatMessageRunTime(45_000)).toBe('45 s');
    expect(formatMessageRunTime(65_000)).toBe('1 min 05 s');
    expect(formatMessageRunTime(7_380_000)).toBe('2 h 03 min');
  });
});

describe('connectionLink', () => {
  it('puts the connection route in the hash', () => {
    expect(connectionLink('http://127.0.0.1:4173/', 'abc')).toBe('http://127.0.0.1:4173/#/connections/abc');
    expect(connectionLink('https://runlane.example/app/?demo=off#/', 'abc')).toBe('https://runlane.example/app/?demo=off#/connections/abc');
  });
});

describe('buildDigestMessage', () => {
  const period = { periodStartMs: Date.parse('2026-03-04T07:00:00Z'), periodEndMs: Date.parse('2026-03-05T07:00:00Z') };

  it('lists the runs, the missed runs and the first errors', () => {
    const failed = listed({ id: 1, number: 41, state: 'failed', outcome: 'failure', errorMessage: 'File is empty.', firstErrors: [{ level: 'error', message: 'Run failed: File is empty.', atMs: 0 }] });
    const finished = listed({ id: 2, number: 42 });
    const missed = { count: 2, firstDueAtMs: Date.parse('2026-03-04T09:00:00Z'), lastDueAtMs: Date.parse('2026-03-04T10:00:00Z'), catchUpCount: 1 };
    const message = buildDigestMessage({ connection: CONNECTION, ...period, isLate: false, runs: [failed, finished], missed, format: FORMAT });
    expect(message.subject).toBe('✖ Nightly CRM import — daily digest: 2 runs, 1 failed, 2 missed');
    expect(message.lines).toEqual([
      'Daily digest of "Nightly CRM import": runs that ended from 4 Mar 2026, 08:00 to 5 Mar 2026, 08:00 (Europe/Amsterdam).',
      'Summary: 2 runs, 1 failed, 2 missed.',
      'Counters of these runs: Checked 2,400 · Added 20 · Updated 10 · Unchanged 2,370 · Skipped 6 · Failed 0 · Blocked by consent 0',
      '',
      'Runs:',
      '- Run #41 failed, started 5 Mar 2026, 11:00, run time 1 min 05 s: File is empty.',
      '- Run #42 finished, started 5 Mar 2026, 11:00, run time 1 min 05 s',
      '- 2 runs were missed while no tab of Runlane was open: due from 4 Mar 2026, 10:00 to 4 Mar 2026, 11:00.',
      '',
      'First errors and warnings in the logs:',
      '- Run #41: Error: Run failed: File is empty.',
    ]);
    expect(message.closingLine).toBe('Full logs in Runlane: https://runlane.example/app/#/connections/c1');
  });

  it('says when a digest comes late', () => {
    const message = buildDigestMessage({ connection: CONNECTION, ...period, isLate: true, runs: [listed()], missed: noMissedRuns(), format: FORMAT });
    expect(message.subject).toBe('✔ Nightly CRM import — daily digest (late): 1 run, all finished');
    expect(message.lines[1]).toBe('It was due at 5 Mar 2026, 08:00 while Runlane was closed, so it comes late.');
  });

  it('counts the runs beyond twenty', () => {
    const runs = Array.from({ length: 23 }, (_, index) => listed({ id: index + 1, number: index + 1 }));
    const message = buildDigestMessage({ connection: CONNECTION, ...period, isLate: false, runs, missed: noMissedRuns(), format: FORMAT });
    expect(message.lines.filter((line) => line.startsWith('- Run #'))).toHaveLength(20);
    expect(message.lines).toContain('- … and 3 more runs.');
  });
});

describe('buildStartSummaryMessage', () => {
  it('tells interrupted and missed runs in one message', () => {
    const interrupted = listed({ number: 7, state: 'interrupted', outcome: 'failure', errorMessage: 'The tab that ran it closed or crashed.' });
    const missed = { count: 3, firstDueAtMs: Date.parse('2026-03-04T09:00:00Z'), lastDueAtMs: Date.parse('2026-03-04T11:00:00Z'), catchUpCount: 1 };
    const message = buildStartSummaryMessage({ connection: CONNECTION, interrupted: [interrupted], missed, format: FORMAT });
    expect(message.subject).toBe('✖ Nightly CRM import — found at start: 1 run interrupted, 3 runs missed');
    expect(message.lines).toEqual([
      'When Runlane started, it found these runs of "Nightly CRM import":',
      '- Run #7 was interrupted. The tab that ran it closed or crashed. It started 5 Mar 2026, 11:00 (Europe/Amsterdam). Counters: Checked 1,200 · Added 10 · Updated 5 · Unchanged 1,185 · Skipped 3 · Failed 0 · Blocked by consent 0',
      '- 3 runs were missed while no tab of Runlane was open: due from 4 Mar 2026, 10:00 to 4 Mar 2026, 12:00.',
      '- 1 catch-up run was queued for the missed runs.',
    ]);
    expect(message.browserBody).toBe('Found at start: 1 run interrupted, 3 runs missed.');
  });
});

describe('buildRunPayload', () => {
  it('summarises the run for a webhook', () => {
    const run = makeRun({ state: 'failed', errorMessage: 'File is empty.' });
    const payload = buildRunPayload({
      kind: 'run',
      connection: CONNECTION,
      link: 'https://runlane.example/app/#/connections/c1',
      run,
      outcome: 'failure',
      firstErrors: [{ level: 'error', message: 'Run failed: File is empty.', atMs: Date.parse('2026-03-05T10:01:05Z') }],
    });
    expect(payload).toEqual({
      kind: 'run',
      connectionId: 'c1',
      connectionName: 'Nightly CRM import',
      link: 'https://runlane.example/app/#/connections/c1',
      runNumber: 42,
      state: 'failed',
      outcome: 'failure',
      startedAt: '2026-03-05T10:00:00.000Z',
      endedAt: '2026-03-05T10:01:05.000Z',
      runTimeMs: 65_000,
      counters: { checked: 1200, added: 10, updated: 5, unchanged: 1185, skipped: 3, failed: 0, blocked: 0 },
      warningCount: 0,
      errorMessage: 'File is empty.',
      firstErrors: [{ level: 'error', message: 'Run failed: File is empty.', at: '2026-03-05T10:01:05.000Z' }],
    });
  });
});
