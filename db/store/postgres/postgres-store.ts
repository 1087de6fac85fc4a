// PostgreSQL-only: the PostgreSQL answers to everything db/store/dialect.ts asks of a store.
// Features never import this; they import dialect.ts.
import { sql } from 'kysely';
import type { StoreDialect } from '../dialect';
import { postgresBackups } from './backups';
import { participantSearchCondition } from './participant-search';
import { announceChanges } from './change-notices';

/** SQLSTATEs of a transaction that lost a race and may be run again. */
const RETRYABLE = new Set(['40001', '40P01']);

export const postgresStore: StoreDialect = {
  name: 'postgres',
  participantSearchCondition,
  // The planner chooses between the table and participants_id_person from its statistics.
  participantsByIdNarrow: (alias) => sql.table('participants').as(alias),
  // The grid's general query is the fast one here: the page order is read from participants' rows,
  // which hold the trigram-indexed texts too (migration 0250).
  participantSearchPage: async () => null,
  // The trigram indexes are over participants' own rows: an erased value leaves with its row
  // version (see flushErasedPages), there is no separate copy to purge.
  async purgeParticipantSearchTrace() {},
  // GIN indexes with fastupdate off (migration 0250) take new rows in at once: nothing to merge.
  mergeParticipantSearch: async () => false,
  // The same indexes take each inserted row as the row itself is written: nothing to defer.
  withParticipantIndexFilledOnce: (_tx, insert) => insert(),
  async watchWrites(tx) {
    // A transaction gets an id only when it first changes something (a row, a sequence, DDL).
    const id = async () =>
      (await sql<{ x: string | null }>`select pg_current_xact_id_if_assigned()::text as x`.execute(tx)).rows[0]?.x ??
      null;
    const before = await id();
    return async () => (await id()) !== before;
  },
  // The snapshot names every transaction in flight and the next id to be given: it moves whenever
  // any transaction that wrote has begun or ended, so a cache keyed by it is never stale.
  dataVersion: async (db) =>
    (await sql<{ v: string }>`select pg_current_snapshot()::text as v`.execute(db)).rows[0]?.v ?? null,
  // The server checks its own pages as it reads them; there is no whole-store check to run at start.
  quickCheckProblems: async () => [],
  async integrityProblems(db) {
    const { rows } = await sql<{ name: string }>`
      select c.relname as name from pg_index i join pg_class c on c.oid = i.indexrelid
      join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = current_schema() and not (i.indisvalid and i.indisready)`.execute(db);
    return rows.map((r) => `index ${r.name} is not valid`);
  },
  async foreignKeyProblemCount(db) {
    // PostgreSQL enforces every validated foreign key on every write; only a constraint added
    // NOT VALID (never checked against old rows) can leave rows pointing nowhere.
    const { rows } = await sql<{ n: number }>`
      select count(*) as n from pg_constraint c join pg_namespace n on n.oid = c.connamespace
      where n.nspname = current_schema() and c.contype = 'f' and not c.convalidated`.execute(db);
    return Number(rows[0]?.n ?? 0);
  },
  async flushErasedPages(db) {
    // Old row versions stay in the table's pages until VACUUM reclaims them. A login that does
    // not own a table is warned and skipped (autovacuum reclaims it soon after).
    await sql`vacuum`.execute(db);
  },
  storeBytes: async (db) =>
    Number((await sql<{ n: number }>`select pg_database_size(current_database()) as n`.execute(db)).rows[0]?.n ?? 0),
  announceChanges,
  isRetryableConflict: (error) => RETRYABLE.has(String((error as { code?: unknown } | null)?.code ?? '')),
  describeFailure(error) {
    const raw = (error as { code?: unknown } | null)?.code;
    const code = typeof raw === 'string' ? raw : null;
    const message = error instanceof Error ? error.message : '';
    // Class 22 (data exceptions) quote the offending value: only the code is kept.
    const safeMessage = code?.startsWith('22') ? '(value withheld)' : message.slice(0, 200);
    const kind =
      code === '53100'
        ? 'disk-full'
        : code === '58030'
          ? 'io'
          : code?.startsWith('23')
            ? 'constraint'
            : code === '40001' || code === '40P01' || code === '55P03'
              ? 'busy'
              : code === '42501'
                ? 'refused'
                : code?.startsWith('08') || code?.startsWith('57P') || /ECONNREFUSED|ECONNRESET|ETIMEDOUT/.test(message)
                  ? 'unavailable'
                  : null;
    return { kind, code, safeMessage };
  },
  backups: postgresBackups,
};
