// The dashboard's figures over a programme with known answers: starts by month, outcomes by
// type (rejected left out), the pathway funnel of the people referred in the period, the
// breakdowns by postcode district and target group; the default period is this financial year;
// its tables export as xlsx (audited) and set-editing rejects a rule that names no indicator.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestBackend, type TestBackend } from '../support/backend';
import { sql } from 'kysely';
import { countFunnel, outcomeCells } from '../../db/features/returns/dashboard.repository';
import { foldOutcomes } from '../../db/features/returns/dashboard-cells';
import { participantsByIdNarrow } from '../../db/store/dialect';
import type { Db } from '../../db/store/schema';
import {
  aCourseRun,
  aCourseType,
  anEnrolment,
  anOutcome,
  aPerson,
  aSiteReadySignoff,
  setIdOf,
} from '../support/returns-builders';

let t: TestBackend;
beforeEach(async () => (t = await createTestBackend()));
afterEach(async () => t.close());

describe('the dashboard', () => {
  it('gives known figures for a period', async () => {
    const db = t.backend.store.db;
    const a = await aPerson(db, { start_date: '2025-04-01', referral_date: '2025-03-20', postcode_district: 'SG1' });
    const b = await aPerson(db, { start_date: '2025-05-10', referral_date: '2025-05-01', postcode_district: 'SG2' });
    const c = await aPerson(db, { start_date: '2025-05-31', referral_date: null, postcode_district: 'SG2' });
    await aPerson(db, {
      start_date: '2025-06-01',
      referral_date: '2025-06-01',
      postcode_district: 'SG4',
      status: 'merged',
    });
    await db
      .insertInto('participant_barriers')
      .values([
        { participant_id: b, barrier_code: 'esol' },
        { participant_id: c, barrier_code: 'esol' },
        { participant_id: c, barrier_code: 'care_leaver' },
      ])
      .execute();
    const run = await aCourseRun(db, { typeId: await aCourseType(db), start: '2025-05-01' });
    await anEnrolment(db, { runId: run, participantId: b, status: 'completed', completedOn: '2025-05-05' });
    await anEnrolment(db, { runId: run, participantId: c, status: 'waiting' });
    await aSiteReadySignoff(db, b, '2025-05-06');
    // Site ready is the one definition: the outcome the rule records (a sign-off alone is not it).
    await anOutcome(db, { participantId: b, type: 'site_ready', date: '2025-05-06' });
    await aSiteReadySignoff(db, c, '2025-05-06');
    await anOutcome(db, { participantId: b, type: 'job_start', date: '2025-05-20' });
    await anOutcome(db, { participantId: c, type: 'job_start', date: '2025-05-21', status: 'rejected' });
    await anOutcome(db, { participantId: a, type: 'apprenticeship_start', date: '2025-04-02', status: 'unverified' });
    const d = await t.ok('returns.dashboard', { from: '2025-04-01', to: '2025-06-30' });
    expect(d.startsByMonth.map((m) => [m.key, m.count])).toEqual([
      ['2025-04', 1],
      ['2025-05', 2],
      ['2025-06', 0],
    ]);
    const byType = Object.fromEntries(d.outcomesByType.map((o) => [o.key, o.count]));
    expect([byType.job_start, byType.apprenticeship_start, byType.self_employment]).toEqual([1, 1, 0]);
    // Referred in the period: b (01/05) and c (no referral date, started 31/05); a was referred in March.
    expect(d.funnel.map((f) => [f.key, f.count])).toEqual([
      ['referred', 2],
      ['enrolled', 1],
      ['completed', 1],
      ['site_ready', 1],
      ['submitted', 0],
      ['interviewed', 0],
      ['offered', 0],
      ['job', 1],
    ]);
    // Both ways of reading the funnel (person by person, or each table once) give these counts.
    const funnel = Object.fromEntries(d.funnel.map((f) => [f.key === 'site_ready' ? 'siteReady' : f.key, f.count]));
    expect(await countFunnel(db, '2025-04-01', '2025-06-30', 'byPerson')).toEqual(funnel);
    expect(await countFunnel(db, '2025-04-01', '2025-06-30', 'byTable')).toEqual(funnel);
    expect(d.byDistrict.map((x) => [x.key, x.count])).toEqual([
      ['SG2', 2],
      ['SG1', 1],
    ]);
    expect(Object.fromEntries(d.byBarrier.map((x) => [x.key, x.count]))).toEqual({ esol: 2, care_leaver: 1 });
    expect(d.headline.find((h) => h.code === 'SW-5')!.count).toBe(1);
  });

  it("counts a person's outcome of one type and date once across merged duplicates, by type, ward and decile", async () => {
    const db = t.backend.store.db;
    const where = { geo_la_code: 'E07000243', geo_imd_decile: 3 };
    const survivor = await aPerson(db, { start_date: '2025-05-01', geo_ward_code: 'E05900001', ...where });
    // Merged into the survivor: one in the same ward, one recorded in another ward.
    const sameWard = await aPerson(db, {
      start_date: '2025-05-02',
      geo_ward_code: 'E05900001',
      status: 'merged',
      merged_into_id: survivor,
      ...where,
    });
    const otherWard = await aPerson(db, {
      start_date: '2025-05-03',
      geo_ward_code: 'E05900002',
      status: 'merged',
      merged_into_id: survivor,
      ...where,
    });
    const someoneElse = await aPerson(db, { start_date: '2025-05-04', geo_ward_code: 'E05900002', ...where });
    await anOutcome(db, { participantId: survivor, type: 'job_start', date: '2025-06-01' });
    await anOutcome(db, { participantId: sameWard, type: 'job_start', date: '2025-06-01' }); // the same job
    await anOutcome(db, { participantId: sameWard, type: 'job_start', date: '2025-07-01' }); // another
    await anOutcome(db, { participantId: otherWard, type: 'job_start', date: '2025-06-01' }); // the same again
    await anOutcome(db, { participantId: someoneElse, type: 'job_start', date: '2025-06-01' });
    await anOutcome(db, { participantId: someoneElse, type: 'site_ready', date: '2025-06-01', status: 'rejected' });
    const d = await t.ok('returns.dashboard', { from: '2025-04-01', to: '2026-03-31' });
    const byType = Object.fromEntries(d.outcomesByType.map((o) => [o.key, o.count]));
    expect([byType.job_start, byType.site_ready]).toEqual([3, 0]);
    // By ward, as each record is recorded: the survivor's two jobs in the first ward, and in the
    // second the merged record's copy of the survivor's job plus the other person's.
    const byWard = Object.fromEntries(d.areas.byWard.map((w) => [w.key, [w.starts, w.outcomes]]));
    expect(byWard).toEqual({ E05900001: [1, 2], E05900002: [1, 2] });
    const decile3 = d.areas.byDecile.find((x) => x.key === '3')!;
    expect([decile3.starts, decile3.outcomes]).toEqual([2, 3]);
    expect(d.startsByMonth.find((m) => m.key === '2025-05')!.count).toBe(2);
  });

  it('counts outcomes by type and by area apart, as the one pass by type, ward and decile together did', async () => {
    const db = t.backend.store.db;
    const local = { geo_la_code: 'E07000243' };
    // Several outcomes a person, of several types, in several wards and deciles, one with no area
    // known, one merged record, rejected ones and ones outside the period.
    const people = [
      await aPerson(db, { start_date: '2025-04-01', geo_ward_code: 'E05900001', geo_imd_decile: 2, ...local }),
      await aPerson(db, { start_date: '2025-04-02', geo_ward_code: 'E05900001', geo_imd_decile: 3, ...local }),
      await aPerson(db, { start_date: '2025-04-03', geo_ward_code: 'E05900002', geo_imd_decile: 2, ...local }),
      await aPerson(db, {
        start_date: '2025-04-04',
        geo_ward_code: 'E05011111',
        geo_imd_decile: 7,
        geo_la_code: 'E07000099',
      }),
      await aPerson(db, { start_date: '2025-04-05' }),
    ];
    const merged = await aPerson(db, {
      start_date: '2025-04-06',
      geo_ward_code: 'E05900002',
      geo_imd_decile: 3,
      status: 'merged',
      merged_into_id: people[0]!,
      ...local,
    });
    const types = ['job_start', 'site_ready', 'course_completed', 'apprenticeship_start'];
    let day = 1;
    for (const [i, person] of people.entries())
      for (const [j, type] of types.entries())
        for (let k = 0; k <= (i + j) % 3; k++) {
          const date = `2025-${String(5 + k).padStart(2, '0')}-${String(day++ % 28 || 1).padStart(2, '0')}`;
          await anOutcome(db, {
            participantId: person,
            type,
            date,
            status: (i + j + k) % 5 === 4 ? 'rejected' : 'verified',
          });
        }
    await anOutcome(db, { participantId: merged, type: 'job_start', date: '2025-06-01' });
    await anOutcome(db, { participantId: people[1]!, type: 'job_start', date: '2026-04-01' }); // after the period
    const counted = await outcomeCells(db, '2025-04-01', '2026-03-31');
    // The two counts cover the same outcomes (those of people no merge touched).
    expect(counted.areas.reduce((n, c) => n + c.n, 0)).toBe(counted.byType.reduce((n, c) => n + c.n, 0));
    const folded = foldOutcomes(counted);
    const byType = Object.fromEntries([...folded.byType].filter(([, n]) => n > 0));
    const reference = foldOneOutcomePass(await oneOutcomePass(db, '2025-04-01', '2026-03-31'), counted.merged);
    expect(byType).toEqual(reference.byType);
    const byCode = (rows: Array<{ code: string | null; la: string | null; n: number }>) =>
      Object.fromEntries(rows.map((r) => [r.code ?? '', [r.la, r.n]]));
    expect(byCode(folded.byWard)).toEqual(byCode(reference.byWard));
    expect(byCode(folded.byDecile)).toEqual(byCode(reference.byDecile));
    // And the figures themselves (person i has (i + j) % 3 + 1 outcomes of type j, the k-th
    // rejected when (i + j + k) % 5 = 4; the merged record's job counted once, in its own area).
    expect(byType).toEqual({ job_start: 8, site_ready: 9, course_completed: 8, apprenticeship_start: 8 });
    expect(byCode(folded.byWard)).toEqual({
      E05900001: ['E07000243', 12],
      E05900002: ['E07000243', 8],
      E05011111: ['E07000099', 6],
      '': [null, 7],
    });
    expect(byCode(folded.byDecile)).toEqual({
      '2': ['E07000243', 13],
      '3': ['E07000243', 7],
      '7': ['E07000099', 6],
      '': [null, 7],
    });
  });

  it('defaults to this financial year, and exports its tables as xlsx', async () => {
    const d = await t.ok('returns.dashboard', {});
    expect([d.from, d.to]).toEqual(['2026-04-01', '2027-03-31']); // the test clock is 23/11/2026
    const file = await t.exported('returns.dashboard.export', { from: d.from, to: d.to });
    const out = path.join(t.dir, file.fileName);
    fs.writeFileSync(out, file.bytes);
    const sheets = execFileSync('/usr/bin/python3', [
      '-c',
      'import sys, openpyxl; print("|".join(openpyxl.load_workbook(sys.argv[1]).sheetnames))',
      out,
    ])
      .toString()
      .trim();
    expect(sheets).toBe(
      'Headline figures|Starts by month|Outcomes by type|Pathway funnel|By postcode district|By target group|By ward|' +
        'By deprivation decile|Social value|Events|Events by kind',
    );
    const audit = await t.backend.store.db
      .selectFrom('audit_log')
      .select('entity')
      .where('action', '=', 'export')
      .execute();
    expect(audit.map((a) => a.entity)).toContain('dashboard');
  });
});

