// Measuring other processes: a bench entry bundled by esbuild as the app's own processes are (so
// a child starts as the shipped code would, without TypeScript compiling at its start), and the
// wall time of a child from spawn to exit or to a line it prints.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { build, type BuildOptions } from 'esbuild';
import { WORKER_FILES, WORKERS } from '../../scripts/cli-build.mjs';

/** Bundles `entry` into `outfile` (CommonJS for Node 22, the SQLite driver left outside, as
 * scripts/build.mjs does for the backend). `withWorkers`: the backend's workers are bundled beside
 * it and found by name, as in the app (an entry that imports files needs them). */
export async function bundleEntry(
  entry: string,
  outfile: string,
  options: { withWorkers?: boolean } = {},
): Promise<string> {
  const common: BuildOptions = {
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    external: ['better-sqlite3-multiple-ciphers', 'electron'],
    logLevel: 'warning',
  };
  await build({
    ...common,
    entryPoints: [entry],
    outfile,
    ...(options.withWorkers ? { define: { __WORKER_FILES__: WORKER_FILES } } : {}),
  });
  if (options.withWorkers)
    for (const { entry, file } of Object.values(WORKERS))
      await build({ ...common, entryPoints: [entry], outfile: path.join(path.dirname(outfile), file) });
  return path.resolve(outfile);
}

export interface TimedRun {
  ms: number;
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command to its exit; `ms` is spawn to exit. Fails on a non-zero exit. */
export function timeProcess(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<TimedRun> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => {
      const run = { ms: performance.now() - t0, code, stdout, stderr };
      if (code === 0) resolve(run);
      else reject(new Error(`${command} ${args.join(' ')} exited ${code}: ${stderr.trim().split('\n').at(-1)}`));
    });
  });
}

/** Starts a command and resolves when it prints a line starting with `marker` (the rest of the
 * line, and ms from spawn); the caller stops the child. */
export function startUntil(
  command: string,
  args: string[],
  marker: string,
  timeoutMs = 120_000,
): Promise<{ child: ChildProcess; rest: string; ms: number }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let buffer = '';
    let stderr = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`no "${marker}" within ${timeoutMs} ms: ${stderr.trim()}`));
    }, timeoutMs);
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    child.stdout.on('data', (c: Buffer) => {
      buffer += c.toString('utf8');
      const line = buffer.split('\n').find((l) => l.startsWith(marker));
      if (line === undefined) return;
      clearTimeout(timer);
      resolve({ child, rest: line.slice(marker.length).trim(), ms: performance.now() - t0 });
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited ${code} before "${marker}": ${stderr.trim()}`));
    });
  });
}

/** Stops a child started by startUntil and waits for it to exit. */
export function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
