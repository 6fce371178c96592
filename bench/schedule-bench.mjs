// Measures nextRuns (src/domain/schedule.ts) against croner on the same random schedules and time zones,
// and records the figures in docs/benchmarks.md between this script's markers.
//
// Usage: node bench/schedule-bench.mjs [--schedules N] [--rounds N] [--no-record]
//
// Node 20 cannot import TypeScript, so the script first bundles the schedule module with Vite's build API
// into a temporary .mjs file, with temporal-polyfill left as an import of the installed package.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Cron } from 'croner';
import { build } from 'vite';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DOC_PATH = join(ROOT, 'docs', 'benchmarks.md');
const START_MARKER = '<!-- bench:schedule:start -->';
const END_MARKER = '<!-- bench:schedule:end -->';
const RUNS_PER_SCHEDULE = 10;

const options = parseArguments(process.argv.slice(2));
// Other processes on the machine slow both contenders; the load average is recorded with the figures.
const loadAverageAtStart = loadavg()[0];
const { Temporal, nextRuns, describeDueTimeShift, TIMES_PER_DAY_CHOICES } = await importScheduleModule();

const timeZones = Intl.supportedValuesOf('timeZone');
const random = createRandom(20_260_308);
const cases = Array.from({ length: options.schedules }, () => createCase(random));

const agreement = compareResults(cases);
const scheduleResults = measure('nextRuns', cases, runNextRuns);
const cronerResults = measure('croner', cases, runCroner);
const ratio = scheduleResults.ratePerSecond / cronerResults.ratePerSecond;
const machine = describeMachine();

printSummary();
if (options.record) recordInDocs();

// ---------------------------------------------------------------------------------------------------------
// Inputs

function createCase(nextRandom) {
  const timeZone = pick(nextRandom, timeZones);
  const time = formatTime(Math.floor(nextRandom() * 1440));
  const kindIndex = Math.floor(nextRandom() * 4);
  let schedule;
  if (kindIndex === 0) {
    const timesPerDay = pick(nextRandom, TIMES_PER_DAY_CHOICES);
    schedule = { kind: 'timesPerDay', timesPerDay, anchorTime: time, timeZone };
  } else if (kindIndex === 1) {
    const days = [1, 2, 3, 4, 5, 6, 7].filter(() => nextRandom() < 0.4);
    schedule = { kind: 'daysOfWeek', days: days.length > 0 ? days : [1 + Math.floor(nextRandom() * 7)], time, timeZone };
  } else if (kindIndex === 2) {
    const day = nextRandom() < 1 / 32 ? 'last' : 1 + Math.floor(nextRandom() * 31);
    schedule = { kind: 'dayOfMonth', day, time, timeZone };
  } else {
    const week = pick(nextRandom, [1, 2, 3, 4, 5, 'last']);
    schedule = { kind: 'weekdayOfMonth', week, weekday: 1 + Math.floor(nextRandom() * 7), time, timeZone };
  }

  // Instants spread over 2026, on whole seconds (croner works in whole seconds).
  const afterMs = Date.UTC(2026, 0, 1) + Math.floor(nextRandom() * 365 * 86_400) * 1000;
  return {
    schedule,
    after: Temporal.Instant.fromEpochMilliseconds(afterMs),
    afterDate: new Date(afterMs),
    cronPatterns: cronPatternsFor(schedule),
  };
}

/**
 * Returns the cron patterns whose union comes closest to the schedule's slots. A cron pattern matches every
 * pair of its listed minutes and hours, so timesPerDay slots are grouped by their set of hours. When every
 * hour has the same minutes, one pattern does (24 a day at 00:15 is `15 * * * *`). Otherwise each group
 * needs its own pattern, and 5 a day needs five.
 */
function cronPatternsFor(schedule) {
  if (schedule.kind === 'timesPerDay') return timesPerDayPatterns(schedule);

  const [hour, minute] = schedule.time.split(':').map(Number);
  if (schedule.kind === 'daysOfWeek') {
    return [`${minute} ${hour} * * ${schedule.days.map((day) => day % 7).join(',')}`];
  }
  if (schedule.kind === 'dayOfMonth') {
    return [`${minute} ${hour} ${schedule.day === 'last' ? 'L' : schedule.day} * *`];
  }
  const week = schedule.week === 'last' ? 'L' : schedule.week;
  return [`${minute} ${hour} * * ${schedule.weekday % 7}#${week}`];
}

