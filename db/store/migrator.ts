// Runs the migrations in one transaction and refuses a store written by a newer app.
import { Migrator, type Migration } from 'kysely/migration';
import { isDialectMigrations, migrations as allMigrations, type MigrationEntry } from './migrations/index';
import type { MigrationDb } from './migrations/migration-db';
import { postgresEquivalent } from './postgres/migration-plugin';
import { storeKindOf, type StoreKind } from './dialect';

/** The list as this store runs it: each entry's own form for its dialect (migrations/index.ts). */
export function migrationsFor(kind: StoreKind, list: Record<string, MigrationEntry>): Record<string, Migration> {
  const resolved: Record<string, Migration> = {};
  for (const [name, entry] of Object.entries(list)) {
    if (isDialectMigrations(entry)) resolved[name] = entry[kind];
    else resolved[name] = kind === 'postgres' ? postgresEquivalent(entry) : entry;
  }
  return resolved;
}

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
  list: Record<string, MigrationEntry> = allMigrations,
): Promise<{ applied: string[] }> {
  const migrations = migrationsFor(storeKindOf(db), list);
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
