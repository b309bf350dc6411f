/**
 * Legal bases as data (issue 19): for each certificate category and kind of violation, the rule that
 * is applied, the measures it allows with their caps, who imposes each measure, and whether the party
 * is told of a right to a hearing (行政处罚法 art. 63). The province publishes a new version of a
 * basis without a deploy; old versions are kept, and a case's decision names the exact version id.
 *
 * Every citation records where its wording was read and whether it was verified (docs/legal-bases.md):
 * a citation that could not be checked against a published text says so (`verified: false`).
 */
import { z } from 'zod';
import { IsoDate } from './calendar';
import { CertCategory } from './certCategories';
import { onField } from './fieldMessages';
import { freeText, nameText } from './text';

/** The kinds of violation the campaign deals with. */
export const Violation = z.enum([
  /** 以欺骗、贿赂等不正当手段取得注册 — includes registering at a unit where the person does not work (挂证). */
  'IMPROPER_REGISTRATION',
  /** 涂改、倒卖、出租、出借或者以其他形式非法转让注册证书或者执业印章 (the certificate lent out: 挂证 from the lender's side). */
  'LENDING_CERTIFICATE',
]);
export type Violation = z.infer<typeof Violation>;

export const VIOLATION_LABELS: Record<Violation, string> = {
  IMPROPER_REGISTRATION: '以欺骗、贿赂等不正当手段取得注册（含注册单位非实际工作单位的挂证）',
  LENDING_CERTIFICATE: '涂改、倒卖、出租、出借或以其他形式非法转让注册证书、执业印章',
};

/**
 * The kinds of violation of an intermediary's basis (intermediary_basis_version.violation, db/migrations/077;
 * docs/legal-bases.md "Intermediaries"). A basis the province adds under a new violation needs its code here.
 */
export const IntermediaryViolation = z.enum(['HR_SERVICE_IMPROPER', 'UNLICENSED_JOB_AGENCY']);
export type IntermediaryViolation = z.infer<typeof IntermediaryViolation>;

/** What a procedure is conducted for: a case's violation, or an intermediary's. */
export const ProcedureViolation = z.enum([...Violation.options, ...IntermediaryViolation.options]);
export type ProcedureViolation = z.infer<typeof ProcedureViolation>;

export const PROCEDURE_VIOLATION_LABELS: Record<ProcedureViolation, string> = {
  ...VIOLATION_LABELS,
  HR_SERVICE_IMPROPER: '人力资源服务机构介绍单位或者个人从事违法活动等（未依法开展人力资源服务业务）',
  UNLICENSED_JOB_AGENCY: '未经许可擅自从事职业中介活动',
};

/** Who imposes a measure. */
export const CompetentAuthority = z.enum([
  /** 市（州）住房和城乡建设局 (县级以上地方人民政府建设主管部门). */
  'CITY_BUREAU',
  /** 吉林省住房和城乡建设厅: the registration authority of the 二级 categories. */
  'PROVINCE_DEPARTMENT',
  /** 住房和城乡建设部, on the province's proposal (处理建议): the registration authority of the 一级 and national categories. */
  'MINISTRY_ON_PROPOSAL',
  /** 市（州）人力资源和社会保障局: an intermediary's penalty (人力资源社会保障行政部门, docs/intermediaries.md). */
  'CITY_HR_BUREAU',
]);
export type CompetentAuthority = z.infer<typeof CompetentAuthority>;

export const COMPETENT_AUTHORITY_LABELS: Record<CompetentAuthority, string> = {
  CITY_BUREAU: '市（州）住房和城乡建设局',
  PROVINCE_DEPARTMENT: '吉林省住房和城乡建设厅',
  MINISTRY_ON_PROPOSAL: '住房和城乡建设部（由省住房和城乡建设厅提出处理建议）',
  CITY_HR_BUREAU: '市（州）人力资源和社会保障局',
};

/**
 * What only an intermediary's basis (intermediary_basis_version, 人力资源市场暂行条例 / 就业促进法) holds:
 * the city's 人社局 as authority and its measures. A 住建 basis (LegalBasisInput) refuses them.
 */
export const INTERMEDIARY_ONLY_KINDS: readonly MeasureKind[] = ['CONFISCATE_GAINS', 'REVOKE_LICENCE', 'CLOSE_OR_STOP'];

