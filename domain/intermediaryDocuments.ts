/**
 * The documents whose party is an intermediary (中介服务机构, a unit; docs/intermediaries.md): the
 * penalty procedure's documents in a unit's wording — 名称、统一社会信用代码、许可证编号、地址 in place of a
 * person's 姓名、身份证件号码 — and the rectification order's own notice (责令限期整改通知书). Separate kinds
 * with templates of their own (templates/intermediary_*.docx), so officials edit a unit's wording without
 * conditions in the person's templates. The procedure's workflow still names the person's kinds; the
 * rendering activity swaps in the unit's kind for an intermediary's subject (unitPartyKindOf), so no
 * workflow code changes. domain/documents.ts builds the data schemas from the person's ones.
 */
import { z } from 'zod';
import { IsoDate } from './calendar';
import type { Citation } from './legalBasis';
import { freeText, nameText, plainText } from './text';

/** The penalty procedure's kinds and their unit-party counterparts. */
export const UNIT_PARTY_KINDS = {
  penalty_notice: 'intermediary_penalty_notice',
  hearing_notice: 'intermediary_hearing_notice',
  penalty_decision: 'intermediary_penalty_decision',
  no_penalty_decision: 'intermediary_no_penalty_decision',
  service_receipt: 'intermediary_service_receipt',
} as const;

export const INTERMEDIARY_DOCUMENT_KINDS = [
  'intermediary_penalty_notice',
  'intermediary_hearing_notice',
  'intermediary_penalty_decision',
  'intermediary_no_penalty_decision',
  'intermediary_service_receipt',
  /** 责令限期整改通知书: made when an order is issued (services/intermediaryOrderNotice.ts), numbered by the city's 人社局. */
  'intermediary_order_notice',
] as const;
export type IntermediaryDocumentKind = (typeof INTERMEDIARY_DOCUMENT_KINDS)[number];

/** The titles the documents print (the template list adds （中介机构） to tell them from the person's). */
export const INTERMEDIARY_DOCUMENT_TITLES: Record<IntermediaryDocumentKind, string> = {
  intermediary_penalty_notice: '行政处罚事先告知书',
  intermediary_hearing_notice: '听证通知书',
  intermediary_penalty_decision: '行政处罚决定书',
  intermediary_no_penalty_decision: '不予行政处罚决定书',
  intermediary_service_receipt: '送达回证',
  intermediary_order_notice: '责令限期整改通知书',
};

/** Number words: the procedure's are taken under the person's kinds (the workflow's), so these match them; 责改 is the order's own default. */
export const INTERMEDIARY_DOCUMENT_WORDS: Record<IntermediaryDocumentKind, string> = {
  intermediary_penalty_notice: '罚告',
  intermediary_hearing_notice: '听通',
  intermediary_penalty_decision: '罚决',
  intermediary_no_penalty_decision: '不罚',
  intermediary_service_receipt: '送',
  intermediary_order_notice: '责改',
};

/** The party as a unit: what art. 59 (一) asks (名称、地址) and what identifies an intermediary. */
export const UNIT_PARTY = {
  partyName: nameText({ max: 200 }).meta({ title: '当事人名称' }),
  partyCreditCode: plainText({ max: 30 }).meta({ title: '统一社会信用代码' }),
  partyLicenceNumber: nameText({ max: 100 }).meta({ title: '人力资源服务许可证编号' }),
  partyAddress: nameText({ max: 300 }).meta({ title: '当事人地址' }),
};

/** The unit's party tags every unit document must carry beside its kind's (a name alone could be another unit's). */
export const UNIT_PARTY_TAGS: readonly string[] = ['partyName', 'partyCreditCode', 'partyAddress'];

const items = (title: string) =>
  z
    .array(z.object({ text: freeText({ max: 2000 }).meta({ title: `${title}内容` }) }))
    .min(1)
    .max(50)
    .meta({ title });

/** 责令限期整改通知书: who, what was found and on what evidence, what to correct by when, on what basis, what follows otherwise. */
export const OrderNoticeData = z.object({
  documentNumber: plainText({ max: 60 }).meta({ title: '文书编号' }),
  authorityName: nameText({ max: 80 }).meta({ title: '作出机关名称' }),
  ...UNIT_PARTY,
  partyKind: nameText({ max: 40 }).meta({ title: '机构类型' }),
  facts: freeText({ max: 4000 }).meta({ title: '违法事实' }),
  evidence: items('证据'),
  requirements: items('整改要求'),
  deadline: IsoDate.meta({ title: '整改期限' }),
  basis: freeText({ max: 4000 }).meta({ title: '责令整改依据' }),
  contact: nameText({ max: 200 }).meta({ title: '联系人及电话' }),
  /** The order's issue date (intermediary_order.issued_on). */
  issueDate: IsoDate.meta({ title: '下达日期' }),
});

export const ORDER_NOTICE_TAGS: readonly string[] = [
  'documentNumber',
  ...UNIT_PARTY_TAGS,
  'facts',
  'evidence',
  'requirements',
  'deadline',
  'basis',
  'authorityName',
  'issueDate',
];

/** The kind a document of the penalty procedure is rendered as: the unit's for an intermediary's procedure, else the workflow's. */
export function unitPartyKindOf<K extends string>(kind: K, intermediaryParty: boolean): K | IntermediaryDocumentKind {
  if (!intermediaryParty) return kind;
  return (UNIT_PARTY_KINDS as Record<string, IntermediaryDocumentKind>)[kind] ?? kind;
}

/** A notice's or a decision's basis is at most 2000 characters (the 不予处罚 decision prefixes art. 57): the wording is left out beyond this. */
const BASIS_MAX = 1900;

/** 《人力资源市场暂行条例》（国务院令第700号）第四十三条（违反第二十七条）：“违反本条例……” */
export function citationsText(citations: readonly Pick<Citation, 'instrument' | 'article' | 'quote'>[], quoted: boolean): string {
  const text = citations.map((c) => `${c.instrument}${c.article}${quoted && c.quote ? `：“${c.quote}”` : ''}`).join('；');
  return quoted && text.length > BASIS_MAX ? citationsText(citations, false) : text;
}
