// Sign-in: passwords, lockout after five failures for fifteen minutes (audited), first
// passwords, administrator resets, the "passwords required" rule, role changes taking effect at
// once, and auto-lock after inactivity.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../db/backend/backend';
import type { BackendEvent } from '../../shared/events';
import { tempDir } from '../support/backend';

const GOOD = 'three random words';
const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0)) await c();
});

async function setup() {
  const dir = tempDir('worksbook-signin-');
  let now = new Date('2026-11-23T10:00:00Z').getTime();
  const clock = { now: () => new Date(now) };
  const backend = await createBackend({ file: path.join(dir, 'w.sqlite'), clock });
  const events: BackendEvent[] = [];
  backend.onEvent((e) => events.push(e));
  cleanup.push(async () => {
    await backend.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const admin = await backend.call('admin', 'staff.createFirst', { displayName: 'Ada Admin', password: GOOD });
  if (!admin.ok) throw new Error(admin.error.message);
  return { backend, events, advance: (ms: number) => (now += ms), adminId: admin.value.staff.id };
}

async function auditActions(backend: Backend): Promise<string[]> {
  return (await backend.store.db.selectFrom('audit_log').select('action').orderBy('id').execute()).map((r) => r.action);
}

describe('sign-in', () => {
  it('locks a profile after five wrong passwords for fifteen minutes, and says so', async () => {
    const { backend, advance, adminId } = await setup();
    for (let i = 1; i <= 4; i++) {
      const r = await backend.call('w', 'session.start', { staffId: adminId, password: 'wrong wrong wrong' });
      expect(r.ok ? '' : r.error.message).toBe('The password is not right.');
    }
    const fifth = await backend.call('w', 'session.start', { staffId: adminId, password: 'wrong wrong wrong' });
    expect(fifth.ok ? '' : fifth.error.message).toMatch(/locked after 5 wrong attempts/);
    // Even the right password is refused while locked.
    const locked = await backend.call('w', 'session.start', { staffId: adminId, password: GOOD });
    expect(locked.ok ? '' : locked.error.message).toMatch(/locked/);
    expect((await auditActions(backend)).filter((a) => a === 'sign-in-failed')).toHaveLength(5);
    expect(await auditActions(backend)).toContain('lockout');
    advance(15 * 60_000 + 1000);
    const after = await backend.call('w', 'session.start', { staffId: adminId, password: GOOD });
    expect(after.ok).toBe(true);
    const row = await backend.store.db
      .selectFrom('staff')
      .select(['failed_attempts', 'locked_until'])
      .where('id', '=', adminId)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ failed_attempts: 0, locked_until: null });
  });

  it('an administrator resets a password and unlocks; users change their own', async () => {
    const { backend } = await setup();
    const created = await backend.call('admin', 'staff.create', {
      displayName: 'Val Viewer',
      role: 'viewer',
      password: 'initial pass 123',
    });
    const id = created.ok ? created.value.id : 0;
    const reset = await backend.call('admin', 'staff.resetPassword', { id, newPassword: 'reset by admin 1' });
    expect(reset.ok).toBe(true);
    expect((await backend.call('v', 'session.start', { staffId: id, password: 'initial pass 123' })).ok).toBe(false);
    expect((await backend.call('v', 'session.start', { staffId: id, password: 'reset by admin 1' })).ok).toBe(true);
    const wrongCurrent = await backend.call('v', 'staff.changeOwnPassword', {
      currentPassword: 'nope',
      newPassword: 'my own choice 99',
    });
    expect(wrongCurrent.ok ? [] : wrongCurrent.error.fields?.map((f) => f.path[0])).toEqual(['currentPassword']);
    expect(
      (
        await backend.call('v', 'staff.changeOwnPassword', {
          currentPassword: 'reset by admin 1',
          newPassword: 'my own choice 99',
        })
      ).ok,
    ).toBe(true);
    // The viewer cannot reset anyone's password.
    expect((await backend.call('v', 'staff.resetPassword', { id, newPassword: 'sneaky change 1' })).ok).toBe(false);
    const actions = await auditActions(backend);
    expect(actions).toEqual(expect.arrayContaining(['password-reset', 'password-change']));
    // No password or hash ever lands in the audit log.
    const dump = JSON.stringify(await backend.store.db.selectFrom('audit_log').selectAll().execute());
    expect(dump).not.toMatch(/reset by admin|my own choice|scrypt\$/);
  });

  it('keeps one active administrator, and a role change applies to a live session at once', async () => {
    const { backend, adminId } = await setup();
    const demote = await backend.call('admin', 'staff.update', { id: adminId, role: 'officer' });
    expect(demote.ok ? '' : demote.error.kind).toBe('conflict');
    const other = await backend.call('admin', 'staff.create', {
      displayName: 'Bea Admin',
      role: 'administrator',
      password: 'bea pass phrase',
    });
    const beaId = other.ok ? other.value.id : 0;
    expect((await backend.call('bea', 'session.start', { staffId: beaId, password: 'bea pass phrase' })).ok).toBe(true);
    expect((await backend.call('bea', 'staff.manageList', {})).ok).toBe(true);
    expect((await backend.call('admin', 'staff.update', { id: beaId, role: 'viewer' })).ok).toBe(true);
    const r = await backend.call('bea', 'staff.manageList', {});
    expect(r.ok ? '' : r.error.kind).toBe('forbidden');
    expect((await backend.call('admin', 'staff.update', { id: beaId, isActive: false })).ok).toBe(true);
    const gone = await backend.call('bea', 'staff.list', {});
    expect(gone.ok ? '' : gone.error.kind).toBe('unauthenticated');
  });
});

describe('auto-lock', () => {
  it('drops an idle session, tells the window, and keeps an active one', async () => {
    const { backend, events, advance } = await setup();
    expect(
      (await backend.call('admin', 'trust.settings', {})).ok && (await backend.call('admin', 'trust.settings', {})),
    ).toMatchObject({ value: { autoLockMinutes: 15 } });
    advance(14 * 60_000);
    expect((await backend.call('admin', 'session.touch', {})).ok).toBe(true);
    advance(14 * 60_000);
    expect(backend.lockIdleSessions()).toBe(0);
    advance(2 * 60_000);
    expect(backend.lockIdleSessions()).toBe(1);
    expect(events.some((e) => e.type === 'session-locked' && e.reason === 'inactivity')).toBe(true);
    const after = await backend.call('admin', 'staff.list', {});
    expect(after.ok ? '' : after.error.kind).toBe('unauthenticated');
  });

  it('an idle session is refused on its next request even before the sweep, and the setting can turn it off', async () => {
    const { backend, advance, adminId } = await setup();
    expect((await backend.call('admin', 'trust.saveSettings', { requirePasswords: true, autoLockMinutes: 5 })).ok).toBe(
      true,
    );
    advance(6 * 60_000);
    const r = await backend.call('admin', 'staff.list', {});
    expect(r.ok ? '' : r.error.kind).toBe('unauthenticated');
    expect((await backend.call('admin', 'session.start', { staffId: adminId, password: GOOD })).ok).toBe(true);
    expect((await backend.call('admin', 'trust.saveSettings', { requirePasswords: true, autoLockMinutes: 0 })).ok).toBe(
      true,
    );
    advance(10 * 60 * 60_000);
    expect((await backend.call('admin', 'staff.list', {})).ok).toBe(true);
  });
});
