// Evidence and verification: files are refused with a clear message when too big or not really
// a PDF/PNG/JPEG, stored once inside the store with their SHA-256, readable back byte for byte;
// verification decisions need a reason for "has issues" and "rejected", and are in the history.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestBackend, type TestBackend } from '../support/backend';
import { aParticipant } from '../support/builders';
import { setLogSink } from '../../db/backend/log';

setLogSink(() => {});

let t: TestBackend;
let outcomeId: number;

const pdf = (text = 'payslip') =>
  new TextEncoder().encode(`%PDF-1.4\n% ${text}\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n`);
const png = () => new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);

beforeEach(async () => {
  t = await createTestBackend({ role: 'officer' });
  const participantId = await aParticipant(t.backend.store.db);
  outcomeId = (
    await t.ok('outcomes.record', {
      participantId,
      outcomeType: 'job_start',
      outcomeDate: '2026-06-01',
      hoursPerWeek: 20,
    })
  ).id;
});
afterEach(() => t.close());

describe('evidence files', () => {
  it('stores a PDF inside the store with its hash and gives it back unchanged', async () => {
    const bytes = pdf();
    const added = await t.ok('evidence.add', {
      outcomeId,
      kind: 'payslip',
      receivedOn: '2026-07-01',
      seenBy: t.staffId,
      file: { fileName: 'payslip-june.pdf', bytes },
    });
    const expected = createHash('sha256').update(bytes).digest('hex');
    expect(added.sha256).toBe(expected);
    const stored = await t.backend.store.db.selectFrom('evidence_files').selectAll().execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ sha256: expected, mime: 'application/pdf', size: bytes.length });
    const back = await t.ok('evidence.file', { id: added.id });
    expect(back.mime).toBe('application/pdf');
    expect(Buffer.from(back.bytes).equals(Buffer.from(bytes))).toBe(true);
    // Nothing was written beside the store: the file lives only inside it.
    expect(fs.readdirSync(t.dir).filter((f) => !f.startsWith('worksbook.sqlite'))).toEqual([]);
    const detail = await t.ok('outcomes.get', { id: outcomeId });
    expect(detail.evidence[0]).toMatchObject({
      kind: 'payslip',
      receivedOn: '2026-07-01',
      seenByName: 'Test officer',
      fileName: 'payslip-june.pdf',
      fileSha256: expected,
    });
  });

  it('keeps one copy of the same content attached twice, and removes it with the last item', async () => {
    const a = await t.ok('evidence.add', { outcomeId, kind: 'payslip', file: { fileName: 'a.png', bytes: png() } });
    const b = await t.ok('evidence.add', {
      outcomeId,
      kind: 'employer_letter',
      file: { fileName: 'b.png', bytes: png() },
    });
    expect(await t.backend.store.db.selectFrom('evidence_files').select('sha256').execute()).toHaveLength(1);
    await t.ok('evidence.remove', { id: a.id, reason: 'Attached to the wrong outcome' });
    expect(await t.backend.store.db.selectFrom('evidence_files').select('sha256').execute()).toHaveLength(1);
    await t.ok('evidence.remove', { id: b.id, reason: 'Duplicate' });
    expect(await t.backend.store.db.selectFrom('evidence_files').select('sha256').execute()).toHaveLength(0);
  });

  it('refuses a file that is not really a PDF or image, whatever its name', async () => {
    const r = await t.call('evidence.add', {
      outcomeId,
      kind: 'payslip',
      file: { fileName: 'payslip.pdf', bytes: new TextEncoder().encode('MZ this is an exe') },
    });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.kind).toBe('validation');
      expect(r.error.message).toBe(
        '"payslip.pdf" is not a PDF, PNG or JPEG file (checked by its contents, not its name)',
      );
      expect(r.error.fields?.[0]?.path).toEqual(['file']);
    }
    expect(await t.backend.store.db.selectFrom('evidence_items').selectAll().execute()).toHaveLength(0);
  });

  it('refuses a file over 10 MB with its size in the message', async () => {
    const big = new Uint8Array(10 * 1024 * 1024 + 1);
    big.set(pdf());
    const r = await t.call('evidence.add', { outcomeId, kind: 'payslip', file: { fileName: 'scan.pdf', bytes: big } });
    expect(!r.ok && r.error.message).toBe('"scan.pdf" is 10.0 MB; evidence files can be at most 10.0 MB');
    expect(await t.backend.store.db.selectFrom('evidence_files').selectAll().execute()).toHaveLength(0);
  });
});

