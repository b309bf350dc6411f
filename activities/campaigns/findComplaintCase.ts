/**
 * The case a registered complaint belongs to. The services layer registers the complaint itself
 * (registerComplaint: it holds the person's ID number and the text, which must stay out of
 * workflow history); the city workflow then learns only the ids and starts a case it opened.
 */
import { failure } from '../domainFailure';
import type { Pool } from 'pg';
import { z } from 'zod';
import { CityCode } from '../../domain/cityCode';

export const FindComplaintCaseInput = z.object({
  campaignId: z.string().min(1),
  cityCode: CityCode,
  complaintId: z.string().min(1),
});
export type FindComplaintCaseInput = z.input<typeof FindComplaintCaseInput>;

export async function findComplaintCase(pool: Pool, raw: FindComplaintCaseInput): Promise<{ caseId: string | null; created: boolean }> {
  const i = FindComplaintCaseInput.parse(raw);
  const { rows } = await pool.query('SELECT case_id, opened_case FROM complaint WHERE complaint_id = $1 AND campaign_id = $2 AND city_code = $3', [
    i.complaintId,
    i.campaignId,
    i.cityCode,
  ]);
  if (!rows[0]) throw failure('IntakeNotFound', `投诉举报 ${i.complaintId} 未在本市（州）登记`);
  return { caseId: rows[0].case_id, created: rows[0].opened_case === true };
}

/** Open cases a complaint or a transfer from another city opened (they run outside the shards), for forwarding a deadline change. */
export async function listOpenComplaintCases(pool: Pool, raw: Omit<FindComplaintCaseInput, 'complaintId'>): Promise<string[]> {
  const i = FindComplaintCaseInput.omit({ complaintId: true }).parse(raw);
  const { rows } = await pool.query<{ case_id: string }>(
    `SELECT c.case_id FROM case_file c
      WHERE c.campaign_id = $1 AND c.city_code = $2 AND c.status = 'open'
        AND (c.origin = 'transfer' OR EXISTS (SELECT 1 FROM complaint k WHERE k.case_id = c.case_id AND k.opened_case))
      ORDER BY c.case_id`,
    [i.campaignId, i.cityCode],
  );
  return rows.map((r) => r.case_id);
}