describe('editing an indicator set', () => {
  it('names the field when a rule refers to an indicator that is not in the set, and needs an administrator', async () => {
    const setId = await setIdOf(t.backend.store.db, 'UKSPF-PS');
    const detail = await t.ok('returns.setDetail', { setId });
    const indicators = detail.indicators.map(({ sentence: _s, ...i }) => i);
    indicators[1] = { ...indicators[1]!, rule: { ...indicators[1]!.rule, notCountedUnder: ['NOPE-1'] } };
    const bad = await t.call('returns.saveSetVersion', {
      setId,
      basedOnVersionId: detail.versionId,
      note: 'Broken',
      indicators,
    });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.fields?.[0]?.path).toEqual(['indicators', 1, 'rule', 'notCountedUnder']);
    const badRule = await t.call('returns.saveSetVersion', {
      setId,
      basedOnVersionId: detail.versionId,
      note: 'Broken',
      indicators: [{ ...indicators[0]!, rule: { ...indicators[0]!.rule, dateField: 'outcome_date' } }],
    });
    expect(badRule.ok).toBe(false);
    if (!badRule.ok)
      expect(badRule.error.fields?.map((f) => f.path.join('.'))).toContain('indicators.0.rule.dateField');
    await t.signInAs('officer');
    const forbidden = await t.call('returns.saveSetVersion', {
      setId,
      basedOnVersionId: detail.versionId,
      note: 'Officer edit',
      indicators: detail.indicators.map(({ sentence: _s, ...i }) => i),
    });
    expect(forbidden.ok).toBe(false);
    if (!forbidden.ok) expect(forbidden.error.kind).toBe('forbidden');
  });
});

