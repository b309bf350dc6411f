/**
 * The working-day calendar (domain/workingDays.ts) as known here: the chinese-days package's public
 * holidays and adjusted working days, with the province's overrides on top (a year the package does
 * not cover yet, or a late change; PUT /calendar/working-day-overrides).
 */
import packageDays from 'chinese-days/dist/chinese-days.json';
import type { Pool } from 'pg';
import { z } from 'zod';
import type { WorkingCalendar } from '../domain/workingDays';

interface PackageData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

/** chinese-days writes "Spring Festival,春节,4": the Chinese name is the second part. */
const chineseName = (entry: string): string => entry.split(',')[1] ?? entry;

/** The package's calendar alone: the years it lists and their special days. */
export function packageCalendar(): { years: number[]; days: Record<string, { working: boolean; name: string }> } {
  const data = packageDays as PackageData;
  const days: Record<string, { working: boolean; name: string }> = {};
  for (const [date, entry] of Object.entries(data.holidays)) days[date] = { working: false, name: chineseName(entry) };
  for (const [date, entry] of Object.entries(data.workdays)) days[date] = { working: true, name: `${chineseName(entry)}调休上班` };
  const years = [...new Set(Object.keys(days).map((d) => Number(d.slice(0, 4))))].sort((a, b) => a - b);
  return { years, days };
}

export const OverrideYear = z.object({
  year: z.number().int(),
  updatedBy: z.string(),
  updatedAt: z.string().describe('ISO 8601'),
  days: z.array(z.object({ date: z.string(), working: z.boolean(), name: z.string() })),
});
export type OverrideYear = z.infer<typeof OverrideYear>;

/** The province's overrides, by year. */
export async function workingDayOverrides(pool: Pool): Promise<OverrideYear[]> {
  const [years, days] = await Promise.all([
    pool.query('SELECT year, updated_by, updated_at FROM working_day_year ORDER BY year'),
    pool.query(`SELECT year, to_char(day, 'YYYY-MM-DD') AS date, working, name FROM working_day_override ORDER BY day`),
  ]);
  return years.rows.map((y) => ({
    year: y.year as number,
    updatedBy: y.updated_by as string,
    updatedAt: (y.updated_at as Date).toISOString(),
    days: days.rows.filter((d) => d.year === y.year).map((d) => ({ date: d.date as string, working: d.working as boolean, name: d.name as string })),
  }));
}

/** The package's calendar with the overrides applied: what deadlines are computed with. */
export async function loadWorkingCalendar(pool: Pool): Promise<WorkingCalendar> {
  const base = packageCalendar();
  const overrides = await workingDayOverrides(pool);
  const days = { ...base.days };
  for (const y of overrides) for (const d of y.days) days[d.date] = { working: d.working, name: d.name };
  const years = [...new Set([...base.years, ...overrides.map((o) => o.year)])].sort((a, b) => a - b);
  return { years, days };
}
