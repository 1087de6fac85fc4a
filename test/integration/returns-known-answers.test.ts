// A programme with known answers: every shipped indicator counted over a half-year, with the
// period boundaries (first and last day in, the day before and after out), people counted once,
// unverified and rejected outcomes left out where the rule says verified only, claims not
// repeated across returns, and what changed since a return was submitted.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestBackend, type TestBackend } from '../support/backend';
import {
  aCourseRun,
  aCourseType,
  anEnrolment,
  anOrganisation,
  anOutcome,
  aPerson,
  aPlacement,
  aSiteReadySignoff,
  setIdOf,
  withVersionOneRules,
} from '../support/returns-builders';

const H1 = { from: '2025-04-01', to: '2025-09-30' };
const FY = { from: '2025-04-01', to: '2026-03-31' };

let t: TestBackend;
let ids: Record<string, number>;

async function buildProgramme(db: TestBackend['backend']['store']['db']) {
  const A = await aPerson(db, {
    labour_market_status: 'inactive_not_in_education',
    start_date: '2025-04-01',
    first_name: 'Ann',
    last_name: 'Able',
    date_of_birth: '1990-01-01',
  });
  const B = await aPerson(db, {
    labour_market_status: 'unemployed',
    start_date: '2025-09-30',
    first_name: 'Ben',
    last_name: 'Baker',
    date_of_birth: '1991-02-02',
  });
  const C = await aPerson(db, {
    labour_market_status: 'unemployed',
    start_date: '2025-03-31',
    first_name: 'Cat',
    last_name: 'Cole',
    postcode: 'SG4 0AA',
    postcode_district: 'SG4',
    date_of_birth: '1992-03-03',
  });
  const D = await aPerson(db, {
    labour_market_status: 'unemployed',
    start_date: '2025-10-01',
    first_name: 'Dan',
    last_name: 'Dale',
    date_of_birth: '1993-04-04',
  });
  const E = await aPerson(db, {
    labour_market_status: 'unemployed',
    start_date: '2025-05-01',
    eligibility_status: 'pending',
    first_name: 'Eve',
    last_name: 'East',
    date_of_birth: '1994-05-05',
  });
  const F = await aPerson(db, {
    labour_market_status: 'inactive_in_education',
    start_date: '2025-06-01',
    first_name: 'Fay',
    last_name: 'Ford',
    date_of_birth: '1995-06-06',
  });
  const acme = await anOrganisation(db, 'Acme Build', 'construction');
  const beta = await anOrganisation(db, 'Beta Homes', 'Construction');
  const gamma = await anOrganisation(db, 'Gamma Retail', 'retail');
  // Outcomes
  await anOutcome(db, { participantId: A, type: 'job_start', date: '2025-05-01', sector: 'construction' });
  await anOutcome(db, { participantId: A, type: 'job_start', date: '2025-06-01', employerId: acme });
  await anOutcome(db, {
    participantId: B,
    type: 'job_start',
    date: '2025-05-01',
    status: 'unverified',
    sector: 'Construction',
  });
  await anOutcome(db, { participantId: B, type: 'apprenticeship_start', date: '2025-07-01' });
  const cSelf = await anOutcome(db, { participantId: C, type: 'self_employment', date: '2025-04-01' });
  await anOutcome(db, { participantId: D, type: 'job_start', date: '2025-10-01', sector: 'construction' });
  await anOutcome(db, {
    participantId: F,
    type: 'job_start',
    date: '2025-05-05',
    status: 'rejected',
    sector: 'construction',
  });
  await anOutcome(db, { participantId: E, type: 'job_start', date: '2025-05-01', sector: 'retail' });
  await anOutcome(db, { participantId: A, type: 'job_search_engaged', date: '2025-04-15' });
  await anOutcome(db, { participantId: A, type: 'job_search_engaged', date: '2025-04-20' });
  await anOutcome(db, { participantId: B, type: 'job_search_engaged', date: '2025-04-15', status: 'has_issues' });
  await anOutcome(db, { participantId: F, type: 'qualification', date: '2025-09-30' });
  await anOutcome(db, { participantId: F, type: 'course_completed', date: '2025-08-01', evidence: 0 });
  await anOutcome(db, { participantId: B, type: 'work_placement', date: '2025-06-15' });
  // Courses
  const cscs = await aCourseType(db, true);
  const other = await aCourseType(db, false);
  const r1 = await aCourseRun(db, { typeId: cscs, start: '2025-04-01', end: '2025-04-05' });
  const r2 = await aCourseRun(db, { typeId: cscs, start: '2025-09-30', end: '2025-10-04', status: 'running' });
  const r3 = await aCourseRun(db, { typeId: cscs, start: '2025-10-01', status: 'planned' });
  await aCourseRun(db, { typeId: cscs, start: '2025-05-01', status: 'cancelled' });
  const r5 = await aCourseRun(db, { typeId: other, start: '2025-05-01', end: '2025-05-05' });
  await anEnrolment(db, { runId: r1, participantId: A, status: 'completed', completedOn: '2025-04-05' });
  await anEnrolment(db, { runId: r2, participantId: A, status: 'enrolled' });
  await anEnrolment(db, { runId: r1, participantId: B, status: 'waiting' });
  await anEnrolment(db, { runId: r1, participantId: C, status: 'withdrawn' });
  await anEnrolment(db, { runId: r2, participantId: F, status: 'not_completed' });
  await anEnrolment(db, { runId: r3, participantId: D, status: 'enrolled' });
  await anEnrolment(db, { runId: r5, participantId: E, status: 'completed', completedOn: '2025-05-05' });
  // Site ready
  await aSiteReadySignoff(db, A, '2025-05-01');
  await aSiteReadySignoff(db, A, '2025-06-01');
  await aSiteReadySignoff(db, B, '2025-06-01', '2025-07-01');
  await aSiteReadySignoff(db, C, '2025-09-30', '2025-12-01');
  // Became site ready (the outcome the programme's rule records) and CSCS cards achieved.
  await anOutcome(db, { participantId: A, type: 'site_ready', date: '2025-05-01' });
  await anOutcome(db, { participantId: C, type: 'site_ready', date: '2025-09-30' });
  await anOutcome(db, { participantId: A, type: 'cscs_card', date: '2025-04-20' });
  await anOutcome(db, { participantId: F, type: 'cscs_card', date: '2025-10-10' });
  // Placements
  await aPlacement(db, { participantId: B, employerId: acme, startsOn: '2025-06-15' });
  await aPlacement(db, { participantId: A, employerId: acme, startsOn: '2025-07-01' });
  await aPlacement(db, { participantId: F, employerId: beta, startsOn: '2025-08-01' });
  await aPlacement(db, { participantId: C, employerId: null, startsOn: '2025-08-01' });
  await aPlacement(db, { participantId: D, employerId: gamma, startsOn: '2025-10-01' });
  return { A, B, C, D, E, F, cSelf };
}

