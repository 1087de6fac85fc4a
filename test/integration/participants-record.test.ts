// The participant record on a real store: register, open, save with optimistic locking, audit
// before/after, notes, eligibility checks, duplicates, viewer redaction, saved views, export.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestBackend, type TestBackend } from '../support/backend';
import { sqlRun } from '../support/store-sql';
import type { ParticipantRecordInput } from '../../shared/domain/participant-record';
import ExcelJS from 'exceljs';
import { readableAuditRows } from '../../db/features/audit/audit.repository';
import { participantSpecialGridColumns } from '../../shared/contract/participants.contract';
import { specialCategoryColumns } from '../../db/features/participants/participants.repository';

const person = (over: Partial<ParticipantRecordInput> = {}): ParticipantRecordInput => ({
  firstName: 'Amira',
  lastName: 'Khan',
  dateOfBirth: '14/02/1998',
  niStatus: 'known',
  niNumber: 'JK 12 34 56 C',
  postcode: 'sg1 1aa',
  phone: '07700 900123',
  ethnicity: 'asian_pakistani',
  healthCondition: 'no',
  genderSameAsBirth: 'yes',
  barriers: ['esol', 'ex_offender'],
  startDate: '10/01/2026',
  referralSource: 'jcp',
  referralDate: '5/1/2026',
  ...over,
});

let t: TestBackend;
beforeEach(async () => {
  t = await createTestBackend();
});
afterEach(async () => t.close());

/** Audit rows as people read them: entries about a person are sealed with their key (trust area). */
async function audit(action?: string) {
  const db = t.backend.store.db;
  const q = db.selectFrom('audit_log').selectAll().orderBy('id');
  return readableAuditRows(db, await (action ? q.where('action', '=', action) : q).execute());
}

