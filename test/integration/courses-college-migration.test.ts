// Migration 0110 over a store at 0070 that already holds a CSCS card and a course run: the card
// keeps its values (issue date not derived, no Smart Check), runs take partner codes, and the
// headline set gets a new version (site ready by the rule, CSCS cards achieved) while the old
// version stays for returns that used it.
import { expect, it } from 'vitest';
import { sqliteStoreBefore, migrateThrough } from '../support/migration-store';

it('0110 applies over a 0070 store with cards, runs and the headline set', async () => {
  const db = await sqliteStoreBefore('0071');
  const at = '2026-01-05T10:00:00.000Z';
  const p = await db
    .insertInto('participants')
    .values({ reference: 'SW-000001', first_name: 'Ann', last_name: 'Old', created_at: at, updated_at: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('cscs_cards')
    .values({
      participant_id: p.id,
      card_type: 'green_labourer',
      card_number: '000123',
      issued_on: '2025-03-01',
      expires_on: '2027-03-01',
      created_at: at,
    })
    .execute();
  const type = await db
    .selectFrom('course_types')
    .select('id')
    .where('code', '=', 'l1_award')
    .executeTakeFirstOrThrow();
  const run = await db
    .insertInto('course_runs')
    .values({
      course_type_id: type.id,
      start_date: '2026-01-12',
      end_date: '2026-01-12',
      capacity: 10,
      created_at: at,
      updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const set = await db
    .selectFrom('indicator_sets')
    .select('id')
    .where('code', '=', 'SW-HEADLINE')
    .executeTakeFirstOrThrow();
  const before = await db
    .selectFrom('indicator_set_versions')
    .select(['id', 'version'])
    .where('set_id', '=', set.id)
    .execute();

  // Up to 0110 itself: later migrations (0131) add headline versions of their own.
  await migrateThrough(db, '0110');

  expect(
    await db
      .selectFrom('cscs_cards')
      .select(['card_number', 'issued_on', 'issued_on_derived', 'smart_checked_on'])
      .executeTakeFirst(),
  ).toEqual({ card_number: '000123', issued_on: '2025-03-01', issued_on_derived: 0, smart_checked_on: null });
  await db
    .insertInto('course_run_partner_refs')
    .values({ course_run_id: run.id, partner: 'NHC', partner_code: 'CSCS-2601', partner_title: 'CSCS', created_at: at })
    .execute();
  await expect(
    db
      .insertInto('course_run_partner_refs')
      .values({ course_run_id: run.id, partner: 'NHC', partner_code: 'OTHER', partner_title: null, created_at: at })
      .execute(),
  ).rejects.toThrow(/unique/i);

  const versions = await db
    .selectFrom('indicator_set_versions')
    .select(['id', 'version'])
    .where('set_id', '=', set.id)
    .orderBy('version')
    .execute();
  expect(versions).toHaveLength(before.length + 1);
  const latest = versions.at(-1)!;
  const indicators = await db
    .selectFrom('indicators')
    .select(['code', 'title', 'rule_json'])
    .where('set_version_id', '=', latest.id)
    .orderBy('sort_order')
    .execute();
  expect(indicators.map((i: { code: string }) => i.code)).toEqual([
    'SW-1',
    'SW-2',
    'SW-3',
    'SW-7',
    'SW-4',
    'SW-5',
    'SW-6',
  ]);
  const sw3 = indicators.find((i: { code: string }) => i.code === 'SW-3')!;
  expect(JSON.parse(sw3.rule_json)).toMatchObject({ subject: 'outcomes', outcomeTypes: ['site_ready'] });
  expect(indicators.find((i: { code: string }) => i.code === 'SW-7')!.title).toBe('CSCS cards achieved');
  // The version before keeps its sign-off rule for the returns that used it.
  const old = await db
    .selectFrom('indicators')
    .select('rule_json')
    .where('set_version_id', '=', before.at(-1)!.id)
    .where('code', '=', 'SW-3')
    .executeTakeFirstOrThrow();
  expect(JSON.parse(old.rule_json)).toMatchObject({ subject: 'site_ready' });
  await db.destroy();
});
