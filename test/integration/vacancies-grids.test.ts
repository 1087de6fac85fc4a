// The vacancies and candidates grids through the backend: presets (open, closing this week;
// interviews this week, offers waiting), quick search, column filters through the grid-query
// module (an unknown column refused) and paging; employer engagement with pledges; the CLI's
// `vacancies list --json`; and migration 0140 over a store that already holds data.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestBackend, type TestBackend } from '../support/backend';
import { aSiteReadyPerson, aVacancy, anEmployerWithContract } from '../support/vacancies-builders';
import { migrateToLatest } from '../../db/store/migrator';
import { vacanciesListCommand } from '../../db/cli/vacancies.commands';
import { CLI_CLIENT } from '../../db/cli/command';
import { sqliteStoreBefore } from '../support/migration-store';

let t: TestBackend;
beforeEach(async () => (t = await createTestBackend())); // the test clock is Monday 23/11/2026
afterEach(() => t.close());

const page = (input: object) => t.ok('vacancies.page', { limit: 100, ...input });
const titles = (r: { rows: Array<{ jobTitle: string }> }) => r.rows.map((x) => x.jobTitle).sort();

async function someVacancies() {
  const { employerId, contractId } = await anEmployerWithContract(t);
  const other = (await t.ok('organisations.save', { name: 'Aston Precision', kind: 'employer' })).id;
  const ids = {
    thisWeek: await aVacancy(t, {
      employerOrgId: employerId,
      jobTitle: 'Labourer',
      closingDate: '2026-11-27',
      contractId,
    }),
    nextWeek: await aVacancy(t, { employerOrgId: employerId, jobTitle: 'Groundworker', closingDate: '2026-12-04' }),
    noDate: await aVacancy(t, {
      employerOrgId: other,
      jobTitle: 'Machine operator',
      closingDate: null,
      wagePence: 1300,
    }),
    passed: await aVacancy(t, { employerOrgId: other, jobTitle: 'Storeperson', closingDate: '2026-11-20' }),
    filled: await aVacancy(t, { employerOrgId: employerId, jobTitle: 'Scaffolder', status: 'filled' }),
  };
  return { employerId, contractId, ids };
}

describe('the vacancies grid', () => {
  it('has presets for open vacancies and those closing this week', async () => {
    await someVacancies();
    expect(titles(await page({}))).toEqual([
      'Groundworker',
      'Labourer',
      'Machine operator',
      'Scaffolder',
      'Storeperson',
    ]);
    expect(titles(await page({ preset: 'open' }))).toEqual(['Groundworker', 'Labourer', 'Machine operator']);
    expect(titles(await page({ preset: 'closing-this-week' }))).toEqual(['Labourer']);
    expect(titles(await page({ preset: 'filled' }))).toEqual(['Scaffolder']);
  });

  it('searches, filters and sorts through the column map, and refuses a column it does not have', async () => {
    await someVacancies();
    expect(titles(await page({ search: 'aston' }))).toEqual(['Machine operator', 'Storeperson']);
    const cheap = await page({ filters: { wagePence: { filterType: 'number', type: 'lessThan', filter: 1400 } } });
    expect(titles(cheap)).toEqual(['Machine operator']);
    const december = await page({
      filters: { closingDate: { filterType: 'date', type: 'greaterThan', dateFrom: '2026-11-30' } },
    });
    expect(titles(december)).toEqual(['Groundworker', 'Scaffolder']);
    const withContract = await page({ filters: { contractName: { filterType: 'text', type: 'notBlank' } } });
    expect(titles(withContract)).toEqual(['Labourer']);
    const sorted = await page({ sort: [{ colId: 'jobTitle', sort: 'desc' }], limit: 2, offset: 1 });
    expect(sorted.rows.map((r) => r.jobTitle)).toEqual(['Scaffolder', 'Machine operator']);
    expect(sorted.total).toBe(5);
    const bad = await t.call('vacancies.page', {
      filters: { employer_org_id: { filterType: 'number', type: 'equals', filter: 1 } },
    });
    expect(bad).toMatchObject({ ok: false, error: { kind: 'validation' } });
    const unsortable = await t.call('vacancies.page', {
      filters: { kind: { filterType: 'text', type: 'equals', filter: 'job' } },
    });
    expect(unsortable).toMatchObject({ ok: false, error: { kind: 'validation' } });
  });

  it('lists vacancies for the CLI as JSON', async () => {
    await someVacancies();
    // The CLI calls the backend as its own client, signed in as the store's first administrator.
    expect(await t.backend.call(CLI_CLIENT, 'session.start', { staffId: t.staffId })).toMatchObject({ ok: true });
    const out: string[] = [];
    const code = await vacanciesListCommand.run(
      { values: { json: true, preset: 'open' }, positionals: ['list'] },
      t.backend,
      { out: (s) => out.push(s), err: (s) => out.push(s) },
    );
    expect(code).toBe(0);
    const rows = JSON.parse(out.join('\n')) as Array<{ jobTitle: string; employerName: string }>;
    expect(rows.map((r) => r.jobTitle).sort()).toEqual(['Groundworker', 'Labourer', 'Machine operator']);
    expect(rows.find((r) => r.jobTitle === 'Labourer')!.employerName).toBe('Fairlands Build Ltd');
  });
});

