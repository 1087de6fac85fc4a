// `npm test`: every test, in the order that fails fastest: type check, layering, unit and
// integration (Vitest, real SQLite files), then end to end (the harness in Chromium).
// Prints the summary line CI reads ("N passed, N failed").
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const steps = [
  ['Type check', 'tsc', ['--noEmit', '-p', '.']],
  ['Unit and integration tests', 'vitest', ['run']],
  ['Build the app', 'node', ['scripts/build.mjs']],
  ['End-to-end tests', 'playwright', ['test']],
];

if (!existsSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium')) {
  console.error('Chromium is needed for the end-to-end tests: sudo apt-get install chromium (or set CHROMIUM_PATH).');
  process.exit(1);
}

let passed = 0;
let failed = 0;
for (const [label, command, args] of steps) {
  console.log(`\n=== ${label} ===`);
  const started = Date.now();
  const result = spawnSync(command, args, { stdio: 'inherit', shell: process.platform === 'win32' });
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  if (result.status === 0) {
    passed++;
    console.log(`--- ${label}: ok (${seconds} s)`);
  } else {
    failed++;
    console.log(`--- ${label}: FAILED (${seconds} s)`);
    if (label === 'Type check' || label === 'Build the app') break;
  }
}
console.log(`\nsteps: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