describe('verification', () => {
  it('needs a reason for has issues and rejected, records who and when, and keeps the history', async () => {
    const noReason = await t.call('outcomes.verify', { id: outcomeId, status: 'has_issues' });
    expect(!noReason.ok && noReason.error.fields).toEqual([{ path: ['reason'], message: 'Say what the issues are' }]);
    const rejectNoReason = await t.call('outcomes.verify', { id: outcomeId, status: 'rejected', reason: '   ' });
    expect(!rejectNoReason.ok && rejectNoReason.error.fields?.[0]?.message).toBe('Say why the outcome is rejected');

    await t.ok('outcomes.verify', { id: outcomeId, status: 'has_issues', reason: 'Payslip shows 12 hours, not 20' });
    await t.ok('evidence.add', { outcomeId, kind: 'payslip', receivedOn: '2026-07-01', seenBy: t.staffId });
    await t.ok('outcomes.verify', { id: outcomeId, status: 'verified' });
    const row = await t.backend.store.db
      .selectFrom('outcomes')
      .selectAll()
      .where('id', '=', outcomeId)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      verification_status: 'verified',
      verified_by: t.staffId,
      verified_at: expect.stringMatching(/^2026-11-23T/),
    });
    const detail = await t.ok('outcomes.get', { id: outcomeId });
    const verifications = detail.history.filter((h) => h.action === 'verify').map((h) => h.summary);
    expect(verifications).toEqual([
      'Verification Unverified → Has issues: Payslip shows 12 hours, not 20',
      'Verification Has issues → Verified',
    ]);
    expect(detail.history.every((h) => h.staffName === 'Test officer')).toBe(true);
  });

  it('grid presets find unverified and has-issues outcomes', async () => {
    expect((await t.ok('outcomes.page', { preset: 'unverified' })).total).toBe(1);
    await t.ok('outcomes.verify', { id: outcomeId, status: 'has_issues', reason: 'No payslip yet' });
    expect((await t.ok('outcomes.page', { preset: 'unverified' })).total).toBe(0);
    const issues = await t.ok('outcomes.page', { preset: 'has_issues' });
    expect(issues.rows[0]).toMatchObject({
      id: outcomeId,
      isSixteenPlus: true,
      verificationStatus: 'has_issues',
      verifiedByName: 'Test officer',
    });
    expect((await t.ok('outcomes.page', { preset: 'no_evidence' })).total).toBe(1);
    // Quick search looks at the person's name and reference, the employer and the outcome type.
    expect((await t.ok('outcomes.page', { search: 'job sta' })).total).toBe(1);
    expect((await t.ok('outcomes.page', { search: 'Alex Tester' })).total).toBe(1);
    expect((await t.ok('outcomes.page', { search: 'SW-T' })).total).toBe(1);
    expect((await t.ok('outcomes.page', { search: 'volunteer' })).total).toBe(0);
    expect((await t.ok('outcomes.page', { search: '100%_' })).total).toBe(0);
  });

  it('a viewer cannot verify', async () => {
    await t.signInAs('viewer');
    const r = await t.call('outcomes.verify', { id: outcomeId, status: 'verified' });
    expect(!r.ok && r.error.kind).toBe('forbidden');
  });
});

describe('duplicate outcomes', () => {
  it('refuses the same type and date for the same person with a friendly message', async () => {
    const detail = await t.ok('outcomes.get', { id: outcomeId });
    const r = await t.call('outcomes.record', {
      participantId: detail.participantId,
      outcomeType: 'job_start',
      outcomeDate: '2026-06-01',
    });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.kind).toBe('conflict');
      expect(r.error.fields?.[0]).toEqual({
        path: ['outcomeDate'],
        message:
          'This person already has a "Job start" outcome on 01/06/2026. Open that outcome instead of recording it twice.',
      });
    }
    // A different date is a different outcome.
    await t.ok('outcomes.record', {
      participantId: detail.participantId,
      outcomeType: 'job_start',
      outcomeDate: '2026-09-01',
    });
  });

  it('the store itself refuses a duplicate that bypasses the service', async () => {
    const detail = await t.ok('outcomes.get', { id: outcomeId });
    await expect(
      t.backend.store.db
        .insertInto('outcomes')
        .values({
          participant_id: detail.participantId,
          outcome_type: 'job_start',
          outcome_date: '2026-06-01',
          placement_id: null,
          employer_org_id: null,
          course_run_id: null,
          contract_id: null,
          parent_outcome_id: null,
          sector: null,
          hours_per_week: null,
          apprenticeship_standard: null,
          apprenticeship_level: null,
          qualification_title: null,
          notes: null,
          source_ref: null,
          verified_by: null,
          verified_at: null,
          verification_reason: null,
          created_at: 'x',
          created_by: null,
          updated_at: 'x',
        })
        .execute(),
    ).rejects.toThrow(/UNIQUE|duplicate key/i);
  });
});

describe('outcome types (reference data)', () => {
  it('an administrator adds a type officers can then record; officers cannot add types', async () => {
    const refused = await t.call('outcomes.saveType', {
      code: 'cscs_blue_card',
      label: 'CSCS blue card',
      category: 'cscs',
    });
    expect(!refused.ok && refused.error.kind).toBe('forbidden');
    await t.signInAs('administrator', 'Admin Two');
    const bad = await t.call('outcomes.saveType', { code: 'Blue Card', label: 'CSCS blue card', category: 'cscs' });
    expect(!bad.ok && bad.error.fields?.[0]?.path).toEqual(['code']);
    await t.ok('outcomes.saveType', { code: 'cscs_blue_card', label: 'CSCS blue card', category: 'cscs' });
    const detail = await t.ok('outcomes.get', { id: outcomeId });
    const created = await t.ok('outcomes.record', {
      participantId: detail.participantId,
      outcomeType: 'cscs_blue_card',
      outcomeDate: '2026-10-01',
    });
    expect((await t.ok('outcomes.get', { id: created.id })).typeLabel).toBe('CSCS blue card');
    // A retired type can no longer be recorded.
    await t.ok('outcomes.saveType', {
      code: 'cscs_blue_card',
      label: 'CSCS blue card',
      category: 'cscs',
      isActive: false,
    });
    const retired = await t.call('outcomes.record', {
      participantId: detail.participantId,
      outcomeType: 'cscs_blue_card',
      outcomeDate: '2026-10-02',
    });
    expect(!retired.ok && retired.error.fields?.[0]?.path).toEqual(['outcomeType']);
  });
});
