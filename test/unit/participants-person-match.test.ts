// The duplicate checker's score (shared/domain/person-match.ts) as a table: the slips a person
// registering someone makes (day and month swapped, two digits swapped, one letter wrong, a name
// spelt as it sounds) are scored as near, not as different; unrelated people stay apart.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  compareBirthDates,
  explainMatch,
  nameDistance,
  nameKey,
  nameSound,
  nearBirthDates,
  scorePersonMatch,
  surnameKeysClose,
  type MatchLevel,
  type PersonKeys,
} from '../../shared/domain/person-match';

const person = (over: Partial<PersonKeys> = {}): PersonKeys => ({
  firstName: 'Kerry',
  lastName: 'Shaw',
  dateOfBirth: '1989-07-04',
  niNumber: null,
  postcode: 'SG1 2AB',
  phone: null,
  ...over,
});

describe('scorePersonMatch: the slips people make', () => {
  const cases: Array<[string, Partial<PersonKeys>, Partial<PersonKeys>, MatchLevel, RegExp | null]> = [
    // The case: one letter short, day and month swapped, same postcode.
    [
      '"Kery Shaw" 07/04/1989 for Kerry Shaw 04/07/1989',
      { firstName: 'Kery', dateOfBirth: '1989-04-07' },
      {},
      'probable',
      /day and month swapped/,
    ],
    [
      'the same, without a postcode',
      { firstName: 'Kery', dateOfBirth: '1989-04-07', postcode: null },
      {},
      'probable',
      /first name differs by 1 letter/,
    ],
    [
      'year digits transposed (1998 for 1989)',
      { dateOfBirth: '1998-07-04', postcode: null },
      {},
      'probable',
      /one typing slip/,
    ],
    ['one digit of the day wrong', { dateOfBirth: '1989-07-05', postcode: null }, {}, 'probable', /one typing slip/],
    [
      'two letters of the surname swapped',
      { lastName: 'Sahw', postcode: null },
      {},
      'probable',
      /surname differs by 1 letter/,
    ],
    [
      'a surname spelt as it sounds',
      { lastName: 'Ionesco', postcode: null },
      { lastName: 'Ionescu' },
      'probable',
      /surname/,
    ],
    ['exactly the same details', {}, {}, 'probable', /same date of birth/],
    [
      'same NI number',
      { niNumber: 'JK123456C', firstName: 'K' },
      { niNumber: 'JK 12 34 56 C' },
      'certain',
      /National Insurance/,
    ],
    [
      'same NI number, a date far apart',
      { niNumber: 'JK123456C', dateOfBirth: '1970-01-01' },
      { niNumber: 'JK123456C' },
      'probable',
      null,
    ],
    ['different NI numbers outweigh the rest', { niNumber: 'JK123456C' }, { niNumber: 'AB654321A' }, 'none', null],
    [
      'same surname and postcode, born years apart',
      { firstName: 'Jane', dateOfBirth: '1960-02-11' },
      { firstName: 'John' },
      'none',
      null,
    ],
    [
      'siblings: same surname and postcode, different first names and dates',
      { firstName: 'Tom', dateOfBirth: '1991-03-02' },
      {},
      'none',
      null,
    ],
    [
      'a different person with a near date',
      { firstName: 'Amir', lastName: 'Patel', postcode: 'SG2 9ZZ' },
      { dateOfBirth: '1989-07-05' },
      'none',
      null,
    ],
  ];
  it.each(cases)('%s', (_what, a, b, level, explained) => {
    const match = scorePersonMatch(person(a), person(b));
    expect(match.level).toBe(level);
    if (explained) expect(explainMatch(match)).toMatch(explained);
  });

  it('scores a near date between the same date and a different one', () => {
    const score = (dateOfBirth: string) => scorePersonMatch(person(), person({ dateOfBirth })).score;
    expect(score('1989-07-04')).toBeGreaterThan(score('1989-04-07'));
    expect(score('1989-04-07')).toBeGreaterThan(score('1989-12-25'));
    expect(score('1998-07-04')).toBeGreaterThan(score('1989-12-25'));
  });

  it('is symmetric', () => {
    const a = person({ firstName: 'Kery', dateOfBirth: '1989-04-07' });
    const b = person();
    expect(scorePersonMatch(a, b)).toEqual(scorePersonMatch(b, a));
  });
});

