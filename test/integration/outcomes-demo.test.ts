// The demo step: deterministic, realistic proportions, consistent links (placements → outcomes
// → sustainment checks → sustained outcomes) and evidence files that really are PDFs.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createTestBackend, type TestBackend } from '../support/backend';
import { setLogSink } from '../../db/backend/log';
import { loadDemo } from '../../db/demo/demo';
import { sniffEvidenceType } from '../../shared/domain/evidence-files';

setLogSink(() => {});
let t: TestBackend;
beforeEach(async () => {
  t = await createTestBackend();
});
afterEach(() => t.close());

it('loads placements, outcomes, checks and evidence that agree with each other', async () => {
  const db = t.backend.store.db;
  await db
    .transaction()
    .execute((tx) =>
      loadDemo(tx, { participants: 600, seed: 2017, today: '2026-11-23', nowIso: '2026-11-23T10:00:00.000Z' }),
    );
  const n = async (q: { executeTakeFirstOrThrow(): Promise<{ n: number | string | bigint }> }) =>
    Number((await q.executeTakeFirstOrThrow()).n);
  const people = await n(
    db.selectFrom('placements').select((eb) => eb.fn.count<number>('participant_id').distinct().as('n')),
  );
  expect(people).toBeGreaterThan(600 * 0.15);
  expect(people).toBeLessThan(600 * 0.2);
  const constructionJobs = await n(
    db
      .selectFrom('outcomes')
      .where('outcome_type', '=', 'job_start')
      .where('sector', '=', 'construction')
      .select((eb) => eb.fn.countAll<number>().as('n')),
  );
  expect(constructionJobs).toBeGreaterThan(25);
  expect(constructionJobs).toBeLessThan(45);
  const apprenticeships = await n(
    db
      .selectFrom('outcomes')
      .where('outcome_type', '=', 'apprenticeship_start')
      .select((eb) => eb.fn.countAll<number>().as('n')),
  );
  expect(apprenticeships).toBeGreaterThan(7);
  expect(apprenticeships).toBeLessThan(20);
  // Every job placement that started has its start outcome, linked back.
  const unlinked = await db
    .selectFrom('placements as p')
    .select('p.id')
    .where('p.kind', 'in', ['paid_job', 'apprenticeship'])
    .where('p.status', '!=', 'planned')
    .where((eb) =>
      eb.not(eb.exists(eb.selectFrom('outcomes as o').select('o.id').whereRef('o.placement_id', '=', 'p.id'))),
    )
    .execute();
  expect(unlinked).toEqual([]);
  // Jobs converted from a work placement point at it: same person, same employer, a later start.
  const conversions = await db
    .selectFrom('placements as j')
    .innerJoin('placements as w', 'w.id', 'j.converted_from_id')
    .select([
      'j.participant_id as jp',
      'w.participant_id as wp',
      'j.employer_org_id as je',
      'w.employer_org_id as we',
      'j.starts_on as js',
      'w.ends_on as we_end',
      'w.kind as wkind',
    ])
    .execute();
  expect(conversions.length).toBeGreaterThan(5);
  for (const c of conversions) {
    expect([c.jp, c.je, ['work_experience', 'work_trial', 'swap'].includes(c.wkind)]).toEqual([c.wp, c.we, true]);
    expect(c.js > (c.we_end ?? '')).toBe(true);
  }
  // Sustained outcomes point at their start and at the check that recorded them.
  const orphans = await db
    .selectFrom('outcomes as o')
    .leftJoin('sustainment_checks as k', 'k.outcome_id', 'o.id')
    .select('o.id')
    .where('o.outcome_type', 'in', ['sustained_13_weeks', 'sustained_26_weeks'])
    .where((eb) => eb.or([eb('o.parent_outcome_id', 'is', null), eb('k.id', 'is', null)]))
    .execute();
  expect(orphans).toEqual([]);
  const states = await db
    .selectFrom('outcomes')
    .select(['verification_status', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('verification_status')
    .execute();
  expect(states.map((s) => s.verification_status).sort()).toEqual(['has_issues', 'rejected', 'unverified', 'verified']);
  for (const f of await db.selectFrom('evidence_files').select('bytes').execute())
    expect(sniffEvidenceType(f.bytes)).toBe('application/pdf');
  const worklist = await t.ok('sustainment.worklist', {});
  expect(worklist.counts.due + worklist.counts.overdue).toBeGreaterThan(0);
});
