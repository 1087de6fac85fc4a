// The CSCS validity rules: pass mark, HS&E validity (2 years; 3 for a first Labourer card from
// 1 Feb 2025), card terms around 1 Feb 2025, leap days and expiry-day boundaries.
import { describe, expect, it } from 'vitest';
import { fc, test as fcTest } from '@fast-check/vitest';
import {
  cardTermYears,
  defaultCardExpiry,
  hsePassExpiresOn,
  isCardValidOn,
  isHsePass,
  isHsePassValidOn,
} from '../../shared/domain/cscs';
import { addDaysIso } from '../../shared/domain/dates';

describe('HS&E test', () => {
  it('passes at 45 out of 50 and not at 44', () => {
    expect(isHsePass(45)).toBe(true);
    expect(isHsePass(50)).toBe(true);
    expect(isHsePass(44)).toBe(false);
    expect(isHsePass(0)).toBe(false);
    expect(isHsePass(51)).toBe(false);
    expect(isHsePass(45.5)).toBe(false);
  });

  it('a pass is valid 2 years, inclusive of the expiry day', () => {
    expect(hsePassExpiresOn('2024-03-10', 47)).toBe('2026-03-10');
    expect(isHsePassValidOn('2024-03-10', 47, '2026-03-10')).toBe(true);
    expect(isHsePassValidOn('2024-03-10', 47, '2026-03-11')).toBe(false);
    expect(isHsePassValidOn('2024-03-10', 47, '2024-03-09')).toBe(false); // before it was taken
  });

  it('a fail is never valid', () => {
    expect(hsePassExpiresOn('2024-03-10', 44)).toBeNull();
    expect(isHsePassValidOn('2024-03-10', 44, '2024-03-10')).toBe(false);
  });

  it('counts 3 years when used for a first Labourer card applied for on/after 1 Feb 2025', () => {
    expect(hsePassExpiresOn('2023-01-20', 46, '2025-02-01')).toBe('2026-01-20');
    expect(hsePassExpiresOn('2023-01-20', 46, '2025-01-31')).toBe('2025-01-20');
    expect(isHsePassValidOn('2022-12-01', 46, '2025-02-01', true)).toBe(true); // 2 years would have lapsed
    expect(isHsePassValidOn('2022-12-01', 46, '2025-02-01', false)).toBe(false);
    expect(isHsePassValidOn('2023-01-31', 46, '2025-01-31', true)).toBe(true); // exactly 2 years, before the change
    expect(isHsePassValidOn('2023-01-30', 46, '2025-01-31', true)).toBe(false);
  });

  it('a pass taken on 29 Feb expires on 28 Feb two years later (clamped, not 1 Mar)', () => {
    expect(hsePassExpiresOn('2024-02-29', 45)).toBe('2026-02-28');
    expect(isHsePassValidOn('2024-02-29', 45, '2026-02-28')).toBe(true);
    expect(isHsePassValidOn('2024-02-29', 45, '2026-03-01')).toBe(false);
    // 3 years from 29 Feb 2024 lands on 28 Feb 2027; 4 years would land on 29 Feb 2028.
    expect(hsePassExpiresOn('2024-02-29', 45, '2025-06-01')).toBe('2027-02-28');
  });
});

describe('CSCS card terms', () => {
  it('a first Labourer card issued on/after 1 Feb 2025 lasts 2 years; before then 5', () => {
    expect(cardTermYears('green_labourer', '2025-02-01', true)).toBe(2);
    expect(cardTermYears('green_labourer', '2025-01-31', true)).toBe(5);
    expect(defaultCardExpiry('green_labourer', '2025-02-01', true)).toBe('2027-02-01');
    expect(defaultCardExpiry('green_labourer', '2025-01-31', true)).toBe('2030-01-31');
  });

  it('renewals and other card types keep 5 years', () => {
    expect(cardTermYears('green_labourer', '2025-06-01', false)).toBe(5);
    expect(cardTermYears('blue_skilled_worker', '2025-06-01', true)).toBe(5);
    expect(defaultCardExpiry('red_trainee', '2025-06-01', false)).toBe('2030-06-01');
  });

  it('a card issued on 29 Feb expires on 28 Feb (leap day clamped)', () => {
    expect(defaultCardExpiry('green_labourer', '2028-02-29', true)).toBe('2030-02-28');
    expect(defaultCardExpiry('green_labourer', '2024-02-29', false)).toBe('2029-02-28');
  });

  it('a card is valid from its issue day to its expiry day inclusive', () => {
    const card = { issuedOn: '2025-03-01', expiresOn: '2027-03-01' };
    expect(isCardValidOn(card, '2025-02-28')).toBe(false);
    expect(isCardValidOn(card, '2025-03-01')).toBe(true);
    expect(isCardValidOn(card, '2027-03-01')).toBe(true);
    expect(isCardValidOn(card, '2027-03-02')).toBe(false);
  });
});

const isoDay = fc.integer({ min: 0, max: 365 * 30 }).map((n) => addDaysIso('2010-01-01', n));

describe('properties', () => {
  fcTest.prop([isoDay, fc.integer({ min: 0, max: 50 })])(
    'a pass is valid on the day taken and on its expiry day, never the day after',
    (taken, score) => {
      const expires = hsePassExpiresOn(taken, score);
      if (score < 45) {
        expect(expires).toBeNull();
        return;
      }
      expect(isHsePassValidOn(taken, score, taken)).toBe(true);
      expect(isHsePassValidOn(taken, score, expires!)).toBe(true);
      expect(isHsePassValidOn(taken, score, addDaysIso(expires!, 1))).toBe(false);
    },
  );

  fcTest.prop([isoDay, fc.boolean()])(
    'a default card expiry is 2 or 5 years on, never shorter than 2 years minus a leap day',
    (issued, first) => {
      const expiry = defaultCardExpiry('green_labourer', issued, first);
      const days = (Date.parse(expiry) - Date.parse(issued)) / 86_400_000;
      const years = cardTermYears('green_labourer', issued, first);
      expect(days).toBeGreaterThanOrEqual(years * 365 - 1);
      expect(days).toBeLessThanOrEqual(years * 365 + 2);
      expect(years).toBe(first && issued >= '2025-02-01' ? 2 : 5);
    },
  );
});
