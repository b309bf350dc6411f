/**
 * The form each awaited step of a penalty procedure takes, as data: its fields (label, kind,
 * whether required) and the command it sends. One renderer (ActionForm.tsx) draws them, so an
 * officer sees the form of the step at hand and no other. The proposal's measures have their own
 * fields (ProposalFields.tsx), read from the legal basis in force.
 */
import { REDRESS_KIND_LABELS, REDRESS_RESULT_LABELS, SERVICE_METHOD_LABELS } from '../../../../domain/penaltyProcedure';
import type { ProcedureAction, ProcedureCommandPath } from '../../api/procedures';

export type FieldKind = 'date' | 'time' | 'line' | 'text' | 'select' | 'yesNo' | 'files' | 'file';

export interface FieldSpec {
  name: string;
  zh: string;
  en: string;
  kind: FieldKind;
  required?: boolean;
  options?: Record<string, string>;
  /** A date that cannot lie after today (a service, a statement received). */
  notFuture?: boolean;
  hint?: { zh: string; en: string };
}

export interface FormSpec {
  command: ProcedureCommandPath;
  title: { zh: string; en: string };
  submit: { zh: string; en: string };
  fields: FieldSpec[];
  /** Fixed values the body carries (the document a service is for). */
  fixed?: Record<string, unknown>;
  /** Two buttons: approve (approved=true) and send back (approved=false). */
  approval?: true;
}

const servedOn: FieldSpec = { name: 'servedOn', zh: '送达日期', en: 'Served on', kind: 'date', required: true, notFuture: true };
const serviceFields: FieldSpec[] = [
  { name: 'method', zh: '送达方式', en: 'Method', kind: 'select', required: true, options: SERVICE_METHOD_LABELS },
  servedOn,
  { name: 'receiver', zh: '受送达人', en: 'Received by', kind: 'line', required: true },
  { name: 'proofAttachmentId', zh: '送达回证（扫描件）', en: 'Proof of service (scan)', kind: 'file' },
];
const service = (document: string, zh: string, en: string): FormSpec => ({
  command: 'services',
  title: { zh: `登记${zh}送达`, en: `Record the service of the ${en}` },
  submit: { zh: '登记送达', en: 'Record the service' },
  fields: serviceFields,
  fixed: { document },
});
const approval = (command: ProcedureCommandPath, zh: string, en: string): FormSpec => ({
  command,
  title: { zh, en },
  submit: { zh: '同意', en: 'Approve' },
  fields: [{ name: 'comments', zh: '审批意见', en: 'Comments', kind: 'text' }],
  approval: true,
});

