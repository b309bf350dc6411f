/** A case's place (campaign, city) read from the read model, for authorization and routing. */
import type { Pool } from 'pg';
import { LINE_TEXT_PATTERN } from '../../domain/text';

export interface CaseRef {
  caseId: string;
  campaignId: string;
  cityCode: string;
  status: string;
}

export async function findCaseRef(pool: Pool, caseId: string): Promise<CaseRef | undefined> {
  // Access is checked before the path is validated: an id the text type refuses names no case (and PostgreSQL refuses a NUL).
  if (!LINE_TEXT_PATTERN.test(caseId)) return undefined;
  const { rows } = await pool.query<{ case_id: string; campaign_id: string; city_code: string; status: string }>(
    'SELECT case_id, campaign_id, city_code, status FROM case_file WHERE case_id = $1',
    [caseId],
  );
  const r = rows[0];
  return r ? { caseId: r.case_id, campaignId: r.campaign_id, cityCode: r.city_code, status: r.status } : undefined;
}

/** Many at once (bulk decisions). */
export async function findCaseRefs(pool: Pool, caseIds: string[]): Promise<Map<string, CaseRef>> {
  const { rows } = await pool.query<{ case_id: string; campaign_id: string; city_code: string; status: string }>(
    'SELECT case_id, campaign_id, city_code, status FROM case_file WHERE case_id = ANY($1::text[])',
    [caseIds],
  );
  return new Map(rows.map((r) => [r.case_id, { caseId: r.case_id, campaignId: r.campaign_id, cityCode: r.city_code, status: r.status }]));
}
