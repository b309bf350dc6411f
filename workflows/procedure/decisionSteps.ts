/**
 * The procedure from the review on: 复核 (measures kept, lowered or dropped, never heavier: art. 45),
 * the decision approved by the responsible person (决定书 numbered and rendered) or, for the
 * ministry's measures, the province's 处理建议 and the ministry's answer; the measures taking effect
 * on the decision's service (the contract's penalty rows recorded with that date); 行政复议 /
 * 行政诉讼 and their result (revoked: the measures withdrawn; changed: changed, never heavier);
 * the art. 60 time limit's extension; a fresh look for a basis.
 */
import { patched } from '@temporalio/workflow';
import { refuse } from '../refuse';
import type { MeasureChoice, ProcedureMeasure } from '../../domain/penaltyProcedure';
import { checkMeasureChoices, goesToMinistry, heavierThan, measuresOfLevel, penaltyKindsOf, redressPeriodEnd, revokes } from '../../domain/penaltyProcedure';
import type { PenaltyKind } from '../../domain/penalties';
import {
  ApproveArgs,
  approveDecisionUpdate,
  ExtendTimeLimitArgs,
  extendTimeLimitUpdate,
  RecheckBasisArgs,
  recheckBasisUpdate,
  RecordMinistryAnswerArgs,
  recordMinistryAnswerUpdate,
  RecordRedressArgs,
  RecordRedressResultArgs,
  recordRedressResultUpdate,
  recordRedressUpdate,
  ReviewStatementArgs,
  reviewStatementUpdate,
  ReviseDecisionArgs,
  reviseDecisionUpdate,
  WithdrawProcedureArgs,
} from '../messages/penaltyProcedure';
import { onCommand, requireActor, requireAwaiting, requireDate, requireResponsible } from './commands';
import { citedBasis, procedureActivities, requireTextRefs, textId, type ProcedureContext } from './context';

/** Patch: a decision the responsible person sends back goes to the officer to revise (awaiting revise_decision). */
export const DECISION_REVISION = 'decision-revision';
/** Patch: a review that drops every measure leads to a 不予行政处罚决定书, approved and served, instead of closing at once. */
export const NO_PENALTY_DECISION = 'no-penalty-decision';

const active = (m: ProcedureMeasure) => m.status !== 'dropped' && m.status !== 'withdrawn' && m.status !== 'changed';

/** Revised measures checked against the basis and against art. 45 (no heavier than `before`); the dropped ones kept as such. */
function revise(
  ctx: ProcedureContext,
  before: readonly ProcedureMeasure[],
  choices: readonly MeasureChoice[],
  status: ProcedureMeasure['status'],
): ProcedureMeasure[] {
  const checked = checkMeasureChoices(measuresOfLevel(ctx.basis?.measures ?? [], ctx.input.level), choices);
  if (!checked.ok) refuse(checked.issues.map((i) => i.message).join('；'));
  const heavier = heavierThan(before.filter(active), checked.measures);
  if (heavier.length > 0) {
    refuse(`陈述、申辩或复议诉讼后不得加重处罚（《行政处罚法》第四十五条）：${heavier.join('；')}`, 'HeavierMeasureRefused');
  }
  const kept = checked.measures.map((m) => ({ ...m, status }));
  const dropped = before.filter((b) => active(b) && !kept.some((k) => k.kind === b.kind)).map((b) => ({ ...b, status: 'dropped' as const }));
  return [...kept, ...dropped];
}

/**
 * A decision sent back and revised: the measures from the basis, never heavier than those the notice
 * told of (art. 45; a measure the review dropped may come back up to that); one row per kind, the
 * kinds not chosen (again) dropped.
 */
function reviseDecisionMeasures(ctx: ProcedureContext, choices: readonly MeasureChoice[]): ProcedureMeasure[] {
  const current = ctx.state.measures;
  const notified = ctx.notified ?? current.filter(active);
  const checked = checkMeasureChoices(measuresOfLevel(ctx.basis?.measures ?? [], ctx.input.level), choices);
  if (!checked.ok) refuse(checked.issues.map((i) => i.message).join('；'));
  const heavier = heavierThan(notified.filter(active), checked.measures);
  if (heavier.length > 0) refuse(`处理决定不得重于告知书告知的处理（《行政处罚法》第四十五条）：${heavier.join('；')}`, 'HeavierMeasureRefused');
  const kept = checked.measures.map((m) => ({ ...m, status: 'proposed' as const }));
  const others = current.filter((c) => !kept.some((k) => k.kind === c.kind)).map((c) => ({ ...c, status: 'dropped' as const }));
  return [...kept, ...others];
}

