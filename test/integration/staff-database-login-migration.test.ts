// Migration 0255 over a store at 0240 that already holds staff: every profile keeps its values and
// has no database login bound; a login is then held to one profile (unique), while any number of
// profiles may have none.
import { expect, it } from 'vitest';
import { migrateToLatest } from '../../db/store/migrator';
import { sqliteStoreBefore } from '../support/migration-store';

// The migration is portable Kysely; the PostgreSQL run migrates its template through it too.
it('0255 leaves existing staff unbound and holds each login to one profile', async () => {
  const db = await sqliteStoreBefore('0255');
  const at = '2026-01-05T10:00:00.000Z';
  for (const [display_name, role] of [
    ['Jo Officer', 'officer'],
    ['Ada Admin', 'administrator'],
  ] as const)
    await db.insertInto('staff').values({ display_name, role, password_hash: 'h', created_at: at }).execute();
  await migrateToLatest(db);
  const rows = await db
    .selectFrom('staff')
    .select(['display_name', 'role', 'password_hash', 'database_login'])
    .orderBy('id')
    .execute();
  expect(rows).toEqual([
    { display_name: 'Jo Officer', role: 'officer', password_hash: 'h', database_login: null },
    { display_name: 'Ada Admin', role: 'administrator', password_hash: 'h', database_login: null },
  ]);
  await db
    .updateTable('staff')
    .set({ database_login: 'jo_officer' })
    .where('display_name', '=', 'Jo Officer')
    .execute();
  await expect(
    db.updateTable('staff').set({ database_login: 'jo_officer' }).where('display_name', '=', 'Ada Admin').execute(),
  ).rejects.toThrow(/UNIQUE/);
  await db.destroy();
});
