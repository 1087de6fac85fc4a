// Starting a TypeScript child process from a test, with its stdout collected line by line.
// The script runs in ONE process (node with tsx's loader): `proc` is the process that writes, so
// `proc.kill('SIGKILL')` really kills the writer. (Through tsx's CLI, `proc` would be a wrapper
// that spawns the script as a grandchild; SIGKILL cannot be relayed, so the real writer would
// live on as an orphan, still writing while the test checks the store.)
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export interface Child {
  proc: ChildProcess;
  lines: string[];
  waitFor(predicate: (line: string) => boolean, timeoutMs?: number): Promise<void>;
  exited: Promise<number | null>;
}

export function startTsx(script: string, args: string[]): Child {
  const proc = spawn(process.execPath, ['--import', 'tsx', path.resolve(script), ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const waiters: Array<{ predicate: (l: string) => boolean; resolve: () => void }> = [];
  let buffer = '';
  proc.stdout!.on('data', (chunk: Buffer) => {
    buffer += chunk.toString('utf8');
    let nl;
    while ((nl = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, nl);
      buffer = buffer.slice(nl + 1);
      lines.push(line);
      for (const w of [...waiters])
        if (w.predicate(line)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve();
        }
    }
  });
  let stderr = '';
  proc.stderr!.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  return {
    proc,
    lines,
    exited,
    waitFor(predicate, timeoutMs = 30_000) {
      if (lines.some(predicate)) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`child did not print the expected line; stderr: ${stderr.slice(-500)}`)),
          timeoutMs,
        );
        waiters.push({ predicate, resolve: () => (clearTimeout(timer), resolve()) });
        void exited.then(() => setTimeout(() => reject(new Error(`child exited; stderr: ${stderr.slice(-500)}`)), 50));
      });
    },
  };
}
