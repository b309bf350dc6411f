/**
 * The penalty procedure's contract (issue 19, docs/procedure.md): its workflow id, input, the
 * updates the API and the rehearsal send (each with its zod arguments; the caller's request id is
 * the update id, so a retry is answered once), and the state it answers. Pure, safe in the
 * workflow sandbox. Free text is an officer_text reference, attachments are ids of
 * procedure_attachment rows: nothing personal crosses Temporal.
 *
 * Every update answers the procedure's state after it (ProcedureState). Refusals are
 * ApplicationFailures typed by their code (domain/errors.ts): UpdateRefused (bad arguments),
 * RoleCannotAct (wrong role or city), ResponsiblePersonRequired (an approval by someone without
 * `responsible`), ProcedureStepRefused (the command does not fit the current step),
 * DeadlinePassed (a hearing requested after its period), HeavierMeasureRefused (art. 45).
 */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import { z } from 'zod';
import { CampaignCalendar, IsoDate } from '../../domain/calendar';
import { CampaignClock, CampaignId, CityCode } from '../../domain/campaignClock';
import { ProcedureViolation, Violation } from '../../domain/legalBasis';
import { Officer } from '../../domain/officer';
import { OfficerTextField } from '../../domain/officerText';
import { MeasureChoices, ProcedureLevel, RedressKind, RedressResult, ServedDocument, ServiceMethod } from '../../domain/penaltyProcedure';
import { ProcedureParty, type ProcedureState } from '../../domain/procedureState';
import { plainText } from '../../domain/text';

export const PenaltyProcedureInput = z.object({
  caseId: plainText({ max: 120 }),
  campaignId: CampaignId,
  cityCode: CityCode,
  level: ProcedureLevel,
  /** 立案: the day the case was opened (art. 60's 90 days run from it). */
  openedOn: IsoDate,
  /** The violation the case was decided on (an intermediary's: its basis's). */
  violation: ProcedureViolation.default('IMPROPER_REGISTRATION'),
  /**
   * Absent: the case's person. An intermediary (its order escalated, 情节严重): `caseId` is then the
   * order's reference (domain/procedureId.ts intermediaryProcedureSubject), the level the city's, the
   * basis the intermediary basis chosen, the authority the city's 人社局, and no penalty rows.
   */
  party: ProcedureParty.optional(),
  /** The campaign's clock and calendar: a demo's compressed days map onto wall time as the case's do. */
  clock: CampaignClock.default({ kind: 'calendar' }),
  calendar: CampaignCalendar,
});
export type PenaltyProcedureInput = z.input<typeof PenaltyProcedureInput>;

const AttachmentIds = z.array(z.uuid()).max(20).default([]).meta({ title: '附件' });

// ---- The updates' arguments ----

