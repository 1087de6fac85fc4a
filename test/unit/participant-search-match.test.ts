// The FTS5 query the participant quick search builds from what an officer typed (SQLite).
import { describe, expect, it } from 'vitest';
import { quickSearchMatch } from '../../db/store/sqlite/participant-search';

describe('quickSearchMatch', () => {
  it.each([
    // One word that is its own compact form: one phrase over both columns (its trigram lists read once).
    ['Davies', '{name ident} : "Davies"'],
    ["O'Brien", `{name ident} : "O'Brien"`],
    ['07700900123', '{name ident} : "07700900123"'],
    ['sg13km', '{name ident} : "sg13km"'],
    // Otherwise the names by word and the identifiers by the compact text.
    ['SW-000123', '(name : ("SW-000123")) OR (ident : "SW000123")'],
    ['Jo Smith', '(name : ("Smith")) OR (ident : "JOSMITH")'],
    ['SG1 3KM', '(name : ("SG1" AND "3KM")) OR (ident : "SG13KM")'],
    ['+447700900123', '(name : ("+447700900123")) OR (ident : "07700900123")'],
    ['ab 12 34', '(ident : "AB1234")'],
  ])('%s → %s', (text, match) => {
    expect(quickSearchMatch(text)?.match).toBe(match);
  });

  it('has no query under three characters', () => {
    expect(quickSearchMatch('jo')).toBeNull();
  });
});
