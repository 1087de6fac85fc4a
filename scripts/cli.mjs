// `npm run cli -- <command>`: runs the built CLI (dist/cli/cli.cjs, see scripts/cli-build.mjs),
// first rebuilding it if it is missing or any file it was built from changed since (esbuild
// takes well under a second), so a developer never runs stale code and never waits for
// TypeScript to compile at each start.
import module from 'node:module';
import path from 'node:path';
import { cliOutDir, ensureCliBuild } from './cli-build.mjs';

const outDir = cliOutDir();
const { bundle } = await ensureCliBuild(outDir, (message) => process.stderr.write(`${message}\n`));
// V8's compiled code for the bundle, kept between runs (Node checks it against the file's
// contents): saves most of the ~100 ms spent parsing the bundle at each start.
module.enableCompileCache?.(path.join(outDir, '.compile-cache'));
// The bundle runs the command in process.argv on load, exactly as `node dist/cli/cli.cjs` would.
module.createRequire(import.meta.url)(bundle);
