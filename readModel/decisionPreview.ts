/**
 * What a decision would lead to, before it is recorded: its liability and each measure it proposes,
 * planned by the code that records them (domain/penaltyPlan.ts, from the evidence
 * readModel/penaltyEvidence reads for the activity too). Nothing is imposed at the decision: a
 * liable decision starts the penalty procedure (docs/procedure.md), and the measures take effect
 * only on the day the procedure's decision is served; the dates shown assume today. Reads only.
 */
import type { Pool } from 'pg';
import { z } from 'zod';
import { CampaignCalendar } from '../domain/calendar';
import { calendarDateAt, CampaignClock } from '../domain/campaignClock';
import { CampaignRules } from '../domain/campaignConfig';
import { DomainError } from '../domain/errors';
import { CASE_OUTCOME_LABELS, CaseOutcome, type CaseDecision } from '../domain/outcomes';
import { IMPOSING_LEVEL_LABELS, ImposingLevel, PENALTY_KIND_LABELS, PenaltyKind } from '../domain/penalties';
import {
  describePenalty,
  judgeLiability,
  LIABILITY_BASIS_LABELS,
  LIABILITY_LABELS,
  liablePenalties,
  penaltyTargets,
  type LiabilityJudgement,
} from '../domain/penaltyPlan';
import { loadPenaltyEvidence, loadSelfCheckRecord } from './penaltyEvidence';
import { DateText } from './sqlTypes';

/**
 * The kinds the campaign reserves to the province: its rules' provincialPenaltyKinds, the setting
 * the city hands its cases (workflows/messages/caseSettings.ts), with the same default.
 */
const ReservedKinds = CampaignRules.shape.provincialPenaltyKinds;

const PreviewPenalty = z.object({
  penaltyId: z.string().describe('the id the penalty will be recorded under'),
  kind: PenaltyKind,
  kindLabel: z.string(),
  level: ImposingLevel,
  levelLabel: z.string(),
  target: z.enum(['person', 'unit']),
  unitName: z.string().nullable(),
  unitCode: z.string().nullable(),
  published: z.boolean().describe('bad-conduct records go on the provincial public platform'),
  imposedOn: DateText.describe(
    "the date assumed (today): the measure is proposed, and takes effect only on the day the penalty procedure's decision is served",
  ),
  text: z.string().describe('the penalty in words (Chinese)'),
});

export const DecisionPreview = z.object({
  caseId: z.string(),
  caseNo: z.string(),
  campaignId: z.string(),
  cityCode: z.string(),
  outcome: CaseOutcome,
  outcomeLabel: z.string(),
  liability: z.enum(['liable', 'exempt', 'none']),
  liabilityLabel: z.string(),
  liabilityBasis: z.enum([
    'violation',
    'rectified_in_self_check',
    'late_correction',
    'no_self_check_declaration',
    'deregistration_during_case',
    'no_liability',
  ]),
  liabilityBasisLabel: z.string(),
  warnings: z
    .array(z.object({ path: z.string(), message: z.string() }))
    .describe(
      'a decision field whose consequence the officer may not expect (a correction that does not exempt: path body.rectifiedOn), in Chinese naming the field',
    ),
  decidedOn: DateText.describe("the date assumed: today in the campaign's calendar (a decision recorded on another day takes that day's date)"),
  penalties: z
    .array(PreviewPenalty)
    .describe("what the decision proposes, each as it will be recorded once the penalty procedure's decision is served (nothing is recorded at the decision)"),
  ban: z
    .object({ start: DateText, end: DateText })
    .nullable()
    .describe('the 3-year registration ban, inclusive, as if served today: it runs from the day the procedure’s decision is served'),
  takesEffect: z
    .string()
    .nullable()
    .describe('for a liable decision: that the measures are proposed and take effect only when the procedure’s decision is served (Chinese)'),
  reservedToProvince: z
    .array(z.object({ kind: PenaltyKind, kindLabel: z.string() }))
    .describe('kinds the violation carries that the province imposes in phase 3 instead'),
  summary: z.string().describe('the consequence in one sentence (Chinese)'),
});
export type DecisionPreview = z.infer<typeof DecisionPreview>;

const CaseRow = z.object({
  case_id: z.string(),
  case_no: z.string(),
  campaign_id: z.string(),
  city_code: z.string(),
  status: z.string(),
  ready: z.boolean(),
  calendar: CampaignCalendar,
  clock: CampaignClock.nullable(),
  reserved: z.unknown(),
});

