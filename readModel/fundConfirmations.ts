/** The city 公积金中心s' confirmations of fund-data imports (issue 21). */
import type { Pool } from 'pg';
import { z } from 'zod';
import { Instant, instant, parseRows, TimestampColumn } from './sqlTypes';

export const FundConfirmation = z.object({
  importId: z.string().uuid(),
  cityCode: z.string(),
  confirmedBy: z.string(),
  confirmedAt: Instant,
});
export type FundConfirmation = z.infer<typeof FundConfirmation>;

const Row = z.object({ import_id: z.string(), city_code: z.string(), confirmed_by: z.string(), confirmed_at: TimestampColumn });

export async function listFundConfirmations(pool: Pool, importId: string): Promise<FundConfirmation[]> {
  const { rows } = await pool.query('SELECT * FROM fund_data_confirmation WHERE import_id = $1 ORDER BY city_code', [importId]);
  return parseRows(Row, rows).map((r) => ({ importId: r.import_id, cityCode: r.city_code, confirmedBy: r.confirmed_by, confirmedAt: instant(r.confirmed_at) }));
}
