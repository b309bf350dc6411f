/**
 * The evidence a decision's liability and penalties are planned from (domain/penaltyPlan.ts), read
 * one way for the activity that applies them and for the API's preview of them.
 */
import type { Pool, PoolClient } from 'pg';
import { z } from 'zod';
import { PENALTY_EVIDENCE_KINDS, type PenaltyEvidence, type SelfCheckRecord, type TargetUnit } from '../domain/penaltyPlan';
import { parseRows } from './sqlTypes';

type Db = Pool | PoolClient;

export async function loadPenaltyEvidence(db: Db, caseId: string): Promise<PenaltyEvidence> {
  const { rows } = await db.query<{ kind: string; payload: unknown }>(
    'SELECT kind, payload FROM case_evidence WHERE case_id = $1 AND kind = ANY ($2::text[])',
    [caseId, [...PENALTY_EVIDENCE_KINDS]],
  );
  return new Map(rows.map((r) => [r.kind, r.payload]));
}

const DeclarationRow = z.object({
  for_person: z.boolean(),
  unit_code: z.string().nullable(),
  unit_name: z.string().nullable(),
  correction: z.string(),
  corrected_on: z.string(),
  received_on: z.string(),
});
const RequestRow = z.object({ received_on: z.string(), during_case: z.boolean() });

/**
 * What the self-check and the intake recorded about the case's person, read live from the intake
 * tables (a declaration or request that came after the evidence was gathered counts too): the
 * person's declarations in the campaign, the declarations of a unit alone whose code or name is one
 * of `units` (the registration units), and the person's deregistration requests, each marked when
 * it was received while this case was open. No ID number leaves the query.
 */
export async function loadSelfCheckRecord(db: Db, caseId: string, units: readonly TargetUnit[]): Promise<SelfCheckRecord> {
  const codes = units.map((u) => u.code).filter((c): c is string => c !== null);
  const names = units.map((u) => u.name);
  const [declarations, requests] = await Promise.all([
    db.query(
      `SELECT s.id_number IS NOT NULL AS for_person, btrim(s.unit_code) AS unit_code, s.unit_name, s.correction,
              to_char(s.corrected_on, 'YYYY-MM-DD') AS corrected_on,
              to_char(coalesce(s.received_on, (s.received_at AT TIME ZONE 'Asia/Shanghai')::date), 'YYYY-MM-DD') AS received_on
       FROM case_file c JOIN self_check_declaration s ON s.campaign_id = c.campaign_id
       WHERE c.case_id = $1
         AND (s.id_number = c.id_number OR (s.id_number IS NULL AND (s.unit_code = ANY ($2::bpchar[]) OR btrim(s.unit_name) = ANY ($3::text[]))))
       ORDER BY s.id`,
      [caseId, codes, names],
    ),
    db.query(
      `SELECT to_char(r.received_on, 'YYYY-MM-DD') AS received_on, r.case_id IS NOT DISTINCT FROM c.case_id AS during_case
       FROM case_file c JOIN deregistration_request r ON r.campaign_id = c.campaign_id AND r.id_number = c.id_number
       WHERE c.case_id = $1 ORDER BY r.id`,
      [caseId],
    ),
  ]);
  return {
    declarations: parseRows(DeclarationRow, declarations.rows).map((d) => ({
      forPerson: d.for_person,
      unitCode: d.unit_code,
      unitName: d.unit_name,
      correction: d.correction,
      correctedOn: d.corrected_on,
      receivedOn: d.received_on,
    })),
    deregistrationRequests: parseRows(RequestRow, requests.rows).map((r) => ({ receivedOn: r.received_on, duringCase: r.during_case })),
  };
}