describe('register and save', () => {
  it('creates with a generated reference, stores normalised values and audits the creation', async () => {
    const a = await t.ok('participants.create', { record: person() });
    const b = await t.ok('participants.create', {
      record: person({
        firstName: 'Omar',
        lastName: 'Shah',
        niNumber: 'JK 65 43 21 A',
        dateOfBirth: '1/1/1990',
        phone: null,
        postcode: 'SG2 9ZZ',
      }),
    });
    expect(a.reference).toBe('SW-000001');
    expect(b.reference).toBe('SW-000002');
    const row = await t.backend.store.db
      .selectFrom('participants')
      .selectAll()
      .where('id', '=', a.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      ni_number: 'JK123456C',
      postcode: 'SG1 1AA',
      postcode_district: 'SG1',
      phone_digits: '07700900123',
      date_of_birth: '1998-02-14',
      eligibility_status: 'pending',
      version: 1,
    });
    const created = (await audit('create')).find((e) => e.participant_id === a.id)!;
    expect(JSON.parse(created.after_json!)).toMatchObject({ niNumber: 'JK123456C', barriers: ['esol', 'ex_offender'] });
  });

  it('continues the sequence after the highest reference', async () => {
    await sqlRun(
      t.backend.store.db,
      `insert into participants (reference, first_name, last_name, created_at, updated_at) values ('SW-000122', 'X', 'Y', 'now', 'now')`,
    );
    expect((await t.ok('participants.create', { record: person({ niNumber: 'AB 11 22 33 A' }) })).reference).toBe(
      'SW-000123',
    );
  });

  it('refuses bad input naming the field, and a date of birth in the future', async () => {
    const bad = await t.call('participants.create', { record: person({ niNumber: 'DA 12 34 56 C' }) });
    expect(bad).toMatchObject({
      ok: false,
      error: {
        kind: 'validation',
        fields: [{ path: ['record', 'niNumber'], message: 'A National Insurance number cannot start with D' }],
      },
    });
    const future = await t.call('participants.create', {
      record: person({ dateOfBirth: '1/1/2030', startDate: null, referralDate: null }),
    });
    expect(future).toMatchObject({
      ok: false,
      error: {
        kind: 'validation',
        fields: [{ path: ['record', 'dateOfBirth'], message: 'Date of birth must be in the past' }],
      },
    });
    expect(await t.backend.store.db.selectFrom('participants').select('id').execute()).toHaveLength(0);
  });

  it('updates with before/after in the audit log and refuses a stale version', async () => {
    const { id } = await t.ok('participants.create', { record: person() });
    const { version } = await t.ok('participants.update', {
      id,
      version: 1,
      record: person({ lastName: 'Khan-Ali', postcode: 'SG2 8AB' }),
    });
    expect(version).toBe(2);
    const update = (await audit('update')).at(-1)!;
    expect(JSON.parse(update.before_json!)).toEqual({ lastName: 'Khan', postcode: 'SG1 1AA' });
    expect(JSON.parse(update.after_json!)).toEqual({ lastName: 'Khan-Ali', postcode: 'SG2 8AB' });
    const stale = await t.call('participants.update', { id, version: 1, record: person({ firstName: 'Amy' }) });
    expect(stale).toMatchObject({ ok: false, error: { kind: 'conflict' } });
    if (!stale.ok)
      expect(stale.error.message).toMatch(/^Changed by Test Administrator at 23\/11\/2026 10:00, after you opened it/);
    const history = await t.ok('participants.history', { id });
    expect(history.entries[0]!.changes).toEqual([
      { field: 'lastName', before: 'Khan', after: 'Khan-Ali' },
      { field: 'postcode', before: 'SG1 1AA', after: 'SG2 8AB' },
    ]);
  });

  it('records eligibility checks with evidence and re-evaluates the status', async () => {
    const { id } = await t.ok('participants.create', { record: person() });
    const missing = await t.call('participants.recordEligibilityCheck', {
      id,
      checkCode: 'right_to_work',
      outcome: 'met',
    });
    expect(missing).toMatchObject({ ok: false, error: { fields: [{ path: ['evidenceType'] }, { path: ['seenOn'] }] } });
    // A driving licence shows identity and address, never right to work: refused, saying so.
    const licence = await t.call('participants.recordEligibilityCheck', {
      id,
      checkCode: 'right_to_work',
      outcome: 'met',
      evidenceType: 'driving_licence',
      seenOn: '2026-01-10',
    });
    expect(licence).toMatchObject({
      ok: false,
      error: {
        fields: [
          { path: ['evidenceType'], message: 'A driving licence shows identity and address, never right to work' },
        ],
      },
    });
    const r = await t.ok('participants.recordEligibilityCheck', {
      id,
      checkCode: 'right_to_work',
      outcome: 'met',
      evidenceType: 'uk_irish_passport',
      seenOn: '2026-01-10',
    });
    // The passport shows the date of birth too; proof of address is still to come.
    expect(r.eligibilityStatus).toBe('pending');
    const address = await t.ok('participants.recordEligibilityCheck', {
      id,
      checkCode: 'residence',
      outcome: 'met',
      evidenceType: 'council_tax_bill',
      seenOn: '2026-01-10',
    });
    expect(address.eligibilityStatus).toBe('eligible');
    const detail = await t.ok('participants.get', { id });
    expect(detail.checks[1]).toMatchObject({
      checkCode: 'right_to_work',
      evidenceType: 'uk_irish_passport',
      seenBy: 'Test Administrator',
      seenOn: '2026-01-10',
    });
    expect(detail.eligibility.status).toBe('eligible');
    // The programme area is a setting: moving it away from SG1 makes the person not eligible.
    const set = await t.ok('participants.setDistricts', { districts: ['sg2'] });
    expect(set).toEqual({ districts: ['SG2'], recalculated: 1 });
    expect((await t.ok('participants.get', { id })).eligibility).toMatchObject({
      status: 'not_eligible',
      reasons: [
        'Lives in SG1, outside the programme area (SG2); proof of address (Council tax bill seen 10/01/2026) does not make the address local',
      ],
    });
  });

  it('adds notes (audited) and shows them in the timeline', async () => {
    const { id } = await t.ok('participants.create', { record: person() });
    await t.ok('participants.addNote', { id, body: 'Called, left a message.' });
    expect((await t.ok('participants.notes', { id }))[0]).toMatchObject({
      body: 'Called, left a message.',
      createdBy: 'Test Administrator',
    });
    const tl = await t.ok('participants.timeline', { id });
    expect(tl.items.map((i) => i.kind)).toEqual(expect.arrayContaining(['note', 'referral', 'registered', 'start']));
  });
});

describe('duplicates', () => {
  it('finds a near-identical person with an explained score, refuses to register blindly, remembers "not a duplicate"', async () => {
    const { id } = await t.ok('participants.create', { record: person() });
    const draft = {
      firstName: 'Amira',
      lastName: 'Khann',
      dateOfBirth: '1998-02-14',
      niNumber: null,
      postcode: 'SG1 1AA',
      phone: null,
    };
    const found = await t.ok('participants.duplicates', { keys: draft });
    expect(found[0]).toMatchObject({ id, level: 'probable' });
    expect(found[0]!.explanation).toBe(
      'same date of birth, surname differs by 1 letter, same first name, same postcode',
    );
    const blind = await t.call('participants.create', {
      record: person({ lastName: 'Khann', niStatus: 'not_yet_known', niNumber: null }),
    });
    expect(blind).toMatchObject({ ok: false, error: { kind: 'conflict' } });
    const second = await t.ok('participants.create', {
      record: person({ lastName: 'Khann', niStatus: 'not_yet_known', niNumber: null }),
      notDuplicateOf: [id],
    });
    expect(await t.ok('participants.duplicates', { keys: draft, excludeId: second.id })).toEqual([]);
    expect((await audit('create')).filter((e) => e.entity === 'not_duplicate_pair')).toHaveLength(2);
  });
});

