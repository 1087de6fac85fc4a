// Re-referrals (issue 20): a person already on the record who is referred again gets a new
// referral on the same record — by an officer or by a partner's file — and the first referral
// date is never overwritten; the timeline shows it; the batch's undo removes it; and counting
// rules decide whether the re-entry counts again (by default it does not: ESF counts a person's
// start from the first participation).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestBackend, type TestBackend } from '../support/backend';
import { people, referralsWorkbook } from '../fixtures/imports/generate';
import { commit, openFile, preview, referralsProfile } from './imports-support';
import { countIndicator, indicatorLines } from '../../db/features/returns/indicator-engine';
import type { CountingRule } from '../../shared/domain/counting-rule';
import { describeRule } from '../../shared/domain/counting-rule';

let t: TestBackend;
beforeEach(async () => {
  t = await createTestBackend();
});
afterEach(async () => t.close());

const record = {
  firstName: 'Maria',
  lastName: 'Ionescu',
  dateOfBirth: '12/3/1985',
  niStatus: 'known' as const,
  niNumber: 'JK 44 55 66 B',
  referralSource: 'jcp',
  referralDate: '5/1/2025',
  startDate: '13/1/2025',
  leaveDate: '30/6/2025',
};

async function register() {
  const { id } = await t.ok('participants.create', { record, duplicatesReviewed: true });
  return id;
}

const stored = (id: number) =>
  t.backend.store.db
    .selectFrom('participants')
    .select(['referral_date', 'start_date', 'leave_date'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();

describe('a new referral by an officer', () => {
  it('is added beside the first, which is kept, and shows on the timeline and in the audit', async () => {
    const id = await register();
    const added = await t.ok('participants.addReferral', {
      participantId: id,
      referralDate: '2026-02-02',
      referralSource: 'college',
      referrerName: 'NHC admissions',
      startDate: '2026-02-09',
    });
    expect(added.number).toBe(2);
    expect(await stored(id)).toEqual({
      referral_date: '2025-01-05',
      start_date: '2025-01-13',
      leave_date: '2025-06-30',
    });
    const referrals = await t.ok('participants.referrals', { id });
    expect(referrals.map((r) => [r.number, r.referralDate, r.source])).toEqual([
      [1, '2025-01-05', 'record'],
      [2, '2026-02-02', 'form'],
    ]);
    const timeline = await t.ok('participants.timeline', { id });
    expect(timeline.items.map((i) => i.title)).toEqual(
      expect.arrayContaining([
        'Referred again by College (referral 2)',
        'Started again (referral 2)',
        'Referred by Jobcentre Plus work coach',
      ]),
    );
    const audit = await t.backend.store.db
      .selectFrom('audit_log')
      .select(['entity', 'action'])
      .where('entity', '=', 'participant_referral')
      .execute();
    expect(audit).toEqual([{ entity: 'participant_referral', action: 'create' }]);
  });

  it('refuses a date in the future, before the first referral, or one already recorded — all at once with the start date', async () => {
    const id = await register();
    const bad = async (input: { referralDate: string; startDate?: string }) => {
      const r = await t.call('participants.addReferral', { participantId: id, ...input });
      expect(r.ok).toBe(false);
      return r.ok ? [] : (r.error.fields ?? []).map((f) => `${f.path.join('.')}: ${f.message}`);
    };
    expect(await bad({ referralDate: '2027-01-01' })).toEqual([
      'referralDate: The referral date cannot be in the future',
    ]);
    expect((await bad({ referralDate: '2024-12-01', startDate: '2024-11-01' })).join('\n')).toMatch(
      /comes after the first one \(05\/01\/2025\)[\s\S]*startDate: The start date must be on or after the referral date/,
    );
    expect(await bad({ referralDate: '2025-01-05' })).toEqual([
      'referralDate: This person already has a referral on 05/01/2025',
    ]);
  });
});

describe('a new referral from a partner’s file', () => {
  it('defaults to adding a referral (never overwriting the first referral date), and undo removes it', async () => {
    const [person] = people(1);
    const first = await openFile(
      t,
      'JCP January.xlsx',
      await referralsWorkbook([{ ...person!, referred: '2025-01-05' }]),
    );
    await commit(t, (await preview(t, first, referralsProfile)).previewId);
    const id = (await t.backend.store.db.selectFrom('participants').select('id').executeTakeFirstOrThrow()).id;

    const again = await openFile(
      t,
      'JCP October.xlsx',
      await referralsWorkbook([{ ...person!, referred: '2026-10-15' }]),
    );
    const { previewId, counts } = await preview(t, again, referralsProfile);
    expect(counts).toMatchObject({ changed: 1, new: 0 });
    const [row] = (await t.ok('imports.previewPage', { previewId, status: 'changed', query: {} })).rows;
    expect(row).toMatchObject({ decision: 'accept' });
    expect(row!.detail).toBe('Add a new referral on 15/10/2026 (first referral 05/01/2025 kept)');
    const result = await commit(t, previewId);
    expect(result.updated).toBe(1);
    expect((await stored(id)).referral_date).toBe('2025-01-05');
    expect((await t.ok('participants.referrals', { id })).map((r) => [r.referralDate, r.source])).toEqual([
      ['2025-01-05', 'record'],
      ['2026-10-15', 'import'],
    ]);

    // The same file again: that referral is already there.
    const twice = await openFile(
      t,
      'JCP October.xlsx',
      await referralsWorkbook([{ ...person!, referred: '2026-10-15' }]),
    );
    expect((await preview(t, twice, referralsProfile)).counts).toMatchObject({ unchanged: 1, changed: 0 });

    const undone = await t.ok('imports.undo', { batchId: result.batchId });
    expect(undone.removed).toBe(1);
    expect(await t.ok('participants.referrals', { id })).toHaveLength(1);
    expect((await stored(id)).referral_date).toBe('2025-01-05');
  });
});

describe('counting re-entries', () => {
  const rule: CountingRule = {
    subject: 'participants',
    dateField: 'start_date',
    countDistinct: 'participant',
    excludeClaimedInSubmittedReturns: false,
  };
  const scope = (from: string, to: string) => ({ setId: 1, funderId: 0, from, to, siblings: new Map() });

  it('counts a person once from the first participation by default, and again when the rule says so', async () => {
    const id = await register();
    await t.ok('participants.addReferral', { participantId: id, referralDate: '2026-02-02', startDate: '2026-02-09' });
    const db = t.backend.store.db;
    const y2025 = scope('2025-04-01', '2026-03-31');
    const y2024 = scope('2024-04-01', '2025-03-31');
    // 13/01/2025 falls in 2024-25; the re-entry of 09/02/2026 in 2025-26.
    expect(await countIndicator(db, rule, 'P1', y2024)).toBe(1);
    expect(await countIndicator(db, rule, 'P1', y2025)).toBe(0);
    const again = { ...rule, countReEntries: true };
    expect(await countIndicator(db, again, 'P1', y2024)).toBe(1);
    expect(await countIndicator(db, again, 'P1', y2025)).toBe(1);
    const [line] = await indicatorLines(db, again, 'P1', y2025);
    expect(line).toMatchObject({ participantId: id, itemDate: '2026-02-09', itemLabel: 'Referred again' });
    expect(describeRule(again)).toMatch(/a person referred again counts again/);
  });
});
