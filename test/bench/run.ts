// `npm run bench [-- --sizes 1000,10000,100000] [--only participants,cli] [--out file]`: runs
// every suite in test/bench/suites.ts at each size (default all three; `--sizes 1000` for a quick
// check that the suites work) and writes the goals table (test/bench/goals.ts: met / missed per
// goal) and every measurement to .tmp/bench-results.md, for BENCHMARKS.md.
import os from 'node:os';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createBenchKit, type BenchResult } from './bench-kit';
import { suites } from './suites';
import { checkGoals } from './goals';
import { suite as recordOpen } from './record-open.bench';

const { values } = parseArgs({
  options: { sizes: { type: 'string' }, only: { type: 'string' }, out: { type: 'string' } },
});
const sizes = (values.sizes ?? '1000,10000,100000').split(',').map(Number);
if (!sizes.length || sizes.some((n) => !Number.isInteger(n) || n < 1)) {
  process.stderr.write(`--sizes takes participant counts separated by commas, e.g. --sizes 1000,10000\n`);
  process.exit(2);
}
const workDir = path.resolve('.tmp/bench');
// Each run starts from fresh copies, but keeps the demo templates already built (a 100,000-person
// template takes minutes to build; a copy is migrated to the latest schema when it opens).
fs.mkdirSync(workDir, { recursive: true });
for (const entry of fs.readdirSync(workDir))
  if (!/^template-\d+\.sqlite$/.test(entry)) fs.rmSync(path.join(workDir, entry), { recursive: true, force: true });
const kit = createBenchKit(sizes, workDir);

for (const suite of [...suites, recordOpen]) {
  if (values.only && !values.only.split(',').includes(suite.name)) continue;
  kit.setSuite(suite.name);
  process.stdout.write(`\n== ${suite.name} ==\n`);
  const before = kit.results.length;
  await suite.run(kit);
  for (const r of kit.results.slice(before)) process.stdout.write(`${line(r)}\n`);
}

function fmt(value: number, unit: BenchResult['unit'] = 'ms'): string {
  if (unit === 'x') return value.toFixed(2);
  if (unit === 'MB') return value.toFixed(0);
  return value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2);
}
function line(r: BenchResult): string {
  const u = r.unit;
  const figures = `median ${fmt(r.medianMs, u)} ${u}  p95 ${fmt(r.p95Ms, u)} ${u}  [${fmt(r.minMs, u)}–${fmt(r.maxMs, u)}]`;
  return `${r.name.padEnd(60)} n=${String(r.size).padStart(6)}  ${figures} x${r.runs}  rss ${r.rssMb} MB${r.note ? `  ${r.note}` : ''}`;
}

const cpu = `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}`;
const load = os
  .loadavg()
  .map((l) => l.toFixed(1))
  .join(' ');
const ram = `${Math.round(os.totalmem() / 2 ** 30)} GB RAM`;
const machine = `${cpu}, ${ram}, ${os.type()} ${os.release()}, Node ${process.versions.node}; load average at the end ${load}`;
const goals = checkGoals(kit.results).map((g) => `| ${g.goal} | ${g.measured} | ${g.verdict} |`);
const rows = kit.results.map(
  (r) =>
    `| ${r.suite} | ${r.name} | ${r.size.toLocaleString('en-GB')} | ${r.unit} | ${fmt(r.medianMs, r.unit)} | ` +
    `${fmt(r.p95Ms, r.unit)} | ${fmt(r.minMs, r.unit)}–${fmt(r.maxMs, r.unit)} | ${r.runs} | ${r.rssMb} | ${r.note ?? ''} |`,
);
const report = `## Latest run (${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, sizes ${sizes.map((s) => s.toLocaleString('en-GB')).join(', ')})

Machine: ${machine}

### Goals (issue 19)

| goal | measured | met? |
|---|---|---|
${goals.join('\n')}

### Every measurement

Unit: ms per run, MB, or x (a ratio to the floor named in the row). RSS MB: the whole benchmark
process at the end of the row (it holds several stores); one backend's memory is the memory
suite's row.

| suite | measurement | participants | unit | median | p95 | range | runs | bench RSS MB | note |
|---|---|---|---|---|---|---|---|---|---|
${rows.join('\n')}
`;
const out = path.resolve(values.out ?? '.tmp/bench-results.md');
fs.writeFileSync(out, report);
process.stdout.write(`\nWrote ${out}\n`);
