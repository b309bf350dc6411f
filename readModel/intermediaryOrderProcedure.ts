/**
 * The due-process procedure of an escalated intermediary order (services/intermediaryProcedure.ts) as
 * the order shows it in the registry: its id, step and what is due, read from penalty_procedure (the
 * workflow's read model) beside the order's columns. Null before the escalation (or while its start is
 * retried).
 */
import { z } from 'zod';
import { PROCEDURE_ACTION_LABELS, PROCEDURE_STEP_LABELS, ProcedureAction, ProcedureStep } from '../domain/penaltyProcedure';

export const OrderProcedure = z.object({
  procedureId: z.string(),
  step: ProcedureStep,
  stepLabel: z.string(),
  awaiting: z.array(ProcedureAction),
  awaitingLabels: z.array(z.string()),
  /** The notice's number (事先告知书, numbered by the city's 人社局) once the proposal was approved. */
  noticeNumber: z.string().nullable(),
});
export type OrderProcedure = z.infer<typeof OrderProcedure>;

/** One column (json) of the order's query: `o` is intermediary_order. */
export const ORDER_PROCEDURE_COLUMN = `(SELECT json_build_object('procedureId', pp.procedure_id, 'step', pp.step, 'awaiting', pp.awaiting,
    'noticeNumber', (SELECT g.number FROM generated_document g WHERE g.id = pp.notice_document_id))
  FROM penalty_procedure pp WHERE pp.intermediary_order_id = o.id) AS procedure`;

const Stored = z.object({ procedureId: z.string(), step: ProcedureStep, awaiting: z.array(ProcedureAction), noticeNumber: z.string().nullable() });

export function orderProcedureOf(raw: unknown): OrderProcedure | null {
  if (raw === null || raw === undefined) return null;
  const p = Stored.parse(raw);
  return { ...p, stepLabel: PROCEDURE_STEP_LABELS[p.step], awaitingLabels: p.awaiting.map((a) => PROCEDURE_ACTION_LABELS[a]) };
}