describe('issue 20: what a new user meets', () => {
  it('catches "Kery Shaw" born 07/04/1989 beside Kerry Shaw born 04/07/1989 at the same postcode', async () => {
    const kerry = await t.ok('participants.create', {
      record: person({
        firstName: 'Kerry',
        lastName: 'Shaw',
        dateOfBirth: '4/7/1989',
        niStatus: 'not_yet_known',
        niNumber: null,
        postcode: 'SG2 0HS',
      }),
    });
    const keys = {
      firstName: 'Kery',
      lastName: 'Shaw',
      dateOfBirth: '1989-04-07',
      niNumber: null,
      postcode: 'SG2 0HS',
      phone: null,
    };
    const found = await t.ok('participants.duplicates', { keys });
    expect(found[0]).toMatchObject({ id: kerry.id, level: 'probable' });
    expect(found[0]!.explanation).toMatch(/day and month swapped/);
    // Without the postcode too: the swapped date is looked up beside the date as typed.
    expect((await t.ok('participants.duplicates', { keys: { ...keys, postcode: null } }))[0]?.id).toBe(kerry.id);
    const blind = await t.call('participants.create', {
      record: person({
        firstName: 'Kery',
        lastName: 'Shaw',
        dateOfBirth: '7/4/1989',
        niStatus: 'not_yet_known',
        niNumber: null,
        postcode: 'SG2 0HS',
      }),
    });
    expect(blind).toMatchObject({ ok: false, error: { kind: 'conflict' } });
  });

  it('lists every problem of a record at once, the schema’s and the backend’s own', async () => {
    const bad = await t.call('participants.create', { record: person({ niNumber: 'QQ 12 34 56 C', postcode: 'XX' }) });
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.error.fields?.map((f) => f.path.join('.')).sort()).toEqual(['record.niNumber', 'record.postcode']);
    const later = await t.call('participants.create', {
      record: person({ referralDate: '1/1/2030', privacyNoticeDate: '2/1/2030', keyWorkerId: 999 }),
    });
    expect(later.ok).toBe(false);
    if (later.ok) return;
    expect(later.error.fields?.map((f) => f.path.join('.')).sort()).toEqual([
      'record.keyWorkerId',
      'record.privacyNoticeDate',
      'record.referralDate',
    ]);
  });

  it('gives an NI number example that the same form accepts', async () => {
    const bad = await t.call('participants.create', { record: person({ niNumber: '12345' }) });
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    const message = bad.error.fields!.find((f) => f.path.join('.') === 'record.niNumber')!.message;
    const example = /like ([A-Z]{2} \d\d \d\d \d\d [A-D])/.exec(message)![1]!;
    expect(await t.ok('participants.create', { record: person({ niNumber: example }) })).toHaveProperty('id');
  });
});

describe('special-category data', () => {
  it('is hidden from viewers in get, grid and history, export is refused to them, and a view by an officer is audited', async () => {
    const { id } = await t.ok('participants.create', { record: person() });
    await t.ok('participants.update', { id, version: 1, record: person({ ethnicity: 'asian_indian' }) });
    await t.ok('participants.get', { id });
    expect((await audit('view')).map((e) => e.participant_id)).toEqual([id]);

    await t.signInAs('viewer');
    const detail = await t.ok('participants.get', { id });
    expect(detail.specialCategoryHidden).toBe(true);
    expect(detail.record).toMatchObject({
      ethnicity: null,
      healthCondition: null,
      conditionImpact: null,
      genderSameAsBirth: null,
      barriers: ['esol'],
    });
    expect(await audit('view')).toHaveLength(1);
    const page = await t.ok('participants.page', {
      filters: { ethnicity: { filterType: 'text', type: 'equals', filter: 'asian_indian' } },
    });
    expect(page.total).toBe(1); // a viewer's filter on a hidden column is ignored, so it reveals nothing
    expect(page.rows[0]).toMatchObject({ ethnicity: null, disability: null });
    const history = await t.ok('participants.history', { id });
    expect(JSON.stringify(history)).not.toMatch(/asian|ex_offender|no_condition/);
    // Viewers may not export personal data at all (trust: no file-returning channel is open to viewers).
    expect(await t.call('participants.export', { columns: ['reference', 'ethnicity', 'disability'] })).toMatchObject({
      ok: false,
      error: { kind: 'forbidden' },
    });
    const denied = await t.call('participants.update', { id, version: 2, record: person() });
    expect(denied).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
  });
});

