import { describe, expect, it } from 'vitest';
import { accountForDueTimes, checkRunStates, type SoakConnection, type SoakMissedRuns, type SoakRun } from './soak-accounting.ts';

const HOUR_MS = 3_600_000;
const START_MS = Date.parse('2026-03-29T00:00:00Z');
// Every 6 hours from 00:00 in Amsterdam, which moves to UTC+2 at 01:00Z that day: 04:00Z, 10:00Z and 16:00Z after the start.
const CONNECTION: SoakConnection = {
  id: 'c1',
  name: 'Every 6 h',
  schedule: { kind: 'timesPerDay', timesPerDay: 4, anchorTime: '00:00', timeZone: 'Europe/Amsterdam' },
  scheduleMarkMs: START_MS + 16 * HOUR_MS,
};
const AT_04 = START_MS + 4 * HOUR_MS;
const AT_10 = START_MS + 10 * HOUR_MS;
const AT_16 = START_MS + 16 * HOUR_MS;

function run(id: number, dueAtMs: number | null, mergedDueAtMs: number[] = [], trigger: SoakRun['trigger'] = 'schedule'): SoakRun {
  return { id, connectionId: 'c1', number: id, trigger, state: 'finished', dueAtMs, mergedDueAtMs };
}

const WINDOW = () => ({ fromMs: START_MS, handledUntilMs: null });

describe('accountForDueTimes', () => {
  it('accepts one run, merge or miss per due time', () => {
    const missed: SoakMissedRuns[] = [{ connectionId: 'c1', count: 1, dueAtMs: [AT_16] }];
    const account = accountForDueTimes([CONNECTION], [run(1, AT_04, [AT_10]), run(2, AT_16, [], 'catch-up')], missed, WINDOW);
    expect(account).toEqual({ dueTimes: 3, scheduledRuns: 1, merges: 1, missed: 1, problems: [] });
  });

  it('reports lost, doubled and unexpected due times', () => {
    const account = accountForDueTimes([CONNECTION], [run(1, AT_04), run(2, AT_10), run(3, AT_10 + 60_000, [AT_04])], [], WINDOW);
    expect(account.problems).toEqual([
      'Every 6 h: due time 2026-03-29T04:00:00.000Z produced run #1, merged into run #3',
      'Every 6 h: due time 2026-03-29T16:00:00.000Z produced nothing',
      'Every 6 h: run #3 at 2026-03-29T10:01:00.000Z, which is not a due time',
    ]);
  });

  it('reports due times left unhandled before a given time', () => {
    const connection = { ...CONNECTION, scheduleMarkMs: AT_04 };
    const account = accountForDueTimes([connection], [run(1, AT_04)], [], () => ({ fromMs: START_MS, handledUntilMs: AT_16 }));
    expect(account.problems).toEqual(['Every 6 h: due time 2026-03-29T10:00:00.000Z was never handled', 'Every 6 h: due time 2026-03-29T16:00:00.000Z was never handled']);
  });
});

describe('checkRunStates', () => {
  it('counts states and reports open runs', () => {
    const runs = [
      { id: 1, state: 'finished' as const },
      { id: 2, state: 'queued' as const },
      { id: 3, state: 'finished' as const },
    ];
    expect(checkRunStates(runs)).toEqual({ byState: { finished: 2, queued: 1 }, problems: ['run 2 was left queued'] });
  });
});
