// The command-line tool's build: db/cli/main.ts bundled by esbuild into dist/cli/cli.cjs (with a
// source map), so `npm run cli` starts in a fraction of a second instead of compiling TypeScript
// on every start. Built by `npm ci` (postinstall), `npm run build`, and by the launcher
// (scripts/cli.mjs) whenever the build is missing or older than a file it was built from.
//
// `node scripts/cli-build.mjs` builds it (used by postinstall: never fails the install; the
// launcher builds on first use if this could not).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const CLI_BUNDLE = 'cli.cjs';
/** The backend's worker threads (db/backend/workers.ts, whose workers.dev.ts names the same
 * entries), each bundled from its entry beside the CLI (and beside the app's backend by
 * scripts/build.mjs) under its file name, which the bundles find through __WORKER_FILES__. */
export const WORKERS = {
  'import-read': { entry: 'db/features/imports/import-read.worker.ts', file: 'import-read.worker.cjs' },
  'xlsx-writer': { entry: 'db/features/export/xlsx-writer.worker.ts', file: 'xlsx-writer.worker.cjs' },
};
export const WORKER_FILES = JSON.stringify(Object.fromEntries(Object.entries(WORKERS).map(([n, w]) => [n, w.file])));
const BUILD_INFO = 'build-info.json';

/** Packages loaded only when a command first uses them, straight from node_modules: ExcelJS
 * (with its zip libraries, about a third of the bundle), iconv-lite's code tables and fflate
 * (which builds its tables on load). Most commands never touch them, and parsing and
 * initialising them cost ~120 ms of CPU at every start. */
const LAZY_PACKAGES = ['exceljs', 'iconv-lite', 'fflate'];

/** Files whose change means a rebuild even though esbuild does not list them as inputs: the
 * build settings themselves, the version baked in, and the installed packages (npm rewrites
 * node_modules/.package-lock.json on every install). */
const EXTRA_INPUTS = ['scripts/cli-build.mjs', 'package.json', 'node_modules/.package-lock.json'];

/** Where the built CLI lives: dist/cli, or WORKSBOOK_CLI_DIST (tests build into a scratch folder;
 * it must be inside the repository, where the bundle finds node_modules). */
export function cliOutDir() {
  return path.resolve(root, process.env.WORKSBOOK_CLI_DIST ?? 'dist/cli');
}

/** Builds the CLI into `outDir`. The bundle is written under a temporary name and renamed, so a
 * CLI starting at the same moment never loads half a file. */
