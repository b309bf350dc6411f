/**
 * The penalty procedure (issue 19, docs/procedure.md): its levels and steps, the measures an officer
 * chooses from the legal basis, and the pure arithmetic of its time limits. The workflow
 * (workflows/penaltyProcedure.ts) computes every deadline here from a working calendar an activity
 * loaded, so the same dates appear in the documents, the console and the workflow's timers.
 *
 * Law and defaults: the hearing request period (5 days, 行政处罚法 art. 64 (一)), the hearing notice
 * (7 days before, art. 64 (二)), art. 85 (those days are working days), the time limit (90 days from
 * 立案, art. 60) and the remedy periods (行政复议法 art. 20: 60 days; 行政诉讼法 art. 46: 6 months) are
 * the law's. The statement period and the reminder before the time limit are province defaults
 * (ProcedureSettings), documented as such.
 */
import { z } from 'zod';
import { addDays, IsoDate } from './calendar';
import { CompetentAuthority, MEASURE_LABELS, type Measure, type MeasureKind } from './legalBasis';
import { onField } from './fieldMessages';
import { addWorkingDays, type WorkingCalendar } from './workingDays';

/** Who conducts a procedure: the city bureau, or the province (its own measures, and proposals to the ministry). */
export const ProcedureLevel = z.enum(['city', 'province']);
export type ProcedureLevel = z.infer<typeof ProcedureLevel>;

export const PROCEDURE_LEVEL_LABELS: Record<ProcedureLevel, string> = { city: '市（州）住房和城乡建设局', province: '吉林省住房和城乡建设厅' };

/** The level that conducts a measure's procedure: the city its own; the province its own and the ministry's. */
export function levelOfAuthority(a: CompetentAuthority): ProcedureLevel {
  return a === 'CITY_BUREAU' || a === 'CITY_HR_BUREAU' ? 'city' : 'province';
}

/** The document-number authority of a procedure: the city's code, or '22' for the province. */
export function authorityCodeOf(level: ProcedureLevel, cityCode: string): string {
  return level === 'city' ? cityCode : '22';
}

/** Where a procedure stands (penalty_procedure.step). */
export const ProcedureStep = z.enum([
  /** 拟处理意见: drafted by an officer, approved by the responsible person (or waiting for a legal basis). */
  'proposal',
  /** 事先告知书 numbered and rendered, waiting for its service. */
  'notice',
  /** The statement window (陈述、申辩) and the hearing request period run. */
  'statement',
  /** 听证: scheduled, its notice served, held. */
  'hearing',
  /** 复核 of what the party said. */
  'review',
  /** 决定书 drafted, approved, numbered, waiting for its service. */
  'decision',
  /** 处理建议 to the ministry (一级 categories), waiting for its answer. */
  'ministry',
  /** Measures in effect; 行政复议 / 行政诉讼 periods run or a remedy is pending. */
  'redress',
  'closed',
]);
export type ProcedureStep = z.infer<typeof ProcedureStep>;

export const PROCEDURE_STEP_LABELS: Record<ProcedureStep, string> = {
  proposal: '拟处理意见',
  notice: '事先告知',
  statement: '陈述申辩',
  hearing: '听证',
  review: '复核',
  decision: '处理决定',
  ministry: '报部处理建议',
  redress: '执行与救济',
  closed: '已结案',
};

/** The next thing someone must do (the console's list of steps due; C's 待办程序). */
export const ProcedureAction = z.enum([
  'publish_basis',
  'submit_proposal',
  'approve_proposal',
  'serve_notice',
  'await_statement',
  'schedule_hearing',
  'serve_hearing_notice',
  'record_hearing',
  'review_statement',
  'approve_decision',
  /** The responsible person sent the decision back: the officer revises it (patch decision-revision). */
  'revise_decision',
  'serve_decision',
  'ministry_answer',
  'await_redress',
  'redress_result',
]);
export type ProcedureAction = z.infer<typeof ProcedureAction>;

export const PROCEDURE_ACTION_LABELS: Record<ProcedureAction, string> = {
  publish_basis: '待省住房和城乡建设厅发布处罚依据',
  submit_proposal: '拟定处理意见',
  approve_proposal: '负责人审批处理意见',
  serve_notice: '送达告知书',
  await_statement: '等待当事人陈述申辩或申请听证',
  schedule_hearing: '安排听证',
  serve_hearing_notice: '送达听证通知书',
  record_hearing: '记录听证',
  review_statement: '复核陈述申辩意见',
  approve_decision: '负责人审批处理决定',
  revise_decision: '修改处理决定（负责人退回）',
  serve_decision: '送达决定书',
  ministry_answer: '登记住房和城乡建设部处理结果',
  await_redress: '等待复议诉讼期限届满',
  redress_result: '登记复议诉讼结果',
};

