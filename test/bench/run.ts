// `npm run bench [-- --sizes 1000,10000,100000] [--only participants]`: runs every suite in
// test/bench/suites.ts at each size and writes BENCHMARKS.md (method, machine, tables).
import os from 'node:os';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createBenchKit, type BenchResult } from './bench-kit';
import { suites } from './suites';

const { values } = parseArgs({
  options: { sizes: { type: 'string' }, only: { type: 'string' }, out: { type: 'string' } },
});
const sizes = (values.sizes ?? '1000,10000,100000').split(',').map(Number);
const workDir = path.resolve('.tmp/bench');
fs.rmSync(workDir, { recursive: true, force: true });
const kit = createBenchKit(sizes, workDir);

for (const suite of suites) {
  if (values.only && !values.only.split(',').includes(suite.name)) continue;
  kit.setSuite(suite.name);
  process.stdout.write(`\n== ${suite.name} ==\n`);
  const before = kit.results.length;
  await suite.run(kit);
  for (const r of kit.results.slice(before)) process.stdout.write(`${line(r)}\n`);
}

function fmt(ms: number): string {
  return ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2);
}
function line(r: BenchResult): string {
  return (
    `${r.name.padEnd(48)} n=${String(r.size).padStart(6)}  median ${fmt(r.medianMs)} ms  p95 ${fmt(r.p95Ms)} ms  ` +
    `[${fmt(r.minMs)}–${fmt(r.maxMs)}] x${r.runs}  rss ${r.rssMb} MB${r.note ? `  ${r.note}` : ''}`
  );
}

const machine =
  `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GB RAM, ` +
  `${os.type()} ${os.release()}, Node ${process.versions.node}`;
const rows = kit.results.map(
  (r) =>
    `| ${r.suite} | ${r.name} | ${r.size.toLocaleString('en-GB')} | ${fmt(r.medianMs)} | ${fmt(r.p95Ms)} | ${fmt(r.minMs)}–${fmt(r.maxMs)} | ` +
    `${r.runs} | ${r.rssMb} | ${r.note ?? ''} |`,
);
const report =
  `## Latest run (${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC)\n\nMachine: ${machine}\n\n` +
  '| suite | measurement | participants | median ms | p95 ms | range ms | runs | RSS MB | note |\n' +
  `|---|---|---|---|---|---|---|---|---|\n${rows.join('\n')}\n`;
const out = path.resolve(values.out ?? '.tmp/bench-results.md');
fs.writeFileSync(out, report);
process.stdout.write(`\nWrote ${out}\n`);
