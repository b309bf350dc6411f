/**
 * The documents of the penalty procedure (issue 19): their kinds, how they are numbered, and the data
 * each template is filled with. A template may use only its kind's tags, and must use the tags of
 * every element the law requires of that document (行政处罚法 arts. 44, 59, 63, 64; docs/documents.md).
 */
import { z } from 'zod';
import { IsoDate } from './calendar';
import {
  INTERMEDIARY_DOCUMENT_KINDS,
  INTERMEDIARY_DOCUMENT_TITLES,
  INTERMEDIARY_DOCUMENT_WORDS,
  ORDER_NOTICE_TAGS,
  OrderNoticeData,
  UNIT_PARTY,
  UNIT_PARTY_TAGS,
} from './intermediaryDocuments';
import { freeText, nameText, plainText } from './text';

export const DocumentKind = z.enum([
  'penalty_notice',
  'revocation_notice',
  'penalty_decision',
  'revocation_decision',
  'service_receipt',
  'hearing_notice',
  'ministry_proposal',
  'referral_letter',
  /** 不予行政处罚决定书: a review or revision dropped every measure (行政处罚法 art. 57 (二)(三)). */
  'no_penalty_decision',
  'self_check_notice',
  // An intermediary (a unit) as the party, and its rectification order's notice: domain/intermediaryDocuments.ts.
  ...INTERMEDIARY_DOCUMENT_KINDS,
]);
export type DocumentKind = z.infer<typeof DocumentKind>;

export const DOCUMENT_KIND_LABELS: Record<DocumentKind, string> = {
  penalty_notice: '行政处罚事先告知书',
  revocation_notice: '撤销注册告知书',
  penalty_decision: '行政处罚决定书',
  revocation_decision: '撤销注册决定书',
  service_receipt: '送达回证',
  hearing_notice: '听证通知书',
  ministry_proposal: '处理建议',
  referral_letter: '案件移送函',
  no_penalty_decision: '不予行政处罚决定书',
  self_check_notice: '自查自纠告知书',
  intermediary_penalty_notice: `${INTERMEDIARY_DOCUMENT_TITLES.intermediary_penalty_notice}（中介机构）`,
  intermediary_hearing_notice: `${INTERMEDIARY_DOCUMENT_TITLES.intermediary_hearing_notice}（中介机构）`,
  intermediary_penalty_decision: `${INTERMEDIARY_DOCUMENT_TITLES.intermediary_penalty_decision}（中介机构）`,
  intermediary_no_penalty_decision: `${INTERMEDIARY_DOCUMENT_TITLES.intermediary_no_penalty_decision}（中介机构）`,
  intermediary_service_receipt: `${INTERMEDIARY_DOCUMENT_TITLES.intermediary_service_receipt}（中介机构）`,
  intermediary_order_notice: INTERMEDIARY_DOCUMENT_TITLES.intermediary_order_notice,
};

/** The word a document number carries for its kind (长建罚告〔2026〕第0001号). Defaults, to be confirmed by the province. */
export const DOCUMENT_KIND_WORDS: Record<DocumentKind, string> = {
  penalty_notice: '罚告',
  revocation_notice: '撤告',
  penalty_decision: '罚决',
  revocation_decision: '撤决',
  service_receipt: '送',
  hearing_notice: '听通',
  ministry_proposal: '建议',
  referral_letter: '移',
  no_penalty_decision: '不罚',
  self_check_notice: '自查',
  ...INTERMEDIARY_DOCUMENT_WORDS,
};

/** 长建罚告〔2026〕第0001号: the authority's abbreviation, the kind's word, the year in 〔〕, the sequence in four digits. */
export function formatDocumentNumber(abbreviation: string, kind: DocumentKind, year: number, seq: number): string {
  return `${abbreviation}${DOCUMENT_KIND_WORDS[kind]}〔${year}〕第${String(seq).padStart(4, '0')}号`;
}

/** 2026-03-02 → 2026年3月2日. */
export function chineseDate(iso: string): string {
  return `${Number(iso.slice(0, 4))}年${Number(iso.slice(5, 7))}月${Number(iso.slice(8, 10))}日`;
}

