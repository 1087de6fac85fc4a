// The handle a migration gets: Kysely's own `Migration` parameter type, which is untyped on
// purpose. A migration runs against the schema as it was when it shipped, so it must not be
// checked against today's `Database` table types (which later migrations change).
import type { Migration } from 'kysely/migration';

export type MigrationDb = Parameters<Migration['up']>[0];
