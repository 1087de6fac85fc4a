// Exporting the current view of the outcomes and placements grids: the workbook holds exactly
// the rows of the view, read back by a second reader (openpyxl); text that would run as a
// formula stays a string cell, references stay text, dates are dates; the export is audited.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createTestBackend, type TestBackend } from '../support/backend';
import { aParticipant } from '../support/builders';
import { setLogSink } from '../../db/backend/log';
import { activeSheetRows } from '../support/openpyxl';

setLogSink(() => {});
let t: TestBackend;

beforeEach(async () => {
  t = await createTestBackend({ role: 'officer' });
});
afterEach(() => t.close());

const readBack = (bytes: Uint8Array) => activeSheetRows(bytes, t.dir);

it('exports the filtered, sorted view of outcomes, safely, and audits it', async () => {
  const a = await aParticipant(t.backend.store.db, { first_name: '=HYPERLINK("x")', reference: 'SW-000001' });
  const b = await aParticipant(t.backend.store.db, { first_name: 'Bo', reference: '0001234' });
  const employer = (
    await t.ok('organisations.save', { name: '+Plus Builders', kind: 'employer', sector: 'construction' })
  ).id;
  await t.ok('outcomes.record', {
    participantId: a,
    outcomeType: 'job_start',
    outcomeDate: '2026-03-02',
    employerOrgId: employer,
    hoursPerWeek: 40,
  });
  await t.ok('outcomes.record', {
    participantId: b,
    outcomeType: 'job_start',
    outcomeDate: '2026-05-04',
    hoursPerWeek: 10,
  });
  await t.ok('outcomes.record', { participantId: b, outcomeType: 'volunteering', outcomeDate: '2026-01-04' });

  const file = await t.exported('outcomes.export', {
    preset: 'starts',
    sort: [{ colId: 'outcomeDate', sort: 'asc' }],
    filters: {},
  });
  expect(file.rows).toBe(2);
  const rows = readBack(file.bytes);
  const header = rows.findIndex((r) => r[0] === 'Reference');
  expect(rows[header]).toContain('16+ hours');
  const data = rows.slice(header + 1);
  expect(data.map((r) => [r[0], r[3], r[8]])).toEqual([
    ['SW-000001', '2026-03-02', 'Yes'],
    ['0001234', '2026-05-04', 'No'],
  ]);
  // Text that looks like a formula is a string cell, shown exactly as held (never evaluated).
  expect(data[0]![1]).toMatch(/^=HYPERLINK\("x"\) Tester/);
  expect(data[0]![4]).toBe('+Plus Builders');

  const audit = await t.backend.store.db.selectFrom('audit_log').selectAll().where('action', '=', 'export').execute();
  expect(audit).toHaveLength(1);
  expect(audit[0]!.summary).toBe('Outcomes exported (2 rows; preset starts; sorted by outcomeDate asc)');
  expect(audit[0]!.summary).not.toContain('HYPERLINK');
});

it('exports placements with wages in pounds', async () => {
  const p = await aParticipant(t.backend.store.db);
  await t.ok('placements.save', {
    participantId: p,
    kind: 'paid_job',
    startsOn: '2026-04-01',
    status: 'active',
    hourlyWagePence: 1244,
  });
  const file = await t.exported('placements.export', {
    search: '',
    filters: { kind: { filterType: 'text', type: 'equals', filter: 'paid_job' } },
  });
  const rows = readBack(file.bytes);
  const header = rows.findIndex((r) => r[0] === 'Reference');
  expect(rows[header + 1]![9]).toBe(12.44);
  expect(rows[header + 1]![6]).toBe('2026-04-01');
});