// ---- the data each kind's template is filled with ----

const line = (max: number, title: string) => nameText({ max }).meta({ title });
const text = (max: number, title: string) => freeText({ max }).meta({ title });
const items = (title: string) =>
  z
    .array(z.object({ text: freeText({ max: 2000 }).meta({ title: `${title}内容` }) }))
    .min(1)
    .max(50)
    .meta({ title });

const common = {
  documentNumber: plainText({ max: 60 }).meta({ title: '文书编号' }),
  authorityName: line(80, '作出机关名称'),
  partyName: line(80, '当事人姓名或名称'),
  partyIdNumber: plainText({ max: 30, min: 0 }).meta({ title: '当事人身份证件号码' }).default(''),
  partyAddress: line(200, '当事人地址'),
};

const notice = z.object({
  ...common,
  facts: text(4000, '违法事实'),
  evidence: items('证据'),
  basis: text(2000, '处罚依据'),
  measures: items('拟作出的处理'),
  /** 陈述、申辩 by this date. */
  statementDeadline: IsoDate.meta({ title: '陈述申辩期限' }),
  /** Whether the notice tells of the right to a hearing (art. 63), and the date by which to ask (art. 64: 5 working days). */
  hearing: z.boolean().meta({ title: '是否告知听证权利' }),
  hearingDeadline: IsoDate.nullable().default(null).meta({ title: '听证申请期限' }),
  contact: line(200, '联系人及电话'),
  issueDate: IsoDate.meta({ title: '文书日期' }),
});

const decision = z.object({
  ...common,
  facts: text(4000, '违法事实'),
  evidence: items('证据'),
  /** 陈述、申辩（听证）的情况及采纳情况. */
  statementSummary: text(4000, '陈述申辩及采纳情况'),
  basis: text(2000, '处罚依据'),
  measures: items('处理决定'),
  performance: text(2000, '履行方式和期限'),
  reviewAuthority: line(120, '行政复议机关'),
  reviewDays: z.number().int().min(1).max(365).default(60).meta({ title: '申请行政复议期限（日）' }),
  court: line(120, '管辖人民法院'),
  suitMonths: z.number().int().min(1).max(24).default(6).meta({ title: '提起行政诉讼期限（月）' }),
  decisionDate: IsoDate.meta({ title: '决定日期' }),
});

/** 送达回证: which document was served, where and how. */
const serviceReceipt = z.object({
  ...common,
  servedDocumentTitle: line(80, '送达文书名称'),
  servedDocumentNumber: plainText({ max: 60 }).meta({ title: '送达文书编号' }),
  serviceAddress: line(300, '送达地点'),
  serviceMethod: line(80, '送达方式'),
  issueDate: IsoDate.meta({ title: '文书日期' }),
});

const hearingNotice = z.object({
  ...common,
  caseSummary: text(1000, '案由'),
  hearingTime: line(80, '听证时间'),
  hearingPlace: line(200, '听证地点'),
  presidingOfficer: line(80, '听证主持人'),
  contact: line(200, '联系人及电话'),
  issueDate: IsoDate.meta({ title: '文书日期' }),
});

/** 不予行政处罚决定书: who, what was investigated, what the party said, why no penalty (art. 57), the remedies. */
const noPenaltyDecision = z.object({
  ...common,
  facts: text(4000, '调查认定的事实'),
  evidence: items('证据'),
  statementSummary: text(4000, '陈述申辩及采纳情况'),
  reasons: text(4000, '不予行政处罚的理由'),
  basis: text(2000, '法律依据'),
  reviewAuthority: line(120, '行政复议机关'),
  reviewDays: z.number().int().min(1).max(365).default(60).meta({ title: '申请行政复议期限（日）' }),
  court: line(120, '管辖人民法院'),
  suitMonths: z.number().int().min(1).max(24).default(6).meta({ title: '提起行政诉讼期限（月）' }),
  decisionDate: IsoDate.meta({ title: '决定日期' }),
});

