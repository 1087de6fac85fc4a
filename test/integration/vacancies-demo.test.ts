// The vacancies demo step: past vacancies whose starters are linked to the start outcomes the
// outcomes step recorded (none created here), open vacancies with pipelines at every stage whose
// dates are in order (each candidate could be moved on by the stage rule), interviews this week
// and offers waiting for the presets to show, and engagement with pledges.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestBackend, type TestBackend } from '../support/backend';
import { setLogSink } from '../../db/backend/log';
import { loadDemo } from '../../db/demo/demo';
import { applyStageMove, type CandidateProgress, type PipelineStage } from '../../shared/domain/candidate-stages';

setLogSink(() => {});
let t: TestBackend;
beforeAll(async () => {
  t = await createTestBackend();
  await t.backend.store.db
    .transaction()
    .execute((tx) =>
      loadDemo(tx, { participants: 600, seed: 2017, today: '2026-11-23', nowIso: '2026-11-23T10:00:00.000Z' }),
    );
});
afterAll(() => t.close());

it('links every started candidate to a start outcome of the same person and day, and creates none', async () => {
  const db = t.backend.store.db;
  const started = await db
    .selectFrom('vacancy_candidates as k')
    .innerJoin('outcomes as o', 'o.id', 'k.outcome_id')
    .innerJoin('vacancies as v', 'v.id', 'k.vacancy_id')
    .select([
      'k.participant_id',
      'o.participant_id as person',
      'k.started_on',
      'o.outcome_date',
      'v.employer_org_id',
      'o.employer_org_id as employer',
    ])
    .where('k.stage', '=', 'started')
    .execute();
  expect(started.length).toBeGreaterThan(20);
  for (const s of started) {
    expect(s.person).toBe(s.participant_id);
    expect(s.outcome_date).toBe(s.started_on);
    expect(s.employer).toBe(s.employer_org_id);
  }
  const unlinked = await db
    .selectFrom('vacancy_candidates')
    .select('id')
    .where('stage', '=', 'started')
    .where('outcome_id', 'is', null)
    .execute();
  expect(unlinked).toEqual([]);
  const fromVacancies = await db
    .selectFrom('outcomes')
    .select('id')
    .where('source_ref', 'like', 'vacancy-candidate:%')
    .execute();
  expect(fromVacancies).toEqual([]);
});

it('has open vacancies with pipelines whose dates the stage rule accepts, and presets with rows', async () => {
  const rows = await t.backend.store.db.selectFrom('vacancy_candidates').selectAll().execute();
  for (const k of rows) {
    const p: CandidateProgress = {
      stage: k.stage,
      submittedOn: k.submitted_on,
      interviewOn: k.interview_on,
      interviewGuaranteed: k.interview_guaranteed === 1,
      interviewedOn: k.interviewed_on,
      offeredOn: k.offered_on,
      acceptedOn: k.accepted_on,
      startedOn: k.started_on,
      closedOn: k.closed_on,
      closedFrom: k.closed_from as PipelineStage | null,
      closedReason: k.closed_reason,
    };
    // Re-recording the stage it is at, on its own date, is accepted: its dates are in order.
    const on =
      {
        interview_booked: k.interview_on,
        interviewed: k.interviewed_on,
        offered: k.offered_on,
        accepted: k.accepted_on,
        started: k.started_on,
        submitted: k.submitted_on,
      }[k.stage as PipelineStage] ?? k.closed_on!;
    const again = applyStageMove(
      p,
      { to: k.stage, on, reason: k.closed_reason, interviewGuaranteed: p.interviewGuaranteed },
      '2026-11-23',
    );
    expect({ id: k.id, ok: again.ok }).toEqual({ id: k.id, ok: true });
  }
  const open = await t.ok('vacancies.page', { preset: 'open', limit: 100 });
  expect(open.total).toBeGreaterThanOrEqual(4);
  expect((await t.ok('vacancies.page', { preset: 'closing-this-week', limit: 100 })).total).toBeGreaterThanOrEqual(1);
  expect((await t.ok('candidates.page', { preset: 'interviews-this-week', limit: 100 })).total).toBeGreaterThan(0);
  expect((await t.ok('candidates.page', { preset: 'offers-waiting', limit: 100 })).total).toBeGreaterThan(0);
  const closed = rows.filter((k) => k.stage === 'declined' || k.stage === 'unsuccessful');
  expect(closed.length).toBeGreaterThan(5);
  expect(closed.every((k) => k.closed_reason)).toBe(true);
});

it('logs employer engagement with pledges, some part delivered', async () => {
  const pledges = await t.ok('engagements.list', { pledgesOnly: true });
  expect(pledges.length).toBeGreaterThan(0);
  expect(pledges.every((p) => p.promised && p.promisedCount !== null && p.pledgeState)).toBe(true);
  expect((await t.ok('engagements.list', {})).length).toBeGreaterThan(pledges.length);
});