/** The officer's 拟处理意见: the measures from the basis of this level (a fine's amount within its cap), the facts and evidence. */
export const SubmitProposalArgs = z.object({
  officer: Officer,
  violation: Violation.optional().meta({ title: '违法行为' }),
  measures: MeasureChoices,
  facts: OfficerTextField.meta({ title: '违法事实' }),
  evidence: OfficerTextField.meta({ title: '证据' }),
});
/** The responsible person approves (the notice is numbered and rendered) or sends the proposal back. */
export const ApproveArgs = z.object({
  officer: Officer,
  approved: z.boolean().meta({ title: '是否同意' }),
  comments: OfficerTextField.optional().meta({ title: '审批意见' }),
});
/** A document was served: the clocks start at `servedOn`. */
export const RecordServiceArgs = z.object({
  officer: Officer,
  document: ServedDocument.meta({ title: '送达文书' }),
  method: ServiceMethod.meta({ title: '送达方式' }),
  servedOn: IsoDate.meta({ title: '送达日期' }),
  receiver: OfficerTextField.meta({ title: '受送达人' }),
  proofAttachmentId: z.uuid().optional().meta({ title: '送达回证附件' }),
});
export const RecordStatementArgs = z.object({
  officer: Officer,
  receivedOn: IsoDate.meta({ title: '收到日期' }),
  statement: OfficerTextField.meta({ title: '陈述申辩内容' }),
  attachmentIds: AttachmentIds,
});
export const RequestHearingArgs = z.object({ officer: Officer, requestedOn: IsoDate.meta({ title: '申请听证日期' }) });
export const WaiveRightsArgs = z.object({ officer: Officer, waivedOn: IsoDate.meta({ title: '放弃日期' }), note: OfficerTextField.optional() });
export const ScheduleHearingArgs = z.object({
  officer: Officer,
  hearingDate: IsoDate.meta({ title: '听证日期' }),
  hearingTime: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/)
    .meta({ title: '听证时间' }),
  place: OfficerTextField.meta({ title: '听证地点' }),
  presidingOfficer: OfficerTextField.meta({ title: '听证主持人' }),
});
export const RecordHearingArgs = z.object({
  officer: Officer,
  heldOn: IsoDate.meta({ title: '听证举行日期' }),
  record: OfficerTextField.meta({ title: '听证笔录' }),
  participants: OfficerTextField.meta({ title: '参加人员' }),
  attachmentIds: AttachmentIds,
});
/** 复核: adopted or not, with reasons; the measures may only be kept, lowered or dropped (art. 45). Absent: unchanged. */
export const ReviewStatementArgs = z.object({
  officer: Officer,
  adopted: z.boolean().meta({ title: '是否采纳' }),
  reasons: OfficerTextField.meta({ title: '复核理由' }),
  measures: MeasureChoices.optional(),
  /** All measures dropped: no penalty (不予处罚); the procedure closes without a decision of measures. */
  noPenalty: z.boolean().default(false).meta({ title: '不予处罚' }),
});
/**
 * The decision sent back by the responsible person, revised by the officer (patch decision-revision):
 * the measures again from the basis (never heavier than those notified, art. 45), or none
 * (不予行政处罚, art. 57), with the reasons; absent measures and noPenalty false: unchanged. It returns
 * to the responsible person's approval.
 */
export const ReviseDecisionArgs = z.object({
  officer: Officer,
  reasons: OfficerTextField.meta({ title: '修改理由' }),
  measures: MeasureChoices.optional(),
  noPenalty: z.boolean().default(false).meta({ title: '不予处罚' }),
});
export const RecordMinistryAnswerArgs = z.object({
  officer: Officer,
  revoked: z.boolean().meta({ title: '是否撤销注册' }),
  answeredOn: IsoDate.meta({ title: '答复日期' }),
  /** The day the ministry's revocation takes effect (its decision's service); default: answeredOn. */
  effectiveOn: IsoDate.optional().meta({ title: '生效日期' }),
  ministryDocumentNumber: plainText({ max: 60 }).meta({ title: '住房和城乡建设部文号' }),
});
export const RecordRedressArgs = z.object({
  officer: Officer,
  kind: RedressKind.meta({ title: '救济途径' }),
  filedOn: IsoDate.meta({ title: '提起日期' }),
  note: OfficerTextField.optional(),
});
export const RecordRedressResultArgs = z.object({
  officer: Officer,
  result: RedressResult.meta({ title: '复议诉讼结果' }),
  decidedOn: IsoDate.meta({ title: '结果日期' }),
  /** `changed`: the measures as changed (no heavier than before). */
  measures: MeasureChoices.optional(),
  note: OfficerTextField.optional(),
});
export const ExtendTimeLimitArgs = z.object({
  officer: Officer,
  timeLimitOn: IsoDate.meta({ title: '延长后的办案期限' }),
  reason: OfficerTextField.meta({ title: '延长理由' }),
});
/** Look for a published basis again now (after the province published one), instead of waiting for the daily check. */
export const RecheckBasisArgs = z.object({ officer: Officer });