describe('the candidates grid', () => {
  it('has presets for interviews this week and offers waiting, and searches by person or job', async () => {
    const { ids } = await someVacancies();
    const people = [];
    for (let i = 0; i < 4; i++)
      people.push(await aSiteReadyPerson(t.backend.store.db, { last_name: `Cand${'ABCD'[i]!}` }));
    const { candidateIds } = await t.ok('candidates.shortlist', {
      vacancyId: ids.thisWeek,
      participantIds: people,
      submittedOn: '2026-11-16',
    });
    const [a, b, c] = candidateIds as [number, number, number, number];
    await t.ok('candidates.move', { id: a, to: 'interview_booked', on: '2026-11-26', interviewGuaranteed: true });
    await t.ok('candidates.move', { id: b, to: 'interview_booked', on: '2026-12-03' });
    await t.ok('candidates.move', { id: c, to: 'offered', on: '2026-11-20' });
    const grid = (input: object) => t.ok('candidates.page', { limit: 100, ...input });
    const week = await grid({ preset: 'interviews-this-week' });
    expect(week.rows.map((r) => [r.id, r.interviewOn, r.interviewGuaranteed])).toEqual([[a, '2026-11-26', true]]);
    expect((await grid({ preset: 'offers-waiting' })).rows.map((r) => r.id)).toEqual([c]);
    expect((await grid({ preset: 'in-progress' })).total).toBe(4);
    expect((await grid({ search: 'candc' })).rows.map((r) => r.id)).toEqual([c]);
    expect((await grid({ search: 'labourer' })).total).toBe(4);
    // By employer name too, and a searched page keeps the view's sort (ids first, then the rows).
    expect((await grid({ search: 'fairlands' })).total).toBe(4);
    expect((await grid({ search: 'aston' })).total).toBe(0);
    const byName = await grid({ search: 'cand', sort: [{ colId: 'participantName', sort: 'desc' }], limit: 2 });
    expect(byName.rows.map((r) => r.participantName.split(' ')[1])).toEqual(['CandD', 'CandC']);
    expect(byName.rows.map((r) => r.jobTitle)).toEqual(['Labourer', 'Labourer']);
    const after = await grid({
      filters: { interviewOn: { filterType: 'date', type: 'greaterThan', dateFrom: '2026-11-30' } },
    });
    expect(after.rows.map((r) => r.id)).toEqual([b]);
  });
});

