/**
 * Opens one case per person a screening run flagged in a city, freezes their registrations and
 * gathers the evidence. Idempotent: a person never gets a second case in a campaign, numbering
 * continues after the city's highest case number, and a retry finishes what a crash left.
 */
import type { Pool } from 'pg';
import { z } from 'zod';
import { CampaignId, CityCode } from '../../domain/campaignConfig';
import { normaliseUnitName } from '../../domain/unitMatching';
import { keepHeartbeating } from '../keepHeartbeating';
import { CASE_SEQ_LOCK_SQL, MAX_CASE_SEQ } from '../../domain/caseKeys';
import { inTransaction } from '../../platform/transactions';
import { recordEvidenceIntermediaries } from '../intermediaries/recordFromEvidence';
import { gatherEvidenceForCases } from './gatherCaseEvidence';

export const OpenCasesInput = z.object({
  campaignId: CampaignId,
  cityCode: CityCode,
  screeningRunId: z.number().int().positive(),
  /** When the cases become overdue (the city's investigation deadline), ISO instant. */
  dueAt: z.iso.datetime({ offset: true }),
  /** Workflow time of the opening (ISO); default now. */
  openedAt: z.iso.datetime({ offset: true }).optional(),
  /** Records each case's shard (ordinal among the city's screening cases / shardSize). */
  shardSize: z.number().int().min(1).max(1000).optional(),
});
export type OpenCasesInput = z.input<typeof OpenCasesInput>;

export interface OpenCasesResult {
  /** Cases this call opened. */
  opened: number;
  /** The city's screening cases in the campaign (what listCaseIds pages through). */
  total: number;
}

// Evidence is gathered in chunks so one transaction never holds a whole city's rows.
const EVIDENCE_CHUNK = 5_000;

const INSERT_CASES_SQL = `
WITH base AS (
  SELECT coalesce(max(seq), 0) AS seq,
         count(*) FILTER (WHERE origin = 'screening') AS ordinal
  FROM case_file WHERE campaign_id = $1 AND city_code = $2
),
fresh AS (
  SELECT r.id_number, r.reasons, r.risk_score,
         row_number() OVER (ORDER BY r.risk_score DESC, r.id_number) AS n
  FROM screening_result r
  WHERE r.run_id = $3 AND r.city_code = $2
    AND NOT EXISTS (SELECT 1 FROM case_file c WHERE c.campaign_id = $1 AND c.id_number = r.id_number)
)
INSERT INTO case_file (case_id, case_no, campaign_id, city_code, seq, id_number, origin, screening_run_id,
                       reasons, risk_score, shard_index, status, opened_at, due_at)
SELECT $1 || '-' || $2 || '-' || lpad((base.seq + f.n)::text, 6, '0'),
       $2 || '-' || lpad((base.seq + f.n)::text, 6, '0'),
       $1, $2, base.seq + f.n, f.id_number, 'screening', $3, f.reasons, f.risk_score,
       CASE WHEN $6::int IS NULL THEN NULL ELSE ((base.ordinal + f.n - 1) / $6::int)::int END,
       'open', $4, $5
FROM fresh f CROSS JOIN base
ON CONFLICT (campaign_id, id_number) WHERE transferred_from IS NULL DO NOTHING
RETURNING case_id`;

/** A complaint case of a person now flagged takes the screening facts: one case per person. */
const ADOPT_SCREENING_SQL = `
UPDATE case_file c SET screening_run_id = r.run_id, reasons = r.reasons, risk_score = r.risk_score, evidence_at = NULL
FROM screening_result r
WHERE r.run_id = $3 AND r.city_code = $2 AND c.campaign_id = $1 AND c.id_number = r.id_number
  AND c.screening_run_id IS NULL`;

const FREEZE_SOURCE_SQL = `
SELECT c.case_id, c.id_number, r.reg_unit_codes, r.reg_unit_names
FROM case_file c JOIN screening_result r ON r.run_id = c.screening_run_id AND r.id_number = c.id_number
WHERE c.case_id = ANY ($1::text[])`;

