// PostgreSQL-only: the participant quick search over pg_trgm. The same two texts the SQLite FTS5
// index holds (db/store/sqlite/participant-search.ts), accents and case folded (search-fold.ts, as
// FTS5's trigram tokenizer does with remove_diacritics), are kept by the server in participants'
// own rows (search_name, search_ident: stored generated columns, migration 0250) with a trigram GIN
// index on each, and LIKE '%…%' on them uses those indexes. The texts are never worked out again
// while searching: a trigram match is lossy, so each row it finds is checked again, and that check
// is now a LIKE on stored text. Same rules as on SQLite: every word of three or more characters in
// the names, or the compact text (spaces and dashes removed) in the identifiers; shorter words
// narrow the name matches. A word with a digit is an identifier, never a name (quick-search-words.ts).
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { foldForSearch } from './search-fold';
import { quickSearchTerms, searchesIdentifiers } from '../../../shared/domain/quick-search-words';

const NAME = sql.ref('s.search_name');
const IDENT = sql.ref('s.search_ident');

/** `%text%` for LIKE, folded like the index, with the pattern characters escaped (backslash is
 * PostgreSQL's LIKE escape). */
const containsPattern = (text: string) => `%${foldForSearch(text).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export function participantSearchCondition(text: string, idColumn: string): RawBuilder<SqlBool> | null {
  const terms = quickSearchTerms(text);
  const { longNames, shortNames, compact, identWords } = terms;
  const hasIdent = searchesIdentifiers(terms);
  if (!longNames.length && !hasIdent) return null;
  const nameMatch = (list: string[]) =>
    sql.join(
      list.map((w) => sql`${NAME} like ${containsPattern(w)}`),
      sql` and `,
    );
  const identMatch = sql`${IDENT} like ${containsPattern(compact)}`;
  const parts: RawBuilder<SqlBool>[] = [];
  const identWordsMatch = identWords.map((w) => sql`${IDENT} like ${containsPattern(w)}`);
  if (longNames.length)
    parts.push(sql<SqlBool>`(${sql.join([nameMatch([...longNames, ...shortNames]), ...identWordsMatch], sql` and `)})`);
  if (hasIdent) parts.push(sql<SqlBool>`(${identMatch})`);
  // The matching ids as an array worked out once (an InitPlan), not `in (select …)`: a condition
  // the primary key's index answers, so the planner can still combine it with other indexed
  // conditions OR'd beside it ("Li Wu": the search or a surname prefix), where a hashed subquery
  // would make it read every row of participants to test each one.
  return sql<SqlBool>`${sql.ref(idColumn)} = any(array(select s.id from participants s where ${sql.join(parts, sql` or `)}))`;
}