describe('employer engagement', () => {
  it('logs contacts and pledges per organisation, with what was promised and delivered', async () => {
    const { employerId } = await anEmployerWithContract(t);
    const contact = await t.ok('organisations.saveContact', { organisationId: employerId, name: 'Sam Site' });
    await t.ok('engagements.save', {
      organisationId: employerId,
      kind: 'meeting',
      occurredOn: '2026-10-01',
      contactId: contact.id,
      summary: 'Discussed the local labour plan for Town Square',
    });
    const pledge = await t.ok('engagements.save', {
      organisationId: employerId,
      kind: 'pledge',
      occurredOn: '2026-10-15',
      summary: 'Pledged work placements at the annual employer breakfast',
      promised: 'Five two-week work placements',
      promisedCount: 5,
      deliveredCount: 2,
      dueOn: '2027-03-31',
    });
    const rows = await t.ok('engagements.list', { organisationId: employerId });
    expect(rows.map((r) => [r.kind, r.contactName, r.pledgeState])).toEqual([
      ['pledge', null, 'part_delivered'],
      ['meeting', 'Sam Site', null],
    ]);
    expect(rows[0]!.recordedBy).toBe('Test Administrator');
    await t.ok('engagements.save', {
      id: pledge.id,
      organisationId: employerId,
      kind: 'pledge',
      occurredOn: '2026-10-15',
      summary: 'Pledged work placements at the annual employer breakfast',
      promised: 'Five two-week work placements',
      promisedCount: 5,
      delivered: 'All five hosted by March',
      deliveredCount: 5,
      dueOn: '2027-03-31',
    });
    expect((await t.ok('engagements.list', { pledgesOnly: true })).map((r) => r.pledgeState)).toEqual(['delivered']);

    const noPromise = await t.call('engagements.save', {
      organisationId: employerId,
      kind: 'pledge',
      occurredOn: '2026-10-15',
      summary: 'A pledge',
    });
    expect(noPromise).toMatchObject({ ok: false, error: { fields: [{ path: ['promised'] }] } });
    const other = (await t.ok('organisations.save', { name: 'Other Ltd', kind: 'employer' })).id;
    const wrongContact = await t.call('engagements.save', {
      organisationId: other,
      kind: 'meeting',
      occurredOn: '2026-10-15',
      contactId: contact.id,
      summary: 'Met',
    });
    expect(wrongContact).toMatchObject({ ok: false, error: { fields: [{ path: ['contactId'] }] } });
    await t.ok('engagements.remove', { id: pledge.id, reason: 'Entered twice' });
    expect(await t.ok('engagements.list', { organisationId: employerId })).toHaveLength(1);
  });
});

describe('migration 0140', () => {
  it('applies over a store holding organisations, contracts and people', async () => {
    const db = await sqliteStoreBefore('0140');
    await db
      .insertInto('organisations')
      .values({ name: 'Old Build', kind: 'employer', created_at: 'x', updated_at: 'x' })
      .execute();
    await db
      .insertInto('participants')
      .values({ reference: 'SW-000001', first_name: 'Ann', last_name: 'Old', created_at: 'x', updated_at: 'x' })
      .execute();
    await migrateToLatest(db);
    await db
      .insertInto('vacancies')
      .values({ employer_org_id: 1, job_title: 'Labourer', kind: 'job', places: 2, created_at: 'x', updated_at: 'x' })
      .execute();
    await db
      .insertInto('vacancy_candidates')
      .values({
        vacancy_id: 1,
        participant_id: 1,
        stage: 'submitted',
        submitted_on: '2026-01-01',
        created_at: 'x',
        updated_at: 'x',
      })
      .execute();
    const row = await db.selectFrom('vacancies').select(['status', 'requires_site_ready']).executeTakeFirst();
    expect(row).toEqual({ status: 'open', requires_site_ready: 0 });
    const twice = db
      .insertInto('vacancy_candidates')
      .values({
        vacancy_id: 1,
        participant_id: 1,
        stage: 'submitted',
        submitted_on: '2026-01-02',
        created_at: 'x',
        updated_at: 'x',
      })
      .execute();
    await expect(twice).rejects.toThrow(/UNIQUE/);
    await db.destroy();
  });
});
