// From source (tsx for the CLI and harness, vitest for tests) there is no bundled worker file:
// each worker is bundled here once per process, in memory, exactly as scripts/build.mjs bundles
// it for the app. (Loading the TypeScript through tsx in each worker would cost about a second
// per start.) Never part of the app bundle: workers.ts loads it only when unbundled.
import { fileURLToPath } from 'node:url';
import type { WorkerName } from './workers';

/** Each worker's entry, as scripts/cli-build.mjs (WORKERS) names it for a build. */
const entries: Record<WorkerName, URL> = {
  'import-read': new URL('../features/imports/import-read.worker.ts', import.meta.url),
  'xlsx-writer': new URL('../features/export/xlsx-writer.worker.ts', import.meta.url),
};

const bundled = new Map<WorkerName, Promise<string>>();

/** The worker's code as one CommonJS script, for `new Worker(code, { eval: true })`. */
export function devWorkerCode(name: WorkerName): Promise<string> {
  let code = bundled.get(name);
  if (!code) {
    code = (async () => {
      const { build } = await import('esbuild');
      const result = await build({
        entryPoints: [fileURLToPath(entries[name])],
        bundle: true,
        platform: 'node',
        format: 'cjs',
        target: 'node22',
        write: false,
        logLevel: 'silent',
      });
      return result.outputFiles[0]!.text;
    })();
    bundled.set(name, code);
    code.catch(() => bundled.delete(name));
  }
  return code;
}
