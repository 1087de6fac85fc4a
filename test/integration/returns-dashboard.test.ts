// The dashboard's figures over a programme with known answers: starts by month, outcomes by
// type (rejected left out), the pathway funnel of the people referred in the period, the
// breakdowns by postcode district and target group; the default period is this financial year;
// its tables export as xlsx (audited) and set-editing rejects a rule that names no indicator.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestBackend, type TestBackend } from '../support/backend';
import { countFunnel } from '../../db/features/returns/dashboard.repository';
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

  it('defaults to this financial year, and exports its tables as xlsx', async () => {
    const d = await t.ok('returns.dashboard', {});
    expect([d.from, d.to]).toEqual(['2026-04-01', '2027-03-31']); // the test clock is 23/11/2026
    const file = await t.ok('returns.dashboardExport', { from: d.from, to: d.to });
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