const Yuan = z
  .number()
  .int({ error: onField('应为整数（元）') })
  .min(1, { error: onField('应大于0元') })
  .max(100_000_000, { error: onField('金额过大') });

const authority = CompetentAuthority.meta({ title: '实施机关' });

export const Measure = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('WARNING'), authority }),
  z.object({ kind: z.literal('ORDER_TO_CORRECT'), authority }),
  z.object({
    kind: z.literal('FINE'),
    authority,
    /** The cap when there are no illegal gains (没有违法所得的，处以…以下的罚款). */
    maxYuanWithoutGains: Yuan.meta({ title: '无违法所得时罚款上限（元）' }),
    /** With illegal gains: up to this multiple of the gains … */
    gainsMultiple: z.number().int().min(1).max(10).nullable().meta({ title: '违法所得倍数上限' }),
    /** … and never more than this. */
    maxYuanWithGains: Yuan.nullable().meta({ title: '有违法所得时罚款上限（元）' }),
    /** A minimum (处…以上…以下的罚款): an intermediary's basis has one; absent, none. */
    minYuan: Yuan.optional().meta({ title: '罚款下限（元）' }),
  }),
  z.object({
    kind: z.literal('REVOKE_REGISTRATION'),
    authority,
    /** 3年内不得再次申请注册. */
    reapplyBarYears: z.number().int().min(0).max(10).meta({ title: '不得再次申请注册年限' }),
  }),
  z.object({ kind: z.literal('BAD_CONDUCT_RECORD'), authority }),
  /** 没收违法所得 (an intermediary's basis). */
  z.object({ kind: z.literal('CONFISCATE_GAINS'), authority }),
  /** 吊销人力资源服务许可证 (an intermediary's basis). */
  z.object({ kind: z.literal('REVOKE_LICENCE'), authority }),
  /** 予以关闭或者责令停止从事职业中介活动 (an intermediary's basis). */
  z.object({ kind: z.literal('CLOSE_OR_STOP'), authority }),
]);
export type Measure = z.infer<typeof Measure>;
export type MeasureKind = Measure['kind'];

export const MEASURE_LABELS: Record<MeasureKind, string> = {
  WARNING: '警告',
  ORDER_TO_CORRECT: '责令改正',
  FINE: '罚款',
  REVOKE_REGISTRATION: '撤销注册',
  BAD_CONDUCT_RECORD: '记入不良行为记录',
  CONFISCATE_GAINS: '没收违法所得',
  REVOKE_LICENCE: '吊销人力资源服务许可证',
  CLOSE_OR_STOP: '予以关闭或者责令停止从事职业中介活动',
};

/** One measure in plain Chinese, as a notice or a decision lists it. */
export function describeMeasure(m: Measure): string {
  switch (m.kind) {
    case 'FINE': {
      const withGains =
        m.gainsMultiple !== null && m.maxYuanWithGains !== null
          ? `；有违法所得的，处违法所得${m.gainsMultiple}倍以下且不超过${m.maxYuanWithGains}元的罚款`
          : '';
      if (m.minYuan !== undefined) return `罚款（处${m.minYuan}元以上${m.maxYuanWithoutGains}元以下的罚款）`;
      return `罚款（没有违法所得的，处${m.maxYuanWithoutGains}元以下的罚款${withGains}）`;
    }
    case 'REVOKE_REGISTRATION':
      return m.reapplyBarYears > 0 ? `撤销注册，${m.reapplyBarYears}年内不得再次申请注册` : '撤销注册';
    default:
      return MEASURE_LABELS[m.kind];
  }
}

/** One article relied on, and how far its wording was checked. */
export const Citation = z.object({
  instrument: nameText({ max: 120 }).meta({ title: '法律法规名称' }),
  article: nameText({ max: 60 }).meta({ title: '条款' }),
  /** A short quote of the wording as read (empty when nothing could be read). */
  quote: freeText({ max: 1000, min: 0 }).meta({ title: '条文摘录' }),
  /** Where the wording was read. */
  // Printable ASCII only (a Chinese path percent-encoded): the pattern also refuses control and invisible characters.
  sourceUrl: z
    .string()
    .max(500)
    .regex(/^https?:\/\/[!-~]+$/, { error: onField('应为有效的网址（以 http:// 或 https:// 开头，中文请用百分号编码）') })
    .nullable()
    .meta({ title: '来源网址' }),
  verified: z.boolean().meta({ title: '是否已核实' }),
  /** What was and was not checked. */
  note: freeText({ max: 1000, min: 0 }).meta({ title: '核实说明' }),
});
export type Citation = z.infer<typeof Citation>;

