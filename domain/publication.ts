/**
 * Publication (issue 19 item 6): what is published on the 吉林省建筑市场监管公共服务平台 and the
 * console's public page — bad-conduct records of persons and units, and registration bars — and why
 * a publication was withdrawn. Pure vocabulary, shared by the read model, the feed and the console.
 */
import { z } from 'zod';

export const PublishedRecordKind = z.enum(['BAD_CONDUCT_PERSON', 'BAD_CONDUCT_UNIT', 'REGISTRATION_BAN']);
export type PublishedRecordKind = z.infer<typeof PublishedRecordKind>;

export const PUBLISHED_RECORD_KIND_LABELS: Record<PublishedRecordKind, string> = {
  BAD_CONDUCT_PERSON: '注册执业人员不良行为记录',
  BAD_CONDUCT_UNIT: '单位不良行为记录',
  REGISTRATION_BAN: '3年内不予受理注册申请',
};

/** The records whose publication period is a province setting (a bar is published for its own period). */
export const PeriodRecordKind = z.enum(['BAD_CONDUCT_PERSON', 'BAD_CONDUCT_UNIT']);
export type PeriodRecordKind = z.infer<typeof PeriodRecordKind>;

/** reopen / override: a correction of the case; redress: 行政复议 or 行政诉讼 revoked the decision; province: withdrawn by the province itself. */
export const WithdrawalReason = z.enum(['reopen', 'override', 'redress', 'province']);
export type WithdrawalReason = z.infer<typeof WithdrawalReason>;

export const WITHDRAWAL_REASON_LABELS: Record<WithdrawalReason, string> = {
  reopen: '案件重新办理，原处理撤回',
  override: '省住房和城乡建设厅改变核查结论',
  redress: '行政复议或行政诉讼撤销、变更原决定',
  province: '省住房和城乡建设厅撤回公开',
};

/** The law gives 一般为6个月至3年 for bad-conduct records (docs/publication.md): outside it the setting is allowed but flagged. */
export const USUAL_PERIOD_MONTHS = { min: 6, max: 36 } as const;

/** One published record as the feed and the public page read it (the ID number masked). */
export interface PublishedRecord {
  publicationId: number;
  recordKind: PublishedRecordKind;
  level: 'city' | 'province';
  cityCode: string;
  /** The authority that imposed it (issuing_authority: the city's 住房和城乡建设局, or the province's 厅). */
  authorityName: string | null;
  imposedOn: string;
  personName: string | null;
  idNumberMasked: string | null;
  certNumbers: string[];
  certCategories: string[];
  unitName: string | null;
  unitCode: string | null;
  decisionNo: string | null;
  basis: string | null;
  publishedFrom: string;
  publishedUntil: string;
  publishedAt: Date;
  withdrawnAt: Date | null;
  withdrawnReason: WithdrawalReason | null;
  withdrawnBy: string | null;
  changedAt: Date;
}
