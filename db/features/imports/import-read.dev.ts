// From source (tsx for the CLI and harness, vitest for tests) there is no bundled worker file:
// the worker is bundled here once per process, in memory, exactly as scripts/build.mjs bundles
// it for the app. (Loading the TypeScript through tsx in each worker would cost about a second
// per file.) Never part of the app bundle: import-read.host.ts loads it only when unbundled.
import { fileURLToPath } from 'node:url';

let bundled: Promise<string> | null = null;

/** The worker's code as one CommonJS script, for `new Worker(code, { eval: true })`. */
export function devWorkerCode(): Promise<string> {
  bundled ??= (async () => {
    const { build } = await import('esbuild');
    const result = await build({
      entryPoints: [fileURLToPath(new URL('./import-read.worker.ts', import.meta.url))],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node22',
      write: false,
      logLevel: 'silent',
    });
    return result.outputFiles[0]!.text;
  })();
  bundled.catch(() => (bundled = null));
  return bundled;
}
