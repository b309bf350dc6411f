/**
 * 情节严重: an intermediary's escalated order runs the due-process procedure (docs/intermediaries.md,
 * docs/procedure.md) with the intermediary as the party: the same penaltyProcedureWorkflow, its input's
 * `party` naming the order and the basis chosen at the escalation, its id the order's
 * (`penalty-procedure/intermediary-order/<campaignId>/<orderId>/city`), opened on the escalation day.
 * Started by the escalation (services/intermediaries.ts escalate), once per order: a second start, or one
 * after the procedure ended, starts nothing (REJECT_DUPLICATE). Ids only cross Temporal.
 */
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { WorkflowIdReusePolicy } from '@temporalio/common';
import type { Pool } from 'pg';
import { z } from 'zod';
import { CampaignConfig } from '../domain/campaignConfig';
import { DomainError } from '../domain/errors';
import { IntermediaryViolation } from '../domain/legalBasis';
import { intermediaryProcedureIdOf, intermediaryProcedureSubject } from '../domain/procedureId';
import type { PenaltyProcedureInput } from '../workflows/messages/penaltyProcedure';
import type { CityRef, WatchDeps } from './intermediaryRefs';

const EscalatedOrder = z.object({
  intermediary_id: z.coerce.number().int(),
  escalated_on: z.string(),
  basis_id: z.coerce.number().int(),
  violation: z.string(),
});

/** Starts the procedure of an escalated order (idempotent). Answers its procedure id. */
export async function startIntermediaryProcedure(pool: Pool, deps: WatchDeps, at: CityRef, orderId: number): Promise<string> {
  const { rows } = await pool.query(
    `SELECT o.intermediary_id, to_char(o.escalated_on, 'YYYY-MM-DD') AS escalated_on, o.escalation_basis AS basis_id, b.violation
     FROM intermediary_order o JOIN intermediary i ON i.id = o.intermediary_id JOIN intermediary_basis_version b ON b.id = o.escalation_basis
     WHERE o.id = $1 AND o.status = 'escalated' AND i.campaign_id = $2 AND i.city_code = $3`,
    [orderId, at.campaignId, at.cityCode],
  );
  if (!rows[0]) throw new DomainError('NotFound', `order ${orderId} is not an escalated order of this city`);
  const o = EscalatedOrder.parse(rows[0]);
  const violation = IntermediaryViolation.safeParse(o.violation);
  if (!violation.success)
    throw new DomainError('UpdateRefused', `intermediary basis ${o.basis_id} has a violation the procedure does not know`, [
      { path: 'basisId', message: '「处罚依据」的违法行为尚不能进入处罚程序，请联系省人力资源和社会保障厅' },
    ]);
  const cfg = await pool.query<{ config: unknown }>('SELECT config FROM campaign WHERE id = $1', [at.campaignId]);
  const config = CampaignConfig.parse(cfg.rows[0]?.config);
  const procedureId = intermediaryProcedureIdOf(at.campaignId, orderId);
  const input: PenaltyProcedureInput = {
    caseId: intermediaryProcedureSubject(at.campaignId, orderId),
    campaignId: at.campaignId,
    cityCode: at.cityCode,
    level: 'city',
    openedOn: o.escalated_on,
    violation: violation.data,
    party: { kind: 'intermediary', intermediaryId: o.intermediary_id, orderId, basisId: o.basis_id },
    clock: config.clock,
    calendar: config.calendar,
  };
  try {
    await deps.client.workflow.start('penaltyProcedureWorkflow', {
      taskQueue: deps.taskQueue,
      workflowId: procedureId,
      args: [input],
      workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
    });
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
  }
  return procedureId;
}
