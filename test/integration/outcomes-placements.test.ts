// Placements that become jobs: the job start outcome appears once, without double entry, kept
// in step with the placement; converting a work placement creates the job and its outcome; all
// audited in the same transaction.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestBackend, type TestBackend } from '../support/backend';
import { aParticipant } from '../support/builders';
import { setLogSink } from '../../db/backend/log';

setLogSink(() => {});

let t: TestBackend;
let participantId: number;
let employerId: number;
let contractId: number;

beforeEach(async () => {
  t = await createTestBackend({ role: 'officer' });
  participantId = await aParticipant(t.backend.store.db);
  employerId = (
    await t.ok('organisations.save', { name: 'Kier Construction', kind: 'employer', sector: 'construction' })
  ).id;
  contractId = (
    await t.ok('contracts.save', {
      name: 'Major Repairs Contract',
      startsOn: '2025-04-01',
      endsOn: '2027-03-31',
      commitments: [{ kind: 'local_jobs', target: 10 }],
    })
  ).id;
});
afterEach(() => t.close());

const job = () => ({
  participantId,
  kind: 'paid_job' as const,
  employerOrgId: employerId,
  contractId,
  startsOn: '2026-06-01',
  hoursPerWeek: 37.5,
  hourlyWagePence: 1244,
  status: 'active' as const,
});

async function outcomesOf(type: string) {
  return t.backend.store.db
    .selectFrom('outcomes')
    .selectAll()
    .where('participant_id', '=', participantId)
    .where('outcome_type', '=', type)
    .execute();
}