function timesPerDayPatterns(schedule) {
  const [anchorHour, anchorMinute] = schedule.anchorTime.split(':').map(Number);
  const intervalMinutes = 1440 / schedule.timesPerDay;
  const hoursByMinute = new Map();
  for (let k = 0; k < schedule.timesPerDay; k += 1) {
    const minuteOfDay = (anchorHour * 60 + anchorMinute + k * intervalMinutes) % 1440;
    const minute = minuteOfDay % 60;
    const hours = hoursByMinute.get(minute) ?? [];
    hours.push(Math.floor(minuteOfDay / 60));
    hoursByMinute.set(minute, hours);
  }

  const minutesByHours = new Map();
  for (const [minute, hours] of hoursByMinute) {
    const sortedHours = hours.sort((a, b) => a - b);
    const hourField = sortedHours.length === 24 ? '*' : sortedHours.join(',');
    const minutes = minutesByHours.get(hourField) ?? [];
    minutes.push(minute);
    minutesByHours.set(hourField, minutes);
  }
  return [...minutesByHours].map(([hourField, minutes]) => `${minutes.sort((a, b) => a - b).join(',')} ${hourField} * * *`);
}

// ---------------------------------------------------------------------------------------------------------
// The two contenders. Each returns epoch milliseconds so that their results can be compared.

function runNextRuns(testCase) {
  return nextRuns(testCase.schedule, testCase.after, RUNS_PER_SCHEDULE).map((zoned) => zoned.epochMilliseconds);
}

function runCroner(testCase) {
  const timeZone = testCase.schedule.timeZone;
  const all = [];
  for (const pattern of testCase.cronPatterns) {
    const job = new Cron(pattern, { timezone: timeZone });
    for (const date of job.nextRuns(RUNS_PER_SCHEDULE, testCase.afterDate)) all.push(date.getTime());
  }
  all.sort((a, b) => a - b);
  const unique = all.filter((value, index) => index === 0 || value !== all[index - 1]);
  return unique.slice(0, RUNS_PER_SCHEDULE);
}

// ---------------------------------------------------------------------------------------------------------
// Measurement

function compareResults(allCases) {
  let agreeing = 0;
  const differences = [];
  for (const testCase of allCases) {
    const ours = runNextRuns(testCase);
    const theirs = runCroner(testCase);
    if (ours.length === theirs.length && ours.every((value, index) => value === theirs[index])) {
      agreeing += 1;
    } else {
      differences.push({ testCase, ours, theirs });
    }
  }
  const inGap = differences.filter(({ testCase, ours, theirs }) => {
    const index = ours.findIndex((value, position) => value !== theirs[position]);
    if (index === -1) return false;
    const due = Temporal.Instant.fromEpochMilliseconds(ours[index]).toZonedDateTimeISO(testCase.schedule.timeZone);
    return describeDueTimeShift(testCase.schedule, due)?.startsWith('Clocks go forward') ?? false;
  });
  return { agreeing, total: allCases.length, differences, inGapCount: inGap.length };
}

/** Times `options.rounds` passes over all cases (after the comparison pass, which warms both up) and keeps the fastest. */
function measure(name, allCases, run) {
  let bestMs = Infinity;
  let runCount = 0;
  for (let round = 0; round < options.rounds; round += 1) {
    runCount = 0;
    const startMs = performance.now();
    for (const testCase of allCases) runCount += run(testCase).length;
    bestMs = Math.min(bestMs, performance.now() - startMs);
  }
  return { name, bestMs, runCount, ratePerSecond: (allCases.length / bestMs) * 1000 };
}

// ---------------------------------------------------------------------------------------------------------
// Output

