// Retention beyond funding streams and erasure on request: imported people with no funding stream
// become due after the programme's default period (a setting) with the reason shown; an
// administrator erases a person on request with a reason (audited), refused with the public-task
// explanation where a submitted return counts them; backups taken before an erasure are deleted
// after the limit (default 35 days).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestBackend, type TestBackend } from '../support/backend';
import { aParticipant } from '../support/builders';
import { backupsPastErasureLimit } from '../../db/features/trust/backup.service';
import type { BackupFileInfo } from '../../db/store/dialect';
import { isPostgresRun } from '../support/test-store';

let t: TestBackend;
beforeEach(async () => {
  t = await createTestBackend(); // the clock is fixed at 2026-11-23
});
afterEach(() => t.close());

/** Someone imported from a partner years ago: no funding stream, nothing since. */
const longAgo = {
  funding_stream_id: null,
  referral_date: '2018-02-01',
  start_date: '2018-02-10',
  created_at: '2018-02-01T09:00:00.000Z',
  status: 'active' as const,
};

describe('the default retention rule', () => {
  it('makes people no funding stream dates due after the default period since their last activity, saying why', async () => {
    const db = t.backend.store.db;
    const idle = await aParticipant(db, { ...longAgo, reference: 'SW-IDLE1' });
    // The same, but a note was written last year: still within the period.
    const noted = await aParticipant(db, { ...longAgo, reference: 'SW-NOTED' });
    await db
      .insertInto('participant_notes')
      .values({ participant_id: noted, body: 'Called', created_at: '2025-05-01T10:00:00.000Z' })
      .execute();
    await aParticipant(db, { reference: 'SW-RECENT', funding_stream_id: null });

    const list = await t.ok('retention.worklist', {});
    expect(list.rows.map((r) => r.reference)).toEqual(['SW-IDLE1']);
    expect(list.rows[0]).toMatchObject({ id: idle, rule: 'default', lastActivity: '2018-02-10' });
    expect(list.rows[0]!.why).toMatch(/6 years/);

    // A longer period (a trust setting, audited) takes them off the list.
    await t.ok('retention.saveSettings', { defaultRetentionYears: 10, erasedBackupDays: 35 });
    expect((await t.ok('retention.worklist', {})).total).toBe(0);
    expect(await t.ok('retention.settings', {})).toEqual({ defaultRetentionYears: 10, erasedBackupDays: 35 });
    const audit = await t.ok('audit.page', { auditFilter: { entity: 'settings' } });
    expect(audit.rows[0]!.summary).toBe('Retention settings changed');
    const bad = await t.call('retention.saveSettings', { defaultRetentionYears: 0, erasedBackupDays: 35 });
    expect(bad.ok).toBe(false);
  });
});

describe('erasure on request', () => {
  it('an administrator erases a person before their retention date, with a reason on record', async () => {
    const db = t.backend.store.db;
    const id = await aParticipant(db, { reference: 'SW-ASKED', first_name: 'Wilhelmina', last_name: 'Ashgrove' });
    const check = await t.ok('retention.erasureCheck', { reference: 'sw-asked' });
    expect(check).toMatchObject({ id, reference: 'SW-ASKED', name: 'Wilhelmina Ashgrove', due: false, blocked: null });

    const noReason = await t.call('retention.erase', { id, reason: '', confirm: true });
    expect(noReason.ok).toBe(false);
    const done = await t.ok('retention.erase', { id, reason: 'Erasure request by email, 3 March', confirm: true });
    expect(done.reference).toMatch(/^ANON-/);
    // A team database's backups are the server's: the app takes none of its own there.
    if (!isPostgresRun) expect(done.backup).toMatch(/pre-anonymise/);
    const row = await db
      .selectFrom('participants')
      .select(['status', 'first_name', 'start_date'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'anonymised', first_name: 'Anonymised', start_date: '2026-01-01' });
    const audit = await t.ok('audit.page', { auditFilter: { entity: 'participant' } });
    const entry = audit.rows.find((r) => r.action === 'erase');
    expect(entry?.summary).toMatch(/erased on request \(before their retention date\)/);
    expect(entry?.after).toContain('Erasure request by email');

    const again = await t.call('retention.erasureCheck', { reference: 'SW-ASKED' });
    expect(again.ok ? '' : again.error.kind).toBe('not-found'); // the reference is gone with the name
  });

  it('is refused, saying what the public-task exemption means, where a submitted return counts the person', async () => {
    const db = t.backend.store.db;
    const id = await aParticipant(db, { reference: 'SW-CLAIMED' });
    const set = (await t.ok('returns.sets', {}))[0]!;
    const { versionId } = await t.ok('returns.setDetail', { setId: set.id });
    const ret = await db
      .insertInto('returns')
      .values({
        set_id: set.id,
        set_version_id: versionId,
        period_from: '2026-01-01',
        period_to: '2026-03-31',
        period_label: 'Q4 2025/26',
        status: 'submitted',
        note: null,
        totals_json: '{}',
        submitted_at: '2026-04-10T10:00:00.000Z',
        submitted_by: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('return_lines')
      .values({
        return_id: ret.id,
        set_id: set.id,
        indicator_code: 'X1',
        person_id: id,
        participant_id: id,
        employer_id: null,
        item_kind: 'participant',
        item_id: id,
        item_date: '2026-01-10',
        verification_status: null,
      })
      .execute();

    const check = await t.ok('retention.erasureCheck', { reference: 'SW-CLAIMED' });
    expect(check.blocked).toMatch(/counted in 1 submitted return/);
    expect(check.blocked).toMatch(/public task/);
    const refused = await t.call('retention.erase', { id, reason: 'Erasure request by letter', confirm: true });
    expect(refused.ok ? '' : refused.error.kind).toBe('conflict');
    const row = await db.selectFrom('participants').select('status').where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.status).not.toBe('anonymised');
  });
});

describe('backups holding erased people', () => {
  const backup = (takenAt: string, reason: BackupFileInfo['reason']): BackupFileInfo => ({
    name: `${reason}-${takenAt}`,
    file: `${reason}-${takenAt}`,
    takenAt,
    reason,
    bytes: 1,
  });
  const now = new Date('2026-11-23T10:00:00.000Z');

  it('go once the erasure is older than the limit; a pre-anonymise backup goes that long after it was taken', () => {
    const before = backup('2026-09-01T00:00:00.000Z', 'daily');
    const preAnon = backup('2026-10-01T00:00:00.000Z', 'pre-anonymise');
    const recentPre = backup('2026-11-20T00:00:00.000Z', 'pre-anonymise');
    const after = backup('2026-11-22T00:00:00.000Z', 'daily');
    const all = [after, recentPre, preAnon, before];
    // The latest erasure more than 35 days ago was on 2 October.
    expect(backupsPastErasureLimit(all, '2026-10-02T00:00:00.000Z', now, 35).map((b) => b.name)).toEqual([
      preAnon.name,
      before.name,
    ]);
    // No erasure old enough: only pre-anonymise backups past their age go.
    expect(backupsPastErasureLimit(all, null, now, 35)).toEqual([preAnon]);
    expect(backupsPastErasureLimit(all, null, now, 60)).toEqual([]);
  });
});
