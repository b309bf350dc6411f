/**
 * The documents of the penalty procedure (issue 19): their kinds, how they are numbered, and the data
 * each template is filled with. A template may use only its kind's tags, and must use the tags of
 * every element the law requires of that document (行政处罚法 arts. 44, 59, 63, 64; docs/documents.md).
 */
import { z } from 'zod';
import { IsoDate } from './calendar';
import { freeText, nameText, plainText } from './text';

export const DocumentKind = z.enum([
  'penalty_notice',
  'revocation_notice',
  'penalty_decision',
  'revocation_decision',
  'service_receipt',
  'hearing_notice',
  'ministry_proposal',
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

export const DOCUMENT_DATA = {
  penalty_notice: notice,
  revocation_notice: notice,
  penalty_decision: decision,
  revocation_decision: decision,
  service_receipt: z.object({
    ...common,
    servedDocumentTitle: line(80, '送达文书名称'),
    servedDocumentNumber: plainText({ max: 60 }).meta({ title: '送达文书编号' }),
    serviceAddress: line(200, '送达地点'),
    serviceMethod: line(80, '送达方式'),
    issueDate: IsoDate.meta({ title: '文书日期' }),
  }),
  hearing_notice: z.object({
    ...common,
    caseSummary: text(1000, '案由'),
    hearingTime: line(80, '听证时间'),
    hearingPlace: line(200, '听证地点'),
    presidingOfficer: line(80, '听证主持人'),
    contact: line(200, '联系人及电话'),
    issueDate: IsoDate.meta({ title: '文书日期' }),
  }),
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

/** The tags of the elements the law requires of each document: a template without one of them is refused. */
export const REQUIRED_TAGS: Record<DocumentKind, readonly string[]> = {
  // 行政处罚法 art. 44: the proposed penalty, its facts, reasons and basis, the rights of 陈述、申辩 (and 听证).
  penalty_notice: NOTICE_TAGS,
  revocation_notice: NOTICE_TAGS,
  // art. 59 (一)–(六) and the seal: the same elements whether the decision is a penalty or a revocation.
  penalty_decision: DECISION_TAGS,
  revocation_decision: DECISION_TAGS,
  service_receipt: ['documentNumber', 'servedDocumentTitle', 'servedDocumentNumber', 'partyName', 'serviceAddress', 'serviceMethod', 'authorityName'],
  // art. 64 (二): time and place, notified seven days ahead.
  hearing_notice: ['documentNumber', 'partyName', 'caseSummary', 'hearingTime', 'hearingPlace', 'presidingOfficer', 'authorityName', 'issueDate'],
  ministry_proposal: ['documentNumber', 'partyName', 'certNumber', 'facts', 'evidence', 'basis', 'proposal', 'authorityName', 'issueDate'],
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
