// Finding the table in a sheet: header row below title rows, merged header cells, blank and
// total rows skipped, trailing blanks trimmed; and column suggestions from headers and contents.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { tableOf } from '../../shared/domain/import-sheet';
import { importProfileSchema, suggestColumns } from '../../shared/domain/import-profile';
import { splitFullName, typeRows } from '../../shared/domain/import-rows';
import type { RawCell } from '../../shared/domain/import-values';

const header = ['NI number', 'First name', 'Surname', 'Date of birth', 'Postcode'];
const dataRow = (i: number): RawCell[] => [
  `AB 12 34 ${String(10 + i)} C`,
  `Name${i}`,
  `Family${i}`,
  `0${1 + (i % 9)}/03/1990`,
  'SG1 1AA',
];

describe('tableOf', () => {
  it('finds the header under any number of title rows and skips blank and total rows', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.constant<RawCell[]>([]),
            fc.string({ minLength: 1, maxLength: 40 }).map((s) => [s] as RawCell[]),
          ),
          { maxLength: 8 },
        ),
        fc.integer({ min: 1, max: 20 }),
        (titles, n) => {
          const rows: RawCell[][] = [
            ...titles,
            header,
            ...Array.from({ length: n }, (_v, i) => dataRow(i)),
            [],
            ['Total', null, null, null, null],
          ];
          const t = tableOf({ name: 'S', rows, merges: [] });
          expect(t.headerRow).toBe(titles.length + 1);
          expect(t.headers).toEqual(header);
          expect(t.rows).toHaveLength(n);
          expect(t.skippedTotals).toBe(1);
        },
      ),
    );
  });

  it('fills merged header cells and trims trailing blanks', () => {
    const rows: RawCell[][] = [
      ['Referrals'],
      ['Person', null, null, 'Postcode', null],
      ['NI', 'Forename', 'Surname', null, null],
      ['AB123456C', ' Ann  ', 'Lee\u00a0', 'SG1 1AA', null, null],
    ];
    const t = tableOf({
      name: 'S',
      rows,
      merges: [
        { r1: 1, c1: 0, r2: 1, c2: 2 },
        { r1: 1, c1: 3, r2: 2, c2: 3 },
      ],
    });
    expect(t.headerRow).toBe(3);
    expect(t.headers).toEqual(['NI', 'Forename', 'Surname', 'Postcode']);
    expect(t.rows[0]!.cells).toEqual(['AB123456C', 'Ann', 'Lee', 'SG1 1AA']);
  });
});

describe('suggestions and typing', () => {
  it('suggests columns from header words and from what the values look like', () => {
    const s = suggestColumns(
      'participants',
      ['Ref', 'Forename', 'Family name', 'D.O.B.', 'Col E'],
      [['1', 'Ann', 'Lee', '01/02/1990', 'AB 12 34 56 C']],
    );
    expect(Object.fromEntries(s.map((x) => [x.field, x.header]))).toMatchObject({
      first_name: 'Forename',
      last_name: 'Family name',
      date_of_birth: 'D.O.B.',
      ni_number: 'Col E',
    });
    expect(s.find((x) => x.field === 'ni_number')!.basis).toBe('contents');
  });

  it('splits full names and never turns blanks into values', () => {
    expect(splitFullName('Smith, John')).toEqual({ first: 'John', last: 'Smith' });
    expect(splitFullName('Mary Ann Jones')).toEqual({ first: 'Mary Ann', last: 'Jones' });
    const profile = importProfileSchema.parse({
      name: 'p',
      partner: 'x',
      kind: 'participants',
      columns: { full_name: 'Name', phone: 'Tel', date_of_birth: 'DOB' },
    });
    const { rows } = typeRows(
      {
        sheet: 'S',
        headerRow: 1,
        headers: ['Name', 'Tel', 'DOB'],
        rows: [{ rowNumber: 2, cells: ['JOHN SMITH', null, '31/02/1990'] }],
        skippedBlank: 0,
        skippedTotals: 0,
      },
      profile,
      false,
    );
    expect(rows[0]!.values).toEqual({ first_name: 'John', last_name: 'Smith' });
    expect(rows[0]!.problems).toEqual([
      { field: 'date_of_birth', column: 'DOB (C)', message: 'Date of birth "31/02/1990" is not a real date' },
    ]);
  });

  it('takes a name with a digit as written, with a warning naming the cell (never a problem)', () => {
    const profile = importProfileSchema.parse({
      name: 'p',
      partner: 'x',
      kind: 'participants',
      columns: { first_name: 'First', last_name: 'Last' },
    });
    const { rows } = typeRows(
      {
        sheet: 'S',
        headerRow: 1,
        headers: ['First', 'Last'],
        rows: [
          { rowNumber: 2, cells: ['Ann', 'J0nes'] },
          { rowNumber: 3, cells: ['Ann', 'Jones'] },
        ],
        skippedBlank: 0,
        skippedTotals: 0,
      },
      profile,
      false,
    );
    expect(rows[0]!.values).toEqual({ first_name: 'Ann', last_name: 'J0nes' });
    expect(rows[0]!.problems).toEqual([]);
    expect(rows[0]!.warnings).toEqual([
      {
        field: 'last_name',
        column: 'Last (B)',
        message:
          'Last name "J0nes" has a digit: quick search reads a word with a digit as a postcode, NI number, ' +
          'phone number or reference, so this person will not be found by that word',
      },
    ]);
    expect(rows[1]!.warnings).toEqual([]);
  });

  it('validates hand-written profiles with messages that name the field', () => {
    const bad = importProfileSchema.safeParse({
      name: 'p',
      partner: 'x',
      kind: 'outcomes',
      columns: { ni_number: 'NI', shoe_size: 'Shoes' },
    });
    expect(bad.success).toBe(false);
    const messages = bad.error!.issues.map((i) => i.message);
    expect(messages).toContain('"shoe_size" is not a field of a outcomes import');
    expect(messages).toContain('Map a column to Outcome type');
  });
});
