// The demo's dates of birth come from calendar years (issue 20): whatever the start date (leap days
// included), the age drawn and the days drawn, the person is exactly that age when they start, so
// nobody drawn as 16 starts at 15.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { birthDateAtAge } from '../../db/demo/ages';
import { addDaysIso, ageOn } from '../../shared/domain/dates';

const day = fc.integer({ min: 0, max: 365 * 30 }).map((n) => addDaysIso('2010-01-01', n));

describe('birthDateAtAge', () => {
  it('makes someone exactly the age drawn on the day', () => {
    fc.assert(
      fc.property(day, fc.integer({ min: 16, max: 64 }), fc.integer({ min: 0, max: 364 }), (on, age, days) => {
        expect(ageOn(birthDateAtAge(on, age, days), on)).toBe(age);
      }),
      { numRuns: 2000 },
    );
  });

  it('holds over leap days, where age * 365 days fell short', () => {
    expect(ageOn(birthDateAtAge('2024-02-29', 16, 0), '2024-02-29')).toBe(16);
    expect(ageOn(birthDateAtAge('2024-02-29', 17, 364), '2024-02-29')).toBe(17);
    // The old formula: 16 * 365 days before 1 March 2026 is 5 March 2010, four days short of 16.
    expect(ageOn(addDaysIso('2026-03-01', -16 * 365), '2026-03-01')).toBe(15);
    expect(ageOn(birthDateAtAge('2026-03-01', 16, 0), '2026-03-01')).toBe(16);
  });
});