/** How a document was served (送达). */
export const ServiceMethod = z.enum(['direct', 'post', 'electronic', 'public_notice']);
export type ServiceMethod = z.infer<typeof ServiceMethod>;
export const SERVICE_METHOD_LABELS: Record<ServiceMethod, string> = { direct: '直接送达', post: '邮寄送达', electronic: '电子送达', public_notice: '公告送达' };

/** Which of the procedure's documents a service record is for. */
export const ServedDocument = z.enum(['notice', 'hearing_notice', 'decision']);
export type ServedDocument = z.infer<typeof ServedDocument>;

export const RedressKind = z.enum(['administrative_review', 'lawsuit']);
export type RedressKind = z.infer<typeof RedressKind>;
export const REDRESS_KIND_LABELS: Record<RedressKind, string> = { administrative_review: '行政复议', lawsuit: '行政诉讼' };

export const RedressResult = z.enum(['upheld', 'revoked', 'changed']);
export type RedressResult = z.infer<typeof RedressResult>;
export const REDRESS_RESULT_LABELS: Record<RedressResult, string> = { upheld: '维持', revoked: '撤销', changed: '变更' };

/** A measure's life: proposed → decided → in_effect; withdrawn (redress revoked) or changed (replaced); dropped on review. */
export const MeasureStatus = z.enum(['proposed', 'decided', 'in_effect', 'withdrawn', 'changed', 'dropped']);
export type MeasureStatus = z.infer<typeof MeasureStatus>;
export const MEASURE_STATUS_LABELS: Record<MeasureStatus, string> = {
  proposed: '拟作出',
  decided: '已决定',
  in_effect: '已生效',
  withdrawn: '已撤销',
  changed: '已变更',
  dropped: '复核后不予处罚',
};

const Yuan = z
  .number()
  .int({ error: onField('应为整数（元）') })
  .min(1, { error: onField('应大于0元') })
  .max(100_000_000, { error: onField('金额过大') });

/** One measure as the officer chooses it from the basis: the fine's amount is the officer's, within the cap. */
export const MeasureChoice = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('WARNING') }),
  z.object({ kind: z.literal('ORDER_TO_CORRECT') }),
  z.object({
    kind: z.literal('FINE'),
    amountYuan: Yuan.meta({ title: '罚款金额（元）' }),
    /** Illegal gains found (违法所得); absent or 0: none, the cap without gains applies. */
    illegalGainsYuan: z.number().int().min(0).max(100_000_000).default(0).meta({ title: '违法所得（元）' }),
  }),
  z.object({ kind: z.literal('REVOKE_REGISTRATION') }),
  z.object({ kind: z.literal('BAD_CONDUCT_RECORD') }),
  // An intermediary's measures (domain/legalBasis.ts INTERMEDIARY_ONLY_KINDS): only its basis allows them.
  z.object({ kind: z.literal('CONFISCATE_GAINS') }),
  z.object({ kind: z.literal('REVOKE_LICENCE') }),
  z.object({ kind: z.literal('CLOSE_OR_STOP') }),
]);
export type MeasureChoice = z.infer<typeof MeasureChoice>;
export type MeasureChoiceInput = z.input<typeof MeasureChoice>;

export const MeasureChoices = z
  .array(MeasureChoice)
  .min(1, { error: onField('至少需要一项处理措施') })
  .max(10)
  .meta({ title: '处理措施' });

/** A measure of a procedure as it stands (the workflow's state and procedure_measure's current rows). */
export const ProcedureMeasure = z.object({
  kind: z.enum(['WARNING', 'ORDER_TO_CORRECT', 'FINE', 'REVOKE_REGISTRATION', 'BAD_CONDUCT_RECORD', 'CONFISCATE_GAINS', 'REVOKE_LICENCE', 'CLOSE_OR_STOP']),
  authority: CompetentAuthority,
  status: MeasureStatus,
  amountYuan: z.number().int().nullable(),
  illegalGainsYuan: z.number().int().nullable(),
  reapplyBarYears: z.number().int().nullable(),
});
export type ProcedureMeasure = z.infer<typeof ProcedureMeasure>;

/** The basis's measures this level conducts. */
export function measuresOfLevel(measures: readonly Measure[], level: ProcedureLevel): Measure[] {
  return measures.filter((m) => levelOfAuthority(m.authority) === level);
}

/** Whether the province's measures here go to the ministry (一级 categories: MINISTRY_ON_PROPOSAL). */
export const goesToMinistry = (measures: readonly { authority: CompetentAuthority; kind: MeasureKind }[]): boolean =>
  measures.some((m) => m.authority === 'MINISTRY_ON_PROPOSAL' && m.kind === 'REVOKE_REGISTRATION');

