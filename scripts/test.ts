/**
 * `npm test`: everything a fresh clone can run, in order — type check, lint, the integration
 * suite (SQLite, and PostgreSQL when ROLECALL_TEST_POSTGRES_URL is set), the browser
 * scenarios when Chromium is installed, then the quick benchmarks as a regression guard (alone,
 * after the browser, so neither runs under the other's load; ROLECALL_SKIP_BENCH=1 leaves them out). Anything skipped is said in one line with the reason;
 * under CI nothing may be skipped. Ends with one line: "N passed, N failed".
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const inCi = process.env.CI === 'true' || process.env.CI === '1';
const chromium = process.env.ROLECALL_CHROMIUM ?? '/usr/bin/chromium';
const reports = mkdtempSync(join(tmpdir(), 'rolecall-test-reports-'));

let passed = 0;
let failed = 0;
let skipped = 0;
const skipReasons: string[] = [];

function run(label: string, command: string, args: string[]): boolean {
  console.log(`\n▶ ${label}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: process.env });
  return result.status === 0;
}

function check(label: string, command: string, args: string[]): void {
  if (run(label, command, args)) passed += 1;
  else {
    failed += 1;
    console.log(`✗ ${label} failed`);
  }
}

function vitestProject(project: string): void {
  const output = join(reports, `${project}.json`);
  const ok = run(`vitest: ${project}`, 'npx', [
    'vitest',
    'run',
    '--project',
    project,
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${output}`,
  ]);
  if (!existsSync(output)) {
    failed += 1;
    console.log(`✗ vitest ${project} produced no report`);
    return;
  }
  const report = JSON.parse(readFileSync(output, 'utf8')) as {
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numTodoTests: number;
    numFailedTestSuites: number;
  };
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  skipped += report.numPendingTests + report.numTodoTests;
  // A file that fails to load has no failed test but is a failure all the same.
  if (!ok && report.numFailedTests === 0) failed += Math.max(1, report.numFailedTestSuites);
}

function skip(what: string, reason: string): void {
  const line = `skipped: ${what} (${reason})`;
  skipReasons.push(line);
  console.log(line);
}

check('type check (server, tests)', 'npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']);
check('type check (web)', 'npx', ['tsc', '-p', 'web/tsconfig.json', '--noEmit']);
check('lint', 'npx', ['eslint', '--max-warnings', '0', '.']);

if (!process.env.ROLECALL_TEST_POSTGRES_URL) {
  if (inCi) {
    failed += 1;
    console.log('✗ ROLECALL_TEST_POSTGRES_URL is not set: CI must run the PostgreSQL suite');
  } else skip('the PostgreSQL run of the integration suite', 'ROLECALL_TEST_POSTGRES_URL is not set');
}
vitestProject('server');

if (existsSync(chromium)) vitestProject('browser');
else if (inCi) {
  failed += 1;
  console.log(`✗ no Chromium at ${chromium}: CI must run the browser scenarios`);
} else skip('browser scenarios', `no Chromium at ${chromium}; install the Debian package "chromium"`);

if (process.env.ROLECALL_SKIP_BENCH === '1') {
  if (inCi) {
    failed += 1;
    console.log('✗ ROLECALL_SKIP_BENCH is set: CI must run the benchmark guard');
  } else skip('the quick benchmarks', 'ROLECALL_SKIP_BENCH=1');
} else check('benchmarks, quick: every ratio within half its target or known gap', 'npm', ['run', 'bench']);

console.log('');
for (const line of skipReasons) console.log(line);
console.log(`${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 ? 1 : 0);
