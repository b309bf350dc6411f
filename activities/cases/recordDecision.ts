/**
 * Records an officer's decision on a case, once: the update id is the idempotency key, so a
 * redelivered update (or an activity retry after a worker crash) returns the recorded decision.
 */
import { domainFailure, failure } from '../domainFailure';
import type { Pool, PoolClient } from 'pg';
import { IsoDate, shanghaiDate } from '../../domain/calendar';
import { CaseDecision, type CaseDecisionInput } from '../../domain/outcomes';
import { Officer } from '../../domain/officer';
import { CaseNotFoundError } from '../../domain/errors';
import { inTransaction } from '../../platform/transactions';

export interface RecordDecisionTime {
  /** Workflow time of the decision (ISO). */
  decidedAt: string;
  /** The campaign calendar's date of the decision (a compressed demo clock differs from the wall date). */
  decidedOn: string;
}

export interface RecordDecisionResult {
  caseId: string;
  updateId: string;
  decidedOn: string;
  /** True when this update id had already been recorded (a retry or a redelivery). */
  duplicate: boolean;
}

export async function recordDecision(
  pool: Pool,
  caseId: string,
  updateId: string,
  rawDecision: CaseDecisionInput,
  rawOfficer: Officer,
  time?: RecordDecisionTime,
): Promise<RecordDecisionResult> {
  return inTransaction(pool, (client) => recordDecisionTx(client, caseId, updateId, rawDecision, rawOfficer, time));
}

/** The same, inside the caller's transaction (settleCaseDecision composes it). */
export async function recordDecisionTx(
  client: PoolClient,
  caseId: string,
  updateId: string,
  rawDecision: CaseDecisionInput,
  rawOfficer: Officer,
  time?: RecordDecisionTime,
): Promise<RecordDecisionResult> {
  const decision = CaseDecision.parse(rawDecision);
  const officer = Officer.parse(rawOfficer);
  const decidedAt = time?.decidedAt ?? new Date().toISOString();
  const decidedOn = IsoDate.parse(time?.decidedOn ?? shanghaiDate(new Date(decidedAt)));
  const found = await client.query<{ status: string; decision_update_id: string | null; decided_on: string | null }>(
    `SELECT status, decision_update_id, to_char(decided_on, 'YYYY-MM-DD') AS decided_on
     FROM case_file WHERE case_id = $1 FOR UPDATE`,
    [caseId],
  );
  if (found.rowCount === 0) throw domainFailure(new CaseNotFoundError(caseId));
  const c = found.rows[0];
  if (c.decision_update_id === updateId) return { caseId, updateId, decidedOn: c.decided_on ?? decidedOn, duplicate: true };
  if (c.status !== 'open' && c.status !== 'carried_over') {
    throw failure('CaseNotOpen', `case ${caseId} is ${c.status}: it was decided by another update`);
  }
  await client.query(
    `INSERT INTO decision_log (update_id, case_id, action, officer_id, officer_role, officer_city, payload, recorded_at)
     VALUES ($1, $2, 'decide', $3, $4, $5, $6, $7) ON CONFLICT (case_id, update_id) DO NOTHING`,
    [updateId, caseId, officer.userId, officer.role, officer.cityCode ?? null, JSON.stringify(decision), decidedAt],
  );
  await client.query(
    `UPDATE case_file SET status = 'decided', outcome = $2, decision = $3, decision_update_id = $4,
            decided_by = $5, decided_at = $6, decided_on = $7,
            liability = CASE WHEN $2 = 'VIOLATION' THEN 'liable' ELSE 'none' END
     WHERE case_id = $1`,
    [caseId, decision.outcome, JSON.stringify(decision), updateId, officer.userId, decidedAt, decidedOn],
  );
  return { caseId, updateId, decidedOn, duplicate: false };
}
