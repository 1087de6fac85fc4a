// The benchmark kit: deterministic demo stores of a given size (built once per size and copied
// for each suite; kept between runs in .tmp/bench-templates while the demo generator, the
// migrations and the table definitions are unchanged), timing with median and spread. Suites live in test/bench/<area>.bench.ts and
// export `suite: BenchSuite`; `npm run bench` runs them all and writes the goals and every
// measurement (test/bench/run.ts) for BENCHMARKS.md.
//
// Every row says what it measures: its name names the operation and how it is reached (a
// backend channel, a repository, a child process, the browser), its unit says what the figures
// are (ms per run, MB, or a ratio "x" to a floor measured beside it), and its note gives the
// volume (rows, entries, bytes) the figure depends on.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createBackend, type Backend } from '../../db/backend/backend';
import { fixedClock } from '../../db/backend/clock';
import { loadDemo } from '../../db/demo/demo';
import { writeTransaction } from '../../db/store/dialect';
import { markDemoStore } from '../../db/features/trust/trust-settings';
import { setLogSink } from '../../db/backend/log';
import type { ChannelName, ChannelOutput } from '../../shared/contract/index';
import type { Result } from '../../shared/result';
import { signInAsAdministrator } from './bench-session';

export type BenchCall = <C extends ChannelName>(channel: C, input: unknown) => Promise<Result<ChannelOutput<C>>>;

/** ms: duration of one run; MB: memory; x: a ratio (e.g. feature / floor, paired runs). */
export type BenchUnit = 'ms' | 'MB' | 'x';

export interface BenchResult {
  suite: string;
  name: string;
  size: number;
  unit: BenchUnit;
  runs: number;
  medianMs: number;
  p95Ms: number;
  minMs: number;
  maxMs: number;
  /** Resident set size of the whole benchmark process at the end of the measurement, MB (it
   * holds several stores at once; one backend's peak is the memory suite's row). */
  rssMb: number;
  note?: string;
}

export interface BenchKit {
  sizes: number[];
  workDir: string;
  /** A fresh copy of a demo store with `size` participants, not opened, in its own folder (so
   * its backups folder is its own): for measuring another process that opens it. */
  storeCopy(size: number, label: string): Promise<string>;
  /** A fresh copy of a demo store with `size` participants, opened, signed in as administrator. */
  store(
    size: number,
    options?: { key?: { kind: 'passphrase'; text: string } | null },
  ): Promise<{ backend: Backend; file: string; call: BenchCall }>;
  /** Times `fn` `runs` times (after one warm-up unless warmup=false) and records the result. */
  measure(
    name: string,
    size: number,
    fn: (i: number) => Promise<unknown> | unknown,
    options?: { runs?: number; warmup?: boolean; note?: string },
  ): Promise<BenchResult>;
  /** Records samples measured some other way (e.g. per-query latencies, ratios, megabytes). */
  record(name: string, size: number, samples: number[], note?: string, unit?: BenchUnit): BenchResult;
  results: BenchResult[];
}

export interface BenchSuite {
  name: string;
  run(kit: BenchKit): Promise<void>;
}

export const BENCH_CLIENT = 'bench';
export const BENCH_NOW = '2026-11-23T10:00:00.000Z';

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

export function summarise(
  suite: string,
  name: string,
  size: number,
  samples: number[],
  note?: string,
  unit: BenchUnit = 'ms',
): BenchResult {
  // A placeholder is not a measurement (a "peak RSS 0.00" row misled once): refuse it.
  if (!samples.length || samples.some((v) => !Number.isFinite(v) || (unit !== 'ms' && v <= 0)))
    throw new Error(`${suite}: "${name}" has no real figure (${samples.join(', ') || 'no samples'})`);
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    suite,
    name,
    size,
    unit,
    runs: samples.length,
    medianMs: percentile(sorted, 50),
    p95Ms: percentile(sorted, 95),
    minMs: sorted[0] ?? NaN,
    maxMs: sorted[sorted.length - 1] ?? NaN,
    rssMb: Math.round(process.memoryUsage().rss / 1e6),
    ...(note ? { note } : {}),
  };
}

const TEMPLATE_DIR = path.resolve('.tmp/bench-templates');

/** A hash of what a template's contents come from: the demo generator, the migrations and the
 * table definitions (code elsewhere that the demo calls, such as the outcome writer, is not in it:
 * delete .tmp/bench-templates to rebuild after changing what such code stores). */
