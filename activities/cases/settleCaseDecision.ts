/**
 * A city officer's decision, settled in one transaction: recorded under its update id, the
 * city-level penalties applied on the decision date, the case closed. The case workflow calls
 * this once per decision (one database round trip instead of three); recordDecision,
 * applyPenalties and closeCase remain for callers that need one step.
 * Idempotent: a retry finds the decision recorded, the penalties present, the case closed.
 */
import type { Pool } from 'pg';
import type { CaseDecisionInput } from '../../domain/outcomes';
import type { Officer } from '../../workflows/messages/case';
import { applyPenaltiesTx, type ApplyPenaltiesOptions } from '../penalties/applyPenalties';
import { closeCaseTx, resolveCaseAlerts } from './closeCase';
import { inTransaction } from './gatherCaseEvidence';
import { recordDecisionTx, type RecordDecisionTime } from './recordDecision';

export interface SettledDecision {
  caseId: string;
  updateId: string;
  decidedOn: string;
  penaltyIds: string[];
  exempt: boolean;
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
  penalties: Pick<ApplyPenaltiesOptions, 'calendar' | 'exceptKinds'> = {},
): Promise<SettledDecision> {
  const { settled, closed } = await inTransaction(pool, async (client) => {
    const rec = await recordDecisionTx(client, caseId, updateId, decision, officer, time);
    const pen = await applyPenaltiesTx(client, caseId, decision, 'city', rec.decidedOn, penalties);
    const closed = await closeCaseTx(client, caseId, time.decidedAt);
    const settled: SettledDecision = {
      caseId, updateId, decidedOn: rec.decidedOn, penaltyIds: pen.penaltyIds, exempt: pen.exempt, duplicate: rec.duplicate,
    };
    return { settled, closed };
  });
  await resolveCaseAlerts(pool, closed, time.decidedAt);
  return settled;
}
