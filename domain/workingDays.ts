/**
 * Working days for the time limits of the Administrative Penalty Law (行政处罚法 art. 85: its 二日,
 * 三日, 五日 and 七日 are working days, public holidays not counted). A working day is a Monday to
 * Friday that is not a public holiday, or a weekend day the State Council made a working day (调休上班).
 *
 * Pure: the calendar is an argument (readModel/workingCalendar.ts builds it from the chinese-days
 * package and the province's overrides), so a workflow can compute a deadline deterministically from
 * a calendar an activity loaded. A date in a year the calendar does not know is refused
 * (CalendarYearUnknownError) rather than guessed: a wrong deadline is a procedural defect.
 *
 * Counting: the start date itself is not counted; the day after it is day 1 (期间开始的日不计算在内).
 */
import { z } from 'zod';
import { addDays, IsoDate } from './calendar';
import { DomainError } from './errors';
import { nameText } from './text';

/** One day that differs from Monday-to-Friday: a public holiday (working=false) or an adjusted working day (working=true). */
export const CalendarDay = z.object({
  date: IsoDate.meta({ title: '日期' }),
  working: z.boolean().meta({ title: '是否上班' }),
  /** 春节, 国庆节, 春节调休上班 … */
  name: nameText({ max: 40 }).meta({ title: '节日名称' }),
});
export type CalendarDay = z.infer<typeof CalendarDay>;

export interface WorkingCalendar {
  /** The years whose holidays and adjusted working days are known. */
  years: readonly number[];
  /** Dates (YYYY-MM-DD) that differ from Monday-to-Friday, with whether they are working days. */
  days: Readonly<Record<string, { working: boolean; name: string }>>;
}

export class CalendarYearUnknownError extends DomainError {
  constructor(readonly year: number) {
    super('CalendarYearUnknown', `the working-day calendar does not know ${year}: enter its public holidays and adjusted working days first`);
  }
}

const yearOf = (date: string): number => Number(date.slice(0, 4));

/** 0 = Sunday … 6 = Saturday, of a YYYY-MM-DD date. */
function weekday(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

function known(cal: WorkingCalendar, date: string): void {
  const y = yearOf(date);
  if (!cal.years.includes(y)) throw new CalendarYearUnknownError(y);
}

export function isWorkingDay(cal: WorkingCalendar, date: string): boolean {
  known(cal, date);
  const special = cal.days[date];
  if (special) return special.working;
  const d = weekday(date);
  return d !== 0 && d !== 6;
}

/** The n-th working day after `from` (the day after `from` is the first candidate). n ≥ 1. */
export function addWorkingDays(cal: WorkingCalendar, from: string, n: number): string {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`n must be a positive integer, got ${n}`);
  let date = from;
  let counted = 0;
  while (counted < n) {
    date = addDays(date, 1);
    if (isWorkingDay(cal, date)) counted++;
  }
  return date;
}

/** How many working days lie after `from` up to and including `to` (0 when to ≤ from). */
export function workingDaysBetween(cal: WorkingCalendar, from: string, to: string): number {
  let count = 0;
  for (let date = addDays(from, 1); date <= to; date = addDays(date, 1)) if (isWorkingDay(cal, date)) count++;
  return count;
}

/** A year's overrides as the province enters them (PUT /calendar/working-day-overrides). */
export const WorkingDayOverridesInput = z
  .object({
    year: z.number().int().min(2000).max(2100).meta({ title: '年度' }),
    days: z.array(CalendarDay).max(120).meta({ title: '节假日和调休日' }),
  })
  .superRefine((v, ctx) => {
    const seen = new Set<string>();
    v.days.forEach((d, i) => {
      if (yearOf(d.date) !== v.year) ctx.addIssue({ code: 'custom', path: ['days', i, 'date'], message: `第${i + 1}项的「日期」不在${v.year}年内` });
      if (seen.has(d.date)) ctx.addIssue({ code: 'custom', path: ['days', i, 'date'], message: `第${i + 1}项的「日期」重复` });
      seen.add(d.date);
    });
  });
export type WorkingDayOverridesInput = z.infer<typeof WorkingDayOverridesInput>;
