/**
 * The full soak: 20 connections over 4 simulated days, with the app closed for 4 hours each night. Run it
 * with `npm run soak`; it writes its figures into docs/reliability.md.
 */
import 'fake-indexeddb/auto';
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { expect, it } from 'vitest';
import { RunlaneDb } from '../storage/db.ts';
import { runSoak, type SoakOptions } from './soak.ts';

const START_MARK = '<!-- soak:start -->';
const END_MARK = '<!-- soak:end -->';
const DOC = 'docs/reliability.md';

it('accounts for every due time over four simulated days', async () => {
  const options: SoakOptions = { seed: 20261204, days: 4, connections: 20, stepMs: 5 * 60_000, closedHours: 4 };
  const startedMs = performance.now();
  const report = await runSoak(options, new RunlaneDb(`soak-${crypto.randomUUID()}`));
  const seconds = ((performance.now() - startedMs) / 1000).toFixed(1);
  const states = Object.entries(report.byState)
    .map(([state, count]) => `${state} ${count}`)
    .join(', ');
  const section = [
    START_MARK,
    `Measured ${new Date().toISOString().slice(0, 10)} with \`npm run soak\` (${seconds} s; Node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown CPU'}).`,
    '',
    `- Simulated: ${options.days} days, ${options.connections} connections of all four kinds of schedule in five time zones, seed ${options.seed}, the clock moving ${options.stepMs / 60_000} min per step, the app closed ${options.closedHours} h a night (${report.appRestarts} restarts).`,
    `- Due times: ${report.dueTimes}. Accounted for: ${report.scheduledRuns} scheduled runs, ${report.merges} recorded merges, ${report.missed} recorded misses.`,
    `- Runs: ${report.runs} (${states}); ${report.stopsRequested} stops requested.`,
    `- Profiles written: ${report.profiles}; every run's counters match the profiles the store holds for it.`,
    `- Problems found: ${report.problems.length}.`,
    ...report.problems.map((problem) => `  - ${problem}`),
    END_MARK,
  ].join('\n');
  const doc = readFileSync(DOC, 'utf8');
  const start = doc.indexOf(START_MARK);
  const end = doc.indexOf(END_MARK);
  writeFileSync(DOC, start >= 0 && end > start ? doc.slice(0, start) + section + doc.slice(end + END_MARK.length) : `${doc}\n${section}\n`);
  expect(report.problems).toEqual([]);
}, 600_000);
