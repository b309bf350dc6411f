/**
 * Reopenings (issue 19): which cases a province's return of a city's investigation report names for
 * the city to reopen, and whether a case's naming is still pending. Reads only.
 */
import type { Pool } from 'pg';

/**
 * Whether the case is named by a return the city has not answered yet and not reopened since, or
 * was already reopened under this update id (a retried request, which the workflow answers again).
 */
export async function pendingReopening(
  pool: Pool,
  caseId: string,
  updateId: string,
): Promise<{ named: boolean; caseNo: string | null; submissionVersion: number | null }> {
  const { rows } = await pool.query<{ case_no: string; submission_version: number | null; done: boolean }>(
    `SELECT c.case_no,
            (SELECT r.submission_version FROM case_reopening r
             JOIN submission s ON s.campaign_id = r.campaign_id AND s.city_code = r.city_code AND s.kind = 'investigation' AND s.version = r.submission_version
             WHERE r.case_id = c.case_id AND r.reopened_at IS NULL AND s.status = 'returned'
             ORDER BY r.submission_version DESC LIMIT 1) AS submission_version,
            EXISTS (SELECT 1 FROM decision_log l WHERE l.case_id = c.case_id AND l.update_id = $2 AND l.action = 'reopen') AS done
     FROM case_file c WHERE c.case_id = $1`,
    [caseId, updateId],
  );
  const r = rows[0];
  return { named: r?.submission_version != null || r?.done === true, caseNo: r?.case_no ?? null, submissionVersion: r?.submission_version ?? null };
}

/**
 * The ids a return may name, with why each may not: not a case of this campaign and city, or not
 * decided yet (an open case needs no reopening). Answers the refused ones by position.
 */
export async function refusedReopenings(
  pool: Pool,
  at: { campaignId: string; cityCode: string },
  caseIds: readonly string[],
): Promise<{ index: number; caseId: string; why: 'unknown' | 'undecided' }[]> {
  const { rows } = await pool.query<{ case_id: string; status: string }>(
    'SELECT case_id, status FROM case_file WHERE case_id = ANY ($1::text[]) AND campaign_id = $2 AND city_code = $3',
    [caseIds, at.campaignId, at.cityCode],
  );
  const status = new Map(rows.map((r) => [r.case_id, r.status]));
  return caseIds.flatMap((caseId, index): { index: number; caseId: string; why: 'unknown' | 'undecided' }[] => {
    const s = status.get(caseId);
    if (s === undefined) return [{ index, caseId, why: 'unknown' }];
    if (s !== 'decided' && s !== 'closed') return [{ index, caseId, why: 'undecided' }];
    return [];
  });
}
