// `npm run typecheck`: TypeScript 7 (native tsc) over every project, each folder with only the
// types its process has (tsconfig.base.json). Separate `-p` runs rather than `tsc -b` with project
// references: TS 7.0's incremental build kept reporting a file's old errors after a global
// declaration file was added, and references would force declaration emit on app code.
// Usage: node scripts/typecheck.mjs [project...]; exits 1 if any project has an error.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tsc = path.join(root, 'node_modules', 'typescript-native', 'bin', 'tsc');
// Largest first, two at a time: the machines have two cores.
export const projects = ['test', 'db', 'renderer', 'electron', 'shared', 'scripts', '.'];

function check(project) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(process.execPath, [tsc, '--noEmit', '--pretty', 'false', '-p', project], { cwd: root });
    let output = '';
    child.stdout.on('data', (c) => (output += c));
    child.stderr.on('data', (c) => (output += c));
    child.on('close', (code) => resolve({ project, code, output, seconds: (Date.now() - started) / 1000 }));
  });
}

const wanted = process.argv.slice(2);
const queue = [...(wanted.length ? wanted : projects)];
const results = [];
await Promise.all(
  [0, 1].map(async () => {
    for (let next = queue.shift(); next !== undefined; next = queue.shift()) results.push(await check(next));
  }),
);
let failed = 0;
for (const r of results) {
  const name = r.project === '.' ? 'tsconfig.json (root configs)' : `${r.project}/`;
  if (r.code === 0) console.log(`typecheck ${name}: ok (${r.seconds.toFixed(1)} s)`);
  else {
    failed++;
    console.log(`typecheck ${name}: FAILED\n${r.output.trimEnd()}`);
  }
}
process.exit(failed ? 1 : 0);
