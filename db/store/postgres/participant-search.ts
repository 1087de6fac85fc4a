// PostgreSQL-only: the participant quick search over pg_trgm. The same two texts the SQLite FTS5
// index holds (db/store/sqlite/participant-search.ts) are indexed as expressions on participants
// (migrations/postgres/0010-...: trigram GIN indexes), and LIKE '%…%' on the identical expression
// uses them. Same rules as on SQLite: every word of three or more characters
// in the names, or the compact text (spaces and dashes removed) in the identifiers; shorter words
// narrow the name matches. Accents and case are folded on both sides (search-fold.ts), as FTS5's
// trigram tokenizer does with remove_diacritics.
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { FOLD_FROM, FOLD_TO, foldForSearch } from './search-fold';

const fold = (text: string) => sql.raw(`lower(translate(${text}, '${FOLD_FROM}', '${FOLD_TO}'))`);
const NAME = fold(
  `coalesce(s.first_name,'') || ' ' || coalesce(s.preferred_name,'') || ' ' || coalesce(s.last_name,'')`,
);
const IDENT = fold(
  `s.reference || ' ' || replace(s.reference,'-','') || ' ' || coalesce(s.ni_number,'') || ' ' || ` +
    `coalesce(replace(s.postcode,' ',''),'') || ' ' || coalesce(s.phone_digits,'')`,
);

/** `%text%` for LIKE, folded like the index, with the pattern characters escaped (backslash is
 * PostgreSQL's LIKE escape). */
const containsPattern = (text: string) => `%${foldForSearch(text).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export function participantSearchCondition(text: string, idColumn: string): RawBuilder<SqlBool> | null {
  const words = text.trim().split(/\s+/).filter(Boolean);
  const longWords = words.filter((w) => [...w].length >= 3);
  const shortWords = words.filter((w) => [...w].length < 3);
  let compact = text.replace(/[\s\-()]/g, '').toUpperCase();
  if (/^\+?44\d{9,10}$/.test(compact)) compact = `0${compact.replace(/^\+?44/, '')}`;
  const hasIdent = [...compact].length >= 3;
  if (!longWords.length && !hasIdent) return null;
  const nameMatch = (list: string[]) =>
    sql.join(
      list.map((w) => sql`${NAME} like ${containsPattern(w)}`),
      sql` and `,
    );
  const identMatch = sql`${IDENT} like ${containsPattern(compact)}`;
  const parts: RawBuilder<SqlBool>[] = [];
  if (longWords.length) parts.push(sql<SqlBool>`(${nameMatch([...longWords, ...shortWords])})`);
  if (hasIdent) parts.push(sql<SqlBool>`(${identMatch})`);
  return sql<SqlBool>`${sql.ref(idColumn)} in (select s.id from participants s where ${sql.join(parts, sql` or `)})`;
}
