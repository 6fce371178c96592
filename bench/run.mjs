// Runs every benchmark in bench/ (the files named *-bench.mjs), one after another, each in its own Node
// process, so that one benchmark's load does not slow the next. Each records its figures in
// docs/benchmarks.md between its own markers.
//
// Usage: node bench/run.mjs [--no-record] [NAME ...]
//   NAME  runs only the benchmarks whose file name contains it, for example `import`
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BENCH_DIR = fileURLToPath(new URL('.', import.meta.url));
const args = process.argv.slice(2);
const forwarded = args.filter((arg) => arg === '--no-record');
const names = args.filter((arg) => arg !== '--no-record');
const unknownOption = names.find((arg) => arg.startsWith('-'));
if (unknownOption) {
  console.error(`Unknown option '${unknownOption}'. Usage: node bench/run.mjs [--no-record] [NAME ...]`);
  process.exit(2);
}

const scripts = readdirSync(BENCH_DIR)
  .filter((file) => file.endsWith('-bench.mjs'))
  .filter((file) => names.length === 0 || names.some((name) => file.includes(name)))
  .sort();
if (scripts.length === 0) {
  console.error(`No benchmark in ${BENCH_DIR} matches ${names.join(', ')}.`);
  process.exit(2);
}

const failed = [];
for (const script of scripts) {
  console.log(`\n=== ${script} ===`);
  const result = spawnSync(process.execPath, [join(BENCH_DIR, script), ...forwarded], { stdio: 'inherit' });
  if (result.status !== 0) failed.push(`${script} (${result.signal ?? `exit code ${result.status}`})`);
}

if (failed.length > 0) {
  console.error(`\nFailed: ${failed.join(', ')}`);
  process.exit(1);
}
console.log(`\nAll ${scripts.length} benchmarks finished.`);