/** The outcomes pass as it was before it was split (stop 28): one grouped pass by type, ward and
 * decile together over every outcome's person. The reference the split counts are held to. */
async function oneOutcomePass(db: Db, from: string, to: string) {
  const { rows } = await sql<{
    type: string;
    ward: string | null;
    decile: string | null;
    la: string | null;
    n: number;
  }>`
    select o.outcome_type as type, cast(p.geo_ward_code as text) as ward, cast(p.geo_imd_decile as text) as decile,
      max(p.geo_la_code) as la, count(*) as n
    from outcomes as o inner join ${participantsByIdNarrow(db, 'p')} on p.id = o.participant_id
    where o.outcome_date >= ${from} and o.outcome_date <= ${to} and o.verification_status != 'rejected'
      and p.id not in (select m.id from participants m where m.merged_into_id is not null
        union all select m.merged_into_id from participants m where m.merged_into_id is not null)
    group by o.outcome_type, p.geo_ward_code, p.geo_imd_decile`.execute(db);
  return rows.map((r) => ({ ...r, n: Number(r.n) }));
}

/** The one pass's cells folded as dashboard-cells.ts folded them then (the merged outcomes alike). */
function foldOneOutcomePass(
  cells: Array<{ type: string; ward: string | null; decile: string | null; la: string | null; n: number }>,
  merged: Parameters<typeof foldOutcomes>[0]['merged'],
) {
  const split = foldOutcomes({
    byType: cells.map((c) => ({ type: c.type, n: c.n })),
    areas: cells.map((c) => ({ ward: c.ward, decile: c.decile, la: c.la, n: c.n })),
    merged,
  });
  return { ...split, byType: Object.fromEntries([...split.byType].filter(([, n]) => n > 0)) };
}
