// A preview reports a row pasted twice (every value the same as an earlier row's) as a repeat and
// imports it once. Its signature must be equal for two rows exactly when their values are: the
// same fields, each with the same value of the same kind, whatever the fields' order or the
// characters in the values.
import { describe, expect } from 'vitest';
import fc from 'fast-check';
import { test as fcTest } from '@fast-check/vitest';
import { valuesSignature } from '../../db/features/imports/import-preview';

const field = fc.constantFrom('first_name', 'last_name', 'postcode', 'phone', 'hours', 'a', 'ab', 'b');
// Short texts from a few characters, separators and digits among them, so equal and near-equal
// values (and a number beside the text that reads the same) come up often.
const value = fc.oneof(
  fc.string({ maxLength: 4, unit: fc.constantFrom('1', 'a', '\u0001', '\u0002', 's', 'n', ' ') }),
  fc.integer({ min: -2, max: 12 }),
);
const values = fc.dictionary(field, value, { maxKeys: 4 });

function sameValues(a: Record<string, string | number>, b: Record<string, string | number>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => k in b && Object.is(a[k], b[k]));
}

describe('an import row\u2019s signature', () => {
  fcTest.prop([values, values], { numRuns: 3000 })('is the same exactly when the values are', (a, b) => {
    expect(valuesSignature(a) === valuesSignature(b)).toBe(sameValues(a, b));
  });

  fcTest.prop([values])('does not depend on the order of the fields', (a) => {
    const reversed = Object.fromEntries(Object.entries(a).reverse());
    expect(valuesSignature(reversed)).toBe(valuesSignature(a));
  });

  fcTest.prop([fc.string({ maxLength: 6 }), fc.string({ maxLength: 6 })])(
    'cannot be made by one value that holds the next field written out',
    (x, y) => {
      const two = { a: x, b: y };
      // The text two fields make, minus its first field's name and kind, as one field's value.
      const forged = valuesSignature(two).slice(`a\u0001s${x.length}\u0001`.length, -1);
      expect(valuesSignature({ a: forged })).not.toBe(valuesSignature(two));
    },
  );

  fcTest.prop([fc.integer({ min: 0, max: 99 })])('tells a number from the same digits as text', (n) => {
    expect(valuesSignature({ hours: n })).not.toBe(valuesSignature({ hours: String(n) }));
  });
});
