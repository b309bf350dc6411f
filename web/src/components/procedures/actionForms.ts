/**
 * The form each awaited step of a penalty procedure takes, as data: its fields (label, kind,
 * whether required) and the command it sends. One renderer (ActionForm.tsx) draws them, so an
 * officer sees the form of the step at hand and no other. The proposal's measures have their own
 * form (ProposalForm.tsx), read from the legal basis in force; a review's and a changed redress
 * result's measures are the standing ones revised (MeasureRevision.tsx: kept, lowered or dropped).
 */
import { REDRESS_KIND_LABELS, REDRESS_RESULT_LABELS, SERVICE_METHOD_LABELS } from '../../../../domain/penaltyProcedure';
import type { ProcedureAction, ProcedureCommandPath } from '../../api/procedures';
import type { RevisionWords } from './MeasureRevision';

export type FieldKind = 'date' | 'time' | 'line' | 'text' | 'select' | 'yesNo' | 'files' | 'file' | 'measures';

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
  /** Shown (and sent) only while another field has (or, with `not`, has not) this value. */
  shownWhen?: { field: string; equals: unknown; not?: true };
  /** A `measures` field: the standing measures revised, with the words of its two columns. */
  revision?: RevisionWords;
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

/** A required date that cannot lie after today: a service, a statement received, a result. */
const pastDate = (name: string, zh: string, en: string): FieldSpec => ({ name, zh, en, kind: 'date', required: true, notFuture: true });
const note: FieldSpec = { name: 'note', zh: '备注', en: 'Note', kind: 'text' };
const attachments: FieldSpec = { name: 'attachmentIds', zh: '附件', en: 'Attachments', kind: 'files' };
const serviceFields: FieldSpec[] = [
  { name: 'method', zh: '送达方式', en: 'Method', kind: 'select', required: true, options: SERVICE_METHOD_LABELS },
  pastDate('servedOn', '送达日期', 'Served on'),
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
      pastDate('receivedOn', '收到日期', 'Received on'),
      { name: 'statement', zh: '陈述申辩内容', en: 'Statement', kind: 'text', required: true },
      attachments,
    ],
  },
  requestHearing: {
    command: 'hearing-request',
    title: { zh: '登记听证申请', en: 'Record a hearing request' },
    submit: { zh: '登记听证申请', en: 'Record the request' },
    fields: [pastDate('requestedOn', '申请听证日期', 'Requested on')],
  },
  waiveRights: {
    command: 'waiver',
    title: { zh: '当事人放弃陈述申辩和听证', en: 'The party waives statement and hearing' },
    submit: { zh: '登记放弃', en: 'Record the waiver' },
    fields: [pastDate('waivedOn', '放弃日期', 'Waived on'), note],
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
      pastDate('heldOn', '听证举行日期', 'Held on'),
      { name: 'participants', zh: '参加人员', en: 'Participants', kind: 'line', required: true },
      { name: 'record', zh: '听证笔录', en: 'Record', kind: 'text', required: true },
      attachments,
    ],
  },
  reviewStatement: {
    command: 'review',
    title: { zh: '复核', en: 'Review' },
    submit: { zh: '提交复核意见', en: 'Record the review' },
    fields: [
      { name: 'adopted', zh: '是否采纳', en: 'Adopted', kind: 'yesNo', required: true },
      { name: 'reasons', zh: '复核理由', en: 'Reasons', kind: 'text', required: true },
      { name: 'noPenalty', zh: '不予处罚', en: 'No penalty', kind: 'yesNo', hint: { zh: '全部处理措施均不再给予', en: 'Every measure dropped' } },
      {
        name: 'measures',
        zh: '复核后的处理措施',
        en: 'Measures after the review',
        kind: 'measures',
        required: true,
        shownWhen: { field: 'noPenalty', equals: true, not: true },
        revision: {
          before: { zh: '告知的处理措施', en: 'As notified' },
          after: { zh: '复核后', en: 'after the review' },
          allDropped: { zh: '全部不再给予的，请在「不予处罚」选择“是”', en: 'to drop them all, answer Yes to No penalty' },
        },
        hint: {
          zh: '可维持、减轻（降低罚款金额、不再给予某项措施），不得加重（《行政处罚法》第四十五条）',
          en: 'Keep or lower (a smaller fine, a measure dropped); never heavier (art. 45)',
        },
      },
    ],
  },
  recordMinistryAnswer: {
    command: 'ministry-answer',
    title: { zh: '登记住房和城乡建设部处理结果', en: "Record the ministry's answer" },
    submit: { zh: '登记处理结果', en: 'Record the answer' },
    fields: [
      { name: 'revoked', zh: '是否撤销注册', en: 'Revoked', kind: 'yesNo', required: true },
      pastDate('answeredOn', '答复日期', 'Answered on'),
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
      pastDate('filedOn', '提起日期', 'Filed on'),
      note,
    ],
  },
  recordRedressResult: {
    command: 'redress/result',
    title: { zh: '登记复议诉讼结果', en: 'Record the result of the appeal' },
    submit: { zh: '登记结果', en: 'Record the result' },
    fields: [
      { name: 'result', zh: '复议诉讼结果', en: 'Result', kind: 'select', required: true, options: REDRESS_RESULT_LABELS },
      pastDate('decidedOn', '结果日期', 'Decided on'),
      {
        name: 'measures',
        zh: '变更后的处理措施',
        en: 'Measures as changed',
        kind: 'measures',
        required: true,
        shownWhen: { field: 'result', equals: 'changed' },
        revision: {
          before: { zh: '已生效的处理措施', en: 'In effect' },
          after: { zh: '变更后', en: 'as changed' },
          sendUnchanged: true,
          allDropped: { zh: '全部撤销的，请选择结果「撤销」', en: 'to withdraw them all, choose Revoked' },
        },
        hint: {
          zh: '按复议决定或判决变更：可减轻或不再给予某项措施，不得重于原决定',
          en: 'As the review or the court changed them: lower or drop, never heavier',
        },
      },
      note,
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

/** The command a form sends (a procedure whose routes do not take it shows no form for it). */
export const commandOfForm = (form: FormKey | 'proposal' | 'recheck' | 'revision'): ProcedureCommandPath =>
  form === 'proposal' ? 'proposal' : form === 'recheck' ? 'basis-recheck' : form === 'revision' ? 'decision/revision' : FORMS[form].command;

/** The forms an awaited action offers (the statement window offers three: a statement, a hearing request, a waiver). */
export function formsOf(action: ProcedureAction, hearingApplies: boolean): (FormKey | 'proposal' | 'recheck' | 'revision')[] {
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
    case 'revise_decision':
      return ['revision'];
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
