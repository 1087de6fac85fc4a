// `npm run lint`: every static check, side by side, and a failure if any fails.
// - Prettier: formatting (.prettierrc.json).
// - ESLint: typescript-eslint, React's hook rules, a reason on every eslint-disable, lines of at
//   most 160 characters (eslint.config.js, scripts/eslint-rules.mjs).
// - knip: files nothing reaches, exports nobody imports, dependencies nobody uses (knip.json).
// - Layering: what each folder may import (scripts/check-layers.ts, ARCHITECTURE.md).
// - Migrations: shipped migrations are never edited (scripts/check-migrations.ts).
// - Stylesheets: a class's own rule in one stylesheet, an area's rules only for its own screens
//   (scripts/check-styles.ts).
// ESLint and Prettier keep caches in .tmp, so a second run only looks at changed files.
// Usage (with Node 22 first on PATH, as npm run lint does): node scripts/lint.mjs
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// ESLint's cache notices a changed config but not a changed rule in our own plugin: key it on that.
const ownRules = createHash('sha256')
  .update(readFileSync(path.join(root, 'scripts/eslint-rules.mjs')))
  .digest('hex')
  .slice(0, 12);

const checks = [
  {
    name: 'Prettier',
    command: 'prettier',
    args: ['--check', '--log-level', 'warn', '--cache', '--cache-location', '.tmp/prettier-cache', '.'],
    hint: 'npm run format rewrites the files',
  },
  {
    name: 'ESLint',
    command: 'eslint',
    args: ['--cache', '--cache-location', `.tmp/eslint-cache-${ownRules}`, '--max-warnings', '0', '.'],
  },
  { name: 'knip (unused code)', command: 'knip', args: ['--no-progress'] },
  { name: 'Layering', command: 'tsx', args: ['scripts/check-layers.ts'] },
  { name: 'Migrations', command: 'tsx', args: ['scripts/check-migrations.ts'] },
  { name: 'Stylesheets', command: 'tsx', args: ['scripts/check-styles.ts'] },
];

function run(check) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(check.command, check.args, { cwd: root, shell: process.platform === 'win32' });
    let output = '';
    child.stdout.on('data', (c) => (output += c));
    child.stderr.on('data', (c) => (output += c));
    child.on('error', (error) => resolve({ ...check, code: 1, output: String(error), seconds: 0 }));
    child.on('close', (code) => resolve({ ...check, code, output, seconds: (Date.now() - started) / 1000 }));
  });
}

const results = await Promise.all(checks.map(run));
let failed = 0;
for (const r of results) {
  const text = r.output.trim();
  if (r.code === 0) {
    console.log(`lint ${r.name}: ok (${r.seconds.toFixed(0)} s)`);
  } else {
    failed++;
    console.log(`\nlint ${r.name}: FAILED (${r.seconds.toFixed(0)} s)${r.hint ? ` — ${r.hint}` : ''}\n${text}\n`);
  }
}
console.log(
  failed ? `\n${failed} of ${checks.length} lint checks failed.` : `All ${checks.length} lint checks passed.`,
);
process.exit(failed ? 1 : 0);
