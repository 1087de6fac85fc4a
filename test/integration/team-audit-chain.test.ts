// The keyed audit chain across `cli team migrate` (issue 18). A data file chains its audit log with
// HMAC under the audit key in its key envelope; the copy keeps that key on the team database for the
// copied entries, makes the database's own key for every entry after the copy (readable by the
// owner and administrators only), and the database chains each new entry itself, whoever inserts
// it. `audit.verify` then checks the whole chain across the copy, and altering a copied or a server
// entry is found. On the SQLite run: a data file's check is as before, with no server keys.
import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../db/backend/backend';
import { fixedClock } from '../../db/backend/clock';
import { runCli } from '../../db/cli/main';
import type { ChannelInput, ChannelName } from '../../shared/contract/index';
import { auditHash } from '../../db/features/audit/audit.repository';
import { readServerChainKeys } from '../../db/store/team-roles';
import { createTestBackend, tempDir, TEST_NOW, type TestBackend } from '../support/backend';
import { asSuperuser, createTestDatabase, dropTestDatabase, isPostgresRun, testServerUrl } from '../support/test-store';

const PASSPHRASE = 'the office laptop passphrase';
const PASSWORD = 'test-server-only-password';
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

/** A keyed data file with some history about a person. */
async function keyedSoloStore(): Promise<TestBackend> {
  const t = await createTestBackend({ key: { kind: 'passphrase', text: PASSPHRASE } });
  dirs.push(t.dir);
  const { id } = await t.ok('participants.create', {
    record: {
      firstName: 'Amira',
      lastName: 'Khan',
      dateOfBirth: '14/02/1998',
      niStatus: 'known',
      niNumber: 'JK 12 34 56 C',
      postcode: 'SG1 1AA',
      startDate: '10/01/2026',
    },
  });
  await t.ok('participants.addNote', { id, body: 'Called about the "CSCS" course\n\tand a café job ✓' });
  return t;
}

describe.skipIf(isPostgresRun)('a data file (SQLite run)', () => {
  it('verifies with its envelope key as before; it keeps no server keys', async () => {
    const t = await keyedSoloStore();
    expect(await readServerChainKeys(t.backend.store.db)).toBeNull();
    expect(await t.ok('audit.verify', {})).toMatchObject({ ok: true, keyed: true, firstBrokenId: null });
    await t.close();
  }, 120_000);
});

