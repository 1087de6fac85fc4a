// Exporting the current view of the vacancies and candidates grids: the workbook holds exactly
// the rows of the view, with labels rather than codes, read back by a second reader (openpyxl);
// each export is audited.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createTestBackend, type TestBackend } from '../support/backend';
import { aSiteReadyPerson, anEmployerWithContract, aVacancy } from '../support/vacancies-builders';
import { setLogSink } from '../../db/backend/log';
import { activeSheetRows } from '../support/openpyxl';

setLogSink(() => {});
let t: TestBackend;

beforeEach(async () => {
  t = await createTestBackend({ role: 'officer' });
});
afterEach(() => t.close());

const readBack = (bytes: Uint8Array) => activeSheetRows(bytes, t.dir);

it('exports the vacancies and candidates in view, with labels, and audits each', async () => {
  const { employerId, contractId } = await anEmployerWithContract(t);
  const groundworker = await aVacancy(t, { employerOrgId: employerId, contractId });
  await aVacancy(t, { employerOrgId: employerId, jobTitle: 'Site labourer', places: 1 });
  const person = await aSiteReadyPerson(t.backend.store.db, { reference: '0001234' });
  await t.ok('candidates.shortlist', { vacancyId: groundworker, participantIds: [person], submittedOn: '2026-11-02' });

  const vacancies = await t.exported('vacancies.export', {
    search: 'ground',
    filters: {},
    sort: [{ colId: 'jobTitle', sort: 'asc' }],
  });
  expect(vacancies.rows).toBe(1);
  const v = readBack(vacancies.bytes);
  const vh = v.findIndex((r) => r[0] === 'Job title');
  expect(v[vh]!.slice(0, 5)).toEqual(['Job title', 'Employer', 'Site', 'Sector', 'Kind']);
  expect(v.slice(vh + 1).map((r) => [r[0], r[4], r[7], r[8], r[11], r[12]])).toEqual([
    ['Groundworker', 'Job', '£14.50 an hour', '2026-12-11', 'Open', 1],
  ]);

  const candidates = await t.exported('candidates.export', { filters: {} });
  expect(candidates.rows).toBe(1);
  const c = readBack(candidates.bytes);
  const ch = c.findIndex((r) => r[0] === 'Reference');
  // The reference stays text (leading zeros kept); the stage is its label.
  expect(c.slice(ch + 1).map((r) => [r[0], r[2], r[4], r[5]])).toEqual([
    ['0001234', 'Groundworker', 'Submitted', '2026-11-02'],
  ]);

  const audit = await t.backend.store.db
    .selectFrom('audit_log')
    .select(['entity', 'summary'])
    .where('action', '=', 'export')
    .orderBy('id')
    .execute();
  expect(audit).toEqual([
    { entity: 'vacancy', summary: 'Vacancies exported (1 row; quick search; sorted by jobTitle asc)' },
    { entity: 'vacancy_candidate', summary: 'Candidates exported (1 row; all rows)' },
  ]);
});

it('is refused to viewers', async () => {
  await t.signInAs('viewer');
  const r = await t.call('vacancies.export', { filters: {} });
  expect(r.ok).toBe(false);
});
