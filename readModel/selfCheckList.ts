/**
 * Phase 1's list (issue 21 item 3): a city's flagged persons and their registration units, from the
 * city's current screening run (city_progress.screening_run_id: the screening at launch, replaced by
 * each re-screening on fresh data). Without `persons` the ID number is masked and the name cut to
 * the surname. A unit is keyed by its credit code, else by its name (`unitKey`).
 */
import type { Pool } from 'pg';
import { z } from 'zod';
import { FLAG_LABELS, FlagCode } from '../domain/flags';
import { maskIdNumber } from '../domain/idNumber';
import { maskPersonName } from '../domain/maskPersonalData';
import { Instant, instant, parseRows, TimestampColumn } from './sqlTypes';

const RunRow = z.object({ run_id: z.coerce.number(), finished_at: TimestampColumn.nullable(), persons_flagged: z.number().nullable() });

export const SelfCheckPerson = z.object({
  idNumber: z.string().describe('masked for supervisors and auditors'),
  name: z.string(),
  reasons: z.array(FlagCode),
  riskScore: z.number().int(),
  units: z.array(z.object({ unitKey: z.string(), unitName: z.string(), unitCode: z.string().nullable() })),
  declared: z.boolean().describe('a self-check declaration of the person or of one of their units was recorded'),
});
export const SelfCheckUnit = z.object({ unitKey: z.string(), unitName: z.string(), unitCode: z.string().nullable(), staff: z.number().int() });

export const SelfCheckList = z.object({
  runId: z.number().int().nullable().describe('null: the city has not been screened yet'),
  screenedAt: Instant.nullable(),
  personsFlagged: z.number().int(),
  unitsFlagged: z.number().int(),
  persons: z.array(SelfCheckPerson),
  units: z.array(SelfCheckUnit),
});
export type SelfCheckList = z.infer<typeof SelfCheckList>;

const PersonRow = z.object({
  id_number: z.string(),
  name: z.string(),
  reasons: z.array(FlagCode),
  risk_score: z.number(),
  names: z.array(z.string()),
  codes: z.array(z.string()),
  declared: z.boolean(),
});
const UnitRow = z.object({ unit_key: z.string(), unit_name: z.string(), unit_code: z.string().nullable(), staff: z.coerce.number() });

async function currentRun(pool: Pool, campaignId: string, cityCode: string) {
  const { rows } = await pool.query(
    `SELECT p.screening_run_id AS run_id, r.finished_at, r.persons_flagged
     FROM city_progress p JOIN screening_run r ON r.id = p.screening_run_id
     WHERE p.campaign_id = $1 AND p.city_code = $2`,
    [campaignId, cityCode],
  );
  return rows[0] ? RunRow.parse(rows[0]) : undefined;
}

/** A unit reference of a registration: the code when it has one, else the name. */
const UNITS_SQL = `
SELECT CASE WHEN u.code <> '' THEN u.code ELSE u.name END AS unit_key, min(u.name) AS unit_name, nullif(min(u.code), '') AS unit_code,
       count(DISTINCT r.id_number) AS staff
FROM screening_result r CROSS JOIN LATERAL unnest(r.reg_unit_names, r.reg_unit_codes) AS u(name, code)
WHERE r.run_id = $1 AND r.city_code = $2`;

export async function selfCheckList(
  pool: Pool,
  q: { campaignId: string; cityCode: string; page: number; pageSize: number; unitKey?: string },
  persons: boolean,
): Promise<SelfCheckList> {
  const run = await currentRun(pool, q.campaignId, q.cityCode);
  if (!run) return { runId: null, screenedAt: null, personsFlagged: 0, unitsFlagged: 0, persons: [], units: [] };
  const [p, u, n] = await Promise.all([
    pool.query(
      `SELECT r.id_number, r.name, r.reasons, r.risk_score, r.reg_unit_names AS names, r.reg_unit_codes AS codes,
              EXISTS (SELECT 1 FROM self_check_declaration d WHERE d.campaign_id = $3
                        AND (d.id_number = r.id_number
                             OR (d.id_number IS NULL AND (btrim(d.unit_code) = ANY (r.reg_unit_codes) OR btrim(d.unit_name) = ANY (r.reg_unit_names))))) AS declared
       FROM screening_result r
       WHERE r.run_id = $1 AND r.city_code = $2
         AND ($6::text IS NULL OR $6 = ANY (r.reg_unit_codes) OR $6 = ANY (r.reg_unit_names))
       ORDER BY r.risk_score DESC, r.id_number LIMIT $4 OFFSET $5`,
      [run.run_id, q.cityCode, q.campaignId, q.pageSize, (q.page - 1) * q.pageSize, q.unitKey ?? null],
    ),
    pool.query(`${UNITS_SQL} GROUP BY 1 ORDER BY staff DESC, unit_key LIMIT $3 OFFSET $4`, [run.run_id, q.cityCode, q.pageSize, (q.page - 1) * q.pageSize]),
    pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM (${UNITS_SQL} GROUP BY 1) x`, [run.run_id, q.cityCode]),
  ]);
  return {
    runId: run.run_id,
    screenedAt: run.finished_at ? instant(run.finished_at) : null,
    personsFlagged: run.persons_flagged ?? 0,
    unitsFlagged: n.rows[0].n,
    persons: parseRows(PersonRow, p.rows).map((r) => ({
      idNumber: persons ? r.id_number : maskIdNumber(r.id_number),
      name: persons ? r.name : maskPersonName(r.name),
      reasons: r.reasons,
      riskScore: r.risk_score,
      units: r.names.map((name, i) => ({ unitKey: r.codes[i] || name, unitName: name, unitCode: r.codes[i] || null })),
      declared: r.declared,
    })),
    units: parseRows(UnitRow, u.rows).map((r) => ({ unitKey: r.unit_key, unitName: r.unit_name, unitCode: r.unit_code, staff: r.staff })),
  };
}

/** What a unit's notice lists: its flagged staff (name, certificate, what is inconsistent). Undefined: no such unit on the list. */
export async function unitNoticeContent(
  pool: Pool,
  q: { campaignId: string; cityCode: string; unitKey: string },
): Promise<{ runId: number; unitName: string; unitCode: string | null; staff: string[] } | undefined> {
  const run = await currentRun(pool, q.campaignId, q.cityCode);
  if (!run) return undefined;
  const { rows } = await pool.query(
    `SELECT r.name, r.reasons, u.name AS unit_name, nullif(u.code, '') AS unit_code, u.category, u.cert
     FROM screening_result r
     CROSS JOIN LATERAL unnest(r.reg_unit_names, r.reg_unit_codes, r.cert_categories, r.cert_numbers) AS u(name, code, category, cert)
     WHERE r.run_id = $1 AND r.city_code = $2 AND (u.code = $3 OR (u.code = '' AND u.name = $3))
     ORDER BY r.risk_score DESC, r.id_number, u.cert`,
    [run.run_id, q.cityCode, q.unitKey],
  );
  const parsed = parseRows(
    z.object({ name: z.string(), reasons: z.array(FlagCode), unit_name: z.string(), unit_code: z.string().nullable(), category: z.string(), cert: z.string() }),
    rows,
  );
  if (parsed.length === 0) return undefined;
  return {
    runId: run.run_id,
    unitName: parsed[0].unit_name,
    unitCode: parsed[0].unit_code,
    staff: parsed.map((r) => `${r.name}（注册证书编号 ${r.cert}）：${r.reasons.map((c) => FLAG_LABELS[c]).join('、')}`),
  };
}