describe('export and saved views', () => {
  it('exports the current view with identifiers as text and dates as dates, audited', async () => {
    await t.ok('participants.create', { record: person({ phone: '01438 242242' }) });
    await t.ok('participants.create', {
      record: person({
        firstName: 'Zed',
        lastName: '=cmd',
        niNumber: 'AB 00 00 01 A',
        dateOfBirth: '2/3/1980',
        postcode: 'SG2 9ZZ',
        phone: null,
      }),
    });
    const file = await t.exported('participants.export', {
      search: 'SG1',
      columns: ['reference', 'lastName', 'dateOfBirth', 'niNumber', 'phone'],
    });
    expect(file.rows).toBe(1);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.bytes) as unknown as ArrayBuffer);
    const row = wb.worksheets[0]!.getRow(2);
    expect(row.getCell(1).value).toBe('SW-000001');
    expect(row.getCell(3).value).toBeInstanceOf(Date);
    expect(row.getCell(5).value).toBe('01438 242242');
    const all = await t.exported('participants.export', {
      columns: ['lastName'],
      sort: [{ colId: 'lastName', sort: 'asc' }],
    });
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(Buffer.from(all.bytes) as unknown as ArrayBuffer);
    expect(wb2.worksheets[0]!.getRow(2).getCell(1).value).toBe('=cmd'); // a string cell, not a formula
    expect((await audit('export')).map((e) => e.summary)).toEqual([
      'Exported 1 participant to xlsx',
      'Exported 2 participants to xlsx',
    ]);
  });

  it('asks why before ethnic group or disability leave the app, and keeps the reason with the export', async () => {
    await t.ok('participants.create', { record: person() });
    const refused = await t.call('participants.export', { columns: ['reference', 'ethnicity', 'disability'] });
    expect(refused).toMatchObject({
      ok: false,
      error: {
        kind: 'validation',
        fields: [{ path: ['purpose'], message: expect.stringMatching(/ethnic group and disability: say why/) }],
      },
    });
    expect(await audit('export')).toEqual([]); // nothing made, nothing recorded
    // Too short a reason is refused at the boundary, naming the field.
    expect(await t.call('participants.export', { columns: ['reference', 'ethnicity'], purpose: 'eh' })).toMatchObject({
      ok: false,
      error: { fields: [{ path: ['purpose'] }] },
    });
    const file = await t.exported('participants.export', {
      columns: ['reference', 'ethnicity'],
      purpose: 'Equality monitoring for the college return',
    });
    expect(file.rows).toBe(1);
    expect((await audit('export')).map((e) => e.summary)).toEqual([
      'Exported 1 participant to xlsx. Purpose: Equality monitoring for the college return',
    ]);
    // No special-category column, no question.
    expect((await t.exportResult('participants.export', { columns: ['reference', 'lastName'] })).ok).toBe(true);
  });

  it('asks why before the grid shows ethnic group or disability, and keeps the reason', async () => {
    // The window's list of columns that ask is the registry's list (one source: the registry).
    expect([...participantSpecialGridColumns].sort()).toEqual([...specialCategoryColumns].sort());
    expect(await t.call('participants.showSpecialColumns', { columns: ['ethnicity'], purpose: '' })).toMatchObject({
      ok: false,
      error: { kind: 'validation', fields: [{ path: ['purpose'] }] },
    });
    await t.ok('participants.showSpecialColumns', {
      columns: ['ethnicity', 'disability'],
      purpose: 'Checking equality monitoring before the return',
    });
    expect((await audit('view')).map((e) => e.summary)).toContain(
      'Showed ethnic group and disability in the participants grid. Purpose: Checking equality monitoring before the return',
    );
  });

  it('saves, lists, replaces and deletes views per grid and person', async () => {
    const state = {
      columns: [{ colId: 'email', hide: false }],
      sort: [{ colId: 'lastName', sort: 'asc' as const }],
      filters: {},
      search: '',
      preset: 'my-caseload',
    };
    const v = await t.ok('views.save', { grid: 'participants', name: 'Mine', state });
    await t.ok('views.save', { grid: 'participants', name: 'Mine', state: { ...state, preset: 'pending-evidence' } });
    await t.ok('views.save', { grid: 'courses', name: 'Other grid', state });
    const list = await t.ok('views.list', { grid: 'participants' });
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({
      id: v.id,
      name: 'Mine',
      mine: true,
      shared: false,
      state: { preset: 'pending-evidence' },
    });
    await t.signInAs('officer', 'Someone Else');
    expect(await t.ok('views.list', { grid: 'participants' })).toEqual([]);
    expect(await t.call('views.delete', { id: v.id })).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
  });
});
