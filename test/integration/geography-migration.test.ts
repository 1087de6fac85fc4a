// Migration 0130 on a store from before it, with rows in it: each benefit moves to the new set
// table, each disability code to the harmonised question's two answers (the code itself kept),
// labour-market statuses stay as they were and those disagreeing with time out of work are
// listed for review; the stored eligibility is untouched; "local" starts as Stevenage, and until a
// postcode directory is loaded the people in the programme's postcode districts stay local.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Kysely } from 'kysely';
import SqliteDatabase from 'better-sqlite3-multiple-ciphers';
import { WorksbookSqliteDialect as SqliteDialect } from '../../db/store/sqlite/dialect';
import { migrateToLatest } from '../../db/store/migrator';
import { migrations } from '../../db/store/migrations/index';
import type { MigrationDb } from '../../db/store/migrations/migration-db';
import { createTestBackend, tempDir } from '../support/backend';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

const before0130 = Object.fromEntries(Object.entries(migrations).filter(([name]) => name < '0130'));

async function oldStore(): Promise<{ file: string; db: MigrationDb; sqlite: SqliteDatabase.Database }> {
  const dir = tempDir();
  dirs.push(dir);
  const file = path.join(dir, 'worksbook.sqlite');
  const sqlite = new SqliteDatabase(file);
  const db: MigrationDb = new Kysely({ dialect: new SqliteDialect({ database: sqlite }) });
  await migrateToLatest(db, before0130);
  const person = (n: number, values: Record<string, unknown>) => ({
    reference: `SW-00000${n}`,
    first_name: 'Person',
    last_name: `Number ${n}`,
    date_of_birth: '1990-05-01',
    postcode: 'SG1 1AA',
    postcode_district: 'SG1',
    start_date: '2026-01-10',
    eligibility_status: 'pending',
    benefits: null,
    disability: null,
    labour_market_status: null,
    time_out_of_work: null,
    created_at: '2026-01-10T09:00:00.000Z',
    updated_at: '2026-01-10T09:00:00.000Z',
    ...values,
  });
  await db
    .insertInto('participants')
    .values([
      // aged 35 at entry, out of work 12-24 months, recorded short-term: should be long-term
      person(1, {
        benefits: 'universal_credit',
        disability: 'limited_a_little',
        labour_market_status: 'unemployed',
        time_out_of_work: '12_to_24_months',
        eligibility_status: 'eligible',
      }),
      person(2, {
        benefits: 'pip',
        disability: 'no_condition',
        labour_market_status: 'long_term_unemployed',
        time_out_of_work: 'over_24_months',
      }),
      person(3, {
        postcode: 'SG4 9AA',
        postcode_district: 'SG4',
        benefits: null,
        disability: null,
        labour_market_status: 'employed',
        time_out_of_work: '6_to_12_months',
      }),
      person(4, { benefits: 'prefer_not_to_say', disability: 'prefer_not_to_say', labour_market_status: null }),
      person(5, {
        benefits: 'esa',
        disability: 'condition_not_limited',
        labour_market_status: 'unemployed',
        time_out_of_work: 'under_6_months',
      }),
    ])
    .execute();
  await db
    .insertInto('eligibility_checks')
    .values({
      participant_id: 1,
      check_code: 'right_to_work',
      outcome: 'met',
      evidence_type: 'passport',
      seen_on: '2026-01-10',
      recorded_at: '2026-01-10T09:10:00.000Z',
    })
    .execute();
  return { file, db, sqlite };
}

