// Builds the app: the renderer with Vite; Electron main, preload and the backend (utility
// process) with esbuild; and the command-line tool (scripts/cli-build.mjs). `--renderer` builds
// only the renderer (for the browser harness); `--backend` only the backend and its worker, into
// `--outdir` (default dist/electron), which is how test/integration/imports-bundle.test.ts checks
// the bundled worker.
import { build as viteBuild } from 'vite';
import { build as esbuild } from 'esbuild';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildCli, WORKER_FILES, WORKERS } from './cli-build.mjs';

const { values: args } = parseArgs({
  options: { renderer: { type: 'boolean' }, backend: { type: 'boolean' }, outdir: { type: 'string' } },
});
const outdir = args.outdir ?? 'dist/electron';
const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

if (!args.backend)
  await viteBuild({ configFile: new URL('../vite.config.ts', import.meta.url).pathname, logLevel: 'warn' });

if (!args.renderer) {
  const common = {
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    sourcemap: true,
    // *.dev modules run only from source (db/backend/workers.dev.ts bundles the workers in
    // memory with esbuild); a build has each worker as a file of its own.
    // pg loads from node_modules like the SQLite driver (it requires the optional pg-native lazily).
    external: ['electron', 'better-sqlite3-multiple-ciphers', 'pg', '*.dev'],
    define: { __APP_VERSION__: JSON.stringify(pkg.version) },
    logLevel: 'warning',
  };
  if (!args.backend) {
    await esbuild({ ...common, entryPoints: ['electron/main.ts'], outfile: path.join(outdir, 'main.cjs') });
    await esbuild({ ...common, entryPoints: ['electron/preload.ts'], outfile: path.join(outdir, 'preload.cjs') });
  }
  // The backend reads partner files and writes large exports in worker threads (db/backend/workers.ts):
  // each worker is its own bundle beside backend.cjs, which finds it by the name defined here.
  await esbuild({
    ...common,
    entryPoints: ['db/backend/utility-process.ts'],
    outfile: path.join(outdir, 'backend.cjs'),
    define: { ...common.define, __WORKER_FILES__: WORKER_FILES },
  });
  for (const { entry, file } of Object.values(WORKERS))
    await esbuild({ ...common, entryPoints: [entry], outfile: path.join(outdir, file) });
  if (!args.backend) await buildCli();
}
console.log(
  args.renderer
    ? 'Built the renderer into dist/renderer.'
    : args.backend
      ? `Built the backend into ${outdir}.`
      : 'Built the app into dist/.',
);