/** The measures take effect on `on` (the decision's service, the ministry's revocation): penalty rows recorded with that date. */
export async function takeEffect(ctx: ProcedureContext, on: string): Promise<void> {
  const s = ctx.state;
  s.measures = s.measures.map((m) => (active(m) ? { ...m, status: 'in_effect' as const } : m));
  s.effectiveOn = on;
  // An intermediary's measures live in procedure_measure only: `penalty` holds the cases' penalties.
  if (!ctx.input.party) {
    const r = await procedureActivities.applyProcedurePenalties({
      procedureId: ctx.procedureId,
      caseId: ctx.input.caseId,
      level: ctx.input.level,
      effectiveOn: on,
      kinds: penaltyKindsOf(s.measures.filter(active), ctx.input.level) as PenaltyKind[],
    });
    s.penaltyIds = r.penaltyIds;
  }
  if (s.decision) {
    s.step = 'redress';
    s.awaiting = ['await_redress'];
    s.redressPeriodEndsOn = redressPeriodEnd(on);
  }
}

export function closeProcedure(ctx: ProcedureContext, because: NonNullable<ProcedureContext['state']['closedBecause']>): void {
  const s = ctx.state;
  s.step = 'closed';
  s.awaiting = [];
  s.closedOn = ctx.today();
  s.closedBecause = because;
}

/** The case was reopened or its outcome overridden: the procedure ends, its measures withdrawn (the case's correction moved the penalty rows). */
export async function withdrawProcedure(ctx: ProcedureContext, raw: unknown): Promise<void> {
  const r = WithdrawProcedureArgs.safeParse(raw);
  if (!r.success) return; // a signal cannot be refused; a malformed one is ignored
  await ctx.locked(async () => {
    const s = ctx.state;
    if (s.step === 'closed') return;
    s.measures = s.measures.map((m) => (active(m) ? { ...m, status: 'withdrawn' as const } : m));
    s.penaltyIds = [];
    closeProcedure(ctx, 'withdrawn');
    await ctx.record(ctx.key(`withdrawn/${r.data.updateId}`), { action: 'withdrawn', payload: { because: r.data.because, updateId: r.data.updateId } });
  });
}

