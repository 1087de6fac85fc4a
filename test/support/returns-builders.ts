// Builders for the returns area's tests: insert courses, enrolments, outcomes, evidence,
// sign-offs and placements straight into their tables, so these tests do not depend on the
// other areas' screens or demo data.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/store/schema';
import { TEST_NOW, type TestBackend } from './backend';
import { aParticipant } from './builders';
import type { NewParticipant } from '../../db/store/tables/participants.tables';

type Db = Kysely<Database>;

export async function aPerson(db: Db, overrides: Partial<NewParticipant> = {}): Promise<number> {
  return aParticipant(db, { eligibility_status: 'eligible', ...overrides } as Partial<NewParticipant>);
}

export async function anOrganisation(
  db: Db,
  name = 'Acme Build',
  sector: string | null = 'construction',
  kind: 'employer' | 'contractor' | 'college' = 'employer',
): Promise<number> {
  const r = await db
    .insertInto('organisations')
    .values({ name, kind, sector, created_at: TEST_NOW, updated_at: TEST_NOW })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

let typeCounter = 0;
export async function aCourseType(db: Db, cscs = true): Promise<number> {
  typeCounter++;
  const r = await db
    .insertInto('course_types')
    .values({
      code: `T${typeCounter}-${Math.random().toString(36).slice(2, 7)}`,
      name: cscs ? 'CSCS Green Card course' : 'Interview skills',
      cscs_component: cscs ? 'pre_employment' : null,
      provider_org_id: null,
      typical_days: 5,
      leads_to: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function aCourseRun(
  db: Db,
  o: { typeId: number; start: string; end?: string; status?: 'planned' | 'running' | 'completed' | 'cancelled' },
): Promise<number> {
  const r = await db
    .insertInto('course_runs')
    .values({
      course_type_id: o.typeId,
      start_date: o.start,
      end_date: o.end ?? o.start,
      capacity: 12,
      status: o.status ?? 'completed',
      created_at: TEST_NOW,
      updated_at: TEST_NOW,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function anEnrolment(
  db: Db,
  o: {
    runId: number;
    participantId: number;
    status?: 'enrolled' | 'waiting' | 'withdrawn' | 'completed' | 'not_completed';
    enrolledOn?: string;
    completedOn?: string | null;
  },
): Promise<number> {
  const r = await db
    .insertInto('enrolments')
    .values({
      course_run_id: o.runId,
      participant_id: o.participantId,
      status: o.status ?? 'enrolled',
      enrolled_on: o.enrolledOn ?? '2025-01-01',
      completed_on: o.completedOn ?? null,
      created_at: TEST_NOW,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function anOutcome(
  db: Db,
  o: {
    participantId: number;
    type: string;
    date: string;
    status?: 'unverified' | 'verified' | 'has_issues' | 'rejected';
    sector?: string | null;
    employerId?: number | null;
    evidence?: number;
    verifiedBy?: number | null;
  },
): Promise<number> {
  const r = await db
    .insertInto('outcomes')
    .values({
      participant_id: o.participantId,
      outcome_type: o.type,
      outcome_date: o.date,
      verification_status: o.status ?? 'verified',
      sector: o.sector ?? null,
      employer_org_id: o.employerId ?? null,
      verified_by: o.verifiedBy ?? null,
      created_at: TEST_NOW,
      updated_at: TEST_NOW,
    } as never)
    .returning('id')
    .executeTakeFirstOrThrow();
  for (let i = 0; i < (o.evidence ?? 1); i++) {
    await db
      .insertInto('evidence_items')
      .values({
        participant_id: o.participantId,
        outcome_id: r.id,
        kind: 'employer_letter',
        received_on: o.date,
        created_at: TEST_NOW,
      })
      .execute();
  }
  return r.id;
}

export async function aSiteReadySignoff(
  db: Db,
  participantId: number,
  signedOn: string,
  revokedOn: string | null = null,
): Promise<number> {
  const r = await db
    .insertInto('site_ready_signoffs')
    .values({ participant_id: participantId, signed_on: signedOn, revoked_on: revokedOn, created_at: TEST_NOW })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function aPlacement(
  db: Db,
  o: { participantId: number; employerId: number | null; startsOn: string },
): Promise<number> {
  const r = await db
    .insertInto('placements')
    .values({
      participant_id: o.participantId,
      kind: 'work_experience',
      employer_org_id: o.employerId,
      starts_on: o.startsOn,
      status: 'completed',
      created_at: TEST_NOW,
      updated_at: TEST_NOW,
    } as never)
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function setIdOf(db: Db, code: string): Promise<number> {
  return (await db.selectFrom('indicator_sets').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
}

/** For the tests of counting mechanics written before funding attribution: saves a new version of
 * the set with version 1's indicators exactly (their rules say nothing about funding, so they count
 * whatever funds the items), so those known answers keep testing what they tested. */
export async function withVersionOneRules(t: { ok: TestBackend['ok'] }, db: Db, code: string): Promise<void> {
  const setId = await setIdOf(db, code);
  const current = await t.ok('returns.setDetail', { setId });
  const v1 = current.versions.find((v) => v.version === 1)!;
  const old = await t.ok('returns.setDetail', { setId, versionId: v1.id });
  await t.ok('returns.saveSetVersion', {
    setId,
    basedOnVersionId: current.versionId,
    note: 'Test: version 1 indicators, counting whatever funds the items',
    indicators: old.indicators.map(({ sentence: _s, agreedBy: _b, agreedOn: _o, ...i }) => i),
  });
}
