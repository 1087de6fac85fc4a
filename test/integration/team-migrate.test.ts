// `cli team migrate` (issue 18): a solo data file with a demo programme is copied into an empty
// team database; `cli stats --json` answers the same before and after, every table's count and
// the audit chain match, evidence files keep their bytes; running it again only checks; a team
// database that holds another programme is refused.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../db/cli/main';
import { openStore, type Store } from '../../db/store/connection';
import { createBackend } from '../../db/backend/backend';
import { participantSearchCondition } from '../../db/store/dialect';
import { sql } from 'kysely';
import { tempDir } from '../support/backend';
import { createTestDatabase, dropTestDatabase, isPostgresRun, testServerUrl } from '../support/test-store';

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const STATS = ['stats', '--from', '01/04/2025', '--to', '31/03/2027', '--json'];

// A copy into a team database needs a PostgreSQL server: this runs on the PostgreSQL run only
// (the SQLite run has none), where it is never skipped.
describe.skipIf(!isPostgresRun)('cli team migrate (PostgreSQL run)', () => {
  const dir = tempDir();
  const file = path.join(dir, 'solo.sqlite');
  const databases: string[] = [];
  let url: string;
  beforeAll(async () => {
    expect((await cli(['demo', '--participants', '200', '--db', file, '--plaintext'])).code).toBe(0);
    // A record merged into one numbered after it: the copy must link them once both are in.
    const solo = await openStore({ file, key: null });
    await solo.db
      .updateTable('participants')
      .set({ status: 'merged', merged_into_id: 200 })
      .where('id', '=', 3)
      .execute();
    await solo.close();
    databases.push(await createTestDatabase('tm'));
    url = testServerUrl(databases[0]!);
  }, 240_000);
  afterAll(async () => {
    for (const d of databases) await dropTestDatabase(d);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('copies every table, verifies the audit chain, and the figures are the same', async () => {
    const before = await cli([...STATS, '--db', file, '--plaintext']);
    expect(before.code, before.err).toBe(0);

    const migrated = await cli(['team', 'migrate', '--from', file, '--to', url, '--plaintext', '--json']);
    expect(migrated.err).toBe('');
    expect(migrated.code).toBe(0);
    const report = JSON.parse(migrated.out) as { outcome: string; tables: Array<{ table: string; rows: number }> };
    expect(report.outcome).toBe('copied');
    const rows = Object.fromEntries(report.tables.map((t) => [t.table, t.rows]));
    expect(rows.participants).toBeGreaterThanOrEqual(200);
    expect(rows.audit_log).toBeGreaterThan(0);
    expect(rows.evidence_files).toBeGreaterThan(0);

    const after = await cli([...STATS, '--db', url]);
    expect(after.code, after.err).toBe(0);
    expect(JSON.parse(after.out)).toEqual(JSON.parse(before.out));

    // Both stores, table by table, and the evidence files' bytes.
    const stores: Store[] = [await openStore({ file, key: null }), await openStore({ file: url })];
    try {
      const [solo, team] = stores.map((s) => s.db);
      const files = async (db: typeof solo) =>
        (await db!.selectFrom('evidence_files').select(['sha256', 'bytes']).orderBy('sha256').execute()).map((f) => [
          f.sha256,
          Buffer.from(f.bytes).toString('base64'),
        ]);
      expect(await files(team)).toEqual(await files(solo));
      const people = (db: typeof solo) =>
        db!
          .selectFrom('participants')
          .select(['id', 'reference', 'last_name', 'version', 'merged_into_id'])
          .orderBy('id')
          .execute();
      expect(await people(team)).toEqual(await people(solo));
      expect((await people(team)).find((p) => p.id === 3)?.merged_into_id).toBe(200);
      // The team database numbers new rows after the copied ones.
      const next = await team!
        .insertInto('funding_streams')
        .values({ name: 'After the move', code: 'AFTER', funder: 'Test' })
        .returning('id')
        .executeTakeFirstOrThrow();
      const top = await solo!
        .selectFrom('funding_streams')
        .select('id')
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow();
      expect(next.id).toBeGreaterThan(top.id);
      await team!.deleteFrom('funding_streams').where('id', '=', next.id).execute();
      // The server filled the folded search texts it keeps (generated, so not copied) for every
      // person, and its search indexes take new entries at once again after the bulk load.
      const person = (await people(solo)).at(-1)!;
      const condition = participantSearchCondition(team!, person.last_name, 'p.id')!;
      const found = await team!.selectFrom('participants as p').select('p.id').where(condition).execute();
      expect(found.map((p) => p.id)).toContain(person.id);
      const unfilled = await sql<{ n: number }>`
        select count(*)::int as n from participants where search_name is null or search_ident is null`.execute(team!);
      expect(unfilled.rows).toEqual([{ n: 0 }]);
      const options = await sql<{ options: string[] }>`
        select reloptions as options from pg_class where relname in ('participant_search_name', 'participant_search_ident')`.execute(
        team!,
      );
      expect(options.rows).toEqual([{ options: ['fastupdate=off'] }, { options: ['fastupdate=off'] }]);
    } finally {
      for (const s of stores) await s.close();
    }

    // Again: nothing copied twice, the copy checked.
    const again = await cli(['team', 'migrate', '--from', file, '--to', url, '--plaintext', '--json']);
    expect(again.code, again.err).toBe(0);
    expect(JSON.parse(again.out)).toMatchObject({ outcome: 'already-copied' });
  }, 240_000);

  it('refuses a team database that holds another programme, and copies nothing', async () => {
    const other = await createTestDatabase('tm');
    databases.push(other);
    const otherUrl = testServerUrl(other);
    const backend = await createBackend({ file: otherUrl, dataDir: tempDir() });
    expect(
      (await backend.call('x', 'staff.createFirst', { displayName: 'Someone Else', password: 'someone else entirely' }))
        .ok,
    ).toBe(true);
    await backend.close();
    const refused = await cli(['team', 'migrate', '--from', file, '--to', otherUrl, '--plaintext']);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/already holds a programme that is not a copy of this data file/);
    const store = await openStore({ file: otherUrl });
    try {
      expect(await store.db.selectFrom('participants').select('id').execute()).toEqual([]);
    } finally {
      await store.close();
    }
  });

  it('says what is wrong with its arguments', async () => {
    expect((await cli(['team', 'migrate', '--from', file, '--to', file])).err).toMatch(/--to must be a team database/);
    expect((await cli(['team', 'migrate', '--from', path.join(dir, 'none.sqlite'), '--to', url])).err).toMatch(
      /there is no data file/,
    );
    expect((await cli(['team', 'copy'])).code).toBe(2);
  });
});
