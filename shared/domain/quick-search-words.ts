// How the participant quick search reads what an officer typed, shared by both stores (SQLite's
// FTS5 index and PostgreSQL's trigram indexes) so that they find the same people. A word that
// contains a digit is an identifier, never a name: people's names hold no digits, while
// postcodes, NI numbers, phone numbers and references do. (A name stored with a digit, a typo or
// a partner's file, is still found by its other words. The record does not refuse one: that would
// block every later edit of such a record over a field the officer did not touch. The form and an
// import's preview warn instead: `nameWordsWithDigits`.) So "SG2 8CC"
// is looked for in the identifiers only, and "Smith SG2" finds the people named Smith whose
// identifiers hold "SG2" (or whose identifiers hold "SMITHSG2").

/** What a quick search looks for: words for the names, and the whole text in compact form for the identifiers. */
export interface QuickSearchTerms {
  /** Words of three or more characters without a digit: each must be in the names (trigram-indexed). */
  longNames: string[];
  /** Shorter words without a digit ("Jo"): they narrow the name matches. */
  shortNames: string[];
  /** Words with a digit, in compact form ("SG2", "07700"): beside name words, each must be in the
   * person's identifiers too, so "Smith SG2" is the Smiths in SG2 rather than every Smith. */
  identWords: string[];
  /** The whole text without spaces, dashes and brackets, in capitals, a +44 phone number written
   * from 0: it may be in the identifiers on its own ("ab 12 34", "SW-000123", "+44 7700 900123"). */
  compact: string;
}

/** A word that contains a digit: an identifier (postcode, NI number, phone, reference), never a name. */
export const isIdentifierWord = (word: string): boolean => /\d/.test(word);

export function quickSearchTerms(text: string): QuickSearchTerms {
  const words = text.trim().split(/\s+/).filter(Boolean);
  const nameWords = words.filter((w) => !isIdentifierWord(w));
  const compactOf = (t: string) => t.replace(/[\s\-()]/g, '').toUpperCase();
  let compact = compactOf(text);
  if (/^\+?44\d{9,10}$/.test(compact)) compact = `0${compact.replace(/^\+?44/, '')}`;
  return {
    longNames: nameWords.filter((w) => [...w].length >= 3),
    shortNames: nameWords.filter((w) => [...w].length < 3),
    identWords: words.filter(isIdentifierWord).map(compactOf),
    compact,
  };
}

/** The compact text is long enough for the trigram indexes. */
export const searchesIdentifiers = (terms: QuickSearchTerms): boolean => [...terms.compact].length >= 3;

/** The words of a name that hold a digit, which the quick search will read as identifiers; the
 * form shows them as a warning (not a refusal: see the note at the top). */
export const nameWordsWithDigits = (name: string): string[] =>
  name
    .trim()
    .split(/\s+/)
    .filter((w) => w !== '' && isIdentifierWord(w));
