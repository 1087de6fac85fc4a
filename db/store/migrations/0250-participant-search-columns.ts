// Participant quick search on a team database (PostgreSQL), fast: the two folded search texts are
// stored in participants' rows instead of being worked out again for every row a search reads.
//
// Migration 0010 indexed the two texts (names; identifiers in compact form; accents folded, lower
// case) as expressions. The planner costs translate() over the 300-letter fold table as one cheap
// operator, so it read the whole table and folded every row instead (about 110 ms a search at
// 1,000 people, a p95 near 1 s at 10,000); and a trigram match is lossy, so even through the index
// each row found was folded again to check it. Here the server keeps the folded texts as STORED
// generated columns (worked out on every insert and update from the columns they are made of, so
// nothing in the app writes them and no edit can leave them stale), with the trigram indexes on
// the columns themselves. db/store/postgres/participant-search.ts searches them.
//
// PostgreSQL only: a SQLite store's search index is its FTS5 table (0010), which already holds
// the texts. The columns are not in `Database` (the app never selects them); the personal-data
// registry lists them as derived from the columns they are made of (storeDerivedColumns), so a
// viewer's login is granted them exactly when it reads all of those, and none is special category.
// The fold table is written out here because a migration is frozen (the same two strings as
// db/store/postgres/search-fold.ts, which folds what an officer types the same way).
import { sql } from 'kysely';
import type { MigrationDb } from './migration-db';
import { storeKindOf } from '../dialect';

const FROM = [
  'ÀÁÂÃÄÅÇÈÉÊËÌÍÎÏÑÒÓÔÕÖØÙÚÛÜÝàáâãäåçèéêëìíîïñòóôõöøùúûüýÿĀāĂăĄ',
  'ąĆćĈĉĊċČčĎďĐđĒēĔĕĖėĘęĚěĜĝĞğĠġĢģĤĥĨĩĪīĬĭĮįİıĴĵĶķĹĺĻļĽľŁłŃńŅņŇ',
  'ňŌōŎŏŐőŔŕŖŗŘřŚśŜŝŞşŠšŢţŤťŨũŪūŬŭŮůŰűŲųŴŵŶŷŸŹźŻżŽžƠơƯưǍǎǏǐǑǒǓǔ',
  'ǕǖǗǘǙǚǛǜǞǟǠǡǦǧǨǩǪǫǬǭǰǴǵǸǹǺǻȀȁȂȃȄȅȆȇȈȉȊȋȌȍȎȏȐȑȒȓȔȕȖȗȘșȚțȞȟȦȧȨ',
  'ȩȪȫȬȭȮȯȰȱȲȳ',
].join('');
const TO = [
  'aaaaaaceeeeiiiinoooooouuuuyaaaaaaceeeeiiiinoooooouuuuyyaaaaa',
  'accccccccddddeeeeeeeeeegggggggghhiiiiiiiiiijjkkllllllllnnnnn',
  'noooooorrrrrrssssssssttttuuuuuuuuuuuuwwyyyzzzzzzoouuaaiioouu',
  'uuuuuuuuaaaaggkkoooojggnnaaaaaaeeeeiiiioooorrrruuuusstthhaae',
  'eooooooooyy',
].join('');
const fold = (text: string) => `lower(translate(${text}, '${FROM}', '${TO}'))`;
/** Names as typed and with the preferred name, so "Jo Smith" and "Joanne Smith" both match. */
const NAME = fold(`coalesce(first_name,'') || ' ' || coalesce(preferred_name,'') || ' ' || coalesce(last_name,'')`);
/** Reference with and without its dash, NI number, postcode without its space, phone digits. */
const IDENT = fold(
  `reference || ' ' || replace(reference,'-','') || ' ' || coalesce(ni_number,'') || ' ' || ` +
    `coalesce(replace(postcode,' ',''),'') || ' ' || coalesce(phone_digits,'')`,
);

export async function up(db: MigrationDb): Promise<void> {
  if (storeKindOf(db) !== 'postgres') return;
  // Adding a stored column rewrites the table once, filling both for every person already there.
  await sql
    .raw(
      `alter table participants
         add column search_name text generated always as (${NAME}) stored,
         add column search_ident text generated always as (${IDENT}) stored`,
    )
    .execute(db);
  // The expression indexes give way to indexes of the same names on the stored texts.
  await sql`drop index participant_search_name`.execute(db);
  await sql`drop index participant_search_ident`.execute(db);
  // fastupdate off: a new or changed person goes into the index at once. With it on (the default)
  // they wait in the index's pending list until a vacuum, and every search reads that whole list,
  // checking each entry: after `team migrate` or a day of registrations, most of the table.
  for (const [index, column] of [
    ['participant_search_name', 'search_name'],
    ['participant_search_ident', 'search_ident'],
  ])
    await sql
      .raw(`create index ${index} on participants using gin (${column} gin_trgm_ops) with (fastupdate = off)`)
      .execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Migrations are not reversed; restore a backup instead.');
}
