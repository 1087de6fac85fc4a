// Profile takeover (issue 13, High): a profile without a password can no longer be claimed by
// whoever picks it. A profile gets its password when it is created, or through a one-time set-up
// code an administrator issues (shown once, expires, works once, stored hashed); the first
// administrator's password follows the password rules; outside a store of demo data passwords
// are always required.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createBackend } from '../../db/backend/backend';
import { createTestBackend, tempDir } from '../support/backend';
import { runCli } from '../../db/cli/main';

const GOOD = 'three random words';
const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0)) await c();
});

/** A store of real data (not demo) with its first administrator, Ada, signed in on 'admin'. */
async function liveStore(start = '2026-11-23T10:00:00Z') {
  const dir = tempDir('worksbook-takeover-');
  let now = new Date(start).getTime();
  const backend = await createBackend({ file: path.join(dir, 'w.sqlite'), clock: { now: () => new Date(now) } });
  cleanup.push(async () => {
    await backend.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const admin = await backend.call('admin', 'staff.createFirst', { displayName: 'Ada Admin', password: GOOD });
  if (!admin.ok) throw new Error(admin.error.message);
  return { backend, dir, advance: (ms: number) => (now += ms), adminId: admin.value.staff.id };
}

async function ok<T>(result: Promise<{ ok: true; value: T } | { ok: false; error: { message: string } }>): Promise<T> {
  const r = await result;
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

const fieldsOf = (r: { ok: boolean; error?: { fields?: Array<{ path: Array<string | number> }> } }) =>
  r.ok ? [] : (r.error?.fields ?? []).map((f) => f.path.join('.'));

describe('the takeover in the issue', () => {
  it('a signed-in viewer cannot claim a new administrator added without a password', async () => {
    const { backend } = await liveStore();
    const newt = await ok(backend.call('admin', 'staff.create', { displayName: 'Newt Admin', role: 'administrator' }));
    expect(newt.hasPassword).toBe(false);
    expect(newt.setupCode?.code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    const val = await ok(
      backend.call('admin', 'staff.create', { displayName: 'Val Viewer', role: 'viewer', password: 'val pass phrase' }),
    );
    await ok(backend.call('val', 'session.start', { staffId: val.id, password: 'val pass phrase' }));

    // The attack: set a first password on the open administrator profile and be signed in as it.
    const claim = await backend.call('val', 'session.setPassword', { staffId: newt.id, newPassword: 'mine now mine' });
    expect(claim.ok).toBe(false);
    // Nor can the profile be opened without a password, or with a guessed code.
    const open = await backend.call('val', 'session.start', { staffId: newt.id });
    expect(open).toMatchObject({ ok: false, error: { kind: 'unauthenticated' } });
    const guess = await backend.call('val', 'session.redeemSetupCode', {
      staffId: newt.id,
      code: 'AAAA-BBBB-CCCC',
      newPassword: 'mine now mine',
    });
    expect(fieldsOf(guess)).toEqual(['code']);
    // Val is still who she was, and sees no staff list.
    expect((await backend.call('val', 'staff.manageList', {})).ok).toBe(false);
    expect(backend.client('val').session?.staff.id).not.toBe(newt.id);

    // Newt, with the code Ada handed over, chooses a password and is in.
    const session = await ok(
      backend.call('newt', 'session.redeemSetupCode', {
        staffId: newt.id,
        code: newt.setupCode!.code.toLowerCase().replace(/-/g, ' '),
        newPassword: 'newt pass phrase',
      }),
    );
    expect(session.staff).toMatchObject({ id: newt.id, role: 'administrator', hasPassword: true });
    expect((await backend.call('newt', 'staff.manageList', {})).ok).toBe(true);
    // The code worked once.
    const again = await backend.call('x', 'session.redeemSetupCode', {
      staffId: newt.id,
      code: newt.setupCode!.code,
      newPassword: 'another pass phrase',
    });
    expect(fieldsOf(again)).toEqual(['code']);
    expect((await backend.call('n2', 'session.start', { staffId: newt.id, password: 'newt pass phrase' })).ok).toBe(
      true,
    );
  });
});

describe('set-up codes', () => {
  it('expire, are replaced by a newer one, count as wrong attempts and are stored only as a hash', async () => {
    const { backend, advance, adminId } = await liveStore();
    const olu = await ok(backend.call('admin', 'staff.create', { displayName: 'Olu Officer', role: 'officer' }));
    const first = olu.setupCode!;
    expect(new Date(first.expiresAt).getTime() - new Date('2026-11-23T10:00:00Z').getTime()).toBe(72 * 3_600_000);
    const list = await ok(backend.call('admin', 'staff.manageList', {}));
    expect(list.find((s) => s.id === olu.id)?.setupCodeExpiresAt).toBe(first.expiresAt);

    // A newer code replaces the first.
    const second = await ok(backend.call('admin', 'staff.issueSetupCode', { id: olu.id }));
    const old = await backend.call('o', 'session.redeemSetupCode', {
      staffId: olu.id,
      code: first.code,
      newPassword: 'olu pass phrase',
    });
    expect(fieldsOf(old)).toEqual(['code']);
    // Past its 72 hours it no longer works either.
    advance(72 * 3_600_000 + 1000);
    const late = await backend.call('o', 'session.redeemSetupCode', {
      staffId: olu.id,
      code: second.code,
      newPassword: 'olu pass phrase',
    });
    expect(fieldsOf(late)).toEqual(['code']);
    const staff = await backend.store.db
      .selectFrom('staff')
      .select('failed_attempts')
      .where('id', '=', olu.id)
      .executeTakeFirstOrThrow();
    expect(staff.failed_attempts).toBe(2);
    // Nothing in the store or its log holds a code as typed.
    const dump = JSON.stringify([
      await backend.store.db.selectFrom('staff_setup_codes').selectAll().execute(),
      await backend.store.db.selectFrom('audit_log').selectAll().execute(),
    ]);
    for (const code of [first.code, second.code]) {
      expect(dump).not.toContain(code);
      expect(dump).not.toContain(code.replace(/-/g, ''));
    }
    // (Ada's own session ended after its 12 hours meanwhile.)
    await ok(backend.call('admin', 'session.start', { staffId: adminId, password: GOOD }));
    const third = await ok(backend.call('admin', 'staff.issueSetupCode', { id: olu.id }));
    expect(
      (
        await backend.call('o', 'session.redeemSetupCode', {
          staffId: olu.id,
          code: third.code,
          newPassword: 'olu pass phrase',
        })
      ).ok,
    ).toBe(true);
  });

  it('only an administrator issues them', async () => {
    const { backend } = await liveStore();
    const val = await ok(
      backend.call('admin', 'staff.create', { displayName: 'Val Viewer', role: 'viewer', password: 'val pass phrase' }),
    );
    await ok(backend.call('val', 'session.start', { staffId: val.id, password: 'val pass phrase' }));
    expect(await backend.call('val', 'staff.issueSetupCode', { id: val.id })).toMatchObject({
      ok: false,
      error: { kind: 'forbidden' },
    });
  });
});

describe('passwords in a store of real data', () => {
  it("the first administrator's password is required and follows the password rules", async () => {
    const dir = tempDir('worksbook-takeover-');
    const backend = await createBackend({ file: path.join(dir, 'w.sqlite') });
    cleanup.push(async () => {
      await backend.close();
      fs.rmSync(dir, { recursive: true, force: true });
    });
    expect(fieldsOf(await backend.call('a', 'staff.createFirst', { displayName: 'Ada Admin' }))).toEqual(['password']);
    expect(
      fieldsOf(await backend.call('a', 'staff.createFirst', { displayName: 'Ada Admin', password: 'short' })),
    ).toEqual(['password']);
    expect(
      fieldsOf(await backend.call('a', 'staff.createFirst', { displayName: 'Ada Admin', password: 'password123' })),
    ).toEqual(['password']);
    expect((await backend.call('a', 'staff.createFirst', { displayName: 'Ada Admin', password: GOOD })).ok).toBe(true);
  });

  it('are always required: the setting cannot turn them off, except in a store of demo data', async () => {
    const { backend } = await liveStore();
    expect(await ok(backend.call('admin', 'session.policy', {}))).toMatchObject({ passwordsRequired: true });
    const off = await backend.call('admin', 'trust.saveSettings', { requirePasswords: false, autoLockMinutes: 15 });
    expect(fieldsOf(off)).toEqual(['requirePasswords']);
    expect(await ok(backend.call('admin', 'trust.settings', {}))).toMatchObject({
      requirePasswords: true,
      demoStore: false,
      sessionHours: 12,
    });

    const demo = await createTestBackend();
    cleanup.push(() => demo.close());
    expect(await demo.ok('trust.settings', {})).toMatchObject({ requirePasswords: false, demoStore: true });
    await demo.ok('trust.saveSettings', { requirePasswords: true, autoLockMinutes: 15 });
    expect(await demo.ok('session.policy', {})).toMatchObject({ passwordsRequired: true });
    await demo.ok('trust.saveSettings', { requirePasswords: false, autoLockMinutes: 15 });
  });

  it('a programme from before passwords were required: its first administrator sets one, then no one else can claim', async () => {
    const dir = tempDir('worksbook-takeover-');
    const backend = await createBackend({ file: path.join(dir, 'w.sqlite') });
    cleanup.push(async () => {
      await backend.close();
      fs.rmSync(dir, { recursive: true, force: true });
    });
    // As an older version left it: profiles, none with a password.
    const insert = (display_name: string, role: 'administrator' | 'viewer') =>
      backend.store.db
        .insertInto('staff')
        .values({ display_name, role, email: null, password_hash: null, locked_until: null, created_at: 'x' })
        .returning('id')
        .executeTakeFirstOrThrow();
    const ada = await insert('Ada Admin', 'administrator');
    const bea = await insert('Bea Admin', 'administrator');
    const val = await insert('Val Viewer', 'viewer');
    expect((await backend.call('v', 'session.start', { staffId: val.id })).ok).toBe(false);
    // Only an administrator may set the first password...
    expect(
      (await backend.call('v', 'session.setPassword', { staffId: val.id, newPassword: 'val pass phrase' })).ok,
    ).toBe(false);
    expect(
      (await backend.call('a', 'session.setPassword', { staffId: ada.id, newPassword: 'ada pass phrase' })).ok,
    ).toBe(true);
    // ...and once anyone has one, every other profile needs a set-up code.
    const late = await backend.call('v', 'session.setPassword', { staffId: bea.id, newPassword: 'bea pass phrase' });
    expect(late).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    expect((await backend.call('a', 'staff.issueSetupCode', { id: bea.id })).ok).toBe(true);
  });
});

describe('wrong attempts at the same moment', () => {
  it('are each counted: twelve at once lock the profile after five, and the right password is then refused', async () => {
    const { backend } = await liveStore();
    const pat = await ok(
      backend.call('admin', 'staff.create', {
        displayName: 'Pat Locksmith',
        role: 'officer',
        password: 'correct horse 42',
      }),
    );
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        backend.call(`w${i}`, 'session.start', { staffId: pat.id, password: `wrong guess ${i}` }),
      ),
    );
    expect(results.every((r) => !r.ok)).toBe(true);
    const failed = await backend.store.db
      .selectFrom('audit_log')
      .select('summary')
      .where('action', '=', 'sign-in-failed')
      .execute();
    expect(failed).toHaveLength(5);
    expect(
      await backend.store.db.selectFrom('audit_log').select('id').where('action', '=', 'lockout').execute(),
    ).toHaveLength(1);
    const right = await backend.call('r', 'session.start', { staffId: pat.id, password: 'correct horse 42' });
    expect(right.ok ? '' : right.error.message).toMatch(/locked/);
  });

  it('counts from the stored value, not from a copy read before (one UPDATE per attempt)', async () => {
    const { backend } = await liveStore();
    const pat = await ok(
      backend.call('admin', 'staff.create', {
        displayName: 'Pat Locksmith',
        role: 'officer',
        password: 'correct horse 42',
      }),
    );
    const { countWrongAttempt } = await import('../../db/features/staff/staff.repository');
    // Two attempts that both read failed_attempts = 0 before either wrote: both count.
    const counts = await backend.store.db
      .transaction()
      .execute(async (tx) => [
        await countWrongAttempt(tx, pat.id, '2026-11-23T10:00:00.000Z'),
        await countWrongAttempt(tx, pat.id, '2026-11-23T10:00:00.000Z'),
      ]);
    expect(counts).toEqual([1, 2]);
  });
});

describe('sessions have an absolute lifetime', () => {
  it('ends a session twelve hours after sign-in however active it was, and says why', async () => {
    const { backend, advance, adminId } = await liveStore();
    const reasons: string[] = [];
    backend.onEvent((e) => {
      if (e.type === 'session-locked') reasons.push(e.reason);
    });
    for (let h = 0; h < 12 * 6; h++) {
      advance(10 * 60_000);
      expect((await backend.call('admin', 'session.touch', {})).ok).toBe(true);
    }
    advance(60_000);
    expect((await backend.call('admin', 'session.touch', {})).ok).toBe(false);
    expect(reasons).toEqual(['session-expired']);
    expect((await backend.call('admin', 'session.start', { staffId: adminId, password: GOOD })).ok).toBe(true);
    expect(
      (
        await backend.call('admin', 'trust.saveSettings', {
          requirePasswords: true,
          autoLockMinutes: 15,
          sessionHours: 1,
        })
      ).ok,
    ).toBe(true);
    advance(61 * 60_000);
    expect(backend.lockIdleSessions()).toBe(1);
  });
});

describe('the command line', () => {
  it("acts as a staff member only with that person's password", async () => {
    const dir = tempDir('worksbook-cli-as-');
    const file = path.join(dir, 'w.sqlite');
    const backend = await createBackend({ file, key: null });
    await ok(backend.call('setup', 'staff.createFirst', { displayName: 'Ada Admin', password: GOOD }));
    await backend.close();
    cleanup.push(async () => fs.rmSync(dir, { recursive: true, force: true }));
    const out: string[] = [];
    const io = { out: (s: string) => out.push(s), err: (s: string) => out.push(`ERR ${s}`) };
    const stats = [
      'stats',
      '--from',
      '2025-04-01',
      '--to',
      '2026-03-31',
      '--db',
      file,
      '--plaintext',
      '--as',
      'Ada Admin',
    ];
    try {
      vi.stubEnv('WORKSBOOK_STAFF_PASSWORD', '');
      expect(await runCli(stats, io)).toBe(1);
      expect(out.join('\n')).toMatch(/Ada Admin has a password: give it in WORKSBOOK_STAFF_PASSWORD/);
      out.length = 0;
      vi.stubEnv('WORKSBOOK_STAFF_PASSWORD', 'not her password at all');
      expect(await runCli(stats, io)).toBe(1);
      expect(out.join('\n')).toMatch(/Could not sign in as Ada Admin: The password is not right/);
      out.length = 0;
      vi.stubEnv('WORKSBOOK_STAFF_PASSWORD', GOOD);
      expect(await runCli(stats, io), out.join('\n')).toBe(0);
    } finally {
      vi.unstubAllEnvs();
    }
    // The wrong attempt counted like one in the window; the right one is an audited sign-in.
    const reopened = await createBackend({ file, key: null });
    try {
      const audit = await reopened.store.db.selectFrom('audit_log').select(['action', 'summary']).execute();
      expect(audit.filter((a) => a.action === 'sign-in').length).toBeGreaterThanOrEqual(1);
      const ada = await reopened.store.db.selectFrom('staff').selectAll().executeTakeFirstOrThrow();
      expect(ada.failed_attempts).toBe(0); // reset by the right password
    } finally {
      await reopened.close();
    }
  });
});