export const Hearing = z.object({
  /** Whether the notice tells the party of a right to a hearing (行政处罚法 arts. 63, 64). */
  applies: z.boolean().meta({ title: '是否告知听证权利' }),
  note: freeText({ max: 1000, min: 0 }).meta({ title: '听证说明' }),
});
export type Hearing = z.infer<typeof Hearing>;

/** What the province publishes: one basis (category × violation) in a new version. */
export const LegalBasisInput = z
  .object({
    certCategory: CertCategory.meta({ title: '注册类别' }),
    violation: Violation.meta({ title: '违法行为' }),
    /** The first citation is the rule applied; the others support it (the revocation's 行政许可法 art. 69). */
    citations: z
      .array(Citation)
      .min(1, { error: onField('至少需要一条法律依据') })
      .max(10)
      .meta({ title: '法律依据' }),
    measures: z
      .array(Measure)
      .min(1, { error: onField('至少需要一项处理措施') })
      .max(10)
      .meta({ title: '处理措施' }),
    hearing: Hearing.meta({ title: '听证权利' }),
    effectiveFrom: IsoDate.meta({ title: '生效日期' }),
    /** Why this version (a changed regulation, a corrected article). */
    reason: freeText({ max: 1000 }).meta({ title: '修订理由' }),
  })
  .superRefine((b, ctx) => {
    // The 人社 kinds and authority are an intermediary's basis's (intermediary_basis_version), never a 住建 basis's.
    b.measures.forEach((m, i) => {
      if (INTERMEDIARY_ONLY_KINDS.includes(m.kind))
        ctx.addIssue({
          code: 'custom',
          path: ['measures', i, 'kind'],
          message: `「处理措施」第${i + 1}项「${MEASURE_LABELS[m.kind]}」不适用于住房和城乡建设部门的处罚依据`,
        });
      if (m.authority === 'CITY_HR_BUREAU')
        ctx.addIssue({ code: 'custom', path: ['measures', i, 'authority'], message: `「实施机关」第${i + 1}项不能是市（州）人力资源和社会保障局` });
      if (m.kind === 'FINE' && m.minYuan !== undefined)
        ctx.addIssue({ code: 'custom', path: ['measures', i, 'minYuan'], message: `「罚款下限（元）」第${i + 1}项只适用于中介机构的处罚依据` });
    });
    const kinds = b.measures.map((m) => m.kind);
    kinds.forEach((k, i) => {
      if (kinds.indexOf(k) !== i)
        ctx.addIssue({ code: 'custom', path: ['measures', i, 'kind'], message: `「处理措施」第${i + 1}项「${MEASURE_LABELS[k]}」重复` });
    });
  });
export type LegalBasisInput = z.infer<typeof LegalBasisInput>;

/** A published version: what cases reference by `id`. */
export const LegalBasis = z.object({
  id: z.number().int(),
  version: z.number().int(),
  certCategory: CertCategory,
  violation: Violation,
  citations: z.array(Citation),
  measures: z.array(Measure),
  hearing: Hearing,
  effectiveFrom: IsoDate,
  reason: z.string(),
  publishedBy: z.string(),
  publishedAt: z.string().describe('ISO 8601'),
  /** The version that replaced this one, if any. */
  supersededBy: z.number().int().nullable(),
  /** Every citation verified against a published text. */
  verified: z.boolean(),
  /** The basis in words, as a notice or a decision would list it. */
  labels: z.object({ certCategory: z.string(), violation: z.string(), measures: z.array(z.string()) }),
});
export type LegalBasis = z.infer<typeof LegalBasis>;

/** The words of a basis: its category, its violation, each measure with the authority that imposes it. */
export function basisLabels(certCategoryLabel: string, violation: Violation, measures: readonly Measure[]): LegalBasis['labels'] {
  return {
    certCategory: certCategoryLabel,
    violation: VIOLATION_LABELS[violation],
    measures: measures.map((m) => `${describeMeasure(m)}（${COMPETENT_AUTHORITY_LABELS[m.authority]}）`),
  };
}

/** Whether every citation of a basis was verified. */
export const allVerified = (citations: readonly Citation[]): boolean => citations.every((c) => c.verified);
