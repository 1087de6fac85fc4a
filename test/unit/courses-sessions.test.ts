// Sessions generated on weekdays, and the attendance rate (late counts, excused is left out).
import { describe, expect, it } from 'vitest';
import { attendanceRate, isWeekday, weekdaysBetween } from '../../shared/domain/course-sessions';

describe('course sessions', () => {
  it('one session per weekday, inclusive, skipping weekends and crossing a leap day', () => {
    expect(weekdaysBetween('2028-02-25', '2028-03-02')).toEqual([
      '2028-02-25',
      '2028-02-28',
      '2028-02-29',
      '2028-03-01',
      '2028-03-02',
    ]);
    expect(weekdaysBetween('2026-11-07', '2026-11-08')).toEqual([]);
    expect(weekdaysBetween('2026-11-10', '2026-11-09')).toEqual([]);
    expect(isWeekday('2026-11-23')).toBe(true);
    expect(weekdaysBetween('2026-01-01', '2030-01-01')).toHaveLength(200);
  });

  it('attendance rate counts late as attended and leaves excused out', () => {
    expect(attendanceRate({ present: 3, late: 1, absent: 0 })).toBe(1);
    expect(attendanceRate({ present: 1, late: 0, absent: 1 })).toBe(0.5);
    expect(attendanceRate({ present: 0, late: 0, absent: 0 })).toBeNull();
  });
});
