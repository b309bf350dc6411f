/**
 * A city officer's decision, settled in one transaction: recorded under its update id, the
 * city-level penalties applied on the decision date, the case closed. The case workflow calls
 * this once per decision (one database round trip instead of three); recordDecision,
 * applyPenalties and closeCase remain for callers that need one step.
 * Idempotent: a retry finds the decision recorded, the penalties present, the case closed.
 */
import { refusedPermanently } from '../databaseRefusal';
import { domainFailure, failure } from '../domainFailure';
import type { Pool } from 'pg';
import { IsoDate } from '../../domain/calendar';
import { CaseDecision, type CaseDecisionInput } from '../../domain/outcomes';
import { Officer } from '../../domain/officer';
import { applyPenaltiesTx, type ApplyPenaltiesOptions } from '../penalties/applyPenalties';
import type { Liability, LiabilityNotice } from '../../domain/penaltyPlan';
import { closeCaseTx, resolveCaseAlerts, type ClosedCase } from './closeCase';
import { CaseNotFoundError } from '../../domain/errors';
import { inTransaction } from '../../platform/transactions';
import { recordDecisionTx, type RecordDecisionTime } from './recordDecision';

export interface SettledDecision {
  caseId: string;
  updateId: string;
  decidedOn: string;
  penaltyIds: string[];
  exempt: boolean;
  liability: Liability;
  /** Why a correction or a deregistration did not exempt (Chinese, naming the decision's field). */
  notice?: LiabilityNotice;
  /** True when this update id had already been settled (a retry). */
  duplicate: boolean;
}

export async function settleCaseDecision(
  pool: Pool,
  caseId: string,
  updateId: string,
  decision: CaseDecisionInput,
  officer: Officer,
  time: RecordDecisionTime,
  penalties: Pick<ApplyPenaltiesOptions, 'calendar' | 'exceptKinds' | 'kinds'> = {},
): Promise<SettledDecision> {
  const d = CaseDecision.parse(decision);
  // Data the database refuses is refused on every attempt: the case workflow rolls back instead of waiting.
  return refusedPermanently(`the decision on case ${caseId}`, async () =>
    d.outcome === 'COMPLIANT' || d.outcome === 'TRANSFERRED' || (d.outcome === 'DEREGISTERED' && !(await deregistrationRequestedDuringCase(pool, caseId)))
      ? settleWithoutPenalties(pool, caseId, updateId, d, officer, time)
      : settleInSteps(pool, caseId, updateId, decision, officer, time, penalties),
  );
}

/**
 * A deregistration request received while the case was open belongs to the case: a DEREGISTERED
 * decision then takes the general path, where it is judged liable (domain/penaltyPlan.ts).
 */
async function deregistrationRequestedDuringCase(pool: Pool, caseId: string): Promise<boolean> {
  const { rows } = await pool.query('SELECT 1 FROM deregistration_request WHERE case_id = $1 LIMIT 1', [caseId]);
  return rows.length > 0;
}

/** Any outcome: the three steps in one transaction. */
async function settleInSteps(
  pool: Pool,
  caseId: string,
  updateId: string,
  decision: CaseDecisionInput,
  officer: Officer,
  time: RecordDecisionTime,
  penalties: Pick<ApplyPenaltiesOptions, 'calendar' | 'exceptKinds' | 'kinds'>,
): Promise<SettledDecision> {
  const { settled, closed } = await inTransaction(pool, async (client) => {
    const rec = await recordDecisionTx(client, caseId, updateId, decision, officer, time);
    const pen = await applyPenaltiesTx(client, caseId, decision, 'city', rec.decidedOn, penalties);
    const closed = await closeCaseTx(client, caseId, time.decidedAt);
    const settled: SettledDecision = {
      caseId,
      updateId,
      decidedOn: rec.decidedOn,
      penaltyIds: pen.penaltyIds,
      exempt: pen.exempt,
      liability: pen.liability,
      ...(pen.notice ? { notice: pen.notice } : {}),
      duplicate: rec.duplicate,
    };
    return { settled, closed };
  });
  await resolveCaseAlerts(pool, closed, time.decidedAt);
  return settled;
}

/**
 * Outcomes that carry no penalty (COMPLIANT, TRANSFERRED, DEREGISTERED) — most decisions — in one
 * statement instead of a nine-round-trip transaction: the case row locked, the decision logged,
 * the case recorded and closed (liability none), its registration freeze lifted. The writes only
 * happen for an open case not already settled under this update id, so a refusal writes nothing
 * and a retry finds its decision. The same end state as the general path above.
 */
async function settleWithoutPenalties(
  pool: Pool,
  caseId: string,
  updateId: string,
  decision: CaseDecision,
  rawOfficer: Officer,
  time: RecordDecisionTime,
): Promise<SettledDecision> {
  const officer = Officer.parse(rawOfficer);
  const decidedOn = IsoDate.parse(time.decidedOn);
  const { rows } = await pool.query<{
    status: string;
    decision_update_id: string | null;
    decided_on: string | null;
    campaign_id: string;
    city_code: string;
    alerted: boolean;
  }>(
    `WITH c AS (
       SELECT status, decision_update_id, to_char(decided_on, 'YYYY-MM-DD') AS decided_on, campaign_id, city_code,
              (reminded_at IS NOT NULL OR escalated_at IS NOT NULL OR overdue_at IS NOT NULL) AS alerted
       FROM case_file WHERE case_id = $1 FOR UPDATE
     ), fresh AS (
       SELECT 1 FROM c WHERE c.decision_update_id IS DISTINCT FROM $2::text AND c.status IN ('open', 'carried_over')
     ), logged AS (
       INSERT INTO decision_log (update_id, case_id, action, officer_id, officer_role, officer_city, payload, recorded_at)
       SELECT $2, $1, 'decide', $3, $4, $5, $6, $7 FROM fresh
       ON CONFLICT (case_id, update_id) DO NOTHING
     ), settled AS (
       UPDATE case_file SET status = 'closed', outcome = $8, decision = $6, decision_update_id = $2, decided_by = $3,
              decided_at = $7, decided_on = $9, liability = 'none', liability_basis = 'no_liability', closed_at = $7
       WHERE case_id = $1 AND EXISTS (SELECT 1 FROM fresh)
     ), unfrozen AS (
       DELETE FROM registration_freeze WHERE case_id = $1 AND EXISTS (SELECT 1 FROM fresh)
     )
     SELECT * FROM c`,
    [caseId, updateId, officer.userId, officer.role, officer.cityCode ?? null, JSON.stringify(decision), time.decidedAt, decision.outcome, decidedOn],
  );
  if (rows.length === 0) throw domainFailure(new CaseNotFoundError(caseId));
  const c = rows[0];
  const duplicate = c.decision_update_id === updateId;
  // Recorded by recordDecision alone but not closed yet: the general path finishes it.
  if (duplicate && c.status === 'decided') return settleInSteps(pool, caseId, updateId, decision, officer, time, {});
  if (!duplicate && c.status !== 'open' && c.status !== 'carried_over') {
    throw failure('CaseNotOpen', `case ${caseId} is ${c.status}: it was decided by another update`);
  }
  const closed: ClosedCase = { caseId, campaignId: c.campaign_id, cityCode: c.city_code, alerted: c.alerted };
  await resolveCaseAlerts(pool, closed, time.decidedAt);
  return { caseId, updateId, decidedOn: duplicate ? (c.decided_on ?? decidedOn) : decidedOn, penaltyIds: [], exempt: false, liability: 'none', duplicate };
}