export const DOCUMENT_DATA = {
  penalty_notice: notice,
  revocation_notice: notice,
  penalty_decision: decision,
  revocation_decision: decision,
  service_receipt: serviceReceipt,
  hearing_notice: hearingNotice,
  ministry_proposal: z.object({
    ...common,
    certCategoryLabel: line(40, '注册类别'),
    certNumber: plainText({ max: 40 }).meta({ title: '注册证书编号' }),
    registeredUnit: line(200, '注册单位'),
    facts: text(4000, '违法事实'),
    evidence: items('证据'),
    basis: text(2000, '处理依据'),
    procedure: text(2000, '告知及陈述申辩情况'),
    proposal: text(2000, '处理建议'),
    recipient: line(80, '报送机关'),
    issueDate: IsoDate.meta({ title: '文书日期' }),
  }),
  // Issue 20 item 6: a TRANSFERRED case referred to an outside authority (人社, 公安, 市场监管, another province).
  referral_letter: z.object({
    ...common,
    recipient: line(200, '接收部门'),
    caseNo: plainText({ max: 40 }).meta({ title: '案件编号' }),
    facts: text(4000, '案件基本情况'),
    evidence: items('移送材料'),
    reason: text(2000, '移送理由'),
    contact: line(200, '联系人及电话'),
    issueDate: IsoDate.meta({ title: '文书日期' }),
  }),
  no_penalty_decision: noPenaltyDecision,
  // Issue 21: a unit's notice in the self-check phase, listing its flagged staff and what to correct.
  self_check_notice: z.object({
    documentNumber: plainText({ max: 60 }).meta({ title: '文书编号' }),
    authorityName: line(80, '作出机关名称'),
    unitName: line(200, '单位名称'),
    unitCode: plainText({ max: 30, min: 0 }).meta({ title: '统一社会信用代码' }).default(''),
    staff: items('疑似挂证人员'),
    corrections: items('整改事项'),
    selfCheckDeadline: IsoDate.meta({ title: '自查自纠截止日期' }),
    contact: line(200, '联系人及电话'),
    issueDate: IsoDate.meta({ title: '文书日期' }),
  }),
  // A person's data made a unit's: no ID number; the credit code, licence and address (domain/intermediaryDocuments.ts).
  intermediary_penalty_notice: notice.omit({ partyIdNumber: true }).extend(UNIT_PARTY),
  intermediary_hearing_notice: hearingNotice.omit({ partyIdNumber: true }).extend(UNIT_PARTY),
  intermediary_penalty_decision: decision.omit({ partyIdNumber: true }).extend(UNIT_PARTY),
  intermediary_no_penalty_decision: noPenaltyDecision.omit({ partyIdNumber: true }).extend(UNIT_PARTY),
  intermediary_service_receipt: serviceReceipt.omit({ partyIdNumber: true }).extend(UNIT_PARTY),
  intermediary_order_notice: OrderNoticeData,
} as const satisfies Record<DocumentKind, z.ZodObject>;

export type DocumentData<K extends DocumentKind> = z.input<(typeof DOCUMENT_DATA)[K]>;

/** 行政处罚法 art. 44: what every notice of an intended penalty states. */
const NOTICE_TAGS: readonly string[] = [
  'documentNumber',
  'partyName',
  'facts',
  'evidence',
  'basis',
  'measures',
  'statementDeadline',
  'hearing',
  'authorityName',
  'issueDate',
];

/** 行政处罚法 art. 59 (一)–(六) and the seal: what every decision document states. */
const DECISION_TAGS: readonly string[] = [
  'documentNumber',
  'partyName',
  'partyAddress',
  'facts',
  'evidence',
  'basis',
  'measures',
  'performance',
  'reviewAuthority',
  'reviewDays',
  'court',
  'suitMonths',
  'authorityName',
  'decisionDate',
];

