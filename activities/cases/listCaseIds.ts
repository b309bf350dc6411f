/** Pages through a city's screening cases in case-number order, ids only (no payload grows with the city). */
import type { Pool } from 'pg';
import { z } from 'zod';
import { CampaignId, CityCode } from '../../domain/campaignConfig';

export const ListCaseIdsInput = z.object({
  campaignId: CampaignId,
  cityCode: CityCode,
  /** The last id of the previous page; absent: from the first case. */
  afterCaseId: z.string().min(1).optional(),
  limit: z.number().int().min(1).max(1000),
});
export type ListCaseIdsInput = z.input<typeof ListCaseIdsInput>;

/**
 * Complaint cases are not listed: whoever registers a complaint starts its case workflow, and a
 * complaint case that screening later flags keeps that workflow (one case per person).
 */
export async function listCaseIds(pool: Pool, raw: ListCaseIdsInput): Promise<string[]> {
  const input = ListCaseIdsInput.parse(raw);
  const { rows } = await pool.query<{ case_id: string }>(
    `SELECT case_id FROM case_file
     WHERE campaign_id = $1 AND city_code = $2 AND origin = 'screening'
       AND seq > coalesce((SELECT seq FROM case_file WHERE case_id = $3), 0)
     ORDER BY seq LIMIT $4`,
    [input.campaignId, input.cityCode, input.afterCaseId ?? null, input.limit],
  );
  return rows.map((r) => r.case_id);
}
