// The recovery key as an administrator meets it (issue 13): shown after set-up until someone
// confirms writing it down, then never again; replaced on request with the administrator's
// password, the old key no longer opening the data file. The key never reaches the audit log.
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import { createTestBackend, type TestBackend } from '../support/backend';
import { createBackend } from '../../db/backend/backend';
import { openStore } from '../../db/store/connection';
import { readEnvelope } from '../../db/store/key-envelope';
import { WrongKeyError } from '../../db/store/sqlite/encryption';

const passphrase = { kind: 'passphrase' as const, text: 'the office laptop passphrase' };
let t: TestBackend | null = null;
const dirs: string[] = [];
afterEach(async () => {
  await t?.close();
  t = null;
});
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

/** Closes the test backend but keeps its data folder, to open the file again by other means. */
async function closeKeepingFiles(): Promise<{ file: string; dir: string }> {
  const { file, dir, backend } = t!;
  t = null;
  dirs.push(dir);
  await backend.close();
  return { file, dir };
}

async function auditText(tb: TestBackend): Promise<string> {
  const rows = await tb.backend.store.db.selectFrom('audit_log').selectAll().execute();
  return JSON.stringify(rows);
}

describe('the recovery key shown once', () => {
  it('is shown to an administrator until confirmed, never to a viewer, and not again after a restart', async () => {
    t = await createTestBackend({ key: passphrase });
    const shown = await t.ok('keys.recoveryKey', {});
    expect(shown.hasRecoveryKey).toBe(true);
    expect(shown.recoveryKey).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}(-[0-9A-HJKMNP-TV-Z]{5}){5}$/);
    const key = shown.recoveryKey!;

    await t.signInAs('officer');
    const refused = await t.call('keys.recoveryKey', {});
    expect(refused.ok ? 'shown' : refused.error.kind).toBe('forbidden');
    expect((await t.call('keys.confirmRecoveryKey', {})).ok).toBe(false);
    await t.signInAs('administrator', 'Second Administrator');

    await t.ok('keys.confirmRecoveryKey', {});
    expect(await t.ok('keys.recoveryKey', {})).toEqual({ hasRecoveryKey: true, recoveryKey: null });
    expect(readEnvelope(t.backend.services.keys.envelopeFile!)!.recoveryConfirmed).toBe(true);
    const audit = await auditText(t);
    expect(audit).toMatch(/Confirmed the recovery key is written down/);
    expect(audit).not.toContain(key);
    expect(audit).not.toContain(key.replace(/-/g, ''));

    // After a restart the key is not made or shown again, and it still opens the file.
    const { file, dir } = await closeKeepingFiles();
    const again = await createBackend({ file, key: passphrase, dataDir: dir });
    expect(again.services.keys.pendingRecoveryKey).toBeNull();
    await again.close();
    const byRecovery = await openStore({ file, key: { kind: 'recovery', key } });
    await byRecovery.close();
  }, 120_000);

  it('makes a new one with the administrator password: the old one stops opening the file, the new one opens it', async () => {
    t = await createTestBackend({ key: passphrase });
    const old = (await t.ok('keys.recoveryKey', {})).recoveryKey!;
    await t.ok('keys.confirmRecoveryKey', {});

    const noPassword = await t.call('keys.newRecoveryKey', { password: 'anything at all' });
    expect(noPassword.ok ? '' : noPassword.error.message).toMatch(/Set your own password first/);
    await t.ok('staff.changeOwnPassword', { newPassword: 'admin pass phrase 7' });
    const wrong = await t.call('keys.newRecoveryKey', { password: 'not my password' });
    expect(wrong.ok ? '' : wrong.error.message).toMatch(/password is not right/);

    const { recoveryKey } = await t.ok('keys.newRecoveryKey', { password: 'admin pass phrase 7' });
    expect(recoveryKey).not.toBe(old);
    // Shown until confirmed, like the first one.
    expect((await t.ok('keys.recoveryKey', {})).recoveryKey).toBe(recoveryKey);
    const envelope = readEnvelope(t.backend.services.keys.envelopeFile!)!;
    expect(envelope.slots.filter((s) => s.kind === 'recovery')).toHaveLength(1);
    expect(envelope.recoveryConfirmed).toBe(false);
    const audit = await auditText(t);
    expect(audit).toMatch(/Made a new recovery key/);
    expect(audit).not.toContain(recoveryKey);

    await t.ok('keys.confirmRecoveryKey', {});
    const { file } = await closeKeepingFiles();
    await expect(openStore({ file, key: { kind: 'recovery', key: old } })).rejects.toBeInstanceOf(WrongKeyError);
    const byNew = await openStore({ file, key: { kind: 'recovery', key: recoveryKey } });
    await byNew.close();
  }, 120_000);

  it('a wrong password counts toward the sign-in lockout (attempts at once each counted), with the same locked message', async () => {
    t = await createTestBackend({ key: passphrase });
    const password = 'admin pass phrase 7';
    await t.ok('staff.changeOwnPassword', { newPassword: password });
    const before = readEnvelope(t.backend.services.keys.envelopeFile!)!.slots.find((s) => s.kind === 'recovery');
    const message = (r: Awaited<ReturnType<TestBackend['call']>>) => (r.ok ? 'accepted' : r.error.message);

    // Two wrong here and two at sign-in (another window) count to the same limit...
    for (const guess of ['not my password', 'still not it'])
      expect(message(await t.call('keys.newRecoveryKey', { password: guess }))).toMatch(/password is not right/);
    for (const guess of ['wrong at sign-in', 'wrong again'])
      expect(
        message(await t.backend.call('other-window', 'session.start', { staffId: t.staffId, password: guess })),
      ).toMatch(/password is not right/);
    // ...and five more at the same moment: one reaches the limit and locks, the others meet the lock.
    const atOnce = await Promise.all(
      Array.from({ length: 5 }, (_, i) => t!.call('keys.newRecoveryKey', { password: `guess number ${i}` })),
    );
    expect(atOnce.every((r) => !r.ok)).toBe(true);
    expect(atOnce.map(message).filter((m) => /This profile is locked after 5 wrong attempts/.test(m)).length).toBe(5);
    const actions = await t.backend.store.db
      .selectFrom('audit_log')
      .select(['action', 'summary'])
      .where('action', 'in', ['sign-in-failed', 'lockout'])
      .orderBy('id')
      .execute();
    expect(actions.filter((a) => a.action === 'sign-in-failed')).toHaveLength(5);
    expect(actions.filter((a) => a.action === 'lockout')).toHaveLength(1);
    expect(actions[0]!.summary).toMatch(/Wrong password \(new recovery key\) for Test Administrator \(attempt 1\)/);

    // Locked: the right password is refused here and at sign-in, with the sign-in's message, and
    // the recovery key is as it was.
    const right = await t.call('keys.newRecoveryKey', { password });
    expect(message(right)).toMatch(/This profile is locked after 5 wrong attempts. Try again after \d\d:\d\d/);
    expect(right.ok ? null : right.error.kind).toBe('unauthenticated');
    expect(message(await t.backend.call('other-window', 'session.start', { staffId: t.staffId, password }))).toBe(
      message(right),
    );
    const after = readEnvelope(t.backend.services.keys.envelopeFile!)!.slots.find((s) => s.kind === 'recovery');
    expect(after).toEqual(before);
  }, 120_000);

  it('a store without a key envelope has no recovery key to show or confirm', async () => {
    t = await createTestBackend();
    expect(await t.ok('keys.recoveryKey', {})).toEqual({ hasRecoveryKey: false, recoveryKey: null });
    const confirm = await t.call('keys.confirmRecoveryKey', {});
    expect(confirm.ok ? '' : confirm.error.kind).toBe('conflict');
  });
});