async function counts(setCode: string, period: { from: string; to: string }) {
  const setId = await setIdOf(t.backend.store.db, setCode);
  const result = await t.ok('returns.compute', { setId, ...period });
  return { setId, result, byCode: Object.fromEntries(result.indicators.map((i) => [i.code, i.count])) };
}

beforeEach(async () => {
  t = await createTestBackend();
  ids = await buildProgramme(t.backend.store.db);
  // These answers test the counting mechanics, which funding attribution does not change: the
  // people here have no funding recorded (returns-funding.test.ts tests attribution).
  for (const code of ['UKSPF-PS', 'TOWNS-FUND-LEARNERS']) await withVersionOneRules(t, t.backend.store.db, code);
});
afterEach(async () => t.close());

describe('every shipped indicator over a half-year with known answers', () => {
  it('UKSPF People & Skills', async () => {
    const { byCode } = await counts('UKSPF-PS', H1);
    expect(byCode).toEqual({
      'UKSPF-O1': 2,
      'UKSPF-O2': 1,
      'UKSPF-O3': 1,
      'UKSPF-O4': 0,
      'UKSPF-O5': 1,
      'UKSPF-R1': 3,
      'UKSPF-R2': 1,
      'UKSPF-R3': 0,
      'UKSPF-R4': 0,
    });
  });

  it('Towns Fund learners', async () => {
    const { byCode } = await counts('TOWNS-FUND-LEARNERS', H1);
    expect(byCode).toEqual({ 'TF-L1': 3, 'TF-L2': 2, 'TF-E1': 2 });
  });

  it('Stevenage Works headline figures', async () => {
    const { byCode } = await counts('SW-HEADLINE', H1);
    expect(byCode).toEqual({ 'SW-1': 2, 'SW-2': 2, 'SW-3': 2, 'SW-7': 1, 'SW-4': 3, 'SW-5': 1, 'SW-6': 3 });
  });

  it('gives the same counts from the count queries as from the claim lines, for every set and several periods', async () => {
    for (const code of ['UKSPF-PS', 'TOWNS-FUND-LEARNERS', 'SW-HEADLINE']) {
      const setId = await setIdOf(t.backend.store.db, code);
      for (const period of [
        H1,
        FY,
        { from: '2025-04-02', to: '2025-09-29' },
        { from: '2025-06-01', to: '2025-06-01' },
      ]) {
        const fast = await t.ok('returns.compute', { setId, ...period, warnings: false });
        const full = await t.ok('returns.compute', { setId, ...period, warnings: true });
        expect(fast.indicators.map((i) => [i.code, i.count])).toEqual(full.indicators.map((i) => [i.code, i.count]));
        expect(fast.warningCounts).toBeNull();
      }
    }
  });

  it('counts a person who re-entered under a second, merged record once', async () => {
    const db = t.backend.store.db;
    // Ann registered again later; the second record was merged into the first.
    const again = await aPerson(db, {
      first_name: 'Ann',
      last_name: 'Able',
      date_of_birth: '1990-01-01',
      start_date: '2025-08-01',
      status: 'merged',
      merged_into_id: ids.A!,
      labour_market_status: 'inactive_not_in_education',
    });
    await anOutcome(db, { participantId: again, type: 'job_start', date: '2025-08-15' });
    await anOutcome(db, { participantId: again, type: 'job_search_engaged', date: '2025-04-01' });
    const { byCode } = await counts('UKSPF-PS', H1);
    expect(byCode['UKSPF-R1']).toBe(3);
    expect(byCode['UKSPF-O1']).toBe(2);
    expect(byCode['UKSPF-O3']).toBe(1);
    const setId = await setIdOf(db, 'UKSPF-PS');
    const o3 = await t.ok('returns.lines', { setId, ...H1, indicatorCode: 'UKSPF-O3' });
    // Counted as Ann (the record kept), from the earliest qualifying item: the merged record's 01/04.
    expect(o3.lines.map((l) => [l.personId, l.participantId, l.itemDate])).toEqual([[ids.A, again, '2025-04-01']]);
    expect(o3.lines[0]!.reference).toBe(
      (await db.selectFrom('participants').select('reference').where('id', '=', ids.A!).executeTakeFirstOrThrow())
        .reference,
    );
  });

  it('shows exactly the people behind a count, each once, with the earliest qualifying item', async () => {
    const setId = await setIdOf(t.backend.store.db, 'UKSPF-PS');
    const { lines, sentence } = await t.ok('returns.lines', { setId, ...H1, indicatorCode: 'UKSPF-R1' });
    expect(lines.map((l) => [l.personId, l.itemDate]).sort()).toEqual(
      [
        [ids.A, '2025-05-01'],
        [ids.B, '2025-07-01'],
        [ids.C, '2025-04-01'],
      ].sort(),
    );
    expect(sentence).toContain('verified outcome of type Job start, Apprenticeship start or Self-employment');
    expect(sentence).toContain('each person once');
    expect(sentence).toContain('not already claimed in an earlier submitted return');
  });

  it('counts on the boundaries: first and last day in, the day before and after out', async () => {
    const setId = await setIdOf(t.backend.store.db, 'UKSPF-PS');
    const o2 = await t.ok('returns.lines', { setId, ...H1, indicatorCode: 'UKSPF-O2' });
    expect(o2.lines.map((l) => l.personId)).toEqual([ids.B]); // starts 30/09: in; C 31/03 and D 01/10: out
    const o1 = await t.ok('returns.lines', { setId, ...H1, indicatorCode: 'UKSPF-O1' });
    expect(o1.lines.map((l) => l.personId).sort()).toEqual([ids.A, ids.F].sort()); // A starts 01/04: in
    const narrow = await counts('UKSPF-PS', { from: '2025-04-02', to: '2025-09-29' });
    expect(narrow.byCode['UKSPF-O1']).toBe(1); // A (01/04) now out, F in
    expect(narrow.byCode['UKSPF-O2']).toBe(0); // B (30/09) now out
    expect(narrow.byCode['UKSPF-R1']).toBe(2); // C's 01/04 self-employment now out
  });

  it('warns before export: missing evidence, eligibility, possible duplicates, outcomes outside the time on the programme', async () => {
    const db = t.backend.store.db;
    // A near-duplicate of Ann with a verified job: same DOB, similar name, eligibility pending.
    const dup = await aPerson(db, {
      first_name: 'Anne',
      last_name: 'Able',
      date_of_birth: '1990-01-01',
      start_date: '2025-04-10',
      labour_market_status: 'employed',
    });
    await anOutcome(db, { participantId: dup, type: 'job_start', date: '2025-04-12', evidence: 0 });
    const { result } = await counts('UKSPF-PS', H1);
    expect(result.warningCounts!.missing_evidence).toBeGreaterThanOrEqual(1);
    // F's course completion (01/08, no evidence) is the item counted for R2, so it is flagged.
    expect(
      result.warnings.some(
        (w) => w.kind === 'missing_evidence' && w.participantId === ids.F && w.indicatorCode === 'UKSPF-R2',
      ),
    ).toBe(true);
    expect(result.warnings.some((w) => w.kind === 'missing_evidence' && w.participantId === ids.A)).toBe(false);
    expect(result.warnings.some((w) => w.kind === 'missing_evidence' && w.participantId === dup)).toBe(true);
    expect(result.warningCounts!.eligibility_not_confirmed ?? 0).toBe(0); // UKSPF counts eligible people only
    const towns = await counts('TOWNS-FUND-LEARNERS', H1); // counts E, whose eligibility is pending
    expect(
      towns.result.warnings.filter((w) => w.kind === 'eligibility_not_confirmed').map((w) => w.participantId),
    ).toEqual([ids.E]);
    expect(
      result.warnings
        .filter((w) => w.kind === 'possible_duplicate')
        .map((w) => w.message)
        .join(),
    ).toContain('may be the same person');
    // C's self-employment is dated 01/04/2025, after C started (31/03): not outside; B's apprenticeship 01/07 is before B started (30/09): outside.
    expect(result.warnings.some((w) => w.kind === 'outside_enrolment' && w.participantId === ids.B)).toBe(true);
    expect(result.warnings.some((w) => w.kind === 'outside_enrolment' && w.participantId === ids.C)).toBe(false);
  });
});

