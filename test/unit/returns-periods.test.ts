// Reporting periods: UK financial years (1 April to 31 March), their quarters and halves.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  describePeriod,
  financialYear,
  financialYearOf,
  fyHalf,
  fyQuarter,
  periodChoiceOf,
  periodFor,
  periodProblem,
} from '../../shared/domain/reporting-periods';
import { addDaysIso } from '../../shared/domain/dates';

describe('financial years', () => {
  it('runs from 1 April to 31 March', () => {
    expect(financialYear(2025)).toMatchObject({
      from: '2025-04-01',
      to: '2026-03-31',
      label: 'Financial year 2025-26',
    });
    expect(financialYearOf('2025-03-31')).toBe(2024);
    expect(financialYearOf('2025-04-01')).toBe(2025);
  });

  it('has quarters Apr-Jun, Jul-Sep, Oct-Dec, Jan-Mar and halves Apr-Sep, Oct-Mar', () => {
    expect([1, 2, 3, 4].map((q) => fyQuarter(2023, q as 1 | 2 | 3 | 4)).map((p) => [p.from, p.to])).toEqual([
      ['2023-04-01', '2023-06-30'],
      ['2023-07-01', '2023-09-30'],
      ['2023-10-01', '2023-12-31'],
      ['2024-01-01', '2024-03-31'],
    ]);
    expect([fyHalf(2023, 1), fyHalf(2023, 2)].map((p) => [p.from, p.to])).toEqual([
      ['2023-04-01', '2023-09-30'],
      ['2023-10-01', '2024-03-31'],
    ]);
  });

  it('tiles each year with its quarters: every day in exactly one, none left over', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2000, max: 2090 }), (fy) => {
        const qs = [1, 2, 3, 4].map((q) => fyQuarter(fy, q as 1 | 2 | 3 | 4));
        expect(qs[0]!.from).toBe(financialYear(fy).from);
        expect(qs[3]!.to).toBe(financialYear(fy).to);
        for (let i = 1; i < 4; i++) expect(addDaysIso(qs[i - 1]!.to, 1)).toBe(qs[i]!.from);
        expect(addDaysIso(financialYear(fy).to, 1)).toBe(financialYear(fy + 1).from);
      }),
    );
  });

  it('names exact periods and explains bad custom ranges', () => {
    expect(describePeriod('2025-10-01', '2026-03-31')).toBe('2025-26 H2 (01/10/2025 to 31/03/2026)');
    expect(describePeriod('2025-10-02', '2026-03-31')).toBe('02/10/2025 to 31/03/2026');
    expect(periodProblem('2025-04-01', '2025-03-31')).toMatch(/after the first day/);
    expect(periodProblem('2025-02-30', '2025-03-31')).toMatch(/real date/);
    expect(periodProblem('2025-04-01', '2025-04-01')).toBeNull();
  });

  it('maps a range back to the picker choice that makes it', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2017, max: 2040 }),
        fc.constantFrom('quarter', 'half', 'year') as fc.Arbitrary<'quarter' | 'half' | 'year'>,
        fc.integer({ min: 1, max: 4 }),
        (fy, kind, part) => {
          const p = periodFor(kind, fy, kind === 'half' ? (part % 2) + 1 : part);
          const choice = periodChoiceOf(p.from, p.to);
          const again = periodFor(choice.kind, choice.fy, choice.part);
          expect([again.from, again.to]).toEqual([p.from, p.to]);
        },
      ),
    );
    expect(periodChoiceOf('2025-04-02', '2025-06-30').kind).toBe('custom');
  });
});
