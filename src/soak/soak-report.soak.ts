/**
 * The full soak: 20 connections over 4 simulated days, with the app closed for 4 hours each night. Run it
 * with `npm run soak:node` (or `npm run soak`, which runs the browser soak too); it writes its figures into
 * docs/reliability.md.
 */
import 'fake-indexeddb/auto';
import os from 'node:os';
import { expect, it } from 'vitest';
import { RunlaneDb } from '../storage/db.ts';
import { writeDocSection } from './doc-section.ts';
import { runSoak, type SoakOptions } from './soak.ts';
import { describeStates } from './soak-accounting.ts';

it('accounts for every due time over four simulated days', async () => {
  const options: SoakOptions = { seed: 20261204, days: 4, connections: 20, stepMs: 5 * 60_000, closedHours: 4 };
  const startedMs = performance.now();
  const report = await runSoak(options, new RunlaneDb(`soak-${crypto.randomUUID()}`));
  const seconds = ((performance.now() - startedMs) / 1000).toFixed(1);
  const states = describeStates(report.byState);
  writeDocSection('soak', [
    `Measured ${new Date().toISOString().slice(0, 10)} with \`npm run soak:node\` (${seconds} s; Node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown CPU'}).`,
    '',
    `- Simulated: ${options.days} days, ${options.connections} connections of all four kinds of schedule in five time zones, seed ${options.seed}, the clock moving ${options.stepMs / 60_000} min per step, the app closed ${options.closedHours} h a night (${report.appRestarts} restarts).`,
    `- Due times: ${report.dueTimes}. Accounted for: ${report.scheduledRuns} scheduled runs, ${report.merges} recorded merges, ${report.missed} recorded misses.`,
    `- Runs: ${report.runs} (${states}); ${report.stopsRequested} stops requested.`,
    `- Profiles written: ${report.profiles}; every run's counters match the profiles the store holds for it.`,
    `- Problems found: ${report.problems.length}.`,
    ...report.problems.map((problem) => `  - ${problem}`),
  ]);
  expect(report.problems).toEqual([]);
}, 600_000);
