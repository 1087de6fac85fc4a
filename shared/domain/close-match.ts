// Close matches for the quick search: when the exact search finds nothing or little, people whose
// names are one slip from what was typed or sound the same ("Nowack" → Nowak, "Ionesco" →
// Ionescu, "Shaww" → Shaw). Candidates come from indexed columns (how each name sounds, the
// surname's first letters); this ranks them and says why each is suggested. Pure.
import { nameDistance, nameKey, nameSound } from './person-match';

/** The words worth matching: letters only, two or more of them, at most four words. */
export function searchWords(text: string): string[] {
  return text
    .split(/\s+/)
    .map(nameKey)
    .filter((w) => w.length >= 2)
    .slice(0, 4);
}

const swap = (s: string, i: number) => s.slice(0, i) + s[i + 1] + s[i] + s.slice(i + 2);

/** What to look up: the sounds of the words (3+ letters), and the first three letters of each as
 * typed and with either of the first two pairs swapped ("Wlison" → wli, lwi, wil). */
export function closeMatchKeys(words: string[]): {
  sounds: string[];
  prefixes: Array<{ prefix: string; minLength: number; maxLength: number }>;
} {
  const long = words.filter((w) => w.length >= 3);
  const prefixes = new Map<string, { prefix: string; minLength: number; maxLength: number }>();
  for (const w of long) {
    // A slip changes a name's length by two at most: longer or shorter names are not looked at.
    for (const prefix of [w, swap(w, 0), swap(w, 1)].map((p) => p.slice(0, 3))) {
      const seen = prefixes.get(prefix);
      prefixes.set(prefix, {
        prefix,
        minLength: Math.min(seen?.minLength ?? Infinity, w.length - 2),
        maxLength: Math.max(seen?.maxLength ?? 0, w.length + 2),
      });
    }
  }
  return {
    sounds: [...new Set(long.map((w) => nameSound(w)).filter((s): s is string => !!s))],
    prefixes: [...prefixes.values()],
  };
}

export interface CloseMatchPerson {
  firstName: string;
  lastName: string;
  preferredName: string | null;
}

interface WordMatch {
  score: number;
  why: string;
}

/** How well one typed word matches one name: null when it does not. */
function wordMatch(word: string, name: string): WordMatch | null {
  const key = nameKey(name);
  if (!key) return null;
  if (key === word) return { score: 1, why: '' };
  const d = nameDistance(word, key);
  const allowed = Math.max(word.length, key.length) >= 7 ? 2 : 1;
  if (d <= allowed)
    return { score: 0.9 - 0.05 * d, why: `${d === 1 ? 'one letter' : `${d} letters`} different from “${name}”` };
  if (word.length >= 3 && nameSound(word) === nameSound(key)) return { score: 0.8, why: `sounds like “${name}”` };
  if (key.startsWith(word)) return { score: 0.6, why: `begins “${name.slice(0, word.length)}”` };
  return null;
}

/** A name and, for a name of several parts ("Da Silva", "Smith-Jones"), each part. */
const withParts = (name: string) => {
  const parts = name.split(/[\s-]+/).filter(Boolean);
  return parts.length > 1 ? [name, ...parts] : [name];
};

export interface RankedMatch<P> {
  person: P;
  score: number;
  /** "sounds like “Nowak”" */
  why: string;
}

/** How well every typed word matches one person's names, or null when one word matches none. */
function matchNames(
  words: string[],
  person: CloseMatchPerson,
  matchOnce: (word: string, name: string) => WordMatch | null,
): { score: number; why: string } | null {
  const names = [
    ...withParts(person.lastName).map((n) => ({ n, surname: true })),
    ...[person.firstName, person.preferredName]
      .filter((n): n is string => !!n)
      .flatMap(withParts)
      .map((n) => ({ n, surname: false })),
  ];
  let total = 0;
  const whys: string[] = [];
  for (const word of words) {
    let best: (WordMatch & { surname: boolean }) | null = null;
    for (const { n, surname } of names) {
      const m = matchOnce(word, n);
      const score = m ? m.score + (surname ? 0.05 : 0) : 0;
      if (m && (!best || score > best.score)) best = { ...m, score, surname };
    }
    if (!best) return null;
    total += best.score;
    if (best.why) whys.push(best.why);
  }
  // Every word exactly as typed: the exact search has them.
  return whys.length ? { score: total / words.length, why: whys.join('; ') } : null;
}

/** At most this many suggestions share one surname, so different spellings get a place. */
const PER_SURNAME = 3;

/**
 * The candidates that match every typed word closely (each word against the surname, the first
 * name and the preferred name, and the parts of each), best first; exact matches of every word are
 * left to the exact search. A match on the surname ranks a little above one on a first name (a
 * single word is usually a surname); among equals, the surname more people share comes first.
 */
export function rankCloseMatches<P extends CloseMatchPerson>(
  words: string[],
  candidates: P[],
  limit = 8,
): RankedMatch<P>[] {
  if (!words.length) return [];
  // Many candidates share a name: work out each word against each distinct name once.
  const memo = new Map<string, WordMatch | null>();
  const matchOnce = (word: string, name: string) => {
    const k = `${word}\u0000${name}`;
    let m = memo.get(k);
    if (m === undefined) memo.set(k, (m = wordMatch(word, name)));
    return m;
  };
  // People with the same names match the same way: each set of names is worked out once.
  const byNames = new Map<string, { score: number; why: string } | null>();
  const ranked: RankedMatch<P>[] = [];
  for (const person of candidates) {
    const namesKey = `${person.lastName}\u0000${person.firstName}\u0000${person.preferredName ?? ''}`;
    let result = byNames.get(namesKey);
    if (result === undefined) byNames.set(namesKey, (result = matchNames(words, person, matchOnce)));
    if (result) ranked.push({ person, ...result });
  }
  const shared = new Map<string, number>();
  for (const c of candidates) shared.set(c.lastName, (shared.get(c.lastName) ?? 0) + 1);
  const often = (p: P) => shared.get(p.lastName) ?? 0;
  ranked.sort(
    (a, b) =>
      b.score - a.score ||
      often(b.person) - often(a.person) ||
      a.person.lastName.localeCompare(b.person.lastName) ||
      a.person.firstName.localeCompare(b.person.firstName),
  );
  const perSurname = new Map<string, number>();
  return ranked
    .filter((r) => {
      const key = nameKey(r.person.lastName);
      const n = (perSurname.get(key) ?? 0) + 1;
      perSurname.set(key, n);
      return n <= PER_SURNAME;
    })
    .slice(0, limit);
}