describe('migration 0130 from a store with rows', () => {
  it('moves benefits and disability answers without loss and leaves statuses as they were', async () => {
    const { db, sqlite } = await oldStore();
    await migrateToLatest(db);

    const benefits = await db
      .selectFrom('participant_benefits')
      .select(['participant_id', 'benefit_code'])
      .orderBy('participant_id')
      .execute();
    expect(benefits).toEqual([
      { participant_id: 1, benefit_code: 'universal_credit' },
      { participant_id: 2, benefit_code: 'pip' },
      { participant_id: 4, benefit_code: 'prefer_not_to_say' },
      { participant_id: 5, benefit_code: 'esa' },
    ]);
    const columns = (await db.introspection.getTables())
      .find((t) => t.name === 'participants')!
      .columns.map((c) => c.name);
    expect(columns).not.toContain('benefits');
    expect(columns).toEqual(
      expect.arrayContaining(['health_condition', 'condition_impact', 'geo_ward_code', 'is_local', 'no_fixed_abode']),
    );

    const rows = await db
      .selectFrom('participants')
      .select([
        'id',
        'disability',
        'health_condition',
        'condition_impact',
        'labour_market_status',
        'eligibility_status',
        'no_fixed_abode',
        'is_local',
        'geo_status',
      ])
      .orderBy('id')
      .execute();
    expect(rows).toEqual([
      {
        id: 1,
        disability: 'limited_a_little',
        health_condition: 'yes',
        condition_impact: 'yes_a_little',
        labour_market_status: 'unemployed',
        eligibility_status: 'eligible',
        no_fixed_abode: 0,
        is_local: 1,
        geo_status: 'no_lookup',
      },
      {
        id: 2,
        disability: 'no_condition',
        health_condition: 'no',
        condition_impact: null,
        labour_market_status: 'long_term_unemployed',
        eligibility_status: 'pending',
        no_fixed_abode: 0,
        is_local: 1,
        geo_status: 'no_lookup',
      },
      {
        id: 3,
        disability: null,
        health_condition: null,
        condition_impact: null,
        labour_market_status: 'employed',
        eligibility_status: 'pending',
        no_fixed_abode: 0,
        is_local: 0,
        geo_status: 'no_lookup',
      },
      {
        id: 4,
        disability: 'prefer_not_to_say',
        health_condition: 'prefer_not_to_say',
        condition_impact: null,
        labour_market_status: null,
        eligibility_status: 'pending',
        no_fixed_abode: 0,
        is_local: 1,
        geo_status: 'no_lookup',
      },
      {
        id: 5,
        disability: 'condition_not_limited',
        health_condition: 'yes',
        condition_impact: 'not_at_all',
        labour_market_status: 'unemployed',
        eligibility_status: 'pending',
        no_fixed_abode: 0,
        is_local: 1,
        geo_status: 'no_lookup',
      },
    ]);
    expect(await db.selectFrom('eligibility_checks').select('evidence_type').execute()).toEqual([
      { evidence_type: 'passport' },
    ]);
    expect(
      await db
        .selectFrom('settings')
        .select('value_json')
        .where('key', '=', 'geography.localAuthorities')
        .executeTakeFirst(),
    ).toEqual({ value_json: '["E07000243"]' });
    await db.destroy();
    sqlite.close();
  });

  it('lists the statuses that disagree with time out of work for review, and the record reads in the new shape', async () => {
    const { file, db, sqlite } = await oldStore();
    await db.destroy();
    sqlite.close();
    const t = await createTestBackend({ file });
    try {
      const review = await t.ok('participants.toReview', {});
      expect(review.total).toBe(2);
      expect(review.labourMarket.map((r) => [r.reference, r.suggested])).toEqual([
        ['SW-000001', 'long_term_unemployed'],
        ['SW-000003', null],
      ]);
      expect(review.labourMarket[0]!.message).toMatch(/long-term unemployed means out of work 12 months or more/);
      const p1 = await t.ok('participants.get', { id: 1 });
      expect(p1.record).toMatchObject({
        benefits: ['universal_credit'],
        healthCondition: 'yes',
        conditionImpact: 'yes_a_little',
        labourMarketStatus: 'unemployed',
      });
      expect(p1.labourMarketProblem).toMatchObject({ suggested: 'long_term_unemployed' });
      // Nothing was changed by listing them.
      expect((await t.ok('participants.get', { id: 1 })).record.labourMarketStatus).toBe('unemployed');
    } finally {
      await t.close();
    }
  });
});
