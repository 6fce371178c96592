/** Checks of the settings both demo systems share: the seed, the percentages and the run duration. */
import type { SettingsProblem } from '../connector.ts';

export const MAX_DEMO_PROFILES = 1_000_000;
/** A demo run lasts at most a day, which is more than any demonstration needs. */
export const MAX_DEMO_RUN_DURATION_MS = 24 * 60 * 60_000;

interface DemoCommon {
  seed: number;
  badValuePercent: number;
  noConsentPercent: number;
  runDurationMs: number;
  failurePercent: number;
}

export function checkPercent(field: string, label: string, value: number): SettingsProblem[] {
  if (!Number.isFinite(value) || value < 0 || value > 100) return [{ field, message: `${label} is ${String(value)}: use a percentage from 0 to 100.` }];
  return [];
}

export function checkDemoCommon(settings: DemoCommon): SettingsProblem[] {
  const problems: SettingsProblem[] = [];
  if (!Number.isInteger(settings.seed) || settings.seed < 0 || settings.seed > 2_147_483_647) {
    problems.push({ field: 'seed', message: `Seed is ${String(settings.seed)}: use a whole number from 0 to 2,147,483,647.` });
  }
  problems.push(...checkPercent('badValuePercent', 'Share of bad values', settings.badValuePercent));
  problems.push(...checkPercent('noConsentPercent', 'Share without consent', settings.noConsentPercent));
  problems.push(...checkPercent('failurePercent', 'Chance of a failure', settings.failurePercent));
  if (!Number.isFinite(settings.runDurationMs) || settings.runDurationMs < 0 || settings.runDurationMs > MAX_DEMO_RUN_DURATION_MS) {
    problems.push({ field: 'runDurationMs', message: 'Run duration must be from 0 seconds to 24 hours.' });
  }
  return problems;
}