describe('birth dates one slip apart', () => {
  it.each([
    ['1989-07-04', '1989-07-04', 'same'],
    ['1989-04-07', '1989-07-04', 'day_month_swapped'],
    ['1998-07-04', '1989-07-04', 'digit_typo'],
    ['1989-07-14', '1989-07-04', 'digit_typo'],
    ['1989-07-40', '1989-07-04', 'digit_typo'],
    ['1989-12-25', '1989-07-04', 'different'],
    ['1990-07-04', '1989-07-04', 'different'],
  ] as const)('%s against %s: %s', (a, b, closeness) => {
    expect(compareBirthDates(a, b)).toBe(closeness);
  });

  it('lists the real dates a slip could stand for, without the date itself', () => {
    const near = nearBirthDates('1989-07-04');
    expect(near).toContain('1989-04-07');
    expect(near).toContain('1998-07-04');
    expect(near).not.toContain('1989-07-04');
    // 13/01 swapped would be month 13: not a date.
    expect(nearBirthDates('1990-01-13')).not.toContain('1990-13-01');
    for (const d of near) expect(compareBirthDates(d, '1989-07-04')).not.toBe('different');
  });

  // The days of each month by arithmetic (leap years included), as a Date would say.
  it.each([
    ['2004-02-29', '2040-02-29', true], // 2040 is a leap year
    ['1996-02-29', '1969-02-29', false], // 1969 is not
    ['1992-03-21', '1992-02-31', false], // 31 February
    ['1991-10-30', '1991-01-30', true],
    ['1991-04-03', '1991-03-04', true],
  ] as const)('slips of %s: %s is a real date: %s', (iso, slip, real) => {
    expect(nearBirthDates(iso).includes(slip)).toBe(real);
  });
});

describe('name keys', () => {
  it.each([
    ['Shaw', 'shaw'],
    ['Nowak', 'nowak'],
    ["O'Brien", 'obrien'],
    ['Zoë', 'zoe'],
    ['Anne-Marie', 'annemarie'],
    ['', ''],
  ])('%s → %s', (name, key) => {
    expect(nameKey(name)).toBe(key);
  });
});

describe('names', () => {
  it.each([
    ['Nowak', 'Nowack'],
    ['Ionescu', 'Ionesco'],
    ['Shaw', 'Shaww'],
    ['Kerry', 'Kery'],
  ])('%s and %s sound the same', (a, b) => {
    expect(nameSound(a)).toBe(nameSound(b));
    expect(nameSound(a)).not.toBeNull();
  });

  it('counts a swap of neighbouring letters as one', () => {
    expect(nameDistance('Smith', 'Smiht')).toBe(1);
    expect(nameDistance("O'Brien", 'obrien')).toBe(0);
    expect(nameDistance('Shaw', 'Shaww')).toBe(1);
  });

  it('has no sound for a name without letters', () => {
    expect(nameSound('')).toBeNull();
    expect(nameSound('--')).toBeNull();
  });
});

// Matching a whole file (BulkMatcher) asks surnameKeysClose before scoring anyone without the
// row's NI number, and skips the rest: that is right only if no probable match has surnames that
// are not close. Names are drawn from a small pool with slips (a letter dropped, doubled or
// swapped, a spelling said the same) so that close and far pairs both occur often.
describe('surnames close: the gate before scoring', () => {
  const slip = (name: string, kind: number, at: number): string => {
    const i = name.length ? at % name.length : 0;
    if (kind === 0) return name;
    if (kind === 1) return name.slice(0, i) + name.slice(i + 1);
    if (kind === 2) return name.slice(0, i) + name[i] + name.slice(i);
    if (kind === 3 && i + 1 < name.length) return name.slice(0, i) + name[i + 1] + name[i] + name.slice(i + 2);
    return name.toUpperCase();
  };
  const name = fc
    .tuple(
      fc.constantFrom(
        'Shaw',
        'Nowak',
        'Nowack',
        'Ionescu',
        'Ionesco',
        'Smith',
        'Smyth',
        "O'Brien",
        'Zoë',
        'Li',
        'Lee',
        '',
      ),
      fc.integer({ min: 0, max: 4 }),
      fc.nat(),
    )
    .map(([n, kind, at]) => slip(n, kind, at));
  const keys = fc.record({
    firstName: name,
    lastName: name,
    dateOfBirth: fc.option(fc.constantFrom('1989-07-04', '1989-04-07', '1998-07-04', '1990-01-13'), { nil: null }),
    niNumber: fc.option(fc.constantFrom('QQ123456C', 'qq 12 34 56 c', 'AB123456D'), { nil: null }),
    postcode: fc.option(fc.constantFrom('SG1 2AB', 'sg12ab', 'SG2 9XY'), { nil: null }),
    phone: fc.option(fc.constantFrom('07700 900123', '07700900123', '01438 123456'), { nil: null }),
  });

  it('is what the score counts as the same or a similar surname', () => {
    fc.assert(
      fc.property(keys, keys, (a, b) => {
        const reasons = scorePersonMatch(a, b).reasons.map((r) => r.code);
        const counted = reasons.includes('same_surname') || reasons.includes('similar_surname');
        expect(surnameKeysClose(nameKey(a.lastName), nameKey(b.lastName))).toBe(counted);
      }),
      { numRuns: 2000 },
    );
  });

  it('holds for every probable or certain match without the same NI number', () => {
    fc.assert(
      fc.property(keys, keys, (a, b) => {
        const { level, reasons } = scorePersonMatch(a, b);
        if ((level === 'probable' || level === 'certain') && !reasons.some((r) => r.code === 'same_ni'))
          expect(surnameKeysClose(nameKey(a.lastName), nameKey(b.lastName))).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});