export async function buildCli(outDir = cliOutDir()) {
  const { build } = await import('esbuild');
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  // Taken before esbuild reads anything: a file saved during the build is newer, so it counts
  // as a change next time rather than being silently missed.
  const builtAtMs = Date.now();
  const result = await build({
    absWorkingDir: root,
    entryPoints: ['db/cli/main.ts'],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    sourcemap: true,
    // The SQLite driver is native; electron is never loaded by the CLI but is named as the app's
    // build does, so an accidental import fails loudly at run time instead of being bundled.
    // *.dev modules run only from source (the import worker is bundled beside the CLI below).
    external: ['better-sqlite3-multiple-ciphers', 'pg', 'electron', '*.dev'],
    define: {
      __APP_VERSION__: JSON.stringify(pkg.version),
      __CLI_ENTRY__: 'true',
      __WORKER_FILES__: WORKER_FILES,
    },
    plugins: [lazyPackages(LAZY_PACKAGES)],
    metafile: true,
    write: false,
    outfile: path.join(outDir, CLI_BUNDLE),
    logLevel: 'warning',
  });
  // `imports open` reads partner files in a worker with time and memory limits, and a large export
  // writes its workbook in one: each worker its own bundle.
  const workers = await Promise.all(
    Object.values(WORKERS).map(({ entry, file }) =>
      build({
        absWorkingDir: root,
        entryPoints: [entry],
        bundle: true,
        platform: 'node',
        format: 'cjs',
        target: 'node22',
        sourcemap: true,
        metafile: true,
        write: false,
        outfile: path.join(outDir, file),
        logLevel: 'warning',
      }),
    ),
  );
  const inputs = [...new Set([result, ...workers].flatMap((built) => Object.keys(built.metafile.inputs)))]
    .filter((input) => !input.startsWith('node_modules/') && !input.includes(':'))
    .concat(EXTRA_INPUTS.filter((file) => fs.existsSync(path.join(root, file))));
  fs.mkdirSync(outDir, { recursive: true });
  const renames = [];
  for (const file of [...workers.flatMap((built) => built.outputFiles), ...result.outputFiles]) {
    const temporary = `${file.path}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, file.contents);
    renames.push([temporary, file.path]);
  }
  const info = path.join(outDir, BUILD_INFO);
  fs.writeFileSync(`${info}.${process.pid}.tmp`, `${JSON.stringify({ builtAtMs, version: pkg.version, inputs })}\n`);
  renames.push([`${info}.${process.pid}.tmp`, info]);
  // The bundle last: build-info.json always describes the bundle beside it or an older one.
  const isBundle = ([, to]) => Number(to.endsWith(CLI_BUNDLE));
  renames.sort((x, y) => isBundle(x) - isBundle(y));
  for (const [from, to] of renames) fs.renameSync(from, to);
  return path.join(outDir, CLI_BUNDLE);
}

/** Whether the build in `outDir` can run as is: `fresh`, or why not (`missing`, or `stale`
 * naming the first input that changed since it was built). A cheap check (one stat per source
 * file, ~200 files) so the launcher can run it at every start. */
export function cliBuildState(outDir = cliOutDir()) {
  let info;
  try {
    if (!fs.existsSync(path.join(outDir, CLI_BUNDLE))) return { state: 'missing' };
    info = JSON.parse(fs.readFileSync(path.join(outDir, BUILD_INFO), 'utf8'));
  } catch {
    return { state: 'missing' };
  }
  for (const input of info.inputs) {
    const stat = fs.statSync(path.join(root, input), { throwIfNoEntry: false });
    if (!stat) return { state: 'stale', changed: `${input} (removed)` };
    if (stat.mtimeMs > info.builtAtMs) return { state: 'stale', changed: input };
  }
  return { state: 'fresh' };
}

/** Builds the CLI if it is missing or stale; returns what it found and the bundle's path. */
export async function ensureCliBuild(outDir = cliOutDir(), log = () => {}) {
  const found = cliBuildState(outDir);
  if (found.state !== 'fresh') {
    log(found.state === 'missing' ? 'Building the CLI…' : `Rebuilding the CLI (${found.changed} changed)…`);
    await buildCli(outDir);
  }
  return { ...found, bundle: path.join(outDir, CLI_BUNDLE) };
}

/** An esbuild plugin: importing one of `names` gets a stand-in that requires the real package
 * (left in node_modules, outside the bundle) the first time a property is read. Default,
 * namespace and named imports all work: reads, writes and `in` are forwarded, and the stand-in's
 * prototype forwards too, because esbuild's import helper copies a CommonJS module's keys onto an
 * object made from its prototype at start-up (listing the keys themselves would load it). */
export function lazyPackages(names) {
  const filter = new RegExp(`^(${names.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})$`);
  return {
    name: 'lazy-packages',
    setup(b) {
      b.onResolve({ filter }, (args) =>
        args.namespace === 'lazy-package'
          ? { path: args.path, external: true }
          : { path: args.path, namespace: 'lazy-package' },
      );
      b.onLoad({ filter: /.*/, namespace: 'lazy-package' }, (args) => ({
        resolveDir: root,
        loader: 'js',
        contents: `let real;
const load = () => (real ??= require(${JSON.stringify(args.path)}));
const forward = {
  get: (_, key) => (key === '__esModule' ? undefined : load()[key]),
  set: (_, key, value) => ((load()[key] = value), true),
  has: (_, key) => key in load(),
};
const prototype = new Proxy({}, forward);
module.exports = new Proxy({}, { ...forward, getPrototypeOf: () => prototype });
`,
      }));
    },
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  try {
    await buildCli();
    console.log(`Built the CLI into ${path.relative(root, cliOutDir())}.`);
  } catch (error) {
    // An install must not fail over this: `npm run cli` builds it (and shows why) on first use.
    console.warn(
      `worksbook: the CLI was not built (${error instanceof Error ? error.message.split('\n')[0] : error}).`,
    );
  }
}
