/**
 * Who a violation's penalties fall on, read from the case's gathered evidence. The rules are pure
 * (domain/penaltyPlan.ts penaltyTargets) and the evidence is read by the read model, so the API's
 * decision preview finds the same targets.
 */
import type { PoolClient } from 'pg';
import type { CaseDecision } from '../../domain/outcomes';
import { penaltyTargets, type PenaltyTargets } from '../../domain/penaltyPlan';
import { loadPenaltyEvidence } from '../../readModel/penaltyEvidence';

export async function loadPenaltyTargets(client: PoolClient, caseId: string, decision: CaseDecision): Promise<PenaltyTargets> {
  return penaltyTargets(await loadPenaltyEvidence(client, caseId), decision);
}