describe.skipIf(!isPostgresRun)('the audit chain across a copy into a team database (PostgreSQL run)', () => {
  const suffix = randomBytes(3).toString('hex');
  const logins = { officer: `ac_officer_${suffix}`, admin: `ac_admin_${suffix}` };
  const backends: Backend[] = [];
  let database = '';
  afterAll(async () => {
    for (const b of backends) await b.close();
    if (database) await dropTestDatabase(database);
    await asSuperuser(async (c) => {
      for (const login of Object.values(logins)) await c.query(`drop role if exists ${login}`).catch(() => {});
    });
  });

  const cli = async (...args: string[]) => {
    const out: string[] = [];
    const code = await runCli(args, { out: (s) => out.push(s), err: (s) => out.push(`ERR ${s}`) });
    return { code, out: out.join('\n') };
  };
  const backendAs = async (url: string) => {
    const b = await createBackend({ file: url, clock: fixedClock(TEST_NOW), dataDir: tempDir() });
    backends.push(b);
    return b;
  };
  const ok = async <C extends ChannelName>(b: Backend, channel: C, input: ChannelInput<C>) => {
    const result = await b.call('app', channel, input);
    if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
    return result.value;
  };
  /** Changes one stored entry as only someone who can drop the log's guards could (a superuser). */
  const tamper = (id: number, summary: string) =>
    asSuperuser(async (c) => {
      await c.query('alter table audit_log disable trigger audit_log_no_update');
      try {
        await c.query('update audit_log set summary = $1 where id = $2', [summary, id]);
      } finally {
        await c.query('alter table audit_log enable trigger audit_log_no_update');
      }
    }, database);

  it('audit.verify reports the whole chain intact after officers work on the server; an altered entry is found', async () => {
    const solo = await keyedSoloStore();
    const administrator = solo.staffId;
    const soloCheck = await solo.ok('audit.verify', {});
    expect(soloCheck).toMatchObject({ ok: true, keyed: true });
    await solo.backend.close(); // the file stays for the copy

    database = await createTestDatabase('ac');
    const url = testServerUrl(database);
    process.env.WORKSBOOK_PASSPHRASE = PASSPHRASE;
    try {
      const migrated = await cli('team', 'migrate', '--from', solo.file, '--to', url);
      expect(migrated, migrated.out).toMatchObject({ code: 0 });
    } finally {
      delete process.env.WORKSBOOK_PASSPHRASE;
    }
    expect((await cli('team', 'setup-roles', '--db', url)).code).toBe(0);
    await asSuperuser(async (c) => {
      await c.query(`create role ${logins.officer} login password '${PASSWORD}' in role worksbook_officer`);
      await c.query(`create role ${logins.admin} login password '${PASSWORD}' in role worksbook_admin`);
    });

    // The owner's tools: an officer added, and each login linked to its profile.
    const owner = await backendAs(url);
    await ok(owner, 'session.start', { staffId: administrator });
    const officer = await ok(owner, 'staff.create', { displayName: 'Olu Officer', role: 'officer' });
    await ok(owner, 'staff.setDatabaseLogin', { id: officer.id, login: logins.officer });
    await ok(owner, 'staff.setDatabaseLogin', { id: administrator, login: logins.admin });

    // The officer works on the server under their own login.
    const asOfficer = await backendAs(testServerUrl(database, logins.officer, PASSWORD));
    await ok(asOfficer, 'session.start', { staffId: officer.id });
    const { id } = await ok(asOfficer, 'participants.create', {
      record: {
        firstName: 'Ben',
        lastName: 'Server',
        dateOfBirth: '01/03/1991',
        niStatus: 'known',
        niNumber: 'JK 12 34 58 C',
        postcode: 'SG1 1AB',
        startDate: '11/01/2026',
      },
    });
    await ok(asOfficer, 'participants.addNote', { id, body: 'First visit to the hub' });
    // Even an entry inserted by hand with a hash of the officer's choosing is chained by the database.
    const direct = new pg.Client({ connectionString: testServerUrl(database, logins.officer, PASSWORD) });
    await direct.connect();
    try {
      await direct.query(
        `insert into audit_log (at, staff_id, action, entity, summary, prev_hash, hash)
         values ($1, $2, 'view', 'participant', $3, 'chosen', 'forged')`,
        // Text whose JSON escapes the database must write exactly as the app does.
        [TEST_NOW, officer.id, 'Looked at the "list" \\ of\n\tpeople \u0001 café ✓ \u2028 😀 /'],
      );
      // The keys are not the officer's to read, nor the epochs theirs to change.
      await expect(direct.query('select key from worksbook_audit_chain_keys')).rejects.toMatchObject({
        code: '42501',
      });
      await expect(direct.query('delete from audit_epochs')).rejects.toMatchObject({ code: '42501' });
    } finally {
      await direct.end();
    }

    // Checked by an administrator under their own login: every entry, across the copy.
    const asAdmin = await backendAs(testServerUrl(database, logins.admin, PASSWORD));
    await ok(asAdmin, 'session.start', { staffId: administrator });
    const check = await ok(asAdmin, 'audit.verify', {});
    const db = owner.store.db;
    const all = await db.selectFrom('audit_log').select(['id', 'hash', 'prev_hash']).orderBy('id').execute();
    expect(check).toMatchObject({ ok: true, problem: null });
    // All but the check's own entry, written after it read the log.
    expect(check.checked).toBe(all.length - 1);
    expect(check.checked).toBeGreaterThan(soloCheck.checked + 5);
    expect(all.some((r) => r.hash === 'forged' || r.prev_hash === 'chosen')).toBe(false);

    // Where the team database's key took over: recorded as an epoch, and the entries after it are
    // keyed (not the plain chain someone with the tables alone could recompute).
    const boundary = await db
      .selectFrom('audit_epochs')
      .select('first_entry_id')
      .where('reason', '=', 'team-database')
      .executeTakeFirstOrThrow();
    // After the file's entries and its own check's.
    expect(boundary.first_entry_id).toBe(soloCheck.checked + 2);
    const serverRow = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('id', '>', boundary.first_entry_id)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    expect(auditHash(serverRow.prev_hash, serverRow)).not.toBe(serverRow.hash);
    const keys = await readServerChainKeys(db);
    expect(Array.isArray(keys) && keys.map((k) => k.firstEntryId)).toEqual([
      expect.any(Number),
      boundary.first_entry_id,
    ]);

    // One server entry altered: found at that entry. Put back: intact again.
    await tamper(serverRow.id, 'Nothing happened here');
    expect(await ok(asAdmin, 'audit.verify', {})).toMatchObject({ ok: false, firstBrokenId: serverRow.id });
    await tamper(serverRow.id, serverRow.summary);
    expect(await ok(asAdmin, 'audit.verify', {})).toMatchObject({ ok: true });
    // One copied entry (chained on the laptop with the data file's key) altered: found too.
    const copied = await db
      .selectFrom('audit_log')
      .select(['id', 'summary'])
      .where('id', '<', boundary.first_entry_id)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    await tamper(copied.id, 'Something else');
    expect(await ok(asAdmin, 'audit.verify', {})).toMatchObject({ ok: false, firstBrokenId: copied.id });
    await tamper(copied.id, copied.summary);
    expect(await ok(owner, 'audit.verify', {})).toMatchObject({ ok: true });
  }, 240_000);
});