function printSummary() {
  const patternCount = cases.reduce((sum, testCase) => sum + testCase.cronPatterns.length, 0);
  console.log(`Schedules: ${cases.length}, ${RUNS_PER_SCHEDULE} next runs each, best of ${options.rounds} rounds`);
  console.log(`nextRuns: ${formatRate(scheduleResults)}`);
  console.log(`croner:   ${formatRate(cronerResults)} (${patternCount} cron patterns, every construction timed)`);
  console.log(`Ratio nextRuns / croner: ${ratio.toFixed(2)}`);
  console.log(`Identical results: ${agreement.agreeing} of ${agreement.total} schedules; of the others, ${agreement.inGapCount} first differ at a slot in a gap`);
  for (const { testCase, ours, theirs } of agreement.differences.slice(0, 5)) printDifference(testCase, ours, theirs);
  console.log(`Machine: ${machine.cpuModel}, ${machine.cpuCount} CPUs, Node ${machine.node}`);
}

/** Prints the first due time where the two disagree, in the schedule's time zone. */
function printDifference(testCase, ours, theirs) {
  const timeZone = testCase.schedule.timeZone;
  const index = ours.findIndex((value, position) => value !== theirs[position]);
  const show = (epochMs) =>
    epochMs === undefined ? 'none' : Temporal.Instant.fromEpochMilliseconds(epochMs).toZonedDateTimeISO(timeZone).toString();
  console.log(`  differs: ${JSON.stringify(testCase.schedule)} after ${testCase.after}`);
  console.log(`    cron ${testCase.cronPatterns.join(' | ')}; run ${index + 1}: nextRuns ${show(ours[index])}, croner ${show(theirs[index])}`);
}

function microsecondsPerSchedule(result) {
  return ((result.bestMs / cases.length) * 1000).toFixed(1);
}

function formatRate(result) {
  const perSchedule = (result.bestMs / cases.length) * 1000;
  return `${Math.round(result.ratePerSecond)} schedules/s (${perSchedule.toFixed(1)} µs per schedule, ${result.bestMs.toFixed(0)} ms in all)`;
}

function recordInDocs() {
  const patternCount = cases.reduce((sum, testCase) => sum + testCase.cronPatterns.length, 0);
  const otherCount = agreement.total - agreement.agreeing;
  const section = [
    START_MARKER,
    '## Next run times',
    '',
    `\`node bench/schedule-bench.mjs\` computes ${RUNS_PER_SCHEDULE} next runs for each of ${cases.length} random schedules with`,
    `\`nextRuns\` and with croner, and keeps the fastest of ${options.rounds} rounds. The schedules cover all four kinds, every time`,
    "zone that Node's `Intl.supportedValuesOf('timeZone')` lists, and start instants in 2026.",
    '',
    '| | schedules/s | µs per schedule |',
    '| --- | ---: | ---: |',
    `| nextRuns (temporal-polyfill ${machine.temporalPolyfill}) | ${Math.round(scheduleResults.ratePerSecond)} | ${microsecondsPerSchedule(scheduleResults)} |`,
    `| croner ${machine.croner} | ${Math.round(cronerResults.ratePerSecond)} | ${microsecondsPerSchedule(cronerResults)} |`,
    '',
    `nextRuns computes **${ratio.toFixed(2)}** times as many schedules per second as croner.`,
    '',
    'Each schedule maps to the closest cron patterns, and the construction of every `Cron` object is timed:',
    '',
    '- timesPerDay: slots grouped by their set of hours, one pattern per group. 24 a day from 00:15 is',
    '  `15 * * * *`, and 5 a day needs five patterns.',
    '- daysOfWeek: `30 1 * * 1,5`.',
    '- dayOfMonth: `0 6 31 * *`, or `0 6 L * *` for the last day.',
    '- weekdayOfMonth: `0 9 * * 2#2`, or `0 9 * * 2#L` for the last Tuesday.',
    '',
    `The ${cases.length} schedules gave ${patternCount} patterns. Both return the same due times for ${agreement.agreeing} schedules.`,
    `${agreement.inGapCount} of the other ${otherCount} first differ at a slot in a daylight-saving gap. There croner runs when the`,
    'gap ends (03:00 for 02:45 in a one-hour gap), and nextRuns shifts the slot forward by the gap length (03:45).',
    'The script prints the first few differences.',
    '',
    `Machine: ${machine.cpuModel}, ${machine.cpuCount} CPUs (\`nproc\`: ${machine.nproc}), Node ${machine.node},`,
    `temporal-polyfill ${machine.temporalPolyfill}, croner ${machine.croner}, 1-minute load average ${loadAverageAtStart.toFixed(1)} at the start.`,
    `Measured ${new Date().toISOString().slice(0, 10)}.`,
    END_MARKER,
  ].join('\n');

  const existing = existsSync(DOC_PATH) ? readFileSync(DOC_PATH, 'utf8') : '# Benchmarks\n';
  const startIndex = existing.indexOf(START_MARKER);
  const endIndex = existing.indexOf(END_MARKER);
  let updated;
  if (startIndex !== -1 && endIndex > startIndex) {
    updated = existing.slice(0, startIndex) + section + existing.slice(endIndex + END_MARKER.length);
  } else {
    updated = `${existing.trimEnd()}\n\n${section}\n`;
  }
  writeFileSync(DOC_PATH, updated);
  console.log(`Recorded in ${DOC_PATH}`);
}