const FREEZE_INSERT_SQL = `
INSERT INTO registration_freeze (id_number, case_id, unit_codes, unit_names_norm, frozen_at)
SELECT x.id_number, x.case_id, x.codes, x.names, $2
FROM jsonb_to_recordset($1::jsonb) AS x(id_number text, case_id text, codes text[], names text[])
ON CONFLICT (id_number, case_id) DO NOTHING`;

export async function openCasesFromScreening(pool: Pool, raw: OpenCasesInput): Promise<OpenCasesResult> {
  const input = OpenCasesInput.parse(raw);
  // Minutes of SQL at provincial scale, while other cities do the same: keep the attempt alive.
  return keepHeartbeating(() => openCases(pool, input));
}

async function openCases(pool: Pool, input: z.output<typeof OpenCasesInput>): Promise<OpenCasesResult> {
  const openedAt = input.openedAt ?? new Date().toISOString();
  const opened = await inTransaction(pool, async (client) => {
    await client.query(CASE_SEQ_LOCK_SQL, [input.campaignId, input.cityCode]);
    await client.query(ADOPT_SCREENING_SQL, [input.campaignId, input.cityCode, input.screeningRunId]);
    const inserted = await client.query<{ case_id: string }>(INSERT_CASES_SQL, [
      input.campaignId,
      input.cityCode,
      input.screeningRunId,
      openedAt,
      input.dueAt,
      input.shardSize ?? null,
    ]);
    const ids = inserted.rows.map((r) => r.case_id);
    const top = await client.query<{ seq: number | null }>('SELECT max(seq) AS seq FROM case_file WHERE campaign_id = $1 AND city_code = $2', [
      input.campaignId,
      input.cityCode,
    ]);
    if ((top.rows[0]?.seq ?? 0) > MAX_CASE_SEQ) throw new Error(`city ${input.cityCode} would exceed ${MAX_CASE_SEQ} cases`);
    await freezeRegistrations(client, ids, openedAt);
    return ids.length;
  });
  // Outside the opening transaction, and for every case still lacking evidence, so a crash
  // between the two steps is finished by the retry.
  for (;;) {
    const pending = await pool.query<{ case_id: string }>(
      `SELECT case_id FROM case_file WHERE campaign_id = $1 AND city_code = $2 AND evidence_at IS NULL
         AND screening_run_id = $3 ORDER BY seq LIMIT $4`,
      [input.campaignId, input.cityCode, input.screeningRunId, EVIDENCE_CHUNK],
    );
    if (pending.rowCount === 0) break;
    await inTransaction(pool, (client) =>
      gatherEvidenceForCases(
        client,
        pending.rows.map((r) => r.case_id),
        openedAt,
      ),
    );
  }
  // The intermediaries the evidence shows (HR agencies that paid contributions) enter the city's registry.
  await recordEvidenceIntermediaries(pool, input.campaignId, input.cityCode);
  const total = await pool.query<{ n: string }>(`SELECT count(*) AS n FROM case_file WHERE campaign_id = $1 AND city_code = $2 AND origin = 'screening'`, [
    input.campaignId,
    input.cityCode,
  ]);
  return { opened, total: Number(total.rows[0].n) };
}

async function freezeRegistrations(client: import('pg').PoolClient, caseIds: string[], frozenAt: string): Promise<void> {
  if (caseIds.length === 0) return;
  const src = await client.query<{ case_id: string; id_number: string; reg_unit_codes: string[]; reg_unit_names: string[] }>(FREEZE_SOURCE_SQL, [caseIds]);
  const rows = src.rows.map((r) => ({
    id_number: r.id_number,
    case_id: r.case_id,
    codes: [...new Set(r.reg_unit_codes.filter((c) => c !== ''))],
    names: [...new Set(r.reg_unit_names.map(normaliseUnitName))],
  }));
  await client.query(FREEZE_INSERT_SQL, [JSON.stringify(rows), frozenAt]);
}
