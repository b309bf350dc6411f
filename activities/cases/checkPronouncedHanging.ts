/**
 * 对“挂证”问题突出的单位，对其承建项目的主要管理、技术人员到岗履职情况进行排查: a registration
 * unit with at least K liable cases, or whose liable cases are at least X of its registered
 * staff, gets one on-site check task per campaign (refreshed, never duplicated, on a re-run).
 */
import type { Pool, PoolClient } from 'pg';
import { z } from 'zod';
import { CampaignId, CityCode } from '../../domain/campaignConfig';
import { normaliseUnitName } from '../../domain/unitMatching';
import { unitKey } from '../../domain/caseKeys';
import { inTransaction } from '../../platform/transactions';

/**
 * Under the city workflow's one-minute attempt: a statement still running when the attempt times
 * out would keep running beside the retry, so it is cancelled first and the retry starts clean.
 */
export const PRONOUNCED_HANGING_STATEMENT_TIMEOUT = '50s';

export const CheckPronouncedHangingInput = z.object({
  campaignId: CampaignId,
  cityCode: CityCode,
  minViolations: z.number().int().min(1),
  /** Share of the unit's registered staff, 0..1; 0 disables the share test. */
  minShare: z.number().min(0).max(1),
  at: z.iso.datetime({ offset: true }).optional(),
});
export type CheckPronouncedHangingInput = z.input<typeof CheckPronouncedHangingInput>;

export interface CheckPronouncedHangingResult {
  /** Units that now have a task (new or refreshed). */
  units: number;
  /** Tasks this call created. */
  created: number;
}

interface Candidate {
  key: string;
  code: string | null;
  norm: string;
  name: string;
  cases: Set<string>;
}

export async function checkPronouncedHanging(pool: Pool, raw: CheckPronouncedHangingInput): Promise<CheckPronouncedHangingResult> {
  const input = CheckPronouncedHangingInput.parse(raw);
  return inTransaction(pool, async (client) => {
    await client.query(`SET LOCAL statement_timeout = '${PRONOUNCED_HANGING_STATEMENT_TIMEOUT}'`);
    return checkPronouncedHangingTx(client, input);
  });
}

async function checkPronouncedHangingTx(client: PoolClient, input: z.infer<typeof CheckPronouncedHangingInput>): Promise<CheckPronouncedHangingResult> {
  const at = input.at ?? new Date().toISOString();
  const { rows } = await client.query<{ case_id: string; unit_name: string; unit_code: string | null }>(
    `SELECT c.case_id, u."unitName" AS unit_name, nullif(btrim(u."unitCode"), '') AS unit_code
     FROM case_file c
     JOIN case_evidence e ON e.case_id = c.case_id AND e.kind = 'registrations'
     CROSS JOIN LATERAL jsonb_to_recordset(e.payload) AS u("unitName" text, "unitCode" text, status text)
     WHERE c.campaign_id = $1 AND c.city_code = $2 AND c.liability = 'liable' AND coalesce(u.status, 'valid') = 'valid'`,
    [input.campaignId, input.cityCode],
  );
  const byUnit = new Map<string, Candidate>();
  for (const r of rows) {
    const norm = normaliseUnitName(r.unit_name);
    const key = unitKey(r.unit_code, norm);
    const c = byUnit.get(key) ?? { key, code: r.unit_code, norm, name: r.unit_name, cases: new Set<string>() };
    c.cases.add(r.case_id);
    byUnit.set(key, c);
  }
  if (byUnit.size === 0) return { units: 0, created: 0 };
  const staff = await staffTotals(client, input.campaignId, input.cityCode, [...byUnit.values()]);
  const tasks = [...byUnit.values()].flatMap((c) => {
    const total = staff.get(c.key) ?? 0;
    const byCount = c.cases.size >= input.minViolations;
    const byShare = input.minShare > 0 && total > 0 && c.cases.size / total >= input.minShare;
    if (!byCount && !byShare) return [];
    const reason = byCount && byShare ? 'both' : byCount ? 'min_violations' : 'min_share';
    return [{ unit_key: c.key, unit_name: c.name, unit_code: c.code, reason, violations: c.cases.size, staff_total: total }];
  });
  if (tasks.length === 0) return { units: 0, created: 0 };
  const res = await client.query<{ inserted: boolean }>(
    `INSERT INTO onsite_check_task AS t (campaign_id, unit_key, city_code, unit_name, unit_code, reason, violations, staff_total, created_at)
     SELECT $1, x.unit_key, $2, x.unit_name, x.unit_code, x.reason, x.violations, x.staff_total, $4
     FROM jsonb_to_recordset($3::jsonb) AS x(unit_key text, unit_name text, unit_code text, reason text, violations int, staff_total int)
     ON CONFLICT (campaign_id, unit_key) DO UPDATE
       SET reason = EXCLUDED.reason, violations = EXCLUDED.violations, staff_total = EXCLUDED.staff_total
     RETURNING (xmax = 0) AS inserted`,
    [input.campaignId, input.cityCode, JSON.stringify(tasks), at],
  );
  return { units: tasks.length, created: res.rows.filter((r) => r.inserted).length };
}

/**
 * Distinct persons with a valid registration at each unit, in the snapshot the city was screened on.
 * A unit matches by code, or by normalised name where either side has no code. The match is three
 * equi-joins, each hashed once over the snapshot's registrations: written as one join on an OR, it
 * was a nested loop of units × registrations (at 200,000 persons, 246,142 registrations times a
 * city's few thousand units ran for minutes per city; the city's one-minute activity attempts then
 * piled up beside the statements still running, and the soak stalled on them).
 */
async function staffTotals(client: PoolClient, campaignId: string, cityCode: string, units: Candidate[]): Promise<Map<string, number>> {
  const { rows } = await client.query<{ key: string; n: string }>(
    `WITH snap AS (
       SELECT r.snapshot_id FROM case_file c JOIN screening_run r ON r.id = c.screening_run_id
       WHERE c.campaign_id = $1 AND c.city_code = $2 ORDER BY r.id DESC LIMIT 1
     ),
     unit_ref AS (SELECT * FROM jsonb_to_recordset($3::jsonb) AS x(key text, code text, norm text)),
     reg AS (
       SELECT g.id_number, g.unit_code, g.unit_name_norm FROM registration g
       WHERE g.status = 'valid' AND g.batch_id IN (SELECT b.batch_id FROM data_snapshot_batch b JOIN snap USING (snapshot_id))
     ),
     matched AS (
       SELECT u.key, g.id_number FROM unit_ref u JOIN reg g ON g.unit_code = u.code
       UNION ALL
       SELECT u.key, g.id_number FROM unit_ref u JOIN reg g ON g.unit_name_norm = u.norm WHERE u.code IS NULL
       UNION ALL
       SELECT u.key, g.id_number FROM unit_ref u JOIN reg g ON g.unit_name_norm = u.norm WHERE u.code IS NOT NULL AND g.unit_code IS NULL
     )
     SELECT key, count(DISTINCT id_number) AS n FROM matched GROUP BY key`,
    [campaignId, cityCode, JSON.stringify(units.map((u) => ({ key: u.key, code: u.code, norm: u.norm })))],
  );
  return new Map(rows.map((r) => [r.key, Number(r.n)]));
}
