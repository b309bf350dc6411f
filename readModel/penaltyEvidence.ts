/**
 * The evidence a decision's penalties are planned from (domain/penaltyPlan.ts), read one way for
 * the activity that applies them and for the API's preview of them.
 */
import type { Pool, PoolClient } from 'pg';
import { PENALTY_EVIDENCE_KINDS, type PenaltyEvidence } from '../domain/penaltyPlan';

export async function loadPenaltyEvidence(db: Pool | PoolClient, caseId: string): Promise<PenaltyEvidence> {
  const { rows } = await db.query<{ kind: string; payload: unknown }>(
    'SELECT kind, payload FROM case_evidence WHERE case_id = $1 AND kind = ANY ($2::text[])',
    [caseId, [...PENALTY_EVIDENCE_KINDS]],
  );
  return new Map(rows.map((r) => [r.kind, r.payload]));
}
