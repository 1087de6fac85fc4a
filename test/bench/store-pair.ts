// The single-user figures on both stores (issue 18): the same deterministic demo store the bench
// kit builds (SQLite), copied into a PostgreSQL database with `cli team migrate`'s code
// (db/store/team-migrate.ts), opened as the app opens a team database, and the same channels
// timed on each: participant quick search, the grid's first page, opening a person, registering
// one, recording a job start, and computing the UKSPF return. test/bench/stores.ts runs it for
// BENCHMARKS.md; test/integration/bench-stores.test.ts proves the PostgreSQL path on a tiny store.
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { createBackend, type Backend } from '../../db/backend/backend';
import { fixedClock } from '../../db/backend/clock';
import { openStore } from '../../db/store/connection';
import { copySoloStoreToTeam } from '../../db/store/team-migrate';
import { findSetByCode } from '../../db/features/returns/indicator-sets.repository';
import { BENCH_CLIENT, BENCH_NOW, type BenchCall, type BenchKit } from './bench-kit';
import { queries } from './participants.bench';
import { inLetters } from './letters';

export type StoreKind = 'sqlite' | 'postgres';

export const STORE_LABELS: Record<StoreKind, string> = { sqlite: 'SQLite', postgres: 'PostgreSQL' };

const PERIOD = { from: '2025-04-01', to: '2026-03-31' };

async function signIn(backend: Backend): Promise<BenchCall> {
  const admin = await backend.store.db
    .selectFrom('staff')
    .select('id')
    .where('role', '=', 'administrator')
    .orderBy('id')
    .executeTakeFirstOrThrow();
  const started = await backend.call(BENCH_CLIENT, 'session.start', { staffId: admin.id });
  if (!started.ok) throw new Error(`session.start: ${started.error.message}`);
  return (channel, input) => backend.call(BENCH_CLIENT, channel, input);
}

/** A copy of the kit's demo store at `size` in the empty PostgreSQL database at `url` (as `cli
 * team migrate` copies it: every table with its ids, the audit chain, the row counts checked),
 * then ANALYZEd (as autovacuum would soon after a bulk load, so the planner sees the real
 * sizes), opened as the app opens a team database and signed in as the administrator. */
export async function postgresCopy(
  kit: BenchKit,
  size: number,
  url: string,
): Promise<{ backend: Backend; call: BenchCall; copyMs: number }> {
  const file = await kit.storeCopy(size, 'postgres-source');
  const t0 = performance.now();
  const source = await openStore({ file, key: null });
  try {
    const target = await openStore({ file: url, tls: 'insecure-test-server' });
    try {
      const copied = await copySoloStoreToTeam(source, target);
      if (copied.outcome !== 'copied') throw new Error(`the PostgreSQL database at ${url} was not empty`);
      await sql`analyze`.execute(target.db);
    } finally {
      await target.close();
    }
  } finally {
    await source.close();
  }
  const copyMs = performance.now() - t0;
  const dataDir = path.join(path.dirname(file), 'team-data');
  fs.mkdirSync(dataDir, { recursive: true });
  const backend = await createBackend({
    file: url,
    tls: 'insecure-test-server',
    dataDir,
    automaticBackups: false,
    clock: fixedClock(BENCH_NOW),
  });
  return { backend, call: await signIn(backend), copyMs };
}

async function must<T>(p: Promise<{ ok: true; value: T } | { ok: false; error: { message: string } }>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

/** The single-user rows, the same on either store; `runs` lowers the repeats (the test's tiny store),
 * `searchOnly` stops after the quick search rows. */
export async function singleUserRows(
  kit: BenchKit,
  size: number,
  backend: Backend,
  call: BenchCall,
  options: { runs?: number; searchOnly?: boolean } = {},
): Promise<void> {
  const runs = options.runs ?? 20;
  const list = await queries(backend.store.db);
  for (const q of list.slice(0, 10)) await must(call('participants.page', { search: q.text, limit: 100 })); // warm-up
  const all: number[] = [];
  const surname: number[] = [];
  for (const q of list) {
    const t0 = performance.now();
    await must(call('participants.page', { search: q.text, limit: 100 }));
    const ms = performance.now() - t0;
    all.push(ms);
    if (q.kind === 'surname') surname.push(ms);
  }
  kit.record('quick search, mixed (first 100 rows + total)', size, all, `${list.length} queries`);
  kit.record('quick search: surname', size, surname, `${surname.length} queries`);
  if (options.searchOnly) return;
  await kit.measure('grid first page (100 rows + total)', size, () => must(call('participants.page', { limit: 100 })), {
    runs,
  });
  const first = await must(call('participants.page', { limit: 1 }));
  const id = first.rows[0]!.id;
  await kit.measure('open a participant (participants.get)', size, () => must(call('participants.get', { id })), {
    runs,
  });
  const registered: number[] = [];
  await kit.measure(
    'register a participant (participants.create)',
    size,
    async (i) => {
      const created = await must(
        call('participants.create', {
          record: {
            firstName: 'Bench',
            lastName: `Register${inLetters(i + 2)}`,
            dateOfBirth: `${1 + ((i + 1) % 27)}/3/1991`,
            niStatus: 'not_yet_known',
            postcode: 'SG1 1AA',
            startDate: '10/01/2026',
          },
          notDuplicateOf: [],
          duplicatesReviewed: true,
        }),
      );
      registered.push(created.id);
    },
    { runs, note: 'one audited transaction each; a new person each run' },
  );
  await kit.measure(
    'record a job start (outcomes.record)',
    size,
    (i) =>
      must(
        call('outcomes.record', {
          participantId: registered[i + 1]!,
          outcomeType: 'job_start',
          outcomeDate: '2026-06-01',
          hoursPerWeek: 30,
        }),
      ),
    { runs, note: 'for the people just registered, one each' },
  );
  const set = await findSetByCode(backend.store.db, 'UKSPF-PS');
  if (!set) throw new Error('the demo store has no UKSPF-PS indicator set');
  await kit.measure(
    'UKSPF return: compute with lines + warnings (returns.compute)',
    size,
    () => must(call('returns.compute', { setId: set.id, ...PERIOD })),
    { runs: Math.min(runs, 3), note: 'FY 2025-26 on the demo outcomes as loaded' },
  );
}
