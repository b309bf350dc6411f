/**
 * A penalty procedure's row as the workflow keeps it (penalty_procedure, migration 060), read with
 * its case number (or, for an escalated intermediary order's procedure, migration 079, the order and
 * the intermediary's name) and its dates as text; what is awaited next, with who acts (an officer,
 * the responsible person, the party, the province) and by when. Shared by the detail and the list.
 */
import { z } from 'zod';
import {
  PROCEDURE_ACTION_LABELS,
  PROCEDURE_STEP_LABELS,
  ProcedureAction,
  ProcedureLevel,
  ProcedureStep,
  RedressKind,
  RedressResult,
} from '../domain/penaltyProcedure';
import { ProcedureViolation } from '../domain/legalBasis';
import { DUE_OF_ACTION, type ProcedureDeadline } from './procedureDeadlines';
import { BigintColumn, DateText } from './sqlTypes';
/** Who must act for an awaited step: an officer of the level, its responsible person, the party, the province. */
export const Actor = z.enum(['officer', 'responsible', 'party', 'province']);
export type Actor = z.infer<typeof Actor>;

export const ACTOR_OF_ACTION: Record<ProcedureAction, Actor> = {
  publish_basis: 'province',
  submit_proposal: 'officer',
  approve_proposal: 'responsible',
  serve_notice: 'officer',
  await_statement: 'party',
  schedule_hearing: 'officer',
  serve_hearing_notice: 'officer',
  record_hearing: 'officer',
  review_statement: 'officer',
  approve_decision: 'responsible',
  revise_decision: 'officer',
  serve_decision: 'officer',
  ministry_answer: 'officer',
  await_redress: 'party',
  redress_result: 'officer',
};

/** The actions that are approvals by the responsible person (负责人审批). */
export const APPROVAL_ACTIONS: readonly ProcedureAction[] = ['approve_proposal', 'approve_decision'];

export const AwaitedAction = z.object({
  action: ProcedureAction,
  label: z.string(),
  actor: Actor,
  dueOn: DateText.nullable(),
  workingDaysLeft: z.number().int().nullable(),
});

const date = DateText.nullable();
export const ProcedureRow = z.object({
  procedure_id: z.string(),
  /** Null for an intermediary order's procedure (its party is the order's intermediary). */
  case_id: z.string().nullable(),
  case_no: z.string().nullable(),
  intermediary_order_id: BigintColumn.nullable(),
  intermediary_id: BigintColumn.nullable(),
  intermediary_name: z.string().nullable(),
  intermediary_basis_id: BigintColumn.nullable(),
  campaign_id: z.string(),
  city_code: z.string(),
  level: ProcedureLevel,
  authority_code: z.string(),
  legal_basis_id: z.coerce.number().int().nullable(),
  violation: ProcedureViolation,
  cert_category: z.string().nullable(),
  step: ProcedureStep,
  awaiting: z.array(ProcedureAction),
  hearing_applies: z.boolean(),
  facts_text_id: z.string().nullable(),
  evidence_text_id: z.string().nullable(),
  opened_on: DateText,
  time_limit_on: DateText,
  time_limit_extended: z.boolean(),
  notice_document_id: z.string().nullable(),
  notice_served_on: date,
  statement_deadline: date,
  hearing_request_deadline: date,
  rights_waived_on: date,
  hearing_requested_on: date,
  hearing_date: date,
  hearing_time: z.string().nullable(),
  hearing_document_id: z.string().nullable(),
  hearing_notice_served_on: date,
  hearing_held_on: date,
  review_adopted: z.boolean().nullable(),
  reviewed_on: date,
  decision_document_id: z.string().nullable(),
  decision_served_on: date,
  ministry_document_id: z.string().nullable(),
  ministry_revoked: z.boolean().nullable(),
  ministry_answered_on: date,
  ministry_document_number: z.string().nullable(),
  effective_on: date,
  redress_kind: RedressKind.nullable(),
  redress_filed_on: date,
  redress_result: RedressResult.nullable(),
  redress_decided_on: date,
  closed_on: date,
  closed_because: z.string().nullable(),
});
export type ProcedureRow = z.infer<typeof ProcedureRow>;

const d = (c: string) => `to_char(p.${c}, 'YYYY-MM-DD') AS ${c}`;

/**
 * penalty_procedure `p` with its case `f` or its order's intermediary `im`: outer joins, so a case's
 * procedure reads as before and an order's (no case) is kept.
 */
export const PROCEDURE_FROM = `penalty_procedure p LEFT JOIN case_file f ON f.case_id = p.case_id
  LEFT JOIN intermediary_order io ON io.id = p.intermediary_order_id LEFT JOIN intermediary im ON im.id = io.intermediary_id`;