describe.skipIf(!isPostgresRun)('a team database started empty (PostgreSQL run)', () => {
  const suffix = randomBytes(3).toString('hex');
  const login = `ae_officer_${suffix}`;
  const backends: Backend[] = [];
  let database = '';
  afterAll(async () => {
    for (const b of backends) await b.close();
    if (database) await dropTestDatabase(database);
    await asSuperuser((c) => c.query(`drop role if exists ${login}`).catch(() => {}));
  });

  it('is keyed when its first administrator is made: a hand-written entry is chained by the database, and verify checks it', async () => {
    database = await createTestDatabase('ae');
    const url = testServerUrl(database);
    const owner = await createBackend({ file: url, clock: fixedClock(TEST_NOW), dataDir: tempDir() });
    backends.push(owner);
    const first = await owner.call('setup', 'staff.createFirst', {
      displayName: 'Ada Admin',
      password: 'a long enough first password',
    });
    expect(first.ok).toBe(true);
    const db = owner.store.db;
    const keys = await readServerChainKeys(db);
    expect(Array.isArray(keys) && keys.length).toBe(1);
    const [start] = await db.selectFrom('audit_log').selectAll().where('action', '=', 'audit-keyed').execute();
    expect(start?.summary).toMatch(/^Team database started: from this entry on/);
    expect(Array.isArray(keys) && keys[0]!.firstEntryId).toBe(start!.id);
    expect(
      await db.selectFrom('audit_epochs').select('first_entry_id').where('reason', '=', 'team-database').execute(),
    ).toEqual([{ first_entry_id: start!.id }]);
    // The administrator's own entry is chained with the database's key, not the plain chain.
    const created = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity', '=', 'staff')
      .where('action', '=', 'create')
      .executeTakeFirstOrThrow();
    expect(created.id).toBeGreaterThan(start!.id);
    expect(auditHash(created.prev_hash, created)).not.toBe(created.hash);

    // A staff login writing an entry by hand cannot choose its hash.
    expect(await runCli(['team', 'setup-roles', '--db', url], { out: () => {}, err: () => {} })).toBe(0);
    await asSuperuser((c) => c.query(`create role ${login} login password '${PASSWORD}' in role worksbook_officer`));
    const direct = new pg.Client({ connectionString: testServerUrl(database, login, PASSWORD) });
    await direct.connect();
    try {
      await direct.query(
        `insert into audit_log (at, staff_id, action, entity, summary, prev_hash, hash)
         values ($1, null, 'view', 'participant', 'Looked', 'chosen', 'forged')`,
        [TEST_NOW],
      );
    } finally {
      await direct.end();
    }
    const signedIn = await owner.call('setup', 'session.start', {
      staffId: first.ok ? first.value.staff.id : 0,
      password: 'a long enough first password',
    });
    expect(signedIn.ok).toBe(true);
    const check = await owner.call('setup', 'audit.verify', {});
    expect(check).toMatchObject({ ok: true, value: { ok: true, problem: null } });
    const all = await db.selectFrom('audit_log').select(['hash', 'prev_hash']).execute();
    expect(all.some((r) => r.hash === 'forged' || r.prev_hash === 'chosen')).toBe(false);
  }, 120_000);
});
