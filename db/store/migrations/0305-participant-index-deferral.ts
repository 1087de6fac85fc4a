// An import of 50,000 people (issue 19) fills the quick-search index once, not per row by trigger.
//
// Each person inserted fired two triggers: one wrote their names and identifiers into the FTS5
// index (participant_search, migration 0010), the other their sort keys (participant_sort_keys,
// 0270), one statement each, per row. Inserting 50,000 people into a copy of the 10,000 store took
// 2.80-2.96 s of CPU with the triggers and 2.24-2.27 s with one `insert ... select` into each
// table after the rows (alternating runs, same rows and index contents).
//
// participant_index_deferral is a flag: while it holds its one row, the two insert triggers do
// nothing. Only the import's commit sets it, inside its transaction, and before that transaction
// ends it fills both tables for the people it inserted and deletes the row
// (db/store/sqlite/participant-search.ts#withParticipantIndexFilledOnce). So outside a write
// transaction the flag is always empty and the index in step with participants; an import that
// fails rolls back its people, its index rows and the flag together. (A trigger cannot read a temp
// table, so the flag lives in the main schema; it never holds anything about a person.)
//
// The update and delete triggers are unchanged. PostgreSQL: no change (its search reads the stored
// search texts of participants' own rows, migration 0250, and it keeps no sort keys table).
// Written out here rather than called from the live module, because a migration is frozen.
import { sql } from 'kysely';
import type { MigrationDb } from './migration-db';
import { storeKindOf } from '../dialect';

const NAME = (p: string) =>
  sql.raw(
    `coalesce(${p}.first_name,'') || ' ' || coalesce(${p}.preferred_name,'') || ' ' || coalesce(${p}.last_name,'')`,
  );
const IDENT = (p: string) =>
  sql.raw(
    `${p}.reference || ' ' || replace(${p}.reference,'-','') || ' ' || coalesce(${p}.ni_number,'') ` +
      `|| ' ' || coalesce(replace(${p}.postcode,' ',''),'') || ' ' || coalesce(${p}.phone_digits,'')`,
  );

export async function up(db: MigrationDb): Promise<void> {
  if (storeKindOf(db) !== 'sqlite') return;
  await sql`create table participant_index_deferral (id integer primary key check (id = 1))`.execute(db);
  const unlessDeferred = sql`when not exists (select 1 from participant_index_deferral)`;
  await sql`drop trigger participant_search_insert`.execute(db);
  await sql`create trigger participant_search_insert after insert on participants ${unlessDeferred} begin
    insert into participant_search(rowid, name, ident) values (new.id, ${NAME('new')}, ${IDENT('new')});
  end`.execute(db);
  await sql`drop trigger participant_sort_keys_insert`.execute(db);
  await sql`create trigger participant_sort_keys_insert after insert on participants ${unlessDeferred} begin
    insert into participant_sort_keys (id, status, last_name, first_name)
      values (new.id, new.status, new.last_name, new.first_name);
  end`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Migrations are not reversed; restore a backup instead.');
}
