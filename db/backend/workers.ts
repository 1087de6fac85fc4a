// The backend's worker threads, each a bundle of its own so that starting one loads only what it
// needs (the workbook writer's ExcelJS doubled the partner-file reader's start): in a build, a
// file beside backend.cjs (and beside the CLI's bundle), named by the build (scripts/cli-build.mjs,
// WORKERS); from source, bundled in memory (workers.dev.ts).
import path from 'node:path';

/** The partner-file reader and the import's audit sealer (imports/import-read.worker.ts), and the
 * writer of a large export's workbook (export/xlsx-writer.worker.ts). */
export const workerNames = ['import-read', 'xlsx-writer'] as const;
export type WorkerName = (typeof workerNames)[number];

/** Set by the build: each worker's file name, beside this bundle. */
declare const __WORKER_FILES__: Record<WorkerName, string> | undefined;

/** What to start the worker from: its bundled file in the app, else its code built from source. */
export async function workerScript(name: WorkerName): Promise<{ script: string; isCode: boolean }> {
  if (typeof __WORKER_FILES__ === 'object')
    return { script: path.join(__dirname, __WORKER_FILES__[name]), isCode: false };
  // Only from source: the app's and the CLI's bundles leave every *.dev module (and esbuild) out
  // (external in scripts/build.mjs and scripts/cli-build.mjs), so this line never runs there.
  const dev = await import('./workers.dev');
  return { script: await dev.devWorkerCode(name), isCode: true };
}
