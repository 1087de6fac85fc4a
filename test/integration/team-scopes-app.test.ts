// Organisation scopes from the app (issue 18): an administrator reads and changes, per partner
// organisation, which participants its staff see (Settings → Team database). The change is the
// statement `cli team scope` runs, audited; PostgreSQL then holds the organisation's login to it
// (checked by connecting as the login directly). A data file has no server scopes: said, and a
// change refused.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../db/cli/main';
import { createTestBackend, type TestBackend } from '../support/backend';
import { asSuperuser, isPostgresRun, testServerUrl } from '../support/test-store';

const PASSWORD = 'test-server-only-password';
const at = '2026-01-05T10:00:00.000Z';
let t: TestBackend;
let jcp: number;

beforeAll(async () => {
  t = await createTestBackend();
  const db = t.backend.store.db;
  jcp = (
    await db
      .insertInto('organisations')
      .values({ name: 'Jobcentre Plus Stevenage', kind: 'jcp_office', created_at: at, updated_at: at })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  await db
    .insertInto('organisations')
    .values({ name: 'Fairlands Build Ltd', kind: 'employer', created_at: at, updated_at: at })
    .execute();
  for (const [reference, referral_source] of [
    ['SW-SC0001', 'jcp'],
    ['SW-SC0002', 'self'],
  ] as const)
    await db
      .insertInto('participants')
      .values({ reference, first_name: 'P', last_name: reference, referral_source, created_at: at, updated_at: at })
      .execute();
}, 120_000);
afterAll(() => t.close());

describe.skipIf(isPostgresRun)('on a data file (SQLite run)', () => {
  it('says there are no server scopes and refuses a change', async () => {
    expect(await t.ok('team.scopes', {})).toEqual({ teamMode: false, setUp: false, organisations: [] });
    expect(await t.call('team.setScope', { organisationId: jcp, sees: 'all' })).toMatchObject({
      ok: false,
      error: { kind: 'conflict', message: /team database/ },
    });
  });
});

// Scopes are the server's row-level security: on the SQLite run there is no server.
describe.skipIf(!isPostgresRun)('on a team database (PostgreSQL run)', () => {
  const login = `sc_jcp_${randomBytes(3).toString('hex')}`;
  afterAll(() => asSuperuser((c) => c.query(`drop role if exists ${login}`)));

  const seen = async () => {
    const client = new pg.Client({
      connectionString: testServerUrl(new URL(t.file).pathname.slice(1), login, PASSWORD),
    });
    await client.connect();
    try {
      const { rows } = await client.query(
        "select reference from participants where reference like 'SW-SC%' order by 1",
      );
      return rows.map((r: { reference: string }) => r.reference);
    } finally {
      await client.end();
    }
  };

  it('before the server is set up: says so; after: each partner with its scope, changed and audited', async () => {
    expect(await t.ok('team.scopes', {})).toMatchObject({ teamMode: true, setUp: false });
    expect(await t.call('team.setScope', { organisationId: jcp, sees: 'all' })).toMatchObject({
      ok: false,
      error: { kind: 'conflict', message: /setup-roles/ },
    });
    expect(await runCli(['team', 'setup-roles', '--db', t.file], { out: () => {}, err: () => {} })).toBe(0);
    await asSuperuser((c) => c.query(`create role ${login} login password '${PASSWORD}' in role worksbook_officer`));
    expect(
      await runCli(
        ['team', 'scope', '--db', t.file, '--organisation', String(jcp), '--sees', 'all', '--login', login],
        {
          out: () => {},
          err: () => {},
        },
      ),
    ).toBe(0);
    // Partners only (no employers), with what their staff see.
    expect(await t.ok('team.scopes', {})).toEqual({
      teamMode: true,
      setUp: true,
      organisations: [
        { id: jcp, name: 'Jobcentre Plus Stevenage', kind: 'jcp_office', sees: 'all', referralSource: null },
      ],
    });
    expect(await seen()).toEqual(['SW-SC0001', 'SW-SC0002']);

    expect(
      await t.call('team.setScope', { organisationId: jcp, sees: 'referred', referralSource: null }),
    ).toMatchObject({ ok: false, error: { kind: 'validation', fields: [{ path: ['referralSource'] }] } });
    await t.ok('team.setScope', { organisationId: jcp, sees: 'referred', referralSource: 'jcp' });
    expect((await t.ok('team.scopes', {})).organisations[0]).toMatchObject({ sees: 'referred', referralSource: 'jcp' });
    // PostgreSQL holds the organisation's login to it at once.
    expect(await seen()).toEqual(['SW-SC0001']);
    const audited = await t.backend.store.db
      .selectFrom('audit_log')
      .select(['summary', 'staff_id'])
      .where('entity', '=', 'organisation_scope')
      .execute();
    expect(audited).toEqual([
      {
        summary: expect.stringMatching(
          /Jobcentre Plus Stevenage's staff see only the people referred by .+ \(was all participants\)/,
        ),
        staff_id: t.staffId,
      },
    ]);
  });
});
