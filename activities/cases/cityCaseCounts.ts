/** A city's cases at a glance: the read model the campaign side and the reports use. */
import type { Pool } from 'pg';
import { z } from 'zod';
import { CampaignId, CityCode } from '../../domain/campaignConfig';
import type { CaseOutcome } from '../../domain/outcomes';
import type { PenaltyKind } from '../../domain/penalties';

export const CityCaseCountsInput = z.object({ campaignId: CampaignId, cityCode: CityCode });
export type CityCaseCountsInput = z.input<typeof CityCaseCountsInput>;

export interface CityCaseCounts {
  total: number;
  /** Awaiting a decision (carried-over ones included). */
  open: number;
  carriedOver: number;
  /** Decided (closed or not), by outcome. */
  decided: number;
  closed: number;
  byOutcome: Partial<Record<CaseOutcome, number>>;
  exempt: number;
  fromComplaints: number;
  /** Penalties by kind and imposing level. */
  penalties: Partial<Record<PenaltyKind, { city: number; province: number }>>;
  bans: number;
  onsiteCheckTasks: number;
}

export async function cityCaseCounts(pool: Pool, raw: CityCaseCountsInput): Promise<CityCaseCounts> {
  const { campaignId, cityCode } = CityCaseCountsInput.parse(raw);
  const args = [campaignId, cityCode];
  const [cases, outcomes, penalties, extra] = await Promise.all([
    pool.query<Record<string, string>>(
      `SELECT count(*) AS total,
              count(*) FILTER (WHERE status IN ('open', 'carried_over')) AS open,
              count(*) FILTER (WHERE status = 'carried_over') AS carried_over,
              count(*) FILTER (WHERE status IN ('decided', 'closed')) AS decided,
              count(*) FILTER (WHERE status = 'closed') AS closed,
              count(*) FILTER (WHERE liability = 'exempt') AS exempt,
              count(*) FILTER (WHERE origin = 'complaint') AS from_complaints
       FROM case_file WHERE campaign_id = $1 AND city_code = $2`,
      args,
    ),
    pool.query<{ outcome: CaseOutcome; n: string }>(
      `SELECT outcome, count(*) AS n FROM case_file WHERE campaign_id = $1 AND city_code = $2 AND outcome IS NOT NULL GROUP BY outcome`,
      args,
    ),
    pool.query<{ kind: PenaltyKind; level: 'city' | 'province'; n: string }>(
      `SELECT p.kind, p.level, count(*) AS n FROM penalty p JOIN case_file c ON c.case_id = p.case_id
       WHERE c.campaign_id = $1 AND c.city_code = $2 GROUP BY p.kind, p.level`,
      args,
    ),
    pool.query<{ bans: string; tasks: string }>(
      `SELECT (SELECT count(*) FROM registration_ban b JOIN case_file c ON c.case_id = b.case_id
               WHERE c.campaign_id = $1 AND c.city_code = $2) AS bans,
              (SELECT count(*) FROM onsite_check_task WHERE campaign_id = $1 AND city_code = $2) AS tasks`,
      args,
    ),
  ]);
  const c = cases.rows[0];
  const byKind: CityCaseCounts['penalties'] = {};
  for (const p of penalties.rows) {
    const entry = byKind[p.kind] ?? { city: 0, province: 0 };
    entry[p.level] += Number(p.n);
    byKind[p.kind] = entry;
  }
  return {
    total: Number(c.total),
    open: Number(c.open),
    carriedOver: Number(c.carried_over),
    decided: Number(c.decided),
    closed: Number(c.closed),
    byOutcome: Object.fromEntries(outcomes.rows.map((r) => [r.outcome, Number(r.n)])),
    exempt: Number(c.exempt),
    fromComplaints: Number(c.from_complaints),
    penalties: byKind,
    bans: Number(extra.rows[0].bans),
    onsiteCheckTasks: Number(extra.rows[0].tasks),
  };
}
