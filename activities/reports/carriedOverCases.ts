/**
 * The cases a city carried over (结转办理, issue 20 item 7) as its work report lists them: the case
 * number, the campaign date it was carried over, who carried it over (the decision log's officer)
 * and the reason they gave. Still carried over at the report's moment only: a case decided since is
 * counted with the decided ones.
 */
import { campaignDate, loadCampaign, type Db } from './campaignInfo';

export interface CarriedOverCase {
  cityCode: string;
  caseNo: string;
  carriedOverOn: string;
  carriedOverBy: string;
  reason: string;
}

export async function carriedOverCases(db: Db, campaignId: string, cities: string[]): Promise<CarriedOverCase[]> {
  const campaign = await loadCampaign(db, campaignId);
  const { rows } = await db.query<{ city_code: string; case_no: string; carried_over_at: Date; by: string | null; reason: string | null }>(
    `SELECT c.city_code::text, c.case_no, c.carried_over_at, c.carry_over_reason AS reason,
            (SELECT l.officer_id FROM decision_log l WHERE l.case_id = c.case_id AND l.action = 'carry_over'
              ORDER BY l.recorded_at DESC LIMIT 1) AS by
       FROM case_file c
      WHERE c.campaign_id = $1 AND c.city_code = ANY ($2::bpchar[]) AND c.status = 'carried_over' AND c.carried_over_at IS NOT NULL
      ORDER BY c.city_code, c.case_no`,
    [campaignId, cities],
  );
  return rows.map((r) => ({
    cityCode: r.city_code,
    caseNo: r.case_no,
    carriedOverOn: campaignDate(campaign, r.carried_over_at),
    carriedOverBy: r.by ?? '—',
    reason: r.reason ?? '—',
  }));
}