function summaryOf(decision: CaseDecision, judged: LiabilityJudgement, n: number, selfCheckDeadline: string): string {
  const outcome = CASE_OUTCOME_LABELS[decision.outcome];
  if (judged.liability === 'exempt')
    return `${outcome}：整改日期在自查自纠截止日（${selfCheckDeadline}）之前，且有自查自纠申报记录，${LIABILITY_LABELS.exempt}，不作处理。`;
  if (judged.liability === 'none') return `${outcome}：该结论不产生处罚。`;
  const why = judged.notice ? `${judged.notice.message}；` : '';
  return `${outcome}：${why}拟作出以下${n}项处理，经行政处罚程序自处罚决定书送达之日起生效。`;
}

/** A liable decision proposes; the procedure's decision, once served, imposes (docs/procedure.md). */
export const TAKES_EFFECT_WHEN_SERVED =
  '以上为拟作出的处理，作出结论时不生效：结论提交后启动行政处罚程序（拟处理意见、事先告知、陈述申辩或听证、处罚决定），各项处理自处罚决定书送达之日起生效，禁止注册期自送达之日起计算。';

/**
 * The preview of `decision` on the case; undefined when there is no such case. Refused as the
 * decision would be: a case that is not open (CaseNotOpen), not ready for decisions yet
 * (CaseNotOpen), or a date after today (UpdateRefused).
 */
export async function decisionPreview(pool: Pool, caseId: string, decision: CaseDecision, nowMs = Date.now()): Promise<DecisionPreview | undefined> {
  const { rows } = await pool.query(
    `SELECT c.case_id, c.case_no, c.campaign_id, c.city_code::text, c.status, c.ready_at IS NOT NULL AS ready, k.calendar, k.config -> 'clock' AS clock,
            k.config #> '{rules,provincialPenaltyKinds}' AS reserved
     FROM case_file c JOIN campaign k ON k.id = c.campaign_id WHERE c.case_id = $1`,
    [caseId],
  );
  if (!rows[0]) return undefined;
  const c = CaseRow.parse(rows[0]);
  if (c.status !== 'open' && c.status !== 'carried_over') {
    throw new DomainError('CaseNotOpen', `案件 ${caseId} 已作出核查结论，不能再作结论 (case ${caseId} is ${c.status}: only an open case is decided)`);
  }
  if (!c.ready) {
    throw new DomainError('CaseNotOpen', `案件 ${caseId} 尚在准备中，暂不能作出结论，请稍后再试 (case ${caseId} is not ready for decisions yet)`);
  }
  const today = calendarDateAt({ clock: c.clock ?? { kind: 'calendar' }, calendar: c.calendar }, nowMs);
  const date = decision.outcome === 'RECTIFIED' ? decision.rectifiedOn : decision.outcome === 'DEREGISTERED' ? decision.deregisteredOn : undefined;
  if (date && date > today) throw new DomainError('UpdateRefused', `日期 ${date} 晚于今日（${today}） (the date ${date} is after today)`);

  const reserved: readonly PenaltyKind[] = ReservedKinds.parse(c.reserved ?? undefined);
  const targets = penaltyTargets(await loadPenaltyEvidence(pool, caseId), decision);
  const record = await loadSelfCheckRecord(pool, caseId, targets.registrationUnits);
  const judged = judgeLiability(decision, c.calendar, record, targets.registrationUnits)!;
  const liability = judged.liability;
  const planned =
    liability === 'liable' ? liablePenalties({ caseId, targets, onDate: today, exceptKinds: reserved }) : { penalties: [], ban: null, leftOut: [] };
  const level = 'city' as const;
  return {
    caseId,
    caseNo: c.case_no,
    campaignId: c.campaign_id,
    cityCode: c.city_code,
    outcome: decision.outcome,
    outcomeLabel: CASE_OUTCOME_LABELS[decision.outcome],
    liability,
    liabilityLabel: LIABILITY_LABELS[liability],
    liabilityBasis: judged.basis,
    liabilityBasisLabel: LIABILITY_BASIS_LABELS[judged.basis],
    warnings: judged.notice ? [{ path: `body.${judged.notice.field}`, message: judged.notice.message }] : [],
    decidedOn: today,
    penalties: planned.penalties.map((p) => ({
      penaltyId: p.penaltyId,
      kind: p.kind,
      kindLabel: PENALTY_KIND_LABELS[p.kind],
      level,
      levelLabel: IMPOSING_LEVEL_LABELS[level],
      target: p.target,
      unitName: p.unit?.name ?? null,
      unitCode: p.unit?.code ?? null,
      published: p.published,
      imposedOn: today,
      text: describePenalty(p, level),
    })),
    ban: planned.ban,
    takesEffect: liability === 'liable' ? TAKES_EFFECT_WHEN_SERVED : null,
    reservedToProvince: planned.leftOut.filter((k) => reserved.includes(k)).map((kind) => ({ kind, kindLabel: PENALTY_KIND_LABELS[kind] })),
    summary: summaryOf(decision, judged, planned.penalties.length, c.calendar.selfCheck.deadline),
  };
}
