// Migration 0190 on a store from before it, with rows in it: existing contracts stay council
// contracts with their commitments, no planning details, triggers or payments; outcomes keep
// every value and have no end date; and the new tables take rows. Migration 0191 (keyworker
// support) adds two tables only: the same store shows them taking rows.
import { expect, it } from 'vitest';
import { migrateToLatest } from '../../db/store/migrator';
import { sqliteOnly } from '../support/test-store';
import { sqliteStoreBefore } from '../support/migration-store';

sqliteOnly('builds the store from before 0190 in a SQLite file of its own')('migration 0190 with rows', () => {
  it('keeps contracts, commitments and outcomes, and adds the Section 106 details empty', async () => {
    const db = await sqliteStoreBefore('0190');
    const at = '2026-01-10T09:00:00.000Z';
    await db
      .insertInto('participants')
      .values({ reference: 'SW-000001', first_name: 'A', last_name: 'B', created_at: at, updated_at: at })
      .execute();
    await db
      .insertInto('social_value_contracts')
      .values({ name: 'Major Repairs', reference: 'MRC', starts_on: '2026-01-01', created_at: at, updated_at: at })
      .execute();
    await db.insertInto('contract_commitments').values({ contract_id: 1, kind: 'local_jobs', target: 5 }).execute();
    await db
      .insertInto('outcomes')
      .values({
        participant_id: 1,
        outcome_type: 'job_start',
        outcome_date: '2026-03-02',
        contract_id: 1,
        hours_per_week: 37.5,
        created_at: at,
        updated_at: at,
      })
      .execute();

    const { applied } = await migrateToLatest(db);
    expect(applied).toContain('0190-section-106');
    expect(await db.selectFrom('social_value_contracts').selectAll().execute()).toEqual([
      expect.objectContaining({
        name: 'Major Repairs',
        reference: 'MRC',
        kind: 'contract',
        planning_reference: null,
        planning_clause: null,
      }),
    ]);
    expect(await db.selectFrom('contract_commitments').select(['kind', 'target']).execute()).toEqual([
      { kind: 'local_jobs', target: 5 },
    ]);
    expect(
      await db.selectFrom('outcomes').select(['outcome_date', 'hours_per_week', 'contract_id', 'ended_on']).execute(),
    ).toEqual([{ outcome_date: '2026-03-02', hours_per_week: 37.5, contract_id: 1, ended_on: null }]);
    await db
      .insertInto('contract_payments')
      .values({
        contract_id: 1,
        kind: 'community_investment',
        received_on: '2026-02-01',
        amount_pence: 125_000,
        created_at: at,
      })
      .execute();
    await expect(
      db
        .insertInto('contract_payments')
        .values({ contract_id: 1, kind: 'gift', received_on: '2026-02-01', amount_pence: 1, created_at: at })
        .execute(),
    ).rejects.toThrow();
    await db.insertInto('contract_triggers').values({ contract_id: 1, label: 'Commencement' }).execute();
    expect(await db.selectFrom('contract_triggers').select('label').execute()).toEqual([{ label: 'Commencement' }]);
    // 0191: keyworker support's tables take rows for the person already there.
    expect(applied).toContain('0191-keyworker');
    await db
      .insertInto('keyworker_contacts')
      .values({ participant_id: 1, contact_on: '2026-02-01', method: 'phone', created_at: at })
      .execute();
    await db
      .insertInto('keyworker_plan_items')
      .values({ participant_id: 1, kind: 'goal', text: 'Work', created_at: at, updated_at: at })
      .execute();
    await expect(
      db
        .insertInto('keyworker_contacts')
        .values({ participant_id: 1, contact_on: '2026-02-01', method: 'pigeon', created_at: at })
        .execute(),
    ).rejects.toThrow();
    expect(await db.selectFrom('participants').select('reference').execute()).toEqual([{ reference: 'SW-000001' }]);
    await db.destroy();
  });
});
