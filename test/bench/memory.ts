// Peak memory of ONE backend process over a working session at a given size: open the store,
// search, page the grid, open people, compute and write a UKSPF return, export outcomes.
// Usage: tsx test/bench/memory.ts <store file> (a demo store, e.g. .tmp/bench-templates/template-100000-<key>.sqlite);
// the memory suite (memory.bench.ts) runs it bundled, in a process of its own, at each size.
// The last line is `RESULT {...}` with the peak: the kernel's high-water mark for this process
// (process.resourceUsage().maxRSS, which catches peaks between samples) and the highest of the
// samples taken every 20 ms.
import { createBackend } from '../../db/backend/backend';
import { fixedClock } from '../../db/backend/clock';
import { setLogSink } from '../../db/backend/log';
import { exportToEnd } from '../../db/features/export/export-job';
import { BENCH_NOW } from './bench-kit';
import { signInAsAdministrator } from './bench-session';

async function main(file: string): Promise<void> {
  setLogSink(() => {});
  let peak = 0;
  const sample = () => (peak = Math.max(peak, process.memoryUsage().rss));
  const timer = setInterval(sample, 20);
  const b = await createBackend({ file, clock: fixedClock(BENCH_NOW) });
  await signInAsAdministrator(b, 'm');
  const steps: Array<[string, () => Promise<unknown>]> = [
    [
      'search',
      async () => {
        for (const q of ['smith', 'khan', 'SG1', '0770', 'SW-0001'])
          await b.call('m', 'participants.page', { search: q });
      },
    ],
    [
      'grid pages',
      async () => {
        for (let o = 0; o < 5000; o += 100) await b.call('m', 'participants.page', { offset: o, limit: 100 });
      },
    ],
    [
      'open people',
      async () => {
        for (let id = 1; id < 200; id += 7) await b.call('m', 'participants.get', { id });
      },
    ],
  ];
  const sets = await b.call('m', 'returns.sets', {});
  const ukspf = sets.ok ? sets.value.find((s) => s.code === 'UKSPF-PS') : undefined;
  if (ukspf) {
    const period = { setId: ukspf.id, from: '2025-04-01', to: '2026-03-31' };
    steps.push(['UKSPF compute', () => b.call('m', 'returns.compute', { ...period, warnings: true })]);
    steps.push([
      'UKSPF workbook',
      () => exportToEnd(b, 'm', 'returns.export', { ...period, purpose: 'Memory benchmark' }),
    ]);
    steps.push(['dashboard', () => b.call('m', 'returns.dashboard', { from: '2025-04-01', to: '2026-03-31' })]);
  }
  steps.push(['outcomes export', () => exportToEnd(b, 'm', 'outcomes.export', {})]);
  const failed: string[] = [];
  for (const [name, run] of steps) {
    const t0 = performance.now();
    const r = (await run()) as { ok?: boolean; error?: { message: string } } | undefined;
    sample();
    const status = r && r.ok === false ? `FAILED: ${r.error?.message}` : 'ok';
    if (status !== 'ok') failed.push(name);
    process.stdout.write(
      `${name.padEnd(16)} ${(performance.now() - t0).toFixed(0)} ms, rss now ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB, ${status}\n`,
    );
  }
  clearInterval(timer);
  await b.close();
  // maxRSS is in kilobytes (KiB on Linux).
  const maxRssMb = (process.resourceUsage().maxRSS * 1024) / 1e6;
  process.stdout.write(`peak rss ${maxRssMb.toFixed(0)} MB (sampled ${(peak / 1e6).toFixed(0)} MB)\n`);
  process.stdout.write(
    `RESULT ${JSON.stringify({ maxRssMb, sampledPeakMb: peak / 1e6, steps: steps.map(([n]) => n), failed })}\n`,
  );
}

const file = process.argv[2];
if (!file) {
  process.stderr.write('usage: tsx test/bench/memory.ts <store file>\n');
  process.exit(2);
}
main(file).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
