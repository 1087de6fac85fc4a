// The sustainment worklist and checks, contract progress from linked placements and outcomes,
// and the migration of a store at 0004 with outcomes in it. Test clock: 23/11/2026.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import path from 'node:path';
import { createTestBackend, tempDir, type TestBackend } from '../support/backend';
import { aParticipant, participantValues } from '../support/builders';
import { setLogSink } from '../../db/backend/log';
import { openStore } from '../../db/store/connection';
import { migrateToLatest } from '../../db/store/migrator';
import { migrations } from '../../db/store/migrations/index';
import { isPostgresRun } from '../support/test-store';

setLogSink(() => {});

let t: TestBackend;
let participantId: number;

beforeEach(async () => {
  t = await createTestBackend({ role: 'officer' });
  participantId = await aParticipant(t.backend.store.db, { phone: '07700 900555' });
});
afterEach(() => t.close());

describe('sustainment worklist', () => {
  it('shows the 13-week check due 14 weeks after a job start, and recording it creates the outcome', async () => {
    const start = await t.ok('outcomes.record', {
      participantId,
      outcomeType: 'job_start',
      outcomeDate: '2026-08-17',
      hoursPerWeek: 37,
    });
    const list = await t.ok('sustainment.worklist', {});
    expect(list.today).toBe('2026-11-23');
    expect(list.rows).toHaveLength(1);
    expect(list.rows[0]).toMatchObject({
      startOutcomeId: start.id,
      weeks: 13,
      dueOn: '2026-11-16',
      overdueFrom: '2026-12-14',
      windowEndsOn: '2027-02-14',
      state: 'due',
      phone: '07700 900555',
    });
    expect(list.counts).toMatchObject({ due: 1, overdue: 0 });

    // Outside the 13-in-26 window: refused on the field.
    const early = await t.call('sustainment.record', {
      startOutcomeId: start.id,
      weeks: 13,
      sustained: true,
      sustainedOn: '2026-11-01',
      checkedOn: '2026-11-23',
    });
    expect(!early.ok && early.error.fields?.[0]?.path).toEqual(['sustainedOn']);

    const recorded = await t.ok('sustainment.record', {
      startOutcomeId: start.id,
      weeks: 13,
      sustained: true,
      sustainedOn: '2026-11-16',
      checkedOn: '2026-11-23',
      evidenceKind: 'payslip',
    });
    const outcome = await t.backend.store.db
      .selectFrom('outcomes')
      .selectAll()
      .where('id', '=', recorded.outcomeId!)
      .executeTakeFirstOrThrow();
    expect(outcome).toMatchObject({
      outcome_type: 'sustained_13_weeks',
      outcome_date: '2026-11-16',
      parent_outcome_id: start.id,
      source: 'sustainment',
      hours_per_week: 37,
    });
    expect((await t.ok('sustainment.worklist', {})).rows).toHaveLength(0);

    const again = await t.call('sustainment.record', {
      startOutcomeId: start.id,
      weeks: 13,
      sustained: false,
      checkedOn: '2026-11-23',
    });
    expect(!again.ok && again.error.message).toBe('The 13-week check was already recorded on 23/11/2026.');

    const detail = await t.ok('outcomes.get', { id: start.id });
    expect(detail.sustainment.map((s) => [s.weeks, s.state, s.check?.sustained ?? null])).toEqual([
      [13, 'due', true],
      [26, 'not_due', null],
    ]);
    expect(detail.history.map((h) => h.action)).toEqual(['create', 'create']);
    const sustained = await t.ok('outcomes.get', { id: recorded.outcomeId! });
    expect(sustained.evidence.map((e) => e.kind)).toEqual(['payslip']);
  });

  it('separates due, overdue, upcoming and closed windows, and a "not sustained" answer ends the check', async () => {
    const overdue = await t.ok('outcomes.record', {
      participantId,
      outcomeType: 'job_start',
      outcomeDate: '2026-07-01',
    }); // due 30/09, overdue from 28/10
    const upcoming = await t.ok('outcomes.record', {
      participantId,
      outcomeType: 'apprenticeship_start',
      outcomeDate: '2026-09-01',
    }); // due 01/12
    await t.ok('outcomes.record', { participantId, outcomeType: 'job_start', outcomeDate: '2026-01-05' }); // 13w window closed 03/07; 26w due 06/07, overdue
    const rejected = await t.ok('outcomes.record', {
      participantId,
      outcomeType: 'job_start',
      outcomeDate: '2026-07-02',
    });
    await t.ok('outcomes.verify', { id: rejected.id, status: 'rejected', reason: 'Employer says no such job' });

    const open = await t.ok('sustainment.worklist', { filter: 'open' });
    expect(open.rows.map((r) => [r.startDate, r.weeks, r.state])).toEqual([
      ['2026-01-05', 26, 'overdue'],
      ['2026-07-01', 13, 'overdue'],
    ]);
    expect(open.counts).toEqual({ due: 0, overdue: 2, upcoming: 1, windowClosed: 1 });
    expect((await t.ok('sustainment.worklist', { filter: 'upcoming' })).rows.map((r) => r.startOutcomeId)).toEqual([
      upcoming.id,
    ]);
    expect(
      (await t.ok('sustainment.worklist', { filter: 'window_closed' })).rows.map((r) => [r.startDate, r.weeks]),
    ).toEqual([['2026-01-05', 13]]);

    const no = await t.ok('sustainment.record', {
      startOutcomeId: overdue.id,
      weeks: 13,
      sustained: false,
      checkedOn: '2026-11-20',
      notes: 'Left after 6 weeks',
    });
    expect(no.outcomeId).toBeNull();
    expect((await t.ok('sustainment.worklist', { filter: 'open' })).rows).toHaveLength(1);
  });
});

