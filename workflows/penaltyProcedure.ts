/**
 * One case's penalty procedure at one level (issue 19, docs/procedure.md), as the law orders it:
 *
 *   basis found → proposal (拟处理意见) → approval by the responsible person → notice (告知书)
 *   numbered and rendered → its service → statement window in working days (陈述、申辩; a hearing
 *   requested within 5 working days) → hearing (notice served 7 working days before; held) →
 *   review (复核; never heavier, art. 45) → decision (决定书) approved, numbered, rendered → its
 *   service: the measures take effect, penalty rows dated then → redress periods (60 days / 6
 *   months) or a redress and its result → closed.
 *   Province level, the ministry's measures (一级 categories): the decision's place is taken by the
 *   处理建议 to the ministry, and the revocation takes effect only on the ministry's revoking answer.
 *
 * Beside it, art. 60's time limit (90 days from 立案, extendable by the responsible person) is
 * watched with a reminder and an overdue alert. A combination without a published basis alerts the
 * province and looks again daily (or at once on recheckBasis): never stuck. The workflow holds ids,
 * dates, codes and references; the read model (activities/procedure) holds the rest.
 */
import type { SearchAttributeUpdatePair } from '@temporalio/common';
import { allHandlersFinished, condition, setHandler, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import { addDays } from '../domain/calendar';
import { dayStartAt, deadlineAt, DAY_MS, wallDuration } from '../domain/campaignClock';
import { authorityCodeOf, DEFAULT_PROCEDURE_SETTINGS, measuresOfLevel, PROCEDURE_LEVEL_LABELS, procedureIdOf, timeLimitOf } from '../domain/penaltyProcedure';
import { intermediaryAuthorityCodeOf, intermediaryProcedureSubject } from '../domain/procedureId';
import { Violation } from '../domain/legalBasis';
import { openingProcedureState, type ProcedureState } from '../domain/procedureState';
import { parseWorkflowInput } from './parseInput';
import { PenaltyProcedureInput, procedureStateQuery, withdrawProcedureSignal } from './messages/penaltyProcedure';
import { CaseSearchAttributes as SA } from './messages/case';
import { alertActivities, createContext, deliverAlert, documentActivities, failedWith, procedureActivities, type ProcedureContext } from './procedure/context';
import { closeProcedure, registerDecisionSteps, withdrawProcedure } from './procedure/decisionSteps';
import { closeStatementWindow, registerNoticeSteps } from './procedure/noticeSteps';

export async function penaltyProcedureWorkflow(raw: PenaltyProcedureInput): Promise<ProcedureState> {
  const parsed = parseWorkflowInput(PenaltyProcedureInput, raw, 'penalty procedure');
  // An intermediary's procedure is its order's and the city's, whatever the caller put there.
  const party = parsed.party;
  const input = party ? { ...parsed, caseId: intermediaryProcedureSubject(parsed.campaignId, party.orderId), level: 'city' as const } : parsed;
  const procedureId = procedureIdOf(input.caseId, input.level);
  const authorityCode = party ? intermediaryAuthorityCodeOf(input.cityCode) : authorityCodeOf(input.level, input.cityCode);
  // Nothing is due until the basis is known (findBasis).
  const state: ProcedureState = openingProcedureState({
    procedureId,
    caseId: input.caseId,
    campaignId: input.campaignId,
    cityCode: input.cityCode,
    level: input.level,
    authorityCode,
    violation: input.violation,
    openedOn: input.openedOn,
    timeLimitOn: timeLimitOf(input.openedOn),
    ...(party ? { party } : {}),
  });
  const ctx = createContext(input, procedureId, authorityCode, state, DEFAULT_PROCEDURE_SETTINGS);
  setHandler(procedureStateQuery, () => ctx.snapshot());
  registerNoticeSteps(ctx);
  registerDecisionSteps(ctx);
  setHandler(withdrawProcedureSignal, (args) => withdrawProcedure(ctx, args));
  markSearchAttributes(input.campaignId, input.cityCode);

  await ctx.locked(async () => {
    const opened = await procedureActivities.openProcedure({
      procedureId,
      caseId: input.caseId,
      campaignId: input.campaignId,
      cityCode: input.cityCode,
      level: input.level,
      authorityCode,
      violation: input.violation,
      openedOn: input.openedOn,
      timeLimitOn: state.timeLimitOn,
      runId: workflowInfo().runId,
      ...(party ? { party: { orderId: party.orderId, basisId: party.basisId } } : {}),
    });
    ctx.settings = opened.settings;
    ctx.runs = opened.runs;
    state.certCategory = opened.certCategory;
    ctx.calendar = await documentActivities.loadWorkingCalendar();
  });
  const watch = watchTimeLimit(ctx);
  await findBasis(ctx);

  while (state.step !== 'closed') {
    const step = state.step;
    if (step === 'statement') {
      // The window closes after its last day (the later of the statement and hearing-request deadlines).
      const lastDay = [state.statementDeadline, state.hearingRequestDeadline]
        .filter((d): d is string => d !== null)
        .sort()
        .at(-1)!;
      const closed = await condition(() => state.step !== 'statement', Math.max(1, deadlineAt(input, lastDay) - Date.now()));
      if (!closed) {
        await ctx.locked(async () => {
          if (state.step !== 'statement') return;
          closeStatementWindow(ctx);
          await ctx.record(ctx.key('statement/window-closed'), { action: 'statementWindowClosed', payload: { lastDay } });
        });
      }
    } else if (step === 'redress' && state.redress === null) {
      const end = state.redressPeriodEndsOn!;
      const ended = !(await condition(() => state.redress !== null || state.step !== 'redress', Math.max(1, deadlineAt(input, end) - Date.now())));
      if (ended) {
        await ctx.locked(async () => {
          if (state.step !== 'redress' || state.redress !== null) return;
          closeProcedure(ctx, 'done');
          await ctx.record(ctx.key('redress/periods-ended'), { action: 'redressPeriodsEnded', payload: { periodEndsOn: end } });
        });
      }
    } else {
      const awaiting = state.awaiting.join();
      await condition(() => state.step !== step || state.awaiting.join() !== awaiting);
    }
  }
  await watch;
  await condition(allHandlersFinished);
  return ctx.snapshot();
}

/**
 * The basis in force for the case's category and violation. None published (or no category on
 * record): the province is alerted once and the search repeats daily, or at once on recheckBasis.
 * A basis without measures at this level closes the procedure (nothing for this authority to do).
 */
async function findBasis(ctx: ProcedureContext): Promise<void> {
  const s = ctx.state;
  let alerted = false;
  for (;;) {
    if (s.step === 'closed') return; // withdrawn while it waited
    // An intermediary's basis was chosen at the escalation (services/intermediaryProcedure.ts): its version, read.
    const basis = s.party
      ? await documentActivities.intermediaryBasisVersion({ id: s.party.basisId })
      : s.certCategory
        ? await basisInForce(ctx, s.certCategory)
        : undefined;
    if (basis) {
      await ctx.locked(async () => {
        if (s.step === 'closed') return;
        ctx.basis = basis;
        s.legalBasisId = basis.id;
        s.hearingApplies = basis.hearing.applies;
        if (measuresOfLevel(basis.measures, ctx.input.level).length === 0) closeProcedure(ctx, 'no_measures');
        else s.awaiting = ['submit_proposal'];
        await ctx.record(ctx.key('proposal/basis'), { action: 'basisFound', payload: { legalBasisId: basis.id } });
      });
      return;
    }
    if (!alerted) {
      alerted = true;
      s.awaiting = ['publish_basis'];
      await ctx.locked(() => ctx.record(ctx.key('proposal/basis-missing'), { action: 'basisMissing', payload: { certCategory: s.certCategory } }));
      await raise(
        ctx,
        'procedure_basis_missing',
        'warning',
        `basis-missing/${s.violation}`,
        `案件 ${s.caseId} 的${PROCEDURE_LEVEL_LABELS[ctx.input.level]}处罚程序缺少适用的处罚依据（注册类别 ${s.certCategory ?? '未知'}，违法行为 ${s.violation}），请省住房和城乡建设厅发布后重新检查`,
      );
    }
    const seen = ctx.basisRechecks;
    await condition(() => ctx.basisRechecks !== seen || s.step === 'closed', wallDuration(ctx.input, ctx.settings.basisRecheckDays * DAY_MS));
  }
}

async function basisInForce(ctx: ProcedureContext, certCategory: NonNullable<ProcedureState['certCategory']>) {
  try {
    // A case's violation (an intermediary's procedure never looks for a basis in force: its basis was chosen).
    return await documentActivities.legalBasisInForce({ certCategory, violation: Violation.parse(ctx.state.violation), asOf: ctx.today() });
  } catch (err) {
    if (failedWith(err, 'NotFound')) return undefined;
    throw err;
  }
}

/** art. 60: a reminder before the time limit, an overdue alert after it, until the decision is made (or the limit moves). */
async function watchTimeLimit(ctx: ProcedureContext): Promise<void> {
  const s = ctx.state;
  const decided = () => s.decision !== null || s.ministry !== null || s.step === 'closed';
  let reminded = false;
  let overdue = false;
  while (!decided()) {
    const limit = s.timeLimitOn;
    const moved = () => decided() || s.timeLimitOn !== limit;
    const at = !reminded
      ? dayStartAt(ctx.input, addDays(limit, -ctx.settings.reminderDaysBeforeTimeLimit))
      : !overdue
        ? deadlineAt(ctx.input, limit)
        : undefined;
    const woke = at === undefined ? (await condition(moved), true) : await condition(moved, Math.max(1, at - Date.now()));
    if (decided()) return;
    if (s.timeLimitOn !== limit) {
      reminded = overdue = false;
      continue;
    }
    if (woke) continue;
    if (!reminded) {
      reminded = true;
      await raise(
        ctx,
        'procedure_due',
        'info',
        `due/${limit}`,
        `${procedureLabel(ctx)}处罚程序办案期限（《行政处罚法》第六十条）将于 ${limit} 届满，请及时作出决定或报请负责人批准延长`,
      );
    } else {
      overdue = true;
      s.overdue = true;
      await raise(
        ctx,
        'procedure_overdue',
        'critical',
        `overdue/${limit}`,
        `${procedureLabel(ctx)}处罚程序已超过办案期限（${limit}，《行政处罚法》第六十条）仍未作出决定`,
      );
    }
  }
}

/** Whose procedure an alert names: the case's at its level, or the intermediary order's (its number; the name is in the registry). */
const procedureLabel = (ctx: ProcedureContext): string =>
  ctx.state.party
    ? `中介机构责令限期整改第${ctx.state.party.orderId}号的市（州）人力资源和社会保障局`
    : `案件 ${ctx.state.caseId} 的${PROCEDURE_LEVEL_LABELS[ctx.input.level]}`;

async function raise(ctx: ProcedureContext, kind: string, level: 'info' | 'warning' | 'critical', key: string, message: string): Promise<void> {
  const s = ctx.state;
  const r = await alertActivities.raiseAlert({
    alertKey: `${ctx.procedureId}/${key}`,
    level,
    kind,
    campaignId: s.campaignId,
    cityCode: s.cityCode,
    phase: 'procedure',
    ...(s.party ? {} : { caseId: s.caseId }),
    raisedAt: ctx.now(),
    message,
  });
  deliverAlert({ alertKey: r.alertKey }).catch(() => undefined);
}

function markSearchAttributes(campaignId: string, cityCode: string): void {
  const attrs = workflowInfo().typedSearchAttributes;
  const pairs: SearchAttributeUpdatePair[] = [];
  if (attrs.get(SA.campaignId) === undefined) pairs.push({ key: SA.campaignId, value: campaignId });
  if (attrs.get(SA.cityCode) === undefined) pairs.push({ key: SA.cityCode, value: cityCode });
  if (attrs.get(SA.phase) === undefined) pairs.push({ key: SA.phase, value: 'procedure' });
  if (pairs.length > 0) upsertSearchAttributes(pairs);
}