/** The fine's cap for the gains found. */
export function fineCap(m: Extract<Measure, { kind: 'FINE' }>, illegalGainsYuan: number): number {
  if (illegalGainsYuan <= 0 || m.gainsMultiple === null || m.maxYuanWithGains === null) return m.maxYuanWithoutGains;
  return Math.min(m.gainsMultiple * illegalGainsYuan, m.maxYuanWithGains);
}

/**
 * The officer's choice checked against the basis's measures of this level: each kind must be one
 * the basis allows here, once, and a fine within its cap. Answers the chosen measures with their
 * authority and bar, or Chinese messages naming the field (`measures.<i>.…`).
 */
export function checkMeasureChoices(
  allowed: readonly Measure[],
  choices: readonly MeasureChoice[],
): { ok: true; measures: ProcedureMeasure[] } | { ok: false; issues: { path: string; message: string }[] } {
  const issues: { path: string; message: string }[] = [];
  const measures: ProcedureMeasure[] = [];
  choices.forEach((c, i) => {
    const basis = allowed.find((m) => m.kind === c.kind);
    if (!basis) {
      issues.push({ path: `measures.${i}.kind`, message: `「处理措施」第${i + 1}项「${MEASURE_LABELS[c.kind]}」不在本级适用的处罚依据之内` });
      return;
    }
    if (choices.findIndex((x) => x.kind === c.kind) !== i) {
      issues.push({ path: `measures.${i}.kind`, message: `「处理措施」第${i + 1}项「${MEASURE_LABELS[c.kind]}」重复` });
      return;
    }
    const m: ProcedureMeasure = {
      kind: c.kind,
      authority: basis.authority,
      status: 'proposed',
      amountYuan: null,
      illegalGainsYuan: null,
      reapplyBarYears: null,
    };
    if (c.kind === 'FINE' && basis.kind === 'FINE') {
      const cap = fineCap(basis, c.illegalGainsYuan);
      if (c.amountYuan > cap) issues.push({ path: `measures.${i}.amountYuan`, message: `「罚款金额（元）」${c.amountYuan}超过处罚依据的上限${cap}元` });
      if (basis.minYuan !== undefined && c.amountYuan < basis.minYuan)
        issues.push({ path: `measures.${i}.amountYuan`, message: `「罚款金额（元）」${c.amountYuan}低于处罚依据的下限${basis.minYuan}元` });
      m.amountYuan = c.amountYuan;
      m.illegalGainsYuan = c.illegalGainsYuan;
    }
    if (basis.kind === 'REVOKE_REGISTRATION') m.reapplyBarYears = basis.reapplyBarYears;
    measures.push(m);
  });
  return issues.length > 0 ? { ok: false, issues } : { ok: true, measures };
}

/**
 * 行政处罚法 art. 45: the authority may not impose a heavier penalty because the party stated or
 * defended their case. After a statement or a hearing the measures may only be kept, lowered or
 * dropped: no new kind, no higher fine, no longer bar. Answers the reasons a revision is heavier
 * (Chinese), empty when it is not.
 */
export function heavierThan(before: readonly ProcedureMeasure[], after: readonly ProcedureMeasure[]): string[] {
  const reasons: string[] = [];
  for (const a of after) {
    const b = before.find((m) => m.kind === a.kind && m.status !== 'dropped');
    if (!b) {
      reasons.push(`增加了处理措施「${MEASURE_LABELS[a.kind]}」`);
      continue;
    }
    if ((a.amountYuan ?? 0) > (b.amountYuan ?? 0)) reasons.push(`罚款金额由${b.amountYuan ?? 0}元提高到${a.amountYuan ?? 0}元`);
    if ((a.reapplyBarYears ?? 0) > (b.reapplyBarYears ?? 0)) reasons.push(`不得再次申请注册年限由${b.reapplyBarYears ?? 0}年延长到${a.reapplyBarYears ?? 0}年`);
  }
  return reasons;
}

// ---- Settings the province edits (table procedure_setting); defaults documented as defaults ----

export const ProcedureSettings = z.object({
  /** 陈述、申辩 period in working days after the notice's service: a province default (5), not a rule of law. */
  statementWorkingDays: z.number().int().min(1).max(30).default(5).meta({ title: '陈述申辩期限（工作日）' }),
  /** Reminder this many calendar days before the art. 60 time limit: a province default (10). */
  reminderDaysBeforeTimeLimit: z.number().int().min(1).max(60).default(10).meta({ title: '办案期限届满前提醒天数' }),
  /** How often a procedure without a published basis looks again (calendar days): a default (1). */
  basisRecheckDays: z.number().int().min(1).max(30).default(1).meta({ title: '处罚依据重新检查间隔（日）' }),
});
export type ProcedureSettings = z.infer<typeof ProcedureSettings>;
export const DEFAULT_PROCEDURE_SETTINGS: ProcedureSettings = ProcedureSettings.parse({});

