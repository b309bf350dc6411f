/** Whether a city may submit its investigation report: every open case decided or carried over. */
import type { Pool } from 'pg';
import { z } from 'zod';
import { CityCode } from '../../domain/cityCode';

export const FindOpenCasesInput = z.object({
  campaignId: z.string().min(1),
  cityCode: CityCode,
  /** Case ids the city carries over with a reason; they do not block the report. */
  carriedOver: z.array(z.string().min(1)).default([]),
});
export type FindOpenCasesInput = z.input<typeof FindOpenCasesInput>;

export interface OpenCases {
  /** Open cases not in the carried-over list. */
  open: number;
  /** The first few of them, for the refusal message. */
  sample: string[];
  /** Carried-over ids that are not open cases of this city (refused: a typo would hide a case). */
  unknown: string[];
}

export async function findOpenCases(pool: Pool, raw: FindOpenCasesInput): Promise<OpenCases> {
  const i = FindOpenCasesInput.parse(raw);
  const open = await pool.query<{ n: number; sample: string[] | null }>(
    `SELECT count(*)::int AS n, (array_agg(case_id ORDER BY case_id))[1:5] AS sample
       FROM case_file WHERE campaign_id = $1 AND city_code = $2 AND status = 'open' AND NOT (case_id = ANY($3::text[]))`,
    [i.campaignId, i.cityCode, i.carriedOver],
  );
  const known = await pool.query<{ case_id: string }>(
    `SELECT case_id FROM case_file WHERE campaign_id = $1 AND city_code = $2 AND case_id = ANY($3::text[])
        AND status IN ('open', 'carried_over')`,
    [i.campaignId, i.cityCode, i.carriedOver],
  );
  const knownIds = new Set(known.rows.map((r) => r.case_id));
  return { open: open.rows[0].n, sample: open.rows[0].sample ?? [], unknown: i.carriedOver.filter((c) => !knownIds.has(c)) };
}
