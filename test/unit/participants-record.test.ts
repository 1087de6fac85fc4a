// The shared participant record schema and the identifier rules it uses: every message names
// its field; NI prefixes and letters, postcode forms, ULN check digits, UK dates.
import { describe, expect, it } from 'vitest';
import { fc, test as fcTest } from '@fast-check/vitest';
import {
  columnLabel,
  datedProblems,
  participantRecordSchema,
  participantRecordSchemaOn,
  type ParticipantRecordInput,
} from '../../shared/domain/participant-record';
import {
  formatNi,
  isValidNi,
  niNumberProblem,
  normaliseNi,
  normalisePostcode,
  postcodeDistrict,
  ulnProblem,
} from '../../shared/domain/identifiers';

const base: ParticipantRecordInput = {
  firstName: 'Amira',
  lastName: 'Khan',
  dateOfBirth: '14/2/1998',
  niStatus: 'known',
  niNumber: 'jk 12 34 56 c',
  postcode: 'sg11aa',
};

function errors(input: Partial<ParticipantRecordInput>) {
  const r = participantRecordSchema.safeParse({ ...base, ...input });
  return r.success ? [] : r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
}

describe('participant record schema', () => {
  it('normalises NI number, postcode and dates', () => {
    const r = participantRecordSchema.parse({ ...base, startDate: '5 Mar 2024', phone: '07700 900123' });
    expect(r.niNumber).toBe('JK123456C');
    expect(r.postcode).toBe('SG1 1AA');
    expect(r.dateOfBirth).toBe('1998-02-14');
    expect(r.startDate).toBe('2024-03-05');
    expect(r.barriers).toEqual([]);
  });

  it('names the field in every message', () => {
    expect(errors({ firstName: ' ' })).toEqual([{ path: 'firstName', message: 'Enter first name' }]);
    expect(errors({ dateOfBirth: '' })).toEqual([{ path: 'dateOfBirth', message: 'Enter date of birth' }]);
    expect(errors({ dateOfBirth: '31/2/1990' })).toEqual([
      { path: 'dateOfBirth', message: 'Date of birth must be a real date, like 27/3/1990' },
    ]);
    expect(errors({ postcode: 'SG1' })[0]).toEqual({
      path: 'postcode',
      message: 'Enter a real postcode, like SG1 1AA',
    });
    expect(errors({ uln: '1234567890' })[0]!.message).toMatch(/^ULN: .*check digit/);
    expect(errors({ email: 'amira@' })[0]!.message).toMatch(/email address/);
    expect(errors({ phone: '12345' })[0]!.message).toMatch(/UK phone number/);
    expect(errors({ ethnicity: 'martian' })[0]).toEqual({
      path: 'ethnicity',
      message: 'Choose ethnic group from the list',
    });
  });

  it('requires an NI number when known, and refuses one when not yet known', () => {
    expect(errors({ niNumber: '' })[0]).toEqual({
      path: 'niNumber',
      message: 'Enter the National Insurance number, or choose "Not yet known"',
    });
    expect(errors({ niNumber: 'DA123456C' })[0]!.message).toBe('A National Insurance number cannot start with D');
    expect(errors({ niStatus: 'not_yet_known', niNumber: null })).toEqual([]);
    expect(errors({ niStatus: 'not_yet_known' })[0]!.path).toBe('niNumber');
  });

  it('checks dates against each other and against today', () => {
    expect(errors({ startDate: '1/1/1990' })[0]!.path).toBe('startDate');
    expect(errors({ startDate: '1/1/2024', leaveDate: '31/12/2023' })[0]!.path).toBe('leaveDate');
    expect(
      datedProblems(
        { dateOfBirth: '2030-01-01', referralDate: null, startDate: null, privacyNoticeDate: null },
        '2026-11-23',
      )[0]!.message,
    ).toBe('Date of birth must be in the past');
    expect(
      datedProblems(
        { dateOfBirth: '2020-01-01', referralDate: null, startDate: null, privacyNoticeDate: null },
        '2026-11-23',
      )[0]!.message,
    ).toMatch(/under 14/);
    const on = participantRecordSchemaOn('2026-11-23').safeParse({ ...base, referralDate: '1/1/2027' });
    expect(on.success).toBe(false);
  });
});

