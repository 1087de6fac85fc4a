// A team database login belongs to one staff profile (issue 18): each profile may carry the name
// of the database login its owner connects with, set by an administrator. Signing in through a
// login then offers and accepts only the profile bound to it, and the team database refuses an
// audit entry written under the login that names anyone else. NULL: no login bound (every profile
// of a data file, and a team database's profiles until an administrator binds their logins). One
// profile per login, so the name is unique among the profiles that have one.
import type { MigrationDb } from './migration-db';

export async function up(db: MigrationDb): Promise<void> {
  await db.schema.alterTable('staff').addColumn('database_login', 'text').execute();
  // NULLs do not collide on either store: only bound logins are held to one profile each.
  await db.schema.createIndex('staff_database_login').unique().on('staff').column('database_login').execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are not reversed; restore a backup instead.');
}