function describeMachine() {
  const cpuInfo = existsSync('/proc/cpuinfo') ? readFileSync('/proc/cpuinfo', 'utf8') : '';
  const cpuModel = /^model name\s*:\s*(.+)$/m.exec(cpuInfo)?.[1]?.trim() ?? 'unknown CPU';
  let nproc = 'unavailable';
  try {
    nproc = execFileSync('nproc', { encoding: 'utf8' }).trim();
  } catch (error) {
    console.warn(`nproc failed, recording the CPU count from Node only: ${error.message}`);
  }
  return {
    cpuModel,
    cpuCount: availableParallelism(),
    nproc,
    node: process.versions.node,
    temporalPolyfill: readPackageVersion('temporal-polyfill'),
    croner: readPackageVersion('croner'),
  };
}

function readPackageVersion(name) {
  return JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')).version;
}

// ---------------------------------------------------------------------------------------------------------
// Helpers

async function importScheduleModule() {
  const directory = mkdtempSync(join(tmpdir(), 'runlane-schedule-bench-'));
  try {
    // The entry re-exports Temporal from the same temporal-polyfill import, so the bench's instants are
    // ones the module recognises (each copy of the polyfill accepts only its own objects).
    const entryPath = join(directory, 'entry.mjs');
    writeFileSync(
      entryPath,
      `export * from ${JSON.stringify(join(ROOT, 'src/domain/schedule.ts'))};\nexport { Temporal } from 'temporal-polyfill';\n`,
    );
    const output = await build({
      configFile: false,
      logLevel: 'warn',
      root: ROOT,
      build: {
        write: false,
        minify: false,
        target: 'node20',
        lib: { entry: entryPath, formats: ['es'], fileName: 'schedule' },
        rolldownOptions: {
          external: ['temporal-polyfill'],
          output: { paths: { 'temporal-polyfill': import.meta.resolve('temporal-polyfill') } },
        },
      },
    });
    const chunk = (Array.isArray(output) ? output[0] : output).output.find((item) => item.type === 'chunk');
    const modulePath = join(directory, 'schedule.mjs');
    writeFileSync(modulePath, chunk.code);
    return await import(pathToFileURL(modulePath).href);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

function parseArguments(args) {
  const parsed = { schedules: 10_000, rounds: 3, record: true };
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index];
    if (arg === '--no-record') parsed.record = false;
    else if (arg === '--schedules') parsed.schedules = parsePositive(arg, args[++index]);
    else if (arg === '--rounds') parsed.rounds = parsePositive(arg, args[++index]);
    else throw new Error(`Unknown argument '${arg}'. Usage: node bench/schedule-bench.mjs [--schedules N] [--rounds N] [--no-record]`);
  }
  return parsed;
}

function parsePositive(name, text) {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} needs a whole number of 1 or more, got '${text}'`);
  return value;
}

/** Returns a seeded pseudo-random generator (mulberry32), so every run measures the same schedules. */
function createRandom(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function pick(nextRandom, items) {
  return items[Math.floor(nextRandom() * items.length)];
}

function formatTime(minuteOfDay) {
  return `${String(Math.floor(minuteOfDay / 60)).padStart(2, '0')}:${String(minuteOfDay % 60).padStart(2, '0')}`;
}
