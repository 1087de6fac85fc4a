// The benchmark's PostgreSQL path (`npm run bench:stores`, issue 18): the bench kit's demo store,
// copied into a team database with `cli team migrate`'s code, opens as the app opens it and every
// single-user row runs on it (a tiny store, two runs each: this proves the path, not the speed).
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createBenchKit } from '../bench/bench-kit';
import { postgresCopy, singleUserRows } from '../bench/store-pair';
import { tempDir } from '../support/backend';
import { createTestDatabase, dropTestDatabase, isPostgresRun, testServerUrl } from '../support/test-store';

// It needs a PostgreSQL server: this runs on the PostgreSQL run only (the SQLite run has none),
// where it is never skipped.
describe.skipIf(!isPostgresRun)('bench: the single-user rows on a team database (PostgreSQL run)', () => {
  const dir = tempDir();
  const databases: string[] = [];
  afterAll(async () => {
    for (const d of databases) await dropTestDatabase(d);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('copies the demo store into PostgreSQL and times every row there', async () => {
    const kit = createBenchKit([30], path.join(dir, 'bench'));
    kit.setSuite('postgres');
    databases.push(await createTestDatabase('bench'));
    const team = await postgresCopy(kit, 30, testServerUrl(databases[0]!));
    try {
      expect(team.backend.store.kind).toBe('postgres');
      const people = await team.backend.store.db
        .selectFrom('participants')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(people.n)).toBeGreaterThanOrEqual(30);
      await singleUserRows(kit, 30, team.backend, team.call, { runs: 2 });
    } finally {
      await team.backend.close();
    }
    expect(kit.results.map((r) => r.name)).toEqual([
      'quick search, mixed (first 100 rows + total)',
      'quick search: surname',
      'grid first page (100 rows + total)',
      'open a participant (participants.get)',
      'register a participant (participants.create)',
      'record a job start (outcomes.record)',
      'UKSPF return: compute with lines + warnings (returns.compute)',
    ]);
    expect(kit.results.every((r) => r.suite === 'postgres' && r.runs > 0 && r.medianMs >= 0)).toBe(true);
  }, 120_000);
});
