// Participant quick search at 100,000 people (issue 19): the grid's sort keys beside the search
// index, SQLite only.
//
// A search's page is its matches in the grid's order (surname, first name, id) with their number.
// A common surname matches 1,000-2,000 people, and each match's sort keys were read from its
// participants row: a wide row (about sixty columns) on a page of its own, so ordering the
// matches touched a page per match. participant_sort_keys holds only what the page order and the
// "not merged" test read (about 30 bytes a person, a few hundred pages for 100,000 people), kept
// in step with participants by triggers as the FTS5 index is (0010), so the same matches cost a
// few small look-ups (db/store/sqlite/participant-search.ts#participantSearchPage).
//
// The FTS5 index is also merged into one segment here: the stores it was built on (demo data,
// imports) hold it in a dozen segments, and every search reads each of them. New people add
// small segments that FTS5 merges as they accumulate (automerge).
//
// PostgreSQL: no change (its search reads participants' stored search texts, migration 0250).
// Written out here rather than called from the live module, because a migration is frozen.
import { sql } from 'kysely';
import type { MigrationDb } from './migration-db';
import { storeKindOf } from '../dialect';

export async function up(db: MigrationDb): Promise<void> {
  if (storeKindOf(db) !== 'sqlite') return;
  await sql`create table participant_sort_keys (
    id integer primary key, status text not null, last_name text not null, first_name text not null)`.execute(db);
  await sql`insert into participant_sort_keys (id, status, last_name, first_name)
    select id, status, last_name, first_name from participants`.execute(db);
  await sql`create trigger participant_sort_keys_insert after insert on participants begin
    insert into participant_sort_keys (id, status, last_name, first_name)
      values (new.id, new.status, new.last_name, new.first_name);
  end`.execute(db);
  await sql`create trigger participant_sort_keys_update after update of status, last_name, first_name on participants begin
    update participant_sort_keys set status = new.status, last_name = new.last_name, first_name = new.first_name
      where id = new.id;
  end`.execute(db);
  await sql`create trigger participant_sort_keys_delete after delete on participants begin
    delete from participant_sort_keys where id = old.id;
  end`.execute(db);
  await sql`insert into participant_search(participant_search) values ('optimize')`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Migrations are not reversed; restore a backup instead.');
}
