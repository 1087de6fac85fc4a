// Referral sources and evidence types as reference lists (issue 20): stored by migration 0220, an
// administrator adds and retires them (audited, never deleted), the forms are offered the active
// ones, the backend accepts only codes on the list, and a retired code a record holds keeps its label.
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestBackend, type TestBackend } from '../support/backend';
import { aParticipant } from '../support/builders';
import { setLogSink } from '../../db/backend/log';

setLogSink(() => {});
let t: TestBackend;
beforeEach(async () => {
  t = await createTestBackend();
});
afterEach(() => t.close());

const record = (referralSource: string | null) => ({
  firstName: 'Dana',
  lastName: 'Source',
  dateOfBirth: '14/02/1998',
  niStatus: 'not_yet_known' as const,
  postcode: 'sg1 1aa',
  referralDate: '5/1/2026',
  referralSource,
});

describe('referral sources and evidence types', () => {
  it('are stored lists an administrator extends and retires; the forms offer the active ones', async () => {
    const lists = await t.ok('reference.lists', {});
    expect(lists.find((l) => l.list === 'referral_source')!.items.map((i) => i.code)).toEqual([
      'jcp',
      'college',
      'employer',
      'self',
      'agency',
    ]);
    expect(lists.find((l) => l.list === 'evidence_kind')!.items.map((i) => i.code)).toContain('payslip');
    const added = await t.ok('reference.saveItem', { list: 'referral_source', label: 'Council housing team' });
    expect(added.code).toBe('council_housing_team');
    await t.ok('reference.setActive', { list: 'referral_source', code: 'agency', isActive: false });
    const options = await t.ok('participants.options', {});
    expect(options.referralSources.find((s) => s.code === 'council_housing_team')).toMatchObject({ isActive: true });
    expect(options.referralSources.find((s) => s.code === 'agency')).toMatchObject({ isActive: false });

    const created = await t.ok('participants.create', {
      record: record('council_housing_team'),
      notDuplicateOf: [],
      duplicatesReviewed: true,
    });
    const timeline = await t.ok('participants.timeline', { id: created.id });
    expect(JSON.stringify(timeline)).not.toContain('council_housing_team');
    expect(JSON.stringify(timeline)).toContain('Referred by Council housing team');
    // The export shows the label from the list (an officer's file has no codes in it).
    const file = await t.exported('participants.export', {
      search: 'Source',
      columns: ['reference', 'referralSource'],
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.bytes) as unknown as ArrayBuffer);
    expect(wb.worksheets[0]!.getRow(2).getCell(2).value).toBe('Council housing team');
    const audit = await t.backend.store.db
      .selectFrom('audit_log')
      .select('summary')
      .where('entity', '=', 'reference_item')
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.summary)).toEqual([
      'Referral source “Council housing team” added',
      'Referral source “Other agency” retired (kept for the records that use it)',
    ]);
    // Never deleted: the retired item is still stored.
    expect(
      await t.backend.store.db.selectFrom('reference_items').select('code').where('code', '=', 'agency').execute(),
    ).toHaveLength(1);
  });

  it('refuses a referral source or evidence type that is not on the list', async () => {
    const refused = await t.call('participants.create', {
      record: record('made_up_source'),
      notDuplicateOf: [],
      duplicatesReviewed: true,
    });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.fields?.[0]).toMatchObject({ path: ['record', 'referralSource'] });

    const participantId = await aParticipant(t.backend.store.db);
    const outcome = await t.ok('outcomes.record', {
      participantId,
      outcomeType: 'job_start',
      outcomeDate: '2026-06-01',
      hoursPerWeek: 20,
    });
    const bad = await t.call('evidence.add', {
      outcomeId: outcome.id,
      kind: 'bank_statement',
      receivedOn: '2026-06-02',
    });
    expect(bad.ok).toBe(false);
    await t.ok('reference.saveItem', { list: 'evidence_kind', label: 'Bank statement' });
    await t.ok('evidence.add', { outcomeId: outcome.id, kind: 'bank_statement', receivedOn: '2026-06-02' });
    const kinds = (await t.ok('reference.choices', {})).evidenceKinds;
    expect(kinds.find((k) => k.code === 'bank_statement')?.label).toBe('Bank statement');
    const uses = (await t.ok('reference.lists', {})).find((l) => l.list === 'evidence_kind')!.items;
    expect(uses.find((i) => i.code === 'bank_statement')?.inUse).toBe(1);
  });
});
