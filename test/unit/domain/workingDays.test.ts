import { addWorkingDays, CalendarYearUnknownError, isWorkingDay, workingDaysBetween, type WorkingCalendar } from '../../../domain/workingDays';
import { packageCalendar } from '../../../readModel/workingCalendar';

const cal: WorkingCalendar = packageCalendar();

describe('working days (行政处罚法 art. 85)', () => {
  it('know 春节 2026: Feb 15–23 off, the Saturdays Feb 14 and Feb 28 worked', () => {
    for (const d of ['2026-02-15', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-02-21', '2026-02-22', '2026-02-23']) {
      expect([d, isWorkingDay(cal, d)]).toEqual([d, false]);
    }
    expect(isWorkingDay(cal, '2026-02-14')).toBe(true);
    expect(isWorkingDay(cal, '2026-02-28')).toBe(true);
    expect(isWorkingDay(cal, '2026-02-13')).toBe(true);
    expect(isWorkingDay(cal, '2026-03-01')).toBe(false); // an ordinary Sunday
  });

  it('count from the day after the start: 5 working days from Fri 2026-02-13 skip the holiday and end on Fri 2026-02-27', () => {
    // Day 1 is the day after the start date; Sat 02-14 is a working day, then 02-15..02-23 are off.
    expect(addWorkingDays(cal, '2026-02-13', 1)).toBe('2026-02-14');
    expect(addWorkingDays(cal, '2026-02-13', 2)).toBe('2026-02-24');
    expect(addWorkingDays(cal, '2026-02-13', 5)).toBe('2026-02-27');
    expect(workingDaysBetween(cal, '2026-02-13', '2026-02-27')).toBe(5);
  });

  it('count an adjusted working Saturday: 3 working days from Wed 2026-02-25 end on Sat 2026-02-28', () => {
    expect(addWorkingDays(cal, '2026-02-25', 2)).toBe('2026-02-27');
    expect(addWorkingDays(cal, '2026-02-25', 3)).toBe('2026-02-28');
    expect(addWorkingDays(cal, '2026-02-25', 4)).toBe('2026-03-02');
    expect(workingDaysBetween(cal, '2026-02-25', '2026-03-02')).toBe(4);
  });

  it('span 国庆 2025: Sun 2025-09-28 worked, Oct 1–8 off, Sat 2025-10-11 worked', () => {
    expect(isWorkingDay(cal, '2025-09-28')).toBe(true);
    expect(isWorkingDay(cal, '2025-10-08')).toBe(false);
    expect(isWorkingDay(cal, '2025-10-11')).toBe(true);
    // From Fri 09-26: Sun 09-28 (1), Mon 09-29 (2), Tue 09-30 (3), then 10-01..10-08 off, Thu 10-09 (4), Fri 10-10 (5).
    expect(addWorkingDays(cal, '2025-09-26', 5)).toBe('2025-10-10');
    expect(addWorkingDays(cal, '2025-09-26', 6)).toBe('2025-10-11');
    expect(workingDaysBetween(cal, '2025-09-30', '2025-10-08')).toBe(0);
  });

  it('refuse a year the calendar does not know rather than guess', () => {
    const y = Math.max(...cal.years) + 1;
    expect(() => isWorkingDay(cal, `${y}-03-02`)).toThrow(CalendarYearUnknownError);
    expect(() => addWorkingDays(cal, `${y - 1}-12-30`, 10)).toThrow(CalendarYearUnknownError);
  });

  it('apply an override on top of the package (a late change)', () => {
    const changed: WorkingCalendar = { years: cal.years, days: { ...cal.days, '2026-03-02': { working: false, name: '临时调整' } } };
    expect(isWorkingDay(changed, '2026-03-02')).toBe(false);
    expect(addWorkingDays(changed, '2026-02-27', 1)).toBe('2026-02-28');
    expect(addWorkingDays(changed, '2026-02-27', 2)).toBe('2026-03-03');
  });
});