/** penalty_procedure's columns with the case number (or the order and its intermediary), dates as text; read FROM PROCEDURE_FROM. */
export const PROCEDURE_COLUMNS = [
  'p.procedure_id',
  'p.case_id',
  'f.case_no',
  'p.intermediary_order_id',
  'im.id AS intermediary_id',
  'im.name AS intermediary_name',
  'p.intermediary_basis_id',
  'p.campaign_id',
  'p.city_code::text AS city_code',
  'p.level',
  'p.authority_code',
  'p.legal_basis_id',
  'p.violation',
  'p.cert_category',
  'p.step',
  'p.awaiting',
  'p.hearing_applies',
  'p.facts_text_id::text AS facts_text_id',
  'p.evidence_text_id::text AS evidence_text_id',
  d('opened_on'),
  d('time_limit_on'),
  'p.time_limit_extended',
  'p.notice_document_id::text AS notice_document_id',
  d('notice_served_on'),
  d('statement_deadline'),
  d('hearing_request_deadline'),
  d('rights_waived_on'),
  d('hearing_requested_on'),
  d('hearing_date'),
  'p.hearing_time',
  'p.hearing_document_id::text AS hearing_document_id',
  d('hearing_notice_served_on'),
  d('hearing_held_on'),
  'p.review_adopted',
  d('reviewed_on'),
  'p.decision_document_id::text AS decision_document_id',
  d('decision_served_on'),
  'p.ministry_document_id::text AS ministry_document_id',
  'p.ministry_revoked',
  d('ministry_answered_on'),
  'p.ministry_document_number',
  d('effective_on'),
  'p.redress_kind',
  d('redress_filed_on'),
  'p.redress_result',
  d('redress_decided_on'),
  d('closed_on'),
  'p.closed_because',
].join(', ');

/** An order's procedure's party, by its ids and the intermediary's name (null for a case's procedure). */
export const ProcedureIntermediary = z.object({
  intermediaryId: z.number().int(),
  orderId: z.number().int(),
  name: z.string().describe("the intermediary's name (an organisation's, as the registry reads it)"),
});
export type ProcedureIntermediary = z.infer<typeof ProcedureIntermediary>;

export function intermediaryOf(p: ProcedureRow): ProcedureIntermediary | null {
  if (p.intermediary_order_id === null || p.intermediary_id === null) return null;
  return { intermediaryId: p.intermediary_id, orderId: p.intermediary_order_id, name: p.intermediary_name ?? '' };
}

/** The awaited actions with who acts and by when. */
export function awaitedActions(p: ProcedureRow, deadlines: readonly ProcedureDeadline[]): z.infer<typeof AwaitedAction>[] {
  if (p.closed_on) return [];
  return p.awaiting.map((action) => {
    const key = DUE_OF_ACTION[action];
    const due = key ? deadlines.find((x) => x.key === key) : undefined;
    return {
      action,
      label: PROCEDURE_ACTION_LABELS[action],
      actor: ACTOR_OF_ACTION[action],
      dueOn: due?.dueOn ?? null,
      workingDaysLeft: due?.workingDaysLeft ?? null,
    };
  });
}

/** What an event's action is called: the commands by their Chinese name, the workflow's own steps by their step. */
export const PROCEDURE_EVENT_LABELS: Record<string, string> = {
  opened: '启动处罚程序',
  submitProposal: '拟定处理意见',
  approveProposal: '负责人审批处理意见',
  recordService: '登记送达',
  recordStatement: '登记陈述申辩',
  requestHearing: '登记听证申请',
  waiveRights: '当事人放弃陈述申辩和听证',
  scheduleHearing: '安排听证',
  recordHearing: '登记听证笔录',
  reviewStatement: '复核',
  approveDecision: '负责人审批处理决定',
  reviseDecision: '修改处理决定',
  recordMinistryAnswer: '登记住房和城乡建设部处理结果',
  recordRedress: '登记复议或诉讼',
  recordRedressResult: '登记复议诉讼结果',
  extendTimeLimit: '延长办案期限',
  recheckBasis: '重新检查处罚依据',
};

/** The steps a procedure of this level goes through, in order. */
export function stepsOf(p: ProcedureRow): { step: ProcedureStep; label: string }[] {
  const steps: ProcedureStep[] = ['proposal', 'notice', 'statement'];
  if (p.hearing_requested_on) steps.push('hearing');
  steps.push('review', 'decision');
  if (p.ministry_document_id || p.step === 'ministry') steps.push('ministry');
  steps.push('redress', 'closed');
  return steps.map((step) => ({ step, label: PROCEDURE_STEP_LABELS[step] }));
}

/** The service date penalty_procedure keeps for each of its documents. */
export function servedOnColumn(p: ProcedureRow, documentId: string): string | null {
  if (documentId === p.notice_document_id) return p.notice_served_on;
  if (documentId === p.hearing_document_id) return p.hearing_notice_served_on;
  if (documentId === p.decision_document_id) return p.decision_served_on;
  return null;
}