describe('NI numbers (HMRC NIM39110)', () => {
  it.each(['D', 'F', 'I', 'Q', 'U', 'V'])('refuses first letter %s', (l) =>
    expect(niNumberProblem(`${l}A123456A`)).toBe(`A National Insurance number cannot start with ${l}`),
  );
  it.each(['D', 'F', 'I', 'O', 'Q', 'U', 'V'])('refuses second letter %s', (l) =>
    expect(niNumberProblem(`A${l}123456A`)).toBe(`The second letter of a National Insurance number cannot be ${l}`),
  );
  it.each(['BG', 'GB', 'KN', 'NK', 'NT', 'TN', 'ZZ'])('refuses prefix %s', (p) =>
    expect(niNumberProblem(`${p}123456A`)).toBe(`${p} is not a prefix used for National Insurance numbers`),
  );
  it.each(['A', 'B', 'C', 'D'])('accepts suffix %s', (s) => expect(niNumberProblem(`AB123456${s}`)).toBeNull());
  it('refuses suffix E and wrong shapes', () => {
    expect(niNumberProblem('AB123456E')).toMatch(/last letter/);
    expect(niNumberProblem('AB12345C')).toMatch(/right format/);
    expect(niNumberProblem('A1234567C')).toMatch(/right format/);
  });
  it('formats for display', () => expect(formatNi('ab123456c')).toBe('AB 12 34 56 C'));

  const validNi = fc
    .tuple(
      fc.constantFrom(...'ABCEGHJKLMNOPRSTWXYZ'),
      fc.constantFrom(...'ABCEGHJKLMNPRSTWXYZ'),
      fc.integer({ min: 0, max: 999_999 }),
      fc.constantFrom('A', 'B', 'C', 'D'),
    )
    .filter(([a, b]) => !['BG', 'GB', 'KN', 'NK', 'NT', 'TN', 'ZZ'].includes(a + b))
    .map(([a, b, n, s]) => `${a}${b}${String(n).padStart(6, '0')}${s}`);
  fcTest.prop([validNi, fc.array(fc.nat(8), { maxLength: 4 }), fc.boolean()])(
    'a valid NI number is never rejected after adding spaces or lower case',
    (ni, cuts, lower) => {
      let text = ni;
      for (const c of [...cuts].sort((x, y) => y - x)) text = `${text.slice(0, c)} ${text.slice(c)}`;
      if (lower) text = text.toLowerCase();
      expect(isValidNi(text)).toBe(true);
      expect(normaliseNi(text)).toBe(ni);
    },
  );
  fcTest.prop([fc.string()])('normalising an NI number is idempotent', (s) => {
    expect(normaliseNi(normaliseNi(s))).toBe(normaliseNi(s));
  });
});

describe('postcodes', () => {
  it.each([
    ['sg1 1aa', 'SG1 1AA'],
    ['SG11AA', 'SG1 1AA'],
    ['  sg2  9zz ', 'SG2 9ZZ'],
    ['M1 1AE', 'M1 1AE'],
    ['B33 8TH', 'B33 8TH'],
    ['CR2 6XH', 'CR2 6XH'],
    ['DN55 1PT', 'DN55 1PT'],
    ['W1A 0AX', 'W1A 0AX'],
    ['EC1A 1BB', 'EC1A 1BB'],
  ])('normalises %s to %s', (raw, want) => expect(normalisePostcode(raw)).toBe(want));
  it.each(['SG1', '1AA', 'SG1 1A', 'SGG1 1AA', 'SG1 AAA', ''])('refuses %s', (raw) =>
    expect(normalisePostcode(raw)).toBeNull(),
  );
  it('gives the district', () => expect(postcodeDistrict('sg1 4ab')).toBe('SG1'));
  fcTest.prop([fc.string({ maxLength: 10 })])('normalising a postcode is idempotent', (s) => {
    const once = normalisePostcode(s);
    if (once) expect(normalisePostcode(once)).toBe(once);
  });
});

describe('ULN check digit', () => {
  // 9 digits 123456789: sum = 1*10+2*9+...+9*2 = 210; 210 mod 11 = 1; check = 9.
  it('accepts a correct check digit', () => expect(ulnProblem('1234567899')).toBeNull());
  it('refuses a wrong check digit', () => expect(ulnProblem('1234567890')).toMatch(/check digit/));
  it('refuses remainder 0', () => expect(ulnProblem('1000000010')).toMatch(/check digit/)); // sum 10+... = 11 → remainder 0
  it('refuses non-10-digit values', () => expect(ulnProblem('123')).toMatch(/10 digits/));
  fcTest.prop([fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 9, maxLength: 9 })])(
    'exactly one check digit is valid unless the remainder is 0',
    (digits) => {
      const sum = digits.reduce((s, d, i) => s + d * (10 - i), 0);
      const valid = [...Array(10).keys()].filter((c) => ulnProblem(`${digits.join('')}${c}`) === null);
      expect(valid).toEqual(sum % 11 === 0 ? [] : [10 - (sum % 11)].filter((c) => c <= 9));
    },
  );
});

describe("a column of participants in words (an import batch's changes)", () => {
  it("takes the record field's own label, else the column's words", () => {
    expect(columnLabel('address_line1')).toBe('Address line 1');
    expect(columnLabel('date_of_birth')).toBe('Date of birth');
    expect(columnLabel('ni_number')).toBe('National Insurance number');
    expect(columnLabel('postcode')).toBe('Postcode');
    expect(columnLabel('phone_digits')).toBe('Phone digits');
  });
});
