/**
 * The campaign calendar and date arithmetic in China Standard Time.
 *
 * Pure functions of their arguments (no Date.now()), so Temporal workflows can
 * call them deterministically. Dates are 'YYYY-MM-DD' strings, months 'YYYY-MM'.
 * Asia/Shanghai has had no DST since 1991, so a fixed +08:00 offset is exact.
 */
import { z } from 'zod';
import type { DeadlinePhase } from './deadlinePhase';
import { fieldLabel } from './fieldLabels';
import { onField } from './fieldMessages';
import { isRealDate } from './idNumber';

const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const isIsoDate = (s: string): boolean => ISO_DATE.test(s) && isRealDate(Number(s.slice(0, 4)), Number(s.slice(5, 7)), Number(s.slice(8, 10)));

export const IsoDate = z
  .string()
  .regex(ISO_DATE, { error: onField('应为日期，格式为年-月-日，如 2024-09-01'), abort: true })
  .refine(isIsoDate, { error: onField('不是实际存在的日期') });
export type IsoDate = z.infer<typeof IsoDate>;

export const IsoMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: onField('应为年月，格式为年-月，如 2024-09') });
export type IsoMonth = z.infer<typeof IsoMonth>;

const Window = z.object({ start: IsoDate, deadline: IsoDate });

export const CampaignCalendar = z
  .object({
    selfCheck: Window,
    progressNotice: z.object({ date: IsoDate }),
    investigation: Window,
    provincialVerification: Window,
  })
  .superRefine((c, ctx) => {
    // ISO date strings compare correctly as strings; a date that is itself wrong has its own message.
    const label = (...path: string[]) => `「${fieldLabel(path)}」`;
    const order = (ok: boolean, dates: string[], path: string[], message: string): void => {
      if (!ok && dates.every(isIsoDate)) ctx.addIssue({ code: 'custom', path, message });
    };
    for (const p of ['selfCheck', 'investigation', 'provincialVerification'] as const) {
      order(c[p].start <= c[p].deadline, [c[p].start, c[p].deadline], [p, 'deadline'], `${label(p, 'deadline')}不能早于${label(p, 'start')}`);
    }
    order(
      c.selfCheck.deadline < c.investigation.start,
      [c.selfCheck.deadline, c.investigation.start],
      ['investigation', 'start'],
      `${label('investigation', 'start')}应晚于${label('selfCheck', 'deadline')}`,
    );
    order(
      c.investigation.deadline < c.provincialVerification.start,
      [c.investigation.deadline, c.provincialVerification.start],
      ['provincialVerification', 'start'],
      `${label('provincialVerification', 'start')}应晚于${label('investigation', 'deadline')}`,
    );
    order(
      c.selfCheck.deadline < c.progressNotice.date && c.progressNotice.date <= c.investigation.deadline,
      [c.selfCheck.deadline, c.progressNotice.date, c.investigation.deadline],
      ['progressNotice', 'date'],
      `${label('progressNotice', 'date')}应晚于${label('selfCheck', 'deadline')}，且不晚于${label('investigation', 'deadline')}`,
    );
  });
export type CampaignCalendar = z.infer<typeof CampaignCalendar>;

/** The seed document's calendar (2024-09 to 2025-02). */
export const SEED_CALENDAR: CampaignCalendar = Object.freeze({
  selfCheck: { start: '2024-09-01', deadline: '2024-10-31' },
  progressNotice: { date: '2024-11-05' },
  investigation: { start: '2024-11-01', deadline: '2025-01-31' },
  provincialVerification: { start: '2025-02-01', deadline: '2025-02-28' },
});

/** The three reporting deadlines in order, for supervisors' timers and overdue lists. */
export function calendarDeadlines(cal: CampaignCalendar): { phase: DeadlinePhase; date: string }[] {
  return [
    { phase: 'selfCheck', date: cal.selfCheck.deadline },
    { phase: 'investigation', date: cal.investigation.deadline },
    { phase: 'provincialVerification', date: cal.provincialVerification.deadline },
  ];
}

function parts(date: string): [number, number, number] {
  return [Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))];
}

function utcMidnight(date: string): number {
  const [y, m, d] = parts(date);
  return Date.UTC(y, m - 1, d);
}

function fromUtcMidnight(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** 00:00:00.000 +08:00 on `date`. */
export function startOfDayShanghai(date: string): Date {
  return new Date(utcMidnight(date) - SHANGHAI_OFFSET_MS);
}

/**
 * When a deadline day has passed: 00:00 +08:00 the next day. A report
 * submitted before this instant is on time; an overdue alert fires at it.
 * 2024-10-31 → 2024-11-01T00:00:00+08:00 = 2024-10-31T16:00:00Z.
 */
export function deadlineInstant(date: string): Date {
  return new Date(utcMidnight(date) + DAY_MS - SHANGHAI_OFFSET_MS);
}

/** The last millisecond of `date` in Shanghai (23:59:59.999 +08:00), for display. */
export function endOfDayShanghai(date: string): Date {
  return new Date(deadlineInstant(date).getTime() - 1);
}

/** The calendar date of an instant in Asia/Shanghai. */
export function shanghaiDate(instant: Date): string {
  return new Date(instant.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

export function addDays(date: string, n: number): string {
  return fromUtcMidnight(utcMidnight(date) + n * DAY_MS);
}

/** Calendar days from `from` to `to` (both YYYY-MM-DD): 1 from a deadline day to the day after it. */
export function calendarDaysBetween(from: string, to: string): number {
  return Math.round((utcMidnight(to) - utcMidnight(from)) / DAY_MS);
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: string): number {
  return new Date(utcMidnight(date)).getUTCDay();
}

/**
 * `n` working days (Mon–Fri) after `date` (before it when n < 0). No holiday
 * table: China's public holidays and make-up working days (调休) change each
 * year by State Council notice, so a time limit over a holiday needs manual care.
 */
export function addWorkingDays(date: string, n: number): string {
  const step = n < 0 ? -1 : 1;
  let d = date;
  for (let left = Math.abs(n); left > 0;) {
    d = addDays(d, step);
    const dow = dayOfWeek(d);
    if (dow !== 0 && dow !== 6) left--;
  }
  return d;
}

/** 'YYYY-MM' shifted by n months. */
export function addMonths(month: string, n: number): string {
  const total = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + n;
  const y = Math.floor(total / 12);
  const m = total - y * 12 + 1;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}`;
}

/** The n months ending at asOf inclusive, oldest first: monthsBack('2024-02', 3) = 2023-12, 2024-01, 2024-02. */
export function monthsBack(asOf: string, n: number): string[] {
  const out: string[] = [];
  for (let i = n - 1; i >= 0; i--) out.push(addMonths(asOf, -i));
  return out;
}

/** The last calendar day of a 'YYYY-MM' month (the day OVER_AGE is measured on). */
export function lastDayOfMonth(month: string): string {
  return addDays(`${addMonths(month, 1)}-01`, -1);
}