/** The forms of the commands that are not the proposal, by what they answer. */
export const FORMS = {
  approveProposal: approval('proposal/approval', '审批拟处理意见', 'Approve the proposal'),
  approveDecision: approval('decision/approval', '审批处理决定', 'Approve the decision'),
  serveNotice: service('notice', '告知书', 'notice'),
  serveHearingNotice: service('hearing_notice', '听证通知书', 'hearing notice'),
  serveDecision: service('decision', '决定书', 'decision'),
  recordStatement: {
    command: 'statements',
    title: { zh: '登记陈述申辩', en: 'Record a statement' },
    submit: { zh: '登记陈述申辩', en: 'Record the statement' },
    fields: [
      { name: 'receivedOn', zh: '收到日期', en: 'Received on', kind: 'date', required: true, notFuture: true },
      { name: 'statement', zh: '陈述申辩内容', en: 'Statement', kind: 'text', required: true },
      { name: 'attachmentIds', zh: '附件', en: 'Attachments', kind: 'files' },
    ],
  },
  requestHearing: {
    command: 'hearing-request',
    title: { zh: '登记听证申请', en: 'Record a hearing request' },
    submit: { zh: '登记听证申请', en: 'Record the request' },
    fields: [{ name: 'requestedOn', zh: '申请听证日期', en: 'Requested on', kind: 'date', required: true, notFuture: true }],
  },
  waiveRights: {
    command: 'waiver',
    title: { zh: '当事人放弃陈述申辩和听证', en: 'The party waives statement and hearing' },
    submit: { zh: '登记放弃', en: 'Record the waiver' },
    fields: [
      { name: 'waivedOn', zh: '放弃日期', en: 'Waived on', kind: 'date', required: true, notFuture: true },
      { name: 'note', zh: '备注', en: 'Note', kind: 'text' },
    ],
  },
  scheduleHearing: {
    command: 'hearing',
    title: { zh: '安排听证', en: 'Schedule the hearing' },
    submit: { zh: '安排听证并生成听证通知书', en: 'Schedule and issue the notice' },
    fields: [
      {
        name: 'hearingDate',
        zh: '听证日期',
        en: 'Hearing date',
        kind: 'date',
        required: true,
        hint: { zh: '听证通知书送达后至少7个工作日', en: 'At least 7 working days after its notice is served' },
      },
      { name: 'hearingTime', zh: '听证时间', en: 'Time', kind: 'time', required: true },
      { name: 'place', zh: '听证地点', en: 'Place', kind: 'line', required: true },
      { name: 'presidingOfficer', zh: '听证主持人', en: 'Presiding officer', kind: 'line', required: true },
    ],
  },
  recordHearing: {
    command: 'hearing/record',
    title: { zh: '登记听证笔录', en: 'Record the hearing' },
    submit: { zh: '登记听证', en: 'Record the hearing' },
    fields: [
      { name: 'heldOn', zh: '听证举行日期', en: 'Held on', kind: 'date', required: true, notFuture: true },
      { name: 'participants', zh: '参加人员', en: 'Participants', kind: 'line', required: true },
      { name: 'record', zh: '听证笔录', en: 'Record', kind: 'text', required: true },
      { name: 'attachmentIds', zh: '附件', en: 'Attachments', kind: 'files' },
    ],
  },
  reviewStatement: {
    command: 'review',
    title: { zh: '复核', en: 'Review' },
    submit: { zh: '提交复核意见', en: 'Record the review' },
    fields: [
      { name: 'adopted', zh: '是否采纳', en: 'Adopted', kind: 'yesNo', required: true },
      { name: 'reasons', zh: '复核理由', en: 'Reasons', kind: 'text', required: true },
      {
        name: 'noPenalty',
        zh: '不予处罚',
        en: 'No penalty',
        kind: 'yesNo',
        hint: { zh: '复核后不得加重处罚（行政处罚法第四十五条）', en: 'A review may not make the penalty heavier (art. 45)' },
      },
    ],
  },
  recordMinistryAnswer: {
    command: 'ministry-answer',
    title: { zh: '登记住房和城乡建设部处理结果', en: "Record the ministry's answer" },
    submit: { zh: '登记处理结果', en: 'Record the answer' },
    fields: [
      { name: 'revoked', zh: '是否撤销注册', en: 'Revoked', kind: 'yesNo', required: true },
      { name: 'answeredOn', zh: '答复日期', en: 'Answered on', kind: 'date', required: true, notFuture: true },
      { name: 'effectiveOn', zh: '生效日期', en: 'Effective on', kind: 'date' },
      { name: 'ministryDocumentNumber', zh: '住房和城乡建设部文号', en: "Ministry's document number", kind: 'line', required: true },
    ],
  },
  recordRedress: {
    command: 'redress',
    title: { zh: '登记行政复议或行政诉讼', en: 'Record an appeal' },
    submit: { zh: '登记', en: 'Record' },
    fields: [
      { name: 'kind', zh: '救济途径', en: 'Remedy', kind: 'select', required: true, options: REDRESS_KIND_LABELS },
      { name: 'filedOn', zh: '提起日期', en: 'Filed on', kind: 'date', required: true, notFuture: true },
      { name: 'note', zh: '备注', en: 'Note', kind: 'text' },
    ],
  },
  recordRedressResult: {
    command: 'redress/result',
    title: { zh: '登记复议诉讼结果', en: 'Record the result of the appeal' },
    submit: { zh: '登记结果', en: 'Record the result' },
    fields: [
      { name: 'result', zh: '复议诉讼结果', en: 'Result', kind: 'select', required: true, options: REDRESS_RESULT_LABELS },
      { name: 'decidedOn', zh: '结果日期', en: 'Decided on', kind: 'date', required: true, notFuture: true },
      { name: 'note', zh: '备注', en: 'Note', kind: 'text' },
    ],
  },
  extendTimeLimit: {
    command: 'time-limit',
    title: { zh: '延长办案期限', en: 'Extend the time limit' },
    submit: { zh: '批准延长', en: 'Extend' },
    fields: [
      { name: 'timeLimitOn', zh: '延长后的办案期限', en: 'New time limit', kind: 'date', required: true },
      { name: 'reason', zh: '延长理由', en: 'Reason', kind: 'text', required: true },
    ],
  },
} satisfies Record<string, FormSpec>;

export type FormKey = keyof typeof FORMS;

/** The forms an awaited action offers (the statement window offers three: a statement, a hearing request, a waiver). */
export function formsOf(action: ProcedureAction, hearingApplies: boolean): (FormKey | 'proposal' | 'recheck')[] {
  switch (action) {
    case 'submit_proposal':
      return ['proposal'];
    case 'publish_basis':
      return ['recheck'];
    case 'approve_proposal':
      return ['approveProposal'];
    case 'serve_notice':
      return ['serveNotice'];
    case 'await_statement':
      return hearingApplies ? ['recordStatement', 'requestHearing', 'waiveRights'] : ['recordStatement', 'waiveRights'];
    case 'schedule_hearing':
      return ['scheduleHearing'];
    case 'serve_hearing_notice':
      return ['serveHearingNotice'];
    case 'record_hearing':
      return ['recordHearing'];
    case 'review_statement':
      return ['reviewStatement'];
    case 'approve_decision':
      return ['approveDecision'];
    case 'serve_decision':
      return ['serveDecision'];
    case 'ministry_answer':
      return ['recordMinistryAnswer'];
    case 'await_redress':
      return ['recordRedress'];
    case 'redress_result':
      return ['recordRedressResult'];
  }
}