describe('contract progress', () => {
  it('counts job starts, apprenticeships and started work placements linked to the contract, within its period', async () => {
    const employer = (await t.ok('organisations.save', { name: 'Wates', kind: 'contractor', sector: 'construction' }))
      .id;
    const contract = (
      await t.ok('contracts.save', {
        name: 'Town centre regeneration phase 1',
        contractorOrgId: employer,
        startsOn: '2026-01-01',
        endsOn: '2026-12-31',
        commitments: [
          { kind: 'local_jobs', target: 4 },
          { kind: 'apprenticeships', target: 2 },
          { kind: 'work_placements', target: 5 },
          { kind: 'site_visits', target: 10, manualAchieved: 3 },
        ],
      })
    ).id;
    const others = [participantId, await aParticipant(t.backend.store.db), await aParticipant(t.backend.store.db)];
    const base = { employerOrgId: employer, contractId: contract, status: 'active' as const };
    await t.ok('placements.save', { ...base, participantId: others[0]!, kind: 'paid_job', startsOn: '2026-03-01' });
    await t.ok('placements.save', { ...base, participantId: others[1]!, kind: 'paid_job', startsOn: '2026-04-01' });
    const j3 = await t.ok('placements.save', {
      ...base,
      participantId: others[2]!,
      kind: 'paid_job',
      startsOn: '2026-05-01',
    });
    await t.ok('outcomes.verify', { id: j3.outcomeId!, status: 'rejected', reason: 'Not a local resident' });
    await t.ok('placements.save', { ...base, participantId: others[2]!, kind: 'paid_job', startsOn: '2025-12-01' }); // before the contract
    await t.ok('placements.save', {
      ...base,
      participantId: others[0]!,
      kind: 'apprenticeship',
      startsOn: '2026-06-01',
    });
    await t.ok('placements.save', {
      ...base,
      participantId: others[1]!,
      kind: 'work_experience',
      startsOn: '2026-02-01',
    });
    await t.ok('placements.save', {
      ...base,
      participantId: others[2]!,
      kind: 'swap',
      startsOn: '2026-02-01',
      status: 'completed',
      endsOn: '2026-02-20',
    });
    await t.ok('placements.save', {
      ...base,
      participantId: others[0]!,
      kind: 'work_trial',
      startsOn: '2026-10-01',
      status: 'planned',
    }); // not started
    const [first] = (
      await t.ok('outcomes.page', {
        preset: 'starts',
        sort: [{ colId: 'outcomeDate', sort: 'asc' }],
        filters: { outcomeDate: { filterType: 'date', type: 'greaterThan', dateFrom: '2026-01-01' } },
      })
    ).rows;
    await t.ok('outcomes.verify', { id: first!.id, status: 'verified', reason: 'Employer confirmed by phone' });

    const got = await t.ok('contracts.get', { id: contract });
    expect(got.commitments.map((c) => [c.kind, c.achieved, c.verified, c.target, c.percent])).toEqual([
      ['local_jobs', 2, 1, 4, 50],
      ['apprenticeships', 1, 0, 2, 50],
      ['work_placements', 2, 2, 5, 40],
      ['site_visits', 3, 3, 10, 30],
    ]);
    expect(got).toMatchObject({ placementCount: 8, contractorName: 'Wates' });
    const listed = await t.ok('contracts.list', {});
    expect(listed[0]!.commitments).toEqual(got.commitments);
  });
});

