// Sessions generated on working days (weekdays but bank holidays), the bank holidays themselves
// against GOV.UK's published lists, and the attendance rate (late counts, excused is left out).
import { describe, expect, it } from 'vitest';
import {
  attendanceRate,
  isWeekday,
  sessionDaysBetween,
  weekdayBankHolidaysBetween,
} from '../../shared/domain/course-sessions';
import { bankHolidays } from '../../shared/domain/bank-holidays';

/** England and Wales, as published at gov.uk/bank-holidays (substitute days as taken). */
const published: Record<number, string[]> = {
  2019: ['01-01', '04-19', '04-22', '05-06', '05-27', '08-26', '12-25', '12-26'],
  2020: ['01-01', '04-10', '04-13', '05-08', '05-25', '08-31', '12-25', '12-28'],
  2021: ['01-01', '04-02', '04-05', '05-03', '05-31', '08-30', '12-27', '12-28'],
  2022: ['01-03', '04-15', '04-18', '05-02', '06-02', '06-03', '08-29', '09-19', '12-26', '12-27'],
  2023: ['01-02', '04-07', '04-10', '05-01', '05-08', '05-29', '08-28', '12-25', '12-26'],
  2024: ['01-01', '03-29', '04-01', '05-06', '05-27', '08-26', '12-25', '12-26'],
  2025: ['01-01', '04-18', '04-21', '05-05', '05-26', '08-25', '12-25', '12-26'],
  2026: ['01-01', '04-03', '04-06', '05-04', '05-25', '08-31', '12-25', '12-28'],
  2027: ['01-01', '03-26', '03-29', '05-03', '05-31', '08-30', '12-27', '12-28'],
};

describe('bank holidays in England and Wales', () => {
  it.each(Object.entries(published))('%s: exactly the days GOV.UK publishes', (year, days) => {
    expect([...bankHolidays(Number(year))].sort()).toEqual(days.map((d) => `${year}-${d}`));
  });

  it('are eight a year on weekdays, unless proclaimed otherwise', () => {
    for (let year = 2028; year <= 2060; year++) {
      const days = [...bankHolidays(year)];
      expect(days, String(year)).toHaveLength(8);
      for (const d of days) expect(isWeekday(d), d).toBe(true);
    }
  });
});

describe('course sessions', () => {
  it('one session per weekday, inclusive, skipping weekends and crossing a leap day', () => {
    expect(sessionDaysBetween('2028-02-25', '2028-03-02')).toEqual([
      '2028-02-25',
      '2028-02-28',
      '2028-02-29',
      '2028-03-01',
      '2028-03-02',
    ]);
    expect(sessionDaysBetween('2026-11-07', '2026-11-08')).toEqual([]);
    expect(sessionDaysBetween('2026-11-10', '2026-11-09')).toEqual([]);
    expect(isWeekday('2026-11-23')).toBe(true);
    expect(sessionDaysBetween('2026-01-01', '2030-01-01')).toHaveLength(200);
  });

  it('leaves bank holidays out, and names them', () => {
    // Christmas 2026: Friday 25th, and Boxing Day (a Saturday) taken on Monday 28th.
    expect(sessionDaysBetween('2026-12-21', '2027-01-01')).toEqual([
      '2026-12-21',
      '2026-12-22',
      '2026-12-23',
      '2026-12-24',
      '2026-12-29',
      '2026-12-30',
      '2026-12-31',
    ]);
    expect(weekdayBankHolidaysBetween('2026-12-21', '2027-01-01')).toEqual(['2026-12-25', '2026-12-28', '2027-01-01']);
    expect(sessionDaysBetween('2027-03-26', '2027-03-29')).toEqual([]);
  });

  it('attendance rate counts late as attended and leaves excused out', () => {
    expect(attendanceRate({ present: 3, late: 1, absent: 0 })).toBe(1);
    expect(attendanceRate({ present: 1, late: 0, absent: 1 })).toBe(0.5);
    expect(attendanceRate({ present: 0, late: 0, absent: 0 })).toBeNull();
  });
});
