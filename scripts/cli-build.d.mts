// Types for scripts/cli-build.mjs, which tests import.
import type { Plugin } from 'esbuild';

export const CLI_BUNDLE: string;
export function cliOutDir(): string;
export function buildCli(outDir?: string): Promise<string>;
export type CliBuildState = { state: 'fresh' } | { state: 'missing' } | { state: 'stale'; changed: string };
export function cliBuildState(outDir?: string): CliBuildState;
export function ensureCliBuild(
  outDir?: string,
  log?: (message: string) => void,
): Promise<CliBuildState & { bundle: string }>;
export function lazyPackages(names: string[]): Plugin;
export const WORKERS: Record<'import-read' | 'xlsx-writer', { entry: string; file: string }>;
/** WORKERS' file names by worker, as JSON: the value of the bundles' __WORKER_FILES__. */
export const WORKER_FILES: string;
