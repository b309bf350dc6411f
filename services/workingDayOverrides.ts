/** The province's working-day overrides for a year (PUT /calendar/working-day-overrides): replaced as a whole. */
import type { Pool } from 'pg';
import type { WorkingDayOverridesInput } from '../domain/workingDays';
import { inTransaction } from '../platform/transactions';

/**
 * Replaces the year's overrides and marks the year known. For a year chinese-days covers, list only
 * the days that differ from it; for a year it does not cover, list every public holiday and every
 * adjusted working day (an empty list says the year has none, which is rarely true).
 */
export async function replaceWorkingDayOverrides(pool: Pool, input: WorkingDayOverridesInput, updatedBy: string): Promise<void> {
  await inTransaction(pool, async (client) => {
    await client.query(
      `INSERT INTO working_day_year (year, updated_by) VALUES ($1, $2)
       ON CONFLICT (year) DO UPDATE SET updated_by = EXCLUDED.updated_by, updated_at = now()`,
      [input.year, updatedBy],
    );
    await client.query('DELETE FROM working_day_override WHERE year = $1', [input.year]);
    for (const d of input.days) {
      await client.query('INSERT INTO working_day_override (day, year, working, name) VALUES ($1, $2, $3, $4)', [d.date, input.year, d.working, d.name]);
    }
  });
}
