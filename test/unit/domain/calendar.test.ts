import {
  CampaignCalendar,
  IsoDate,
  SEED_CALENDAR,
  addDays,
  addMonths,
  addWorkingDays,
  calendarDeadlines,
  deadlineInstant,
  endOfDayShanghai,
  lastDayOfMonth,
  monthsBack,
  shanghaiDate,
  startOfDayShanghai,
} from '../../../domain/calendar';

describe('CampaignCalendar', () => {
  it('accepts the seed calendar', () => {
    expect(CampaignCalendar.parse(SEED_CALENDAR)).toEqual({
      selfCheck: { start: '2024-09-01', deadline: '2024-10-31' },
      progressNotice: { date: '2024-11-05' },
      investigation: { start: '2024-11-01', deadline: '2025-01-31' },
      provincialVerification: { start: '2025-02-01', deadline: '2025-02-28' },
    });
  });

  it('rejects a phase whose deadline precedes its start', () => {
    const cal = { ...SEED_CALENDAR, selfCheck: { start: '2024-11-01', deadline: '2024-10-31' } };
    expect(CampaignCalendar.safeParse(cal).success).toBe(false);
  });

  it('rejects phases out of order', () => {
    expect(CampaignCalendar.safeParse({ ...SEED_CALENDAR, investigation: { start: '2024-10-15', deadline: '2025-01-31' } }).success).toBe(false);
    expect(CampaignCalendar.safeParse({ ...SEED_CALENDAR, provincialVerification: { start: '2025-01-31', deadline: '2025-02-28' } }).success).toBe(false);
  });

  it('rejects a progress notice before the self-check deadline or after the investigation', () => {
    expect(CampaignCalendar.safeParse({ ...SEED_CALENDAR, progressNotice: { date: '2024-10-30' } }).success).toBe(false);
    expect(CampaignCalendar.safeParse({ ...SEED_CALENDAR, progressNotice: { date: '2025-02-01' } }).success).toBe(false);
  });

  it('rejects dates that are malformed or do not exist', () => {
    expect(CampaignCalendar.safeParse({ ...SEED_CALENDAR, selfCheck: { start: '2024-9-1', deadline: '2024-10-31' } }).success).toBe(false);
    expect(CampaignCalendar.safeParse({ ...SEED_CALENDAR, selfCheck: { start: '2024-09-01', deadline: '2024-09-31' } }).success).toBe(false);
  });

  it('lists the three reporting deadlines in order', () => {
    expect(calendarDeadlines(SEED_CALENDAR)).toEqual([
      { phase: 'selfCheck', date: '2024-10-31' },
      { phase: 'investigation', date: '2025-01-31' },
      { phase: 'provincialVerification', date: '2025-02-28' },
    ]);
  });
});

describe('IsoDate', () => {
  it('accepts real dates only', () => {
    expect(IsoDate.safeParse('2024-02-29').success).toBe(true);
    expect(IsoDate.safeParse('2023-02-29').success).toBe(false);
    expect(IsoDate.safeParse('2024-13-01').success).toBe(false);
    expect(IsoDate.safeParse('2024/01/01').success).toBe(false);
  });
});

describe('Shanghai day boundaries', () => {
  it('puts the 2024-10-31 deadline at 2024-11-01T00:00:00+08:00', () => {
    expect(deadlineInstant('2024-10-31').toISOString()).toBe('2024-10-31T16:00:00.000Z');
    expect(deadlineInstant('2024-10-31').getTime()).toBe(Date.parse('2024-11-01T00:00:00+08:00'));
  });

  it('ends a day one millisecond before the deadline instant', () => {
    expect(endOfDayShanghai('2024-10-31').toISOString()).toBe('2024-10-31T15:59:59.999Z');
  });

  it('starts a day at 00:00 +08:00, which is 16:00 UTC the day before', () => {
    expect(startOfDayShanghai('2024-11-01').toISOString()).toBe('2024-10-31T16:00:00.000Z');
  });

  it('crosses month and year ends', () => {
    expect(deadlineInstant('2024-12-31').toISOString()).toBe('2024-12-31T16:00:00.000Z');
    expect(deadlineInstant('2025-02-28').getTime()).toBe(Date.parse('2025-03-01T00:00:00+08:00'));
  });

  it('reads the Shanghai date of an instant around midnight', () => {
    expect(shanghaiDate(new Date('2024-10-31T15:59:59.999Z'))).toBe('2024-10-31');
    expect(shanghaiDate(new Date('2024-10-31T16:00:00.000Z'))).toBe('2024-11-01');
    expect(shanghaiDate(deadlineInstant('2024-10-31'))).toBe('2024-11-01');
    expect(shanghaiDate(endOfDayShanghai('2024-10-31'))).toBe('2024-10-31');
  });
});

describe('date arithmetic', () => {
  it('adds and subtracts calendar days across months, years and leap days', () => {
    expect(addDays('2024-10-31', 1)).toBe('2024-11-01');
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-03-01', -1)).toBe('2025-02-28');
    expect(addDays('2024-10-31', 0)).toBe('2024-10-31');
  });

  it('skips the weekend when adding working days', () => {
    // 2024-11-01 is a Friday.
    expect(addWorkingDays('2024-11-01', 1)).toBe('2024-11-04');
    expect(addWorkingDays('2024-11-01', 5)).toBe('2024-11-08');
    expect(addWorkingDays('2024-10-28', 4)).toBe('2024-11-01');
  });

  it('counts from a weekend start to the next Monday', () => {
    expect(addWorkingDays('2024-11-02', 1)).toBe('2024-11-04');
  });

  it('goes back over a weekend for negative counts and stays put for zero', () => {
    expect(addWorkingDays('2024-11-04', -1)).toBe('2024-11-01');
    expect(addWorkingDays('2024-11-02', 0)).toBe('2024-11-02');
  });

  it('shifts months across years', () => {
    expect(addMonths('2024-11', 3)).toBe('2025-02');
    expect(addMonths('2025-01', -1)).toBe('2024-12');
    expect(addMonths('2024-01', -13)).toBe('2022-12');
  });

  it('gives the window of n months ending at as-of, oldest first', () => {
    expect(monthsBack('2024-02', 3)).toEqual(['2023-12', '2024-01', '2024-02']);
    expect(monthsBack('2024-12', 1)).toEqual(['2024-12']);
    expect(monthsBack('2024-12', 12)).toHaveLength(12);
  });

  it('finds the last day of a month', () => {
    expect(lastDayOfMonth('2024-02')).toBe('2024-02-29');
    expect(lastDayOfMonth('2023-02')).toBe('2023-02-28');
    expect(lastDayOfMonth('2024-12')).toBe('2024-12-31');
    expect(lastDayOfMonth('2024-04')).toBe('2024-04-30');
  });
});