function templateKey(): string {
  const hash = createHash('sha256');
  for (const dir of ['db/demo', 'db/store/migrations', 'db/store/tables']) {
    for (const name of fs.readdirSync(dir).sort()) {
      const file = path.join(dir, name);
      if (fs.statSync(file).isFile()) hash.update(file).update(fs.readFileSync(file));
    }
  }
  return hash.digest('hex').slice(0, 12);
}

export function createBenchKit(sizes: number[], workDir: string): BenchKit & { setSuite(name: string): void } {
  setLogSink(() => {});
  fs.mkdirSync(workDir, { recursive: true });
  let suiteName = '';
  const results: BenchResult[] = [];
  const templates = new Map<number, string>();

  async function template(size: number): Promise<string> {
    const existing = templates.get(size);
    if (existing) return existing;
    // Building 100,000 people takes minutes; a template is reused while what made it is unchanged.
    fs.mkdirSync(TEMPLATE_DIR, { recursive: true });
    const file = path.join(TEMPLATE_DIR, `template-${size}-${templateKey()}.sqlite`);
    if (!fs.existsSync(file)) {
      for (const old of fs.readdirSync(TEMPLATE_DIR).filter((n) => n.startsWith(`template-${size}-`))) {
        fs.rmSync(path.join(TEMPLATE_DIR, old), { force: true });
      }
      const backend = await createBackend({ file: `${file}.tmp`, clock: fixedClock(BENCH_NOW) });
      // Demo data, marked as such (as demo.load does): its staff sign in without passwords, so the
      // suites can start a session (real data's first administrator has a password).
      await writeTransaction(backend.store.db).execute((tx) => markDemoStore(tx, BENCH_NOW, null));
      await backend.call(BENCH_CLIENT, 'staff.createFirst', { displayName: 'Bench Administrator' });
      await backend.store.db.transaction().execute((tx) =>
        loadDemo(tx, {
          participants: size,
          seed: 2017,
          today: BENCH_NOW.slice(0, 10),
          nowIso: BENCH_NOW,
        }),
      );
      backend.store.sqlite.pragma('wal_checkpoint(TRUNCATE)');
      await backend.close();
      fs.renameSync(`${file}.tmp`, file);
      for (const ext of ['-wal', '-shm']) fs.rmSync(`${file}.tmp${ext}`, { force: true });
    }
    templates.set(size, file);
    return file;
  }

  let copies = 0;
  async function storeCopy(size: number, label: string): Promise<string> {
    const source = await template(size);
    const dir = path.join(workDir, `${suiteName}-${label}-${size}-${++copies}`);
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, 'worksbook.sqlite');
    fs.copyFileSync(source, file);
    return file;
  }

  return {
    sizes,
    workDir,
    results,
    setSuite(name) {
      suiteName = name;
    },
    storeCopy,
    async store(size, options = {}) {
      // Its own folder, so its backups folder holds only its own backups: opening with a key
      // encrypts every plaintext backup beside the store, which must not time other suites'.
      const file = await storeCopy(size, 'store');
      const backend = await createBackend({ file, key: options.key ?? null, clock: fixedClock(BENCH_NOW) });
      await signInAsAdministrator(backend, BENCH_CLIENT);
      const call: BenchCall = (channel, input) => backend.call(BENCH_CLIENT, channel, input);
      return { backend, file, call };
    },
    async measure(name, size, fn, options = {}) {
      const runs = options.runs ?? 5;
      if (options.warmup !== false) await fn(-1);
      const samples: number[] = [];
      for (let i = 0; i < runs; i++) {
        const t0 = performance.now();
        await fn(i);
        samples.push(performance.now() - t0);
      }
      const result = summarise(suiteName, name, size, samples, options.note);
      results.push(result);
      return result;
    },
    record(name, size, samples, note, unit) {
      const result = summarise(suiteName, name, size, samples, note, unit);
      results.push(result);
      return result;
    },
  };
}

export function median(values: number[]): number {
  return percentile(
    [...values].sort((a, b) => a - b),
    50,
  );
}

/** Ratios of paired runs (a[i] / b[i]), for rows with unit "x": runs of a feature and its floor
 * alternate, so a shared machine's changing load hits both alike. */
export function pairedRatios(a: number[], b: number[]): number[] {
  return a.map((value, i) => value / b[i]!);
}
