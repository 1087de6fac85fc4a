// Social value and Section 106 end to end through the channels: a planning obligation with
// trigger dates and measures; progress counted from job and apprenticeship starts (a non-local
// hire is a job but never a local job), person-weeks from start, end and hours, the share of
// local labour, and money from the payments recorded (integer pence); the monitoring report
// workbook for a quarter, audited and read back by openpyxl; the dashboard's community
// investment headline; and the CLI's `contracts report`.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestBackend, type TestBackend } from '../support/backend';
import { readWithOpenpyxl } from '../support/openpyxl';
import { setLogSink } from '../../db/backend/log';
import { runCli } from '../../db/cli/main';
import { isLocalPerson } from '../../shared/domain/eligibility';

setLogSink(() => {});

let t: TestBackend;
let contractId: number;
let employerId: number;

async function person(firstName: string, postcode: string): Promise<number> {
  const r = await t.ok('participants.create', {
    record: { firstName, lastName: 'Tester', dateOfBirth: '3/4/1991', niStatus: 'not_yet_known', postcode },
  });
  return r.id;
}

async function start(participantId: number, outcomeType: string, outcomeDate: string, hoursPerWeek: number | null) {
  return (
    await t.ok('outcomes.record', {
      participantId,
      outcomeType,
      outcomeDate,
      employerOrgId: employerId,
      contractId,
      hoursPerWeek,
    })
  ).id;
}

beforeEach(async () => {
  // Today is 23 November 2026 (TEST_NOW).
  t = await createTestBackend({ role: 'officer' });
  employerId = (
    await t.ok('organisations.save', { name: 'Queensway Homes', kind: 'contractor', sector: 'construction' })
  ).id;
  contractId = (
    await t.ok('contracts.save', {
      name: 'Queensway housing development',
      reference: 'S106-QW',
      kind: 's106',
      planningReference: '23/00512/FPM',
      planningClause: 'Schedule 4',
      contractorOrgId: employerId,
      startsOn: '2026-01-01',
      endsOn: '2026-12-31',
      triggers: [
        { label: 'Commencement', dueOn: '2026-01-05', metOn: '2026-01-12' },
        { label: 'Occupation of the 50th home', dueOn: '2027-06-30' },
      ],
      commitments: [
        { kind: 'local_jobs', target: 4 },
        { kind: 'apprenticeships', target: 2 },
        { kind: 'person_weeks', target: 52 },
        { kind: 'local_labour_percent', target: 50 },
        { kind: 'community_investment', target: 2_500_000 },
        { kind: 'in_lieu_contribution', target: 4_500_000 },
        { kind: 'school_engagements', target: 6, manualAchieved: 4 },
      ],
    })
  ).id;
  const local1 = await person('Amira', 'SG1 1AA');
  const local2 = await person('Ben', 'SG2 7AA');
  const notLocal = await person('Cara', 'LU1 1AA');
  // 2 Mar to 26 Apr: 8 full-time weeks
  const a = await start(local1, 'job_start', '2026-03-02', 37.5);
  const aDetail = await t.ok('outcomes.get', { id: a });
  await t.ok('outcomes.update', {
    id: a,
    version: aDetail.version,
    outcomeDate: aDetail.outcomeDate,
    employerOrgId: employerId,
    contractId,
    hoursPerWeek: 37.5,
    endedOn: '2026-04-26',
  });
  // 7 Sep to today (23 Nov), half time: 78 days / 7 / 2 = 5.57
  await start(local2, 'apprenticeship_start', '2026-09-07', 18.75);
  // A job on the contract for someone who does not live locally
  await start(notLocal, 'job_start', '2026-05-04', 40);
  await t.ok('contracts.addPayment', {
    contractId,
    kind: 'community_investment',
    receivedOn: '2026-02-10',
    amountPence: 750_000,
    payer: 'Queensway Homes',
    purpose: 'Bedwell community garden',
  });
  await t.ok('contracts.addPayment', {
    contractId,
    kind: 'community_investment',
    receivedOn: '2026-08-15',
    amountPence: 500_000,
    purpose: 'Youth club kitchen',
  });
  await t.ok('contracts.addPayment', { contractId, kind: 'in_lieu', receivedOn: '2026-06-01', amountPence: 1_500_000 });
});
afterEach(() => t.close());

