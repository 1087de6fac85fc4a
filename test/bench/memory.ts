// Peak memory of ONE backend process over a working session at a given size: open the store,
// search, page the grid, open people, compute and write a UKSPF return, export outcomes.
// Usage: tsx test/bench/memory.ts <store file> (a demo store, e.g. .tmp/bench/template-100000.sqlite)
import { createBackend } from '../../db/backend/backend';
import { fixedClock } from '../../db/backend/clock';
import { setLogSink } from '../../db/backend/log';
import { BENCH_NOW } from './bench-kit';

setLogSink(() => {});
const file = process.argv[2]!;
let peak = 0;
const sample = () => (peak = Math.max(peak, process.memoryUsage().rss));
const timer = setInterval(sample, 20);
const b = await createBackend({ file, clock: fixedClock(BENCH_NOW) });
const admin = await b.store.db
  .selectFrom('staff')
  .select('id')
  .where('role', '=', 'administrator')
  .executeTakeFirstOrThrow();
await b.call('m', 'session.start', { staffId: admin.id });
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
  steps.push(['UKSPF workbook', () => b.call('m', 'returns.export', { ...period, purpose: 'Memory benchmark' })]);
  steps.push(['dashboard', () => b.call('m', 'returns.dashboard', { from: '2025-04-01', to: '2026-03-31' })]);
}
for (const [name, run] of steps) {
  const t0 = performance.now();
  const r = (await run()) as { ok?: boolean; error?: { message: string } } | undefined;
  sample();
  const status = r && r.ok === false ? `FAILED: ${r.error?.message}` : 'ok';
  process.stdout.write(
    `${name.padEnd(14)} ${(performance.now() - t0).toFixed(0)} ms, rss now ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB, ${status}\n`,
  );
}
clearInterval(timer);
process.stdout.write(`peak rss ${(peak / 1e6).toFixed(0)} MB\n`);
await b.close();
