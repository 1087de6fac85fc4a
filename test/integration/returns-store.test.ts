// The returns area's store: migration 0040 over a store with rows in it, and the hot counting
// queries' plans (they must use the intended indexes, not scan the big tables).
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3-multiple-ciphers';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../db/store/migrator';
import { migrations } from '../../db/store/migrations/index';
import { createTestBackend, tempDir, type TestBackend } from '../support/backend';
import { participantValues } from '../support/builders';
import { loadSetVersion } from '../../db/features/returns/indicator-sets.repository';
import { countQuery, linesQuery } from '../../db/features/returns/indicator-engine';
import { scopeOf } from '../../db/features/returns/return.service';
import { setIdOf } from '../support/returns-builders';
import type { MigrationDb } from '../../db/store/migrations/migration-db';
import { isPostgresRun } from '../support/test-store';

describe('migration 0040-returns', () => {
  it('adds the returns tables and the three indicator sets to a store that already has people and outcomes', async () => {
    const sqlite = new SqliteDatabase(path.join(tempDir(), 'm.sqlite'));
    const db: MigrationDb = new Kysely({ dialect: new SqliteDialect({ database: sqlite }) });
    const before = Object.fromEntries(Object.entries(migrations).filter(([name]) => name < '0040'));
    await migrateToLatest(db, before);
    await db
      .insertInto('staff')
      .values({ display_name: 'Old', role: 'administrator', created_at: '2025-01-01T00:00:00Z' })
      .execute();
    const p = await db.insertInto('participants').values(participantValues()).returning('id').executeTakeFirstOrThrow();
    await db
      .insertInto('outcomes')
      .values({
        participant_id: p.id,
        outcome_type: 'job_start',
        outcome_date: '2025-05-01',
        created_at: 'x',
        updated_at: 'x',
      })
      .execute();
    // Up to the funder-shaped sets (0170-0171, tested in returns-funding-migration.test.ts).
    const { applied } = await migrateToLatest(
      db,
      Object.fromEntries(Object.entries(migrations).filter(([name]) => name < '0170')),
    );
    expect(applied).toContain('0040-returns');
    const sets = await db.selectFrom('indicator_sets').select('code').orderBy('id').execute();
    expect(sets.map((s: { code: string }) => s.code)).toEqual(['UKSPF-PS', 'TOWNS-FUND-LEARNERS', 'SW-HEADLINE']);
    // The shipped versions (later migrations may add versions of their own, e.g. 0131's headline set).
    const indicators = await db
      .selectFrom('indicators')
      .innerJoin('indicator_set_versions as v', 'v.id', 'indicators.set_version_id')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('v.version', '=', 1)
      .executeTakeFirstOrThrow();
    expect(Number(indicators.n)).toBe(9 + 3 + 6);
    expect(
      Number(
        (
          await db
            .selectFrom('outcomes')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      ),
    ).toBe(1);
    await db.destroy();
  });
});

describe('query plans of the counting queries', () => {
  let t: TestBackend;
  afterEach(async () => t.close());

  async function plan(code: string, kind: 'count' | 'lines' = 'count', version?: number): Promise<string> {
    const db = t.backend.store.db;
    const setId = await setIdOf(
      db,
      code.startsWith('SW') ? 'SW-HEADLINE' : code.startsWith('TF') ? 'TOWNS-FUND-LEARNERS' : 'UKSPF-PS',
    );
    const versionId =
      version === undefined
        ? undefined
        : (
            await db
              .selectFrom('indicator_set_versions')
              .select('id')
              .where('set_id', '=', setId)
              .where('version', '=', version)
              .executeTakeFirstOrThrow()
          ).id;
    const sv = await loadSetVersion(db, setId, versionId);
    const ind = sv.indicators.find((i) => i.code === code)!;
    const q = (kind === 'count' ? countQuery : linesQuery)(
      db,
      ind.rule,
      ind.code,
      scopeOf(sv, { from: '2025-04-01', to: '2025-09-30' }),
    ).compile();
    const rows = await sql
      .raw<{ detail: string }>(`explain query plan ${q.sql}`)
      .execute(db)
      .catch(async () => {
        const stmt = t.backend.store.sqlite.prepare(`explain query plan ${q.sql}`);
        return { rows: stmt.all(...(q.parameters as unknown[])) as Array<{ detail: string }> };
      });
    return rows.rows.map((r) => r.detail).join('\n');
  }

  // SQLite only: reads SQLite's query plan (EXPLAIN QUERY PLAN).
  it.skipIf(isPostgresRun)('outcome indicators seek outcomes by type and date, and claims by person', async () => {
    t = await createTestBackend();
    const p = await plan('UKSPF-R1');
    if (process.env.SHOW_PLAN) console.log(p);
    // The rule names its outcome types, so its outcomes are sought by type and date (not every
    // verified outcome of the period by status), and each one's person, who must be eligible, is
    // read from the narrow index of people by id (migration 0311), not the wide row.
    expect(p).toMatch(
      /SEARCH i USING (COVERING )?INDEX outcomes_type_date\w* \(outcome_type=\? AND outcome_date>\? AND outcome_date<\?\)/,
    );
    expect(p).not.toMatch(/outcomes_verification/);
    expect(p).toMatch(/return_lines_claimed_person/);
    expect(p).toMatch(/SEARCH p USING COVERING INDEX participants_id_person \(id=\?\)/);
    expect(p).not.toMatch(/SCAN (i|p|outcomes|participants)\b(?! USING)/);
    const lines = await plan('UKSPF-R1', 'lines');
    expect(lines).toMatch(
      /SEARCH i USING (COVERING )?INDEX outcomes_type_date\w* \(outcome_type=\? AND outcome_date>\? AND outcome_date<\?\)/,
    );
    expect(lines).toMatch(/evidence_items_outcome/);
  });

  // SQLite only: reads SQLite's query plan (EXPLAIN QUERY PLAN).
  it.skipIf(isPostgresRun)(
    'participant indicators seek participants by start date; sibling exclusions too',
    async () => {
      t = await createTestBackend();
      // Version 1 counted participants by their programme start; version 2 counts funded starts.
      const funded = await plan('UKSPF-O2');
      expect(funded).toMatch(
        /SEARCH i USING INDEX funding_spells_\w+ \((participant_id=\? AND )?starts_on>\? AND starts_on<\?\)/,
      );
      expect(funded).not.toMatch(/SCAN (i|p)\b(?! USING)/);
      const p = await plan('UKSPF-O2', 'count', 1);
      expect(p).toMatch(
        /SEARCH p USING (COVERING )?INDEX participants_(start(_counting)?|eligibility_start) \((eligibility_status=\? AND )?start_date>\? AND start_date<\?\)/,
      );
      expect(p).not.toMatch(/SCAN p\b(?! USING)/);
    },
  );

  // SQLite only: reads SQLite's query plan (EXPLAIN QUERY PLAN).
  it.skipIf(isPostgresRun)('headline figures use the date indexes', async () => {
    t = await createTestBackend();
    expect(await plan('SW-3')).toMatch(/outcomes_type_date/);
    expect(await plan('SW-7')).toMatch(/outcomes_type_date/);
    expect(await plan('SW-1')).toMatch(/course_runs_start/);
    expect(await plan('SW-5')).toMatch(/outcomes_type_date/);
  });
});