describe('a Section 106 obligation', () => {
  it('uses the one definition of a local person', async () => {
    const rows = await t.backend.store.db
      .selectFrom('participants')
      .select(['first_name', 'is_local'])
      .orderBy('id')
      .execute();
    // participants.is_local holds isLocalPerson's answer (the eligibility service keeps it).
    expect(rows.map((r) => [r.first_name, r.is_local])).toEqual([
      ['Amira', 1],
      ['Ben', 1],
      ['Cara', 0],
    ]);
    expect(typeof isLocalPerson).toBe('function');
  });

  it('counts progress per measure, money in pence, and a non-local hire is not a local job', async () => {
    const c = await t.ok('contracts.get', { id: contractId });
    expect(c).toMatchObject({
      kind: 's106',
      planningReference: '23/00512/FPM',
      planningClause: 'Schedule 4',
      communityInvestmentReceivedPence: 1_250_000,
      inLieuReceivedPence: 1_500_000,
    });
    expect(c.triggers.map((x) => [x.label, x.dueOn, x.metOn])).toEqual([
      ['Commencement', '2026-01-05', '2026-01-12'],
      ['Occupation of the 50th home', '2027-06-30', null],
    ]);
    expect(c.commitments.map((m) => [m.kind, m.achieved, m.target, m.percent])).toEqual([
      ['local_jobs', 1, 4, 25],
      ['apprenticeships', 1, 2, 50],
      ['person_weeks', 13, 52, 25],
      ['local_labour_percent', 66, 50, 100],
      ['community_investment', 1_250_000, 2_500_000, 50],
      ['in_lieu_contribution', 1_500_000, 4_500_000, 33],
      ['school_engagements', 4, 6, 67],
    ]);
    expect(c.payments.map((p) => p.amountPence)).toEqual([500_000, 1_500_000, 750_000]);
    const audit = await t.backend.store.db
      .selectFrom('audit_log')
      .select(['action', 'entity'])
      .where('entity', 'in', ['contract', 'contract_trigger', 'contract_payment'])
      .execute();
    expect(audit.filter((a) => a.entity === 'contract_payment')).toHaveLength(3);
    expect(audit.filter((a) => a.entity === 'contract_trigger')).toHaveLength(2);
  });

  it('removes a payment recorded in error, audited', async () => {
    const c = await t.ok('contracts.get', { id: contractId });
    await t.ok('contracts.removePayment', { id: c.payments[0]!.id });
    const after = await t.ok('contracts.get', { id: contractId });
    expect(after.communityInvestmentReceivedPence).toBe(750_000);
    const removed = await t.backend.store.db
      .selectFrom('audit_log')
      .select('summary')
      .where('entity', '=', 'contract_payment')
      .where('action', '=', 'delete')
      .execute();
    expect(removed.map((r) => r.summary)).toEqual(['Community investment of £5,000.00 removed']);
  });

  it('corrects a payment (kind, date, amount, what it is for), audited with before and after', async () => {
    const c = await t.ok('contracts.get', { id: contractId });
    const garden = c.payments.find((p) => p.purpose === 'Bedwell community garden')!;
    await t.ok('contracts.updatePayment', {
      id: garden.id,
      kind: 'in_lieu',
      receivedOn: '2026-02-11',
      amountPence: 800_000,
      payer: 'Queensway Homes',
      purpose: 'Apprenticeships not provided on site',
      reference: null,
    });
    const after = await t.ok('contracts.get', { id: contractId });
    expect(after.payments.find((p) => p.id === garden.id)).toMatchObject({
      kind: 'in_lieu',
      receivedOn: '2026-02-11',
      amountPence: 800_000,
      purpose: 'Apprenticeships not provided on site',
    });
    expect(after.communityInvestmentReceivedPence).toBe(500_000);
    expect(after.inLieuReceivedPence).toBe(2_300_000);
    const changed = await t.backend.store.db
      .selectFrom('audit_log')
      .select(['summary', 'before_json', 'after_json'])
      .where('entity', '=', 'contract_payment')
      .where('action', '=', 'update')
      .execute();
    expect(changed.map((r) => r.summary)).toEqual(['In-lieu financial contribution of £8,000.00 changed']);
    expect(JSON.parse(changed[0]!.before_json!)).toEqual({
      kind: 'community_investment',
      received_on: '2026-02-10',
      amount_pence: 750_000,
      purpose: 'Bedwell community garden',
    });
    expect(JSON.parse(changed[0]!.after_json!)).toEqual({
      kind: 'in_lieu',
      received_on: '2026-02-11',
      amount_pence: 800_000,
      purpose: 'Apprenticeships not provided on site',
    });
    const nothing = await t.call('contracts.updatePayment', {
      id: garden.id,
      kind: 'in_lieu',
      receivedOn: '2026-02-11',
      amountPence: 0,
    });
    expect(nothing.ok).toBe(false);
    const missing = await t.call('contracts.updatePayment', {
      id: 9999,
      kind: 'in_lieu',
      receivedOn: '2026-02-11',
      amountPence: 100,
    });
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.error.kind).toBe('not-found');
  });

  it('takes kinds of measure from the reference list: relabelled, added (counted from the figure entered), refused when unknown', async () => {
    await t.signInAs('administrator');
    await t.ok('reference.saveItem', { list: 'measure_kind', code: 'local_jobs', label: 'Local jobs (Stevenage)' });
    const { code } = await t.ok('reference.saveItem', { list: 'measure_kind', label: 'Careers talks' });
    expect(code).toBe('careers_talks');
    const kinds = await t.ok('contracts.measureKinds', {});
    expect(kinds.map((k) => k.label)).toContain('Careers talks');
    const before = await t.ok('contracts.get', { id: contractId });
    const keep = before.commitments.map((m) => ({
      id: m.id,
      kind: m.kind,
      target: m.target,
      description: m.description,
      manualAchieved: m.manualAchieved,
    }));
    const save = (commitments: unknown[]) =>
      t.call('contracts.save', {
        id: contractId,
        name: before.name,
        reference: before.reference,
        kind: 's106',
        planningReference: before.planningReference,
        contractorOrgId: employerId,
        startsOn: before.startsOn,
        endsOn: before.endsOn,
        commitments,
      });
    expect((await save([...keep, { kind: 'careers_talks', target: 5, manualAchieved: 2 }])).ok).toBe(true);
    const after = await t.ok('contracts.get', { id: contractId });
    expect(after.commitments.find((m) => m.kind === 'local_jobs')!.label).toBe('Local jobs (Stevenage)');
    expect(after.commitments.find((m) => m.kind === 'careers_talks')).toMatchObject({
      label: 'Careers talks',
      achieved: 2,
      target: 5,
      isManual: true,
    });
    const unknown = await save([...keep, { kind: 'made_up', target: 1 }]);
    expect(unknown.ok).toBe(false);
    if (!unknown.ok)
      expect(unknown.error.fields).toEqual([
        { path: ['commitments', keep.length, 'kind'], message: 'Choose the kind of commitment from the list' },
      ]);
    // A retired kind stays on the contracts that agreed it, and cannot be added anew.
    await t.ok('reference.setActive', { list: 'measure_kind', code: 'careers_talks', isActive: false });
    const withTalks = (await t.ok('contracts.get', { id: contractId })).commitments.map((m) => ({
      id: m.id,
      kind: m.kind,
      target: m.target,
      description: m.description,
      manualAchieved: m.manualAchieved,
    }));
    expect((await save(withTalks)).ok).toBe(true);
    expect((await save([...withTalks, { kind: 'careers_talks', target: 1 }])).ok).toBe(false);
    const lists = await t.ok('reference.lists', {});
    const measure = lists.find((l) => l.list === 'measure_kind')!;
    expect(measure.items.find((i) => i.code === 'careers_talks')).toMatchObject({ isActive: false, inUse: 1 });
  });

  it('refuses a percentage target over 100 and a payment of nothing', async () => {
    const bad = await t.call('contracts.save', {
      name: 'X',
      commitments: [{ kind: 'local_labour_percent', target: 120 }],
    });
    expect(bad.ok).toBe(false);
    const none = await t.call('contracts.addPayment', {
      contractId,
      kind: 'in_lieu',
      receivedOn: '2026-06-01',
      amountPence: 0,
    });
    expect(none.ok).toBe(false);
  });

  it('writes the monitoring report for a quarter, audited, read back by a second reader', async () => {
    // Refused by the call itself, before any job starts: an unknown contract, a period outside its dates.
    const unknown = await t.call('contracts.report.export', { id: 999_999, from: '2026-07-01', to: '2026-09-30' });
    expect(unknown.ok || unknown.error.kind).toBe('not-found');
    const outside = await t.call('contracts.report.export', { id: contractId, from: '2040-01-01', to: '2040-03-31' });
    expect(outside.ok || [outside.error.kind, outside.error.fields?.[0]?.path]).toEqual(['validation', ['from']]);
    const file = await t.exported('contracts.report.export', { id: contractId, from: '2026-07-01', to: '2026-09-30' });
    expect(file.fileName).toBe('monitoring-S106-QW-2026-07-01-to-2026-09-30.xlsx');
    const { sheets } = readWithOpenpyxl(file.bytes, t.dir);
    expect(Object.keys(sheets)).toEqual(['Measures', 'Trigger dates', 'Payments received', 'Starts counted']);
    const m = sheets['Measures']!;
    expect(m[0]![0]).toBe('Queensway housing development – monitoring report');
    expect(m[2]![0]).toBe('Planning application: 23/00512/FPM · clause Schedule 4');
    const header = m.findIndex((r) => r[0] === 'Measure');
    expect(m[header]!.slice(0, 7)).toEqual([
      'Measure',
      'Description',
      'Unit',
      'Target',
      'Achieved',
      'Of which verified',
      'Progress',
    ]);
    const byMeasure = Object.fromEntries(m.slice(header + 1).map((r) => [r[0], r.slice(2, 5)]));
    expect(byMeasure).toEqual({
      'Local jobs': ['Number', 4, 0],
      Apprenticeships: ['Number', 2, 1],
      // 7 Sep to 30 Sep at half time: 1.7, rounded down
      'Person-weeks of local employment': ['Number', 52, 1],
      'Percentage of local labour': ['Per cent', 50, 100],
      'Community investment': ['£', 25000, 5000],
      'In-lieu financial contribution': ['£', 45000, 0],
      'School engagements': ['Number', 6, 4],
    });
    expect(sheets['Payments received']!.slice(1)).toEqual([
      ['2026-08-15', 'Community investment', 5000, null, 'Youth club kitchen', null],
    ]);
    // By reference, without names; the non-local start in May is outside the quarter.
    const starts = sheets['Starts counted']!;
    expect(starts).toHaveLength(2);
    expect(starts[1]!.slice(1, 6)).toEqual(['Apprenticeship start', '2026-09-07', null, 18.75, 'Yes']);
    expect(JSON.stringify(starts)).not.toContain('Ben');
    const audit = await t.backend.store.db
      .selectFrom('audit_log')
      .select(['entity', 'entity_id', 'summary'])
      .where('action', '=', 'export')
      .execute();
    expect(audit).toEqual([
      {
        entity: 'contract',
        entity_id: String(contractId),
        summary:
          'Monitoring report for Queensway housing development exported (01/07/2026 to 30/09/2026; 1 start, 1 payment)',
      },
    ]);
  });

  it('shows community investment received in the period on the dashboard', async () => {
    const d = await t.ok('returns.dashboard', { from: '2026-04-01', to: '2027-03-31' });
    expect(d.communityInvestment).toEqual({ pence: 500_000, contracts: 1 });
    const all = await t.ok('returns.dashboard', { from: '2026-01-01', to: '2026-12-31' });
    expect(all.communityInvestment).toEqual({ pence: 1_250_000, contracts: 1 });
  });

  it('writes the report from the command line', async () => {
    const out = path.join(t.dir, 'qw.xlsx');
    const file = t.file;
    await t.backend.close();
    const lines: string[] = [];
    const io = { out: (s: string) => lines.push(s), err: (s: string) => lines.push(`ERR ${s}`) };
    const code = await runCli(
      [
        'contracts',
        'report',
        '--contract',
        '23/00512/fpm',
        '--from',
        '01/07/2026',
        '--to',
        '30/09/2026',
        '--out',
        out,
        '--db',
        file,
        '--plaintext',
      ],
      io,
    );
    expect(lines.join('\n')).toContain('monitoring report for Queensway housing development');
    expect(code).toBe(0);
    expect(fs.readFileSync(out).subarray(0, 2).toString()).toBe('PK');
    lines.length = 0;
    expect(
      await runCli(
        [
          'contracts',
          'report',
          '--contract',
          'nope',
          '--from',
          '01/07/2026',
          '--to',
          '30/09/2026',
          '--out',
          out,
          '--db',
          file,
          '--plaintext',
        ],
        io,
      ),
    ).toBe(2);
    expect(lines.join('\n')).toContain('No contract "nope"');
  });
});
