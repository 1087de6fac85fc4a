// Migration 0220 over a store at 0195 that already holds people, a later referral and evidence:
// referral sources and evidence types become reference lists with the shipped items, any other
// value records hold is added with a readable label, items already stored (the demo stores the
// referral sources) are left as they are, and no stored value changes.
import { expect, it } from 'vitest';
import type { MigrationDb } from '../../db/store/migrations/migration-db';
import { sqliteStoreBefore, migrateThrough } from '../support/migration-store';

it('0220 stores referral sources and evidence types, keeping every value records hold', async () => {
  const db = await sqliteStoreBefore('0220');
  const at = '2026-01-05T10:00:00.000Z';
  await db
    .insertInto('reference_items')
    .values({ list: 'referral_source', code: 'jcp', label: 'Jobcentre Plus', sort_order: 0, is_active: 1 })
    .execute();
  const people = await db
    .insertInto('participants')
    .values([
      {
        reference: 'SW-000001',
        first_name: 'Ann',
        last_name: 'Old',
        referral_source: 'jcp',
        created_at: at,
        updated_at: at,
      },
      {
        reference: 'SW-000002',
        first_name: 'Bo',
        last_name: 'Held',
        referral_source: 'housing_team',
        created_at: at,
        updated_at: at,
      },
    ])
    .returning('id')
    .execute();
  await db
    .insertInto('participant_referrals')
    .values({
      participant_id: people[0]!.id,
      referral_date: '2026-02-01',
      referral_source: 'probation',
      source: 'form',
      created_at: at,
    })
    .execute();
  await db
    .insertInto('evidence_items')
    .values([
      { participant_id: people[0]!.id, kind: 'payslip', created_at: at },
      { participant_id: people[1]!.id, kind: 'bank_statement', created_at: at },
    ])
    .execute();

  await migrateThrough(db, '0220');

  const items = await db
    .selectFrom('reference_items')
    .select(['list', 'code', 'label', 'is_active'])
    .where('list', 'in', ['referral_source', 'evidence_kind'])
    .orderBy('list')
    .orderBy('sort_order')
    .execute();
  const sources = items.filter((i) => i.list === 'referral_source');
  expect(sources.map((i) => [i.code, i.label])).toEqual([
    ['jcp', 'Jobcentre Plus'],
    ['college', 'College'],
    ['employer', 'Employer'],
    ['self', 'Self-referral'],
    ['agency', 'Other agency'],
    ['housing_team', 'Housing team'],
    ['probation', 'Probation'],
  ]);
  const kinds = items.filter((i) => i.list === 'evidence_kind');
  expect(kinds).toHaveLength(11);
  expect(kinds.find((k) => k.code === 'bank_statement')?.label).toBe('Bank statement');
  expect(items.every((i) => i.is_active === 1)).toBe(true);
  // Stored values are unchanged.
  expect(
    (await db.selectFrom('participants').select('referral_source').orderBy('id').execute()).map(
      (r) => r.referral_source,
    ),
  ).toEqual(['jcp', 'housing_team']);
  expect((await db.selectFrom('evidence_items').select('kind').orderBy('id').execute()).map((r) => r.kind)).toEqual([
    'payslip',
    'bank_statement',
  ]);
  // Run again over the same store (a re-run is harmless): nothing doubles.
  await m0220Again(db);
  expect(
    await db.selectFrom('reference_items').select('id').where('list', '=', 'evidence_kind').execute(),
  ).toHaveLength(11);
  await db.destroy();
});

async function m0220Again(db: MigrationDb) {
  const { up } = await import('../../db/store/migrations/0220-reference-referral-evidence');
  await up(db);
}
