// Builds the app: the renderer with Vite; Electron main, preload and the backend (utility
// process) with esbuild; and the command-line tool (scripts/cli-build.mjs). `--renderer` builds
// only the renderer (for the browser harness).
import { build as viteBuild } from 'vite';
import { build as esbuild } from 'esbuild';
import { readFileSync } from 'node:fs';
import { buildCli } from './cli-build.mjs';

const onlyRenderer = process.argv.includes('--renderer');
const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

await viteBuild({ configFile: new URL('../vite.config.ts', import.meta.url).pathname, logLevel: 'warn' });

if (!onlyRenderer) {
  const common = {
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    sourcemap: true,
    external: ['electron', 'better-sqlite3-multiple-ciphers'],
    define: { __APP_VERSION__: JSON.stringify(pkg.version) },
    logLevel: 'warning',
  };
  await esbuild({ ...common, entryPoints: ['electron/main.ts'], outfile: 'dist/electron/main.cjs' });
  await esbuild({ ...common, entryPoints: ['electron/preload.ts'], outfile: 'dist/electron/preload.cjs' });
  await esbuild({ ...common, entryPoints: ['db/backend/utility-process.ts'], outfile: 'dist/electron/backend.cjs' });
  await buildCli();
}
console.log(onlyRenderer ? 'Built the renderer into dist/renderer.' : 'Built the app into dist/.');
