// The FTS5 query the participant quick search builds from what an officer typed (SQLite), and the
// words it reads as names or identifiers (both stores).
import { describe, expect, it } from 'vitest';
import { quickSearchMatch } from '../../db/store/sqlite/participant-search';
import { nameWordsWithDigits, quickSearchTerms } from '../../shared/domain/quick-search-words';

describe('quickSearchMatch', () => {
  it.each([
    // One name word that is its own compact form: one phrase over both columns (its trigram lists read once).
    ['Davies', '{name ident} : "Davies"'],
    ["O'Brien", `{name ident} : "O'Brien"`],
    // Otherwise the names by word and the identifiers by the compact text.
    ['Jo Smith', '(name : ("Smith")) OR (ident : "JOSMITH")'],
    ['Smith-Jones', '(name : ("Smith-Jones")) OR (ident : "SMITHJONES")'],
    ['ab 12 34', '(ident : "AB1234")'],
  ])('%s → %s', (text, match) => {
    expect(quickSearchMatch(text)?.match).toBe(match);
  });

  describe('a word with a digit is an identifier, never a name', () => {
    it.each([
      ['sg13km', '(ident : "SG13KM")'],
      ['07700900123', '(ident : "07700900123")'],
      ['123', '(ident : "123")'],
      ['SW-000123', '(ident : "SW000123")'],
      ['SG2 8CC', '(ident : "SG28CC")'],
      ['+447700900123', '(ident : "07700900123")'],
      ['07700 900 123', '(ident : "07700900123")'],
      // Beside name words, each digit word must be in the same person's identifiers.
      ['Smith 07700', '((name : ("Smith")) AND (ident : ("07700"))) OR (ident : "SMITH07700")'],
      ['Jo Smith SG2 8CC', '((name : ("Smith")) AND (ident : ("SG2" AND "8CC"))) OR (ident : "JOSMITHSG28CC")'],
    ])('%s → %s', (text, match) => {
      expect(quickSearchMatch(text)?.match).toBe(match);
    });

    it('narrows the names by short words without digits only, and not at all without a name part', () => {
      expect(quickSearchMatch('Jo Smith 12')?.shortWords).toEqual(['Jo']);
      expect(quickSearchMatch('Jo Smith 12')?.shortIdentWords).toEqual(['12']);
      expect(quickSearchMatch('Jo 1234')?.shortIdentWords).toEqual([]);
      expect(quickSearchMatch('Jo 1234')?.shortWords).toEqual([]);
      expect(quickSearchMatch('ab 12 34')?.shortWords).toEqual([]);
    });

    it('reads the words the same way for both stores', () => {
      expect(quickSearchTerms('Jo Smith SG2 8CC')).toEqual({
        longNames: ['Smith'],
        shortNames: ['Jo'],
        identWords: ['SG2', '8CC'],
        compact: 'JOSMITHSG28CC',
      });
    });
  });

  it('has no query under three characters', () => {
    expect(quickSearchMatch('jo')).toBeNull();
    expect(quickSearchMatch('1 2')).toBeNull();
  });
});

describe('nameWordsWithDigits (the form warns, never refuses)', () => {
  it.each([
    ['Jones', []],
    ['J0nes', ['J0nes']],
    ['Mary-Ann  O’Neill', []],
    [' Al1 Smith 2nd ', ['Al1', '2nd']],
    ['', []],
  ])('%j → %j', (name, words) => expect(nameWordsWithDigits(name)).toEqual(words));
});