// ---- The law's periods ----

/** 行政处罚法 art. 64 (一): a hearing is requested within 5 days of the notice (art. 85: working days). */
export const HEARING_REQUEST_WORKING_DAYS = 5;
/** art. 64 (二): the party is told of the hearing's time and place 7 days before (art. 85: working days). */
export const HEARING_NOTICE_WORKING_DAYS = 7;
/** art. 60: decided within 90 days of 立案 (calendar days: art. 85 concerns only its 二、三、五、七日). */
export const TIME_LIMIT_DAYS = 90;
/** 行政复议法 art. 20: 60 days from knowing of the decision. */
export const ADMINISTRATIVE_REVIEW_DAYS = 60;
/** 行政诉讼法 art. 46: 6 months from knowing of the decision. */
export const LAWSUIT_MONTHS = 6;

/** The last day of the statement window: the n-th working day after the notice's service. */
export const statementDeadline = (cal: WorkingCalendar, noticeServedOn: string, settings: Pick<ProcedureSettings, 'statementWorkingDays'>): string =>
  addWorkingDays(cal, noticeServedOn, settings.statementWorkingDays);

/** The last day to request a hearing: 5 working days after the notice's service. */
export const hearingRequestDeadline = (cal: WorkingCalendar, noticeServedOn: string): string =>
  addWorkingDays(cal, noticeServedOn, HEARING_REQUEST_WORKING_DAYS);

/** The earliest hearing date: 7 working days after the hearing notice was served. */
export const earliestHearingDate = (cal: WorkingCalendar, hearingNoticeServedOn: string): string =>
  addWorkingDays(cal, hearingNoticeServedOn, HEARING_NOTICE_WORKING_DAYS);

/** art. 60's time limit: 90 calendar days after 立案. */
export const timeLimitOf = (openedOn: string): string => addDays(IsoDate.parse(openedOn), TIME_LIMIT_DAYS);

/** The same day `months` later (the last day of a shorter month when it has none). */
export function addMonths(date: string, months: number): string {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7)) - 1 + months;
  const d = Number(date.slice(8, 10));
  const year = y + Math.floor(m / 12);
  const month = (m % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** When both remedies' periods have run out after the decision's service: the later of 60 days and 6 months. */
export function redressPeriodEnd(decisionServedOn: string): string {
  const review = addDays(decisionServedOn, ADMINISTRATIVE_REVIEW_DAYS);
  const suit = addMonths(decisionServedOn, LAWSUIT_MONTHS);
  return review > suit ? review : suit;
}

// ---- Measures → the contract's penalty rows (DATA-CONTRACT's penalty kinds) ----

/** The penalty kinds a measure in effect records (domain/penalties.ts); fines, warnings and orders live in procedure_measure only. */
export const PENALTY_KINDS_OF_MEASURE = {
  WARNING: [],
  ORDER_TO_CORRECT: [],
  FINE: [],
  REVOKE_REGISTRATION: ['REVOKE_REGISTRATION', 'REGISTRATION_BAN_3Y'],
  BAD_CONDUCT_RECORD: ['BAD_CONDUCT_PERSON', 'BAD_CONDUCT_UNIT'],
  // An intermediary's measures record no penalty row (the `penalty` table is the cases'): the procedure never applies them.
  CONFISCATE_GAINS: [],
  REVOKE_LICENCE: [],
  CLOSE_OR_STOP: [],
} as const satisfies Record<MeasureKind, readonly string[]>;

/** The follow-up kinds the city's decision service records with its measures (the campaign's plan). */
export const CITY_FOLLOW_UP_KINDS = ['DYNAMIC_QUALIFICATION_CHECK', 'NOTIFY_EMPLOYER', 'AGENCY_RECTIFY_ORDER'] as const;

/** The penalty kinds a procedure's measures in effect record at its level. */
export function penaltyKindsOf(measures: readonly Pick<ProcedureMeasure, 'kind'>[], level: ProcedureLevel): string[] {
  const kinds: string[] = measures.flatMap((m) => [...PENALTY_KINDS_OF_MEASURE[m.kind]]);
  if (level === 'city') kinds.push(...CITY_FOLLOW_UP_KINDS);
  return [...new Set(kinds)];
}

/** Whether a procedure's notice and decision are the revocation's (撤销注册告知书 / 决定书). */
export const revokes = (measures: readonly Pick<ProcedureMeasure, 'kind' | 'status'>[]): boolean =>
  measures.some((m) => m.kind === 'REVOKE_REGISTRATION' && m.status !== 'dropped');

export { procedureIdOf } from './procedureId';