describe('migration 0030', () => {
  it('migrates a store at 0004 with placements, outcomes and evidence in it', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'old.sqlite');
    const store = await openStore({ file, migrate: false });
    const upTo4 = Object.fromEntries(Object.entries(migrations).filter(([name]) => name <= '0004-placements-outcomes'));
    await migrateToLatest(store.db, upTo4);
    const db = store.db;
    const p = await db.insertInto('participants').values(participantValues()).returning('id').executeTakeFirstOrThrow();
    await db
      .insertInto('organisations')
      .values({
        name: 'Old employer',
        kind: 'employer',
        sector: 'construction',
        address: null,
        postcode: null,
        phone: null,
        email: null,
        notes: null,
        created_at: 'x',
        updated_at: 'x',
      } as never)
      .execute();
    await (db as never as { insertInto(t: string): { values(v: unknown): { execute(): Promise<unknown> } } })
      .insertInto('placements')
      .values({
        participant_id: p.id,
        kind: 'paid_job',
        starts_on: '2025-01-01',
        status: 'active',
        created_at: 'x',
        updated_at: 'x',
      })
      .execute();
    await db
      .insertInto('outcomes')
      .values({
        participant_id: p.id,
        outcome_type: 'job_start',
        outcome_date: '2025-01-01',
        created_at: 'x',
        updated_at: 'x',
      } as never)
      .execute();
    await db
      .insertInto('evidence_items')
      .values({ participant_id: p.id, outcome_id: 1, kind: 'payslip', created_at: 'x' } as never)
      .execute();
    await migrateToLatest(db);
    const placement = await db.selectFrom('placements').selectAll().executeTakeFirstOrThrow();
    expect(placement).toMatchObject({
      kind: 'paid_job',
      converted_from_id: null,
      apprenticeship_standard: null,
      notes: null,
    });
    expect(await db.selectFrom('outcomes').select(['outcome_type', 'verification_status']).execute()).toEqual([
      { outcome_type: 'job_start', verification_status: 'unverified' },
    ]);
    expect(await db.selectFrom('evidence_files').selectAll().execute()).toEqual([]);
    expect(await db.selectFrom('sustainment_checks').selectAll().execute()).toEqual([]);
    await store.close();
  });
});

describe('query plans', () => {
  // SQLite only: reads SQLite's query plan (EXPLAIN QUERY PLAN).
  it.skipIf(isPostgresRun)('the worklist and contract facts use their indexes', async () => {
    const plan = (q: { compile(): { sql: string; parameters: readonly unknown[] } }) => {
      const c = q.compile();
      return (
        t.backend.store.sqlite.prepare(`explain query plan ${c.sql}`).all(...(c.parameters as unknown[])) as Array<{
          detail: string;
        }>
      )
        .map((r) => r.detail)
        .join('\n');
    };
    const db = t.backend.store.db;
    expect(
      plan(
        db
          .selectFrom('outcomes')
          .select('id')
          .where('outcome_type', 'in', ['job_start', 'apprenticeship_start'])
          .where('outcome_date', '>=', '2026-01-01')
          .where('outcome_date', '<=', '2026-06-01'),
      ),
    ).toMatch(/USING (COVERING )?INDEX outcomes_type_date/);
    expect(
      plan(
        db
          .selectFrom('outcomes')
          .select(['outcome_type'])
          .where('contract_id', 'in', [1, 2])
          .where('outcome_type', 'in', ['job_start']),
      ),
    ).toMatch(/USING (COVERING )?INDEX outcomes_contract/);
    expect(
      plan(
        db
          .selectFrom('outcomes')
          .select('id')
          .where('verification_status', '=', 'unverified')
          .orderBy('outcome_date', 'desc'),
      ),
    ).toMatch(/USING (COVERING )?INDEX outcomes_verification/);
    expect(
      plan(db.selectFrom('sustainment_checks').select('id').where('start_outcome_id', '=', 1).where('weeks', '=', 13)),
    ).toMatch(/USING (COVERING )?INDEX sqlite_autoindex_sustainment_checks/);
  });
});
