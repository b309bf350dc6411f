/** A city 公积金中心 confirms a completed fund-data import for its city (issue 21); idempotent per import and city. */
import type { Pool } from 'pg';

export async function confirmFundImport(pool: Pool, i: { importId: string; cityCode: string; confirmedBy: string }): Promise<void> {
  await pool.query('INSERT INTO fund_data_confirmation (import_id, city_code, confirmed_by) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [
    i.importId,
    i.cityCode,
    i.confirmedBy,
  ]);
}