describe('submit and lock', () => {
  it('freezes the lines, does not count them again later, and shows what changed since', async () => {
    const db = t.backend.store.db;
    const { setId } = await counts('UKSPF-PS', H1);
    const submitted = await t.ok('returns.submit', { setId, ...H1, note: 'H1 claim' });
    expect(submitted.lines).toBe(2 + 1 + 1 + 1 + 3 + 1);
    // The same period cannot be submitted twice.
    const again = await t.call('returns.submit', { setId, ...H1, note: null });
    expect(again.ok).toBe(false);
    // Lines are frozen in the store itself.
    await expect(db.updateTable('return_lines').set({ item_date: '2000-01-01' }).execute()).rejects.toThrow(/frozen/);
    await expect(db.deleteFrom('return_lines').execute()).rejects.toThrow(/frozen/);

    // A new starter and a new job in H2; the full year counts only what was not claimed.
    const G = await aPerson(db, { labour_market_status: 'inactive_not_in_education', start_date: '2025-11-01' });
    const H = await aPerson(db, { labour_market_status: 'employed', start_date: '2025-11-01' });
    await anOutcome(db, { participantId: H, type: 'job_start', date: '2025-12-01' });
    await anOutcome(db, { participantId: ids.A!, type: 'job_start', date: '2026-01-10' }); // A was claimed for R1 in H1
    const fy = await counts('UKSPF-PS', FY);
    expect(fy.byCode['UKSPF-O1']).toBe(1);
    expect(fy.byCode['UKSPF-R1']).toBe(2); // D's job (01/10) and H's; A, B and C were claimed in H1
    const r1 = await t.ok('returns.lines', { setId, ...FY, indicatorCode: 'UKSPF-R1' });
    expect(r1.lines.map((l) => l.personId)).toEqual([ids.D, H]);
    expect(
      (await t.ok('returns.lines', { setId, ...FY, indicatorCode: 'UKSPF-O1' })).lines.map((l) => l.personId),
    ).toEqual([G]);
    // The headline figures are not claims: they still count everyone.
    expect((await counts('SW-HEADLINE', H1)).byCode['SW-6']).toBe(3);

    // Nothing changed in H1 yet.
    const unchanged = await t.ok('returns.detail', { returnId: submitted.returnId });
    expect(unchanged.changes.every((c) => c.added.length === 0 && c.removed.length === 0)).toBe(true);
    // Late news: I's verified H1 job arrives; C's self-employment is rejected; B's earlier job is verified (same person: no change).
    const I = await aPerson(db, { start_date: '2025-04-20' });
    await anOutcome(db, { participantId: I, type: 'job_start', date: '2025-08-01' });
    await db.updateTable('outcomes').set({ verification_status: 'rejected' }).where('id', '=', ids.cSelf!).execute();
    await db
      .updateTable('outcomes')
      .set({ verification_status: 'verified' })
      .where('participant_id', '=', ids.B!)
      .where('outcome_type', '=', 'job_start')
      .execute();
    const changed = await t.ok('returns.detail', { returnId: submitted.returnId });
    const r1Change = changed.changes.find((c) => c.code === 'UKSPF-R1')!;
    expect(r1Change.added.map((l) => l.personId)).toEqual([I]);
    expect(r1Change.removed.map((l) => l.personId)).toEqual([ids.C]);
    expect([r1Change.submitted, r1Change.now]).toEqual([3, 3]);
    // The audit log recorded the submission.
    const audit = await db
      .selectFrom('audit_log')
      .select(['action', 'entity'])
      .where('entity', '=', 'return')
      .execute();
    expect(audit).toContainEqual({ action: 'create', entity: 'return' });
  });

  it('keeps the version a return used when the set changes', async () => {
    const { setId } = await counts('UKSPF-PS', H1);
    const submitted = await t.ok('returns.submit', { setId, ...H1, note: null });
    const detail = await t.ok('returns.setDetail', { setId });
    const indicators = detail.indicators.map(({ sentence: _s, ...i }) => i);
    indicators[0] = { ...indicators[0]!, title: 'Economically inactive people supported (local wording)' };
    const saved = await t.ok('returns.saveSetVersion', {
      setId,
      basedOnVersionId: detail.versionId,
      note: 'Local wording for O1',
      indicators,
    });
    expect(saved.version).toBe(detail.version + 1);
    const list = await t.ok('returns.list', {});
    expect(list.find((r) => r.id === submitted.returnId)!.version).toBe(detail.version);
    const stale = await t.call('returns.saveSetVersion', {
      setId,
      basedOnVersionId: detail.versionId,
      note: 'Stale edit',
      indicators,
    });
    expect(stale.ok).toBe(false);
    const v2 = await t.ok('returns.setDetail', { setId });
    expect(v2.indicators[0]!.title).toContain('local wording');
    expect(v2.versions.map((v) => v.version).slice(0, 2)).toEqual([detail.version + 1, detail.version]);
  });
});