export type SubmitProposalArgs = z.input<typeof SubmitProposalArgs>;
export type ApproveArgs = z.input<typeof ApproveArgs>;
export type RecordServiceArgs = z.input<typeof RecordServiceArgs>;
export type RecordStatementArgs = z.input<typeof RecordStatementArgs>;
export type RequestHearingArgs = z.input<typeof RequestHearingArgs>;
export type WaiveRightsArgs = z.input<typeof WaiveRightsArgs>;
export type ScheduleHearingArgs = z.input<typeof ScheduleHearingArgs>;
export type RecordHearingArgs = z.input<typeof RecordHearingArgs>;
export type ReviewStatementArgs = z.input<typeof ReviewStatementArgs>;
export type ReviseDecisionArgs = z.input<typeof ReviseDecisionArgs>;
export type RecordMinistryAnswerArgs = z.input<typeof RecordMinistryAnswerArgs>;
export type RecordRedressArgs = z.input<typeof RecordRedressArgs>;
export type RecordRedressResultArgs = z.input<typeof RecordRedressResultArgs>;
export type ExtendTimeLimitArgs = z.input<typeof ExtendTimeLimitArgs>;
export type RecheckBasisArgs = z.input<typeof RecheckBasisArgs>;

// ---- The state every update and the query answer: domain/procedureState.ts (activities record it too) ----

export { ProcedureState } from '../../domain/procedureState';

// ---- The Temporal definitions ----

export const submitProposalUpdate = defineUpdate<ProcedureState, [SubmitProposalArgs]>('submitProposal');
export const approveProposalUpdate = defineUpdate<ProcedureState, [ApproveArgs]>('approveProposal');
export const recordServiceUpdate = defineUpdate<ProcedureState, [RecordServiceArgs]>('recordService');
export const recordStatementUpdate = defineUpdate<ProcedureState, [RecordStatementArgs]>('recordStatement');
export const requestHearingUpdate = defineUpdate<ProcedureState, [RequestHearingArgs]>('requestHearing');
export const waiveRightsUpdate = defineUpdate<ProcedureState, [WaiveRightsArgs]>('waiveRights');
export const scheduleHearingUpdate = defineUpdate<ProcedureState, [ScheduleHearingArgs]>('scheduleHearing');
export const recordHearingUpdate = defineUpdate<ProcedureState, [RecordHearingArgs]>('recordHearing');
export const reviewStatementUpdate = defineUpdate<ProcedureState, [ReviewStatementArgs]>('reviewStatement');
export const approveDecisionUpdate = defineUpdate<ProcedureState, [ApproveArgs]>('approveDecision');
export const reviseDecisionUpdate = defineUpdate<ProcedureState, [ReviseDecisionArgs]>('reviseDecision');
export const recordMinistryAnswerUpdate = defineUpdate<ProcedureState, [RecordMinistryAnswerArgs]>('recordMinistryAnswer');
export const recordRedressUpdate = defineUpdate<ProcedureState, [RecordRedressArgs]>('recordRedress');
export const recordRedressResultUpdate = defineUpdate<ProcedureState, [RecordRedressResultArgs]>('recordRedressResult');
export const extendTimeLimitUpdate = defineUpdate<ProcedureState, [ExtendTimeLimitArgs]>('extendTimeLimit');
export const recheckBasisUpdate = defineUpdate<ProcedureState, [RecheckBasisArgs]>('recheckBasis');
export const procedureStateQuery = defineQuery<ProcedureState>('procedureState');

/**
 * The case workflow withdraws its procedures when the city reopens the case or the province
 * overrides its outcome (patch procedure-withdrawal): a procedure not closed closes `withdrawn`, its
 * measures withdrawn (the case's correction already moved the penalty rows). A signal: a workflow
 * cannot send updates, and the procedure has nothing to refuse.
 */
export const WithdrawProcedureArgs = z.object({ because: z.enum(['reopen', 'override']), updateId: z.string().min(1) });
export type WithdrawProcedureArgs = z.input<typeof WithdrawProcedureArgs>;
export const withdrawProcedureSignal = defineSignal<[WithdrawProcedureArgs]>('withdrawProcedure');
