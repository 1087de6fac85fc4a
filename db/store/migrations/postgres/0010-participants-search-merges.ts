// PostgreSQL equivalent of ../0010-participants-search-merges.ts (db/store/postgres/migration-plugin.ts).
// The quick-search index is pg_trgm instead of FTS5: trigram GIN indexes over the same two texts
// (names; identifiers in compact form; accents folded, lower case), which participants' own rows keep up to date, so the
// FTS table's copy and its triggers are not needed. The settings default is written with
// PostgreSQL's clock. Frozen in time like the migration it stands for.
import * as shipped from '../0010-participants-search-merges';
import { postgresEquivalent } from '../../postgres/migration-plugin';

// Accents folded and lower case, as FTS5's 'remove_diacritics' and case folding do (the same two
// strings as db/store/postgres/search-fold.ts, written out here because a migration is frozen).
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
const NAME = fold(`coalesce(first_name,'') || ' ' || coalesce(preferred_name,'') || ' ' || coalesce(last_name,'')`);
const IDENT = fold(
  `reference || ' ' || replace(reference,'-','') || ' ' || coalesce(ni_number,'') || ' ' || ` +
    `coalesce(replace(postcode,' ',''),'') || ' ' || coalesce(phone_digits,'')`,
);

export const { up, down } = postgresEquivalent(shipped, {
  'create virtual table participant_search': `
    create extension if not exists pg_trgm;
    create index participant_search_name on participants using gin ((${NAME}) gin_trgm_ops);
    create index participant_search_ident on participants using gin ((${IDENT}) gin_trgm_ops)`,
  'insert into participant_search': '',
  'create trigger participant_search_insert': '',
  'create trigger participant_search_update': '',
  'create trigger participant_search_delete': '',
  "insert into settings(key, value_json, updated_at) values ('eligibility.postcodedistricts'": `
    insert into settings(key, value_json, updated_at)
    values ('eligibility.postcodeDistricts', '["SG1","SG2"]',
            to_char(now() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
    on conflict(key) do nothing`,
});