const SERVICE_RECEIPT_TAGS: readonly string[] = [
  'documentNumber',
  'servedDocumentTitle',
  'servedDocumentNumber',
  'partyName',
  'serviceAddress',
  'serviceMethod',
  'authorityName',
];
const HEARING_NOTICE_TAGS: readonly string[] = [
  'documentNumber',
  'partyName',
  'caseSummary',
  'hearingTime',
  'hearingPlace',
  'presidingOfficer',
  'authorityName',
  'issueDate',
];
const NO_PENALTY_TAGS: readonly string[] = [
  'documentNumber',
  'partyName',
  'partyAddress',
  'facts',
  'evidence',
  'reasons',
  'basis',
  'reviewAuthority',
  'reviewDays',
  'court',
  'suitMonths',
  'authorityName',
  'decisionDate',
];
const withUnit = (tags: readonly string[]): readonly string[] => [...new Set([...tags, ...UNIT_PARTY_TAGS])];

/** The tags of the elements the law requires of each document: a template without one of them is refused. */
export const REQUIRED_TAGS: Record<DocumentKind, readonly string[]> = {
  // 行政处罚法 art. 44: the proposed penalty, its facts, reasons and basis, the rights of 陈述、申辩 (and 听证).
  penalty_notice: NOTICE_TAGS,
  revocation_notice: NOTICE_TAGS,
  // art. 59 (一)–(六) and the seal: the same elements whether the decision is a penalty or a revocation.
  penalty_decision: DECISION_TAGS,
  revocation_decision: DECISION_TAGS,
  service_receipt: SERVICE_RECEIPT_TAGS,
  // art. 64 (二): time and place, notified seven days ahead.
  hearing_notice: HEARING_NOTICE_TAGS,
  ministry_proposal: ['documentNumber', 'partyName', 'certNumber', 'facts', 'evidence', 'basis', 'proposal', 'authorityName', 'issueDate'],
  // What the receiving authority needs to act: who, which case, its facts and materials, why it is theirs, whom to ask.
  referral_letter: ['documentNumber', 'recipient', 'partyName', 'caseNo', 'facts', 'evidence', 'reason', 'contact', 'authorityName', 'issueDate'],
  // art. 57 (二)(三): the responsible person's decision not to penalise, with its reasons; the party may still seek redress
  // (the elements follow art. 59 where they apply: party, facts and evidence, basis, remedies, authority and date).
  no_penalty_decision: NO_PENALTY_TAGS,
  // The seed's self-check phase: who, what is inconsistent, what to correct and by when.
  self_check_notice: ['documentNumber', 'unitName', 'staff', 'corrections', 'selfCheckDeadline', 'authorityName', 'issueDate'],
  // A unit party: the person's elements, the unit named by its credit code and address (art. 59 (一): 名称、地址).
  intermediary_penalty_notice: withUnit(NOTICE_TAGS),
  intermediary_hearing_notice: withUnit(HEARING_NOTICE_TAGS),
  intermediary_penalty_decision: withUnit(DECISION_TAGS),
  intermediary_no_penalty_decision: withUnit(NO_PENALTY_TAGS),
  intermediary_service_receipt: withUnit(SERVICE_RECEIPT_TAGS),
  // The order: who, the facts and evidence, the requirements and the deadline, the basis, the authority and date.
  intermediary_order_notice: ORDER_NOTICE_TAGS,
};

/** The tags a kind's template may use: its data's fields, and inside a list section the list items' fields. */
export function allowedTags(kind: DocumentKind): { fields: string[]; lists: Record<string, string[]>; flags: string[] } {
  const shape = DOCUMENT_DATA[kind].shape as Record<string, z.ZodType>;
  const fields: string[] = [];
  const lists: Record<string, string[]> = {};
  const flags: string[] = [];
  for (const [name, schema] of Object.entries(shape)) {
    const inner = unwrap(schema);
    if (inner instanceof z.ZodArray) lists[name] = Object.keys((inner.element as z.ZodObject).shape);
    else if (inner instanceof z.ZodBoolean) flags.push(name);
    else fields.push(name);
  }
  return { fields, lists, flags };
}

function unwrap(s: z.ZodType): z.ZodType {
  let cur: z.ZodType = s;
  while (cur instanceof z.ZodDefault || cur instanceof z.ZodNullable || cur instanceof z.ZodOptional) cur = cur.unwrap() as z.ZodType;
  return cur;
}
