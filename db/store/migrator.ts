// Runs the migrations in one transaction and refuses a store written by a newer app.
import { Migrator, type Migration } from 'kysely/migration';
import { migrations as allMigrations } from './migrations/index';
import type { MigrationDb } from './migrations/migration-db';

export class NewerStoreError extends Error {
  constructor(readonly unknownMigrations: string[]) {
    super(
      `This data file was written by a newer version of Worksbook (it has ${unknownMigrations.join(', ')}). ` +
        'Install the newer version to open it; nothing has been changed.',
    );
    this.name = 'NewerStoreError';
  }
}

export async function appliedMigrations(db: MigrationDb): Promise<string[]> {
  const tables = await db.introspection.getTables({ withInternalKyselyTables: true });
  if (!tables.some((t) => t.name === 'kysely_migration')) return [];
  const rows = await db.selectFrom('kysely_migration').select('name').orderBy('name').execute();
  return rows.map((r: { name: string }) => r.name);
}

export async function migrateToLatest(
  db: MigrationDb,
  migrations: Record<string, Migration> = allMigrations,
): Promise<{ applied: string[] }> {
  const known = new Set(Object.keys(migrations));
  const unknown = (await appliedMigrations(db)).filter((name) => !known.has(name));
  if (unknown.length) throw new NewerStoreError(unknown);

  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  // Kysely runs the whole batch inside one transaction on dialects with transactional DDL
  // (SQLite, PostgreSQL): a failed migration leaves the store exactly as it was.
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return { applied: (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName) };
}