export function registerDecisionSteps(ctx: ProcedureContext): void {
  const s = ctx.state;

  onCommand(
    ctx,
    reviewStatementUpdate,
    ReviewStatementArgs,
    (a) => {
      requireActor(ctx, a.officer);
      requireAwaiting(ctx, 'review_statement');
      requireTextRefs({ 复核理由: a.reasons });
      if (a.measures && !a.noPenalty) revise(ctx, s.measures, a.measures, 'proposed');
    },
    async (a, updateId) => {
      const revised = a.noPenalty || a.measures !== undefined;
      if (a.noPenalty) s.measures = s.measures.map((m) => (active(m) ? { ...m, status: 'dropped' as const } : m));
      else if (a.measures) s.measures = revise(ctx, s.measures, a.measures, 'proposed');
      s.review = { adopted: a.adopted, reviewedOn: ctx.today(), noPenalty: a.noPenalty };
      // With the 不予行政处罚决定书 (art. 57): no penalty is decided, approved and served like any decision.
      if (a.noPenalty && !patched(NO_PENALTY_DECISION)) closeProcedure(ctx, 'no_penalty');
      else {
        s.step = 'decision';
        s.awaiting = ['approve_decision'];
      }
      await ctx.record(updateId, {
        action: 'reviewStatement',
        officer: a.officer,
        payload: { adopted: a.adopted, reasons: textId(a.reasons), measures: a.measures ?? null, noPenalty: a.noPenalty },
        texts: { reviewReasons: textId(a.reasons) },
        measuresRevised: revised,
      });
    },
  );

  onCommand(
    ctx,
    approveDecisionUpdate,
    ApproveArgs,
    (a) => {
      requireResponsible(ctx, a.officer);
      requireAwaiting(ctx, 'approve_decision');
      requireTextRefs({ 审批意见: a.comments });
    },
    async (a, updateId) => {
      const record = { action: 'approveDecision', officer: a.officer, payload: { approved: a.approved, comments: textId(a.comments) ?? null } };
      if (!a.approved) {
        // Sent back: the officer revises it and it comes back for approval (before the patch it stayed awaiting approval).
        if (patched(DECISION_REVISION)) s.awaiting = ['revise_decision'];
        await ctx.record(updateId, record);
        return;
      }
      if (s.measures.filter(active).length === 0) {
        // Every measure dropped (a review or a revision): 不予行政处罚决定书 (art. 57), served, then closed no_penalty.
        s.awaiting = ['serve_decision'];
        const [doc] = await ctx.issue(updateId, { ...record, decisionApproved: true }, [
          { kind: 'no_penalty_decision', key: ctx.key('no_penalty_decision') },
          { kind: 'service_receipt', key: ctx.key('service_receipt/no_penalty_decision') },
        ]);
        s.decision = { kind: 'no_penalty_decision', documentId: doc.documentId, number: doc.number, servedOn: null };
        await ctx.record(`${updateId}/documents`, { action: 'decisionIssued' });
        return;
      }
      // The decision cites the basis version recorded at the proposal: read back, its measures still allow these.
      const cited = await citedBasis(ctx, s.legalBasisId!);
      const checked = checkMeasureChoices(measuresOfLevel(cited.measures, ctx.input.level), s.measures.filter(active).map(choiceOf));
      if (!checked.ok) refuse(checked.issues.map((i) => i.message).join('；'));
      if (ctx.input.level === 'province' && goesToMinistry(s.measures.filter(active))) {
        s.step = 'ministry';
        s.awaiting = ['ministry_answer'];
        const [doc] = await ctx.issue(updateId, { ...record, decisionApproved: true }, [{ kind: 'ministry_proposal', key: ctx.key(`ministry_proposal`) }]);
        s.ministry = { proposal: { kind: 'ministry_proposal', documentId: doc.documentId, number: doc.number, servedOn: null }, answer: null };
        await ctx.record(`${updateId}/documents`, { action: 'ministryProposalIssued' });
        return;
      }
      const kind = revokes(s.measures) ? 'revocation_decision' : 'penalty_decision';
      s.measures = s.measures.map((m) => (active(m) ? { ...m, status: 'decided' as const } : m));
      s.awaiting = ['serve_decision'];
      const [doc] = await ctx.issue(updateId, { ...record, decisionApproved: true }, [
        { kind, key: ctx.key(`${kind}`) },
        { kind: 'service_receipt', key: ctx.key(`service_receipt/${kind}`) },
      ]);
      s.decision = { kind, documentId: doc.documentId, number: doc.number, servedOn: null };
      await ctx.record(`${updateId}/documents`, { action: 'decisionIssued' });
    },
  );

  onCommand(
    ctx,
    reviseDecisionUpdate,
    ReviseDecisionArgs,
    (a) => {
      requireActor(ctx, a.officer);
      requireAwaiting(ctx, 'revise_decision');
      requireTextRefs({ 修改理由: a.reasons });
      if (a.measures && !a.noPenalty) reviseDecisionMeasures(ctx, a.measures);
    },
    async (a, updateId) => {
      const revised = a.noPenalty || a.measures !== undefined;
      if (a.noPenalty) s.measures = s.measures.map((m) => (active(m) ? { ...m, status: 'dropped' as const } : m));
      else if (a.measures) s.measures = reviseDecisionMeasures(ctx, a.measures);
      s.awaiting = ['approve_decision'];
      await ctx.record(updateId, {
        action: 'reviseDecision',
        officer: a.officer,
        payload: { reasons: textId(a.reasons), measures: a.measures ?? null, noPenalty: a.noPenalty },
        measuresRevised: revised,
      });
    },
  );

  onCommand(
    ctx,
    recordMinistryAnswerUpdate,
    RecordMinistryAnswerArgs,
    (a) => {
      requireActor(ctx, a.officer);
      requireAwaiting(ctx, 'ministry_answer');
      requireDate(ctx, a.answeredOn, '答复日期');
      if (a.effectiveOn) requireDate(ctx, a.effectiveOn, '生效日期');
    },
    async (a, updateId) => {
      const effectiveOn = a.effectiveOn ?? a.answeredOn;
      s.ministry!.answer = { revoked: a.revoked, answeredOn: a.answeredOn, effectiveOn, ministryDocumentNumber: a.ministryDocumentNumber };
      if (a.revoked) {
        await takeEffect(ctx, effectiveOn);
        closeProcedure(ctx, 'done');
      } else {
        s.measures = s.measures.map((m) => (active(m) ? { ...m, status: 'dropped' as const } : m));
        closeProcedure(ctx, 'ministry_declined');
      }
      await ctx.record(updateId, { action: 'recordMinistryAnswer', officer: a.officer, payload: { ...s.ministry!.answer } });
    },
  );

  onCommand(
    ctx,
    recordRedressUpdate,
    RecordRedressArgs,
    (a) => {
      requireActor(ctx, a.officer);
      requireAwaiting(ctx, 'await_redress');
      requireTextRefs({ 备注: a.note });
      requireDate(ctx, a.filedOn, '提起日期', { date: s.decision?.servedOn ?? null, what: '决定书送达日期' });
    },
    async (a, updateId) => {
      s.redress = { kind: a.kind, filedOn: a.filedOn, result: null, decidedOn: null };
      s.awaiting = ['redress_result'];
      await ctx.record(updateId, { action: 'recordRedress', officer: a.officer, payload: { kind: a.kind, filedOn: a.filedOn, note: textId(a.note) ?? null } });
    },
  );

  onCommand(
    ctx,
    recordRedressResultUpdate,
    RecordRedressResultArgs,
    (a) => {
      requireActor(ctx, a.officer);
      requireAwaiting(ctx, 'redress_result');
      requireTextRefs({ 备注: a.note });
      requireDate(ctx, a.decidedOn, '结果日期', { date: s.redress?.filedOn ?? null, what: '提起日期' });
      if (a.result === 'changed' && !a.measures) refuse('结果为「变更」时须填写变更后的「处理措施」');
      if (a.result === 'changed' && a.measures) revise(ctx, s.measures, a.measures, 'in_effect');
    },
    async (a, updateId) => {
      s.redress = { ...s.redress!, result: a.result, decidedOn: a.decidedOn };
      const before = s.measures.filter(active);
      let withdrawKinds: string[] | undefined;
      if (a.result === 'revoked') {
        s.measures = s.measures.map((m) => (active(m) ? { ...m, status: 'withdrawn' as const } : m));
      } else if (a.result === 'changed' && a.measures) {
        s.measures = revise(ctx, s.measures, a.measures, 'in_effect');
        const still = new Set(penaltyKindsOf(s.measures.filter(active), ctx.input.level));
        withdrawKinds = penaltyKindsOf(before, ctx.input.level).filter((k) => !still.has(k));
      }
      // An intermediary's procedure recorded no penalty rows (takeEffect): nothing to withdraw.
      if (!ctx.input.party && a.result !== 'upheld' && (withdrawKinds === undefined || withdrawKinds.length > 0)) {
        const r = await procedureActivities.withdrawProcedurePenalties({
          procedureId: ctx.procedureId,
          caseId: ctx.input.caseId,
          updateId,
          at: ctx.now(),
          ...(withdrawKinds ? { kinds: withdrawKinds as PenaltyKind[] } : {}),
        });
        s.penaltyIds = s.penaltyIds.filter((id) => !r.withdrawnPenaltyIds.includes(id));
      }
      closeProcedure(ctx, 'done');
      await ctx.record(updateId, {
        action: 'recordRedressResult',
        officer: a.officer,
        payload: { result: a.result, decidedOn: a.decidedOn, measures: a.measures ?? null, note: textId(a.note) ?? null },
        measuresRevised: a.result === 'changed',
      });
    },
  );

  onCommand(
    ctx,
    extendTimeLimitUpdate,
    ExtendTimeLimitArgs,
    (a) => {
      requireResponsible(ctx, a.officer);
      requireTextRefs({ 延长理由: a.reason });
      if (s.step === 'closed' || s.decision !== null || s.ministry !== null) refuse('已作出处理决定的程序无需延长办案期限', 'ProcedureStepRefused');
      if (a.timeLimitOn <= s.timeLimitOn) refuse(`「延长后的办案期限」（${a.timeLimitOn}）应晚于当前期限（${s.timeLimitOn}）`);
    },
    async (a, updateId) => {
      s.timeLimitOn = a.timeLimitOn;
      s.timeLimitExtended = true;
      s.overdue = false;
      await ctx.record(updateId, { action: 'extendTimeLimit', officer: a.officer, payload: { timeLimitOn: a.timeLimitOn, reason: textId(a.reason) } });
    },
  );

  onCommand(
    ctx,
    recheckBasisUpdate,
    RecheckBasisArgs,
    (a) => requireActor(ctx, a.officer),
    async () => {
      ctx.basisRechecks++;
      return Promise.resolve();
    },
  );
}

/** A measure as chosen again (for checking it against a basis version). */
function choiceOf(m: ProcedureMeasure): MeasureChoice {
  if (m.kind === 'FINE') return { kind: 'FINE', amountYuan: m.amountYuan ?? 0, illegalGainsYuan: m.illegalGainsYuan ?? 0 };
  return { kind: m.kind };
}