describe('a paid job placement', () => {
  it('creates the job start outcome once, with sector, hours and links', async () => {
    const saved = await t.ok('placements.save', job());
    expect(saved.outcomeCreated).toBe(true);
    const [o] = await outcomesOf('job_start');
    expect(o).toMatchObject({
      outcome_date: '2026-06-01',
      sector: 'construction',
      hours_per_week: 37.5,
      placement_id: saved.id,
      employer_org_id: employerId,
      contract_id: contractId,
      source: 'placement',
    });

    // Saving again (e.g. adding a supervisor) does not create a second outcome.
    const again = await t.ok('placements.save', { ...job(), id: saved.id, version: 1, supervisor: 'Site manager' });
    expect(again).toMatchObject({ outcomeId: o!.id, outcomeCreated: false });
    expect(await outcomesOf('job_start')).toHaveLength(1);

    // Moving the start date moves the outcome rather than adding one.
    await t.ok('placements.save', { ...job(), id: saved.id, version: 2, startsOn: '2026-06-08' });
    const moved = await outcomesOf('job_start');
    expect(moved.map((m) => m.outcome_date)).toEqual(['2026-06-08']);

    const audit = await t.backend.store.db
      .selectFrom('audit_log')
      .select(['action', 'entity'])
      .where('participant_id', '=', participantId)
      .execute();
    expect(audit.filter((a) => a.entity === 'outcome').map((a) => a.action)).toEqual(['create', 'update']);
    expect(audit.filter((a) => a.entity === 'placement').map((a) => a.action)).toEqual(['create', 'update', 'update']);
  });

  it('creates nothing while planned, and the outcome when it starts', async () => {
    const saved = await t.ok('placements.save', { ...job(), status: 'planned' });
    expect(saved.outcomeId).toBeNull();
    expect(await outcomesOf('job_start')).toHaveLength(0);
    await t.ok('placements.save', { ...job(), id: saved.id, version: 1, status: 'active' });
    expect(await outcomesOf('job_start')).toHaveLength(1);
  });

  it('links to a job start already recorded by hand instead of duplicating it', async () => {
    const manual = await t.ok('outcomes.record', {
      participantId,
      outcomeType: 'job_start',
      outcomeDate: '2026-06-01',
      hoursPerWeek: 30,
    });
    const saved = await t.ok('placements.save', job());
    expect(saved).toMatchObject({ outcomeId: manual.id, outcomeCreated: false });
    const all = await outcomesOf('job_start');
    expect(all).toHaveLength(1);
    expect(all[0]!.placement_id).toBe(saved.id);
  });

  it('an apprenticeship carries its standard and level to the outcome', async () => {
    await t.ok('placements.save', {
      ...job(),
      kind: 'apprenticeship',
      apprenticeshipStandard: 'Bricklayer',
      apprenticeshipLevel: 2,
    });
    const [o] = await outcomesOf('apprenticeship_start');
    expect(o).toMatchObject({ apprenticeship_standard: 'Bricklayer', apprenticeship_level: 2 });
  });

  it('names the field when ended early without a reason or a link is wrong', async () => {
    const r = await t.call('placements.save', { ...job(), status: 'ended_early', endsOn: '2026-07-01' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.fields?.map((f) => f.path.join('.'))).toContain('endedReason');
    const wrong = await t.call('placements.save', { ...job(), employerOrgId: 9999 });
    expect(!wrong.ok && wrong.error.fields?.[0]).toMatchObject({ path: ['employerOrgId'] });
    // Nothing was saved by either attempt.
    expect(await t.backend.store.db.selectFrom('placements').selectAll().execute()).toHaveLength(0);
  });
});

describe('converting a work placement to a job', () => {
  it('creates the job placement and its outcome, completes the work placement, once only', async () => {
    const wp = await t.ok('placements.save', {
      participantId,
      kind: 'work_experience',
      employerOrgId: employerId,
      contractId,
      startsOn: '2026-05-01',
      status: 'active',
      hoursPerWeek: 20,
    });
    expect(wp.outcomeId).toBeNull();
    const converted = await t.ok('placements.convertToJob', {
      placementId: wp.id,
      kind: 'paid_job',
      startsOn: '2026-05-18',
      hoursPerWeek: 40,
      hourlyWagePence: 1300,
    });
    const jobPlacement = await t.ok('placements.get', { id: converted.placementId });
    expect(jobPlacement).toMatchObject({
      kind: 'paid_job',
      status: 'active',
      convertedFromId: wp.id,
      employerOrgId: employerId,
      contractId,
    });
    expect(jobPlacement.outcomes.map((o) => o.outcomeType)).toEqual(['job_start']);
    const original = await t.ok('placements.get', { id: wp.id });
    expect(original).toMatchObject({ status: 'completed', endsOn: '2026-05-17', convertedToId: converted.placementId });

    const twice = await t.call('placements.convertToJob', {
      placementId: wp.id,
      kind: 'paid_job',
      startsOn: '2026-05-18',
    });
    expect(twice.ok).toBe(false);
    if (!twice.ok) expect(twice.error.message).toContain('already converted');
    expect(await outcomesOf('job_start')).toHaveLength(1);
  });
});

describe('placements grid', () => {
  it('searches, filters, sorts and applies presets', async () => {
    await t.ok('placements.save', job());
    await t.ok('placements.save', {
      ...job(),
      kind: 'work_trial',
      startsOn: '2026-03-01',
      status: 'completed',
      endsOn: '2026-03-05',
    });
    const all = await t.ok('placements.page', {});
    expect(all.total).toBe(2);
    expect((await t.ok('placements.page', { preset: 'jobs' })).rows.map((r) => r.kind)).toEqual(['paid_job']);
    expect(
      (
        await t.ok('placements.page', {
          filters: { status: { filterType: 'text', type: 'equals', filter: 'completed' } },
        })
      ).total,
    ).toBe(1);
    expect((await t.ok('placements.page', { sort: [{ colId: 'startsOn', sort: 'asc' }] })).rows[0]!.startsOn).toBe(
      '2026-03-01',
    );
    expect((await t.ok('placements.page', { search: 'Kier' })).total).toBe(2);
    expect((await t.ok('placements.page', { search: 'nobody-like-this' })).total).toBe(0);
    expect(
      (
        await t.ok('placements.page', {
          filters: { startsOn: { filterType: 'date', type: 'greaterThan', dateFrom: '2026-04-01 00:00:00' } },
        })
      ).total,
    ).toBe(1);
  });
});
