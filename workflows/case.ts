/**
 * One flagged person's case (phase 2): gather the evidence (unless the opening already did),
 * wait for the city officer's decision while reminding the officer and escalating to supervisors,
 * apply the decision's penalties at city level on the decision date, close; a liable case then stays reachable until phase 3 ends so
 * the province can impose its own penalties. The workflow holds the case id only: every personal
 * datum is read and written by activities in PostgreSQL.
 *
 * Corrections (issue 19, behind patch CASE_CORRECTIONS): while the case is reachable, the city may
 * reopen it when the province named it in a return of the investigation report (reopenCase: the
 * decision set aside, the case awaits a new one), and the province may override its outcome
 * (overrideOutcome). A case whose run has ended is started again for a correction (input `resume`,
 * by services/caseCorrections.ts) until phase 3 ends.
 */
import type { SearchAttributeUpdatePair } from '@temporalio/common';
import {
  allHandlersFinished,
  condition,
  currentUpdateInfo,
  getExternalWorkflowHandle,
  patched,
  proxyLocalActivities,
  setHandler,
  sleep,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { z } from 'zod';
import type { CaseActivities } from '../activities/cases';
import { calendarDateAt, dayStartAt, deadlineAt } from '../domain/campaignClock';
import type { Officer } from '../domain/officer';
import type { CaseDecisionMessage } from '../domain/officerText';
import { DATA_REFUSED_ROLLBACK, dataRefusedFailure, isDataRefused } from './dataRefused';
import { parseWorkflowInput } from './parseInput';
import { refuse } from './refuse';
import { nextCaseAlarm, type CaseAlarmState } from './caseAlarms';
import {
  CarryOverArgs,
  caseStateQuery,
  CaseSearchAttributes as SA,
  CaseWorkflowInput,
  carryOverUpdate,
  containsIdNumber,
  decideCaseUpdate,
  DecideCaseArgs,
  decisionTexts,
  ExtendCaseDueArgs,
  extendCaseDueSignal,
  ImposeProvincialPenaltyArgs,
  imposeProvincialPenaltyUpdate,
  OverrideOutcomeArgs,
  overrideOutcomeUpdate,
  ReopenCaseArgs,
  reopenCaseUpdate,
  type CaseState,
  type CaseWorkflowResult,
  type CaseWorkflowStatus,
} from './messages/case';
import { caseClosedSignal } from './messages/caseShard';
import { raiseCaseAlarm, raiseRefusalAlert } from './caseAlerts';
import { startCaseProcedure, withdrawCaseProcedures } from './caseProcedures';
import { carryOutTransfer, OVERRIDE_TRANSFER, TRANSFER_OPENS_CASE } from './caseTransfer';

// Short database writes run as local activities: no task-queue round trip, one marker event
// each, which keeps a case's history near 20 events. A database outage is waited out (capped
// backoff, no attempt limit) rather than failing a case; refusals are non-retryable failures.
const cases = proxyLocalActivities<CaseActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/** Patch id of the ready mark (case_file.ready_at) in the case workflow. */
export const CASE_READY_MARK = 'case-ready-mark';

/**
 * Patch id of the corrections (issue 19): after its decision a case serves reopenings, overrides
 * and provincial penalties; recorded runs slept until phase 3 ended when liable, else completed.
 */
export const CASE_CORRECTIONS = 'case-corrections';

/**
 * Patch id of the penalty procedure (issue 19): a liable decision records no penalty; it starts the
 * city's penalty procedure (workflows/penaltyProcedure.ts), whose decision's service puts the
 * measures in effect; a provincial imposition starts the province's procedure. Recorded runs
 * applied the penalties at once.
 */
export const PENALTY_PROCEDURE = 'penalty-procedure';

/**
 * Patch id of the procedures at a correction: a reopening ends the case's running penalty procedures
 * (their decision set aside with the case's); an override records no penalty and keeps or starts the
 * city's procedure when the new outcome is liable, else ends them. Recorded runs left them running
 * and applied an override's penalties at once.
 */
export const PROCEDURE_WITHDRAWAL = 'procedure-withdrawal';

/** A later run started for a correction waits this long for it before completing (wall time). */
export const RESUME_GRACE = '10 minutes';

export async function caseWorkflow(raw: CaseWorkflowInput): Promise<CaseWorkflowResult> {
  const input = parseWorkflowInput(CaseWorkflowInput, raw, 'case workflow');
  const { campaignId, cityCode, caseId, settings, calendar } = input;
  const clocked = { clock: input.clock, calendar };
  const procedureCase = { caseId, campaignId, cityCode, clock: input.clock, calendar };
  const alarms: CaseAlarmState = {
    openedAtMs: Date.now(),
    dueAtMs: input.dueAt ? Date.parse(input.dueAt) : deadlineAt(clocked, calendar.investigation.deadline),
    reminders: 0,
    escalated: false,
    carriedOver: false,
  };
  const state: CaseState = {
    caseId,
    campaignId,
    cityCode,
    status: 'open',
    exempt: false,
    penaltyIds: [],
    reminders: 0,
    escalated: false,
    overdue: false,
    openedAt: new Date(alarms.openedAtMs).toISOString(),
    dueAt: new Date(alarms.dueAtMs).toISOString(),
  };
  let decision: CaseDecisionMessage | undefined;
  let dueMoved = false;
  /** Reopened in this run: no reminders or overdue alerts (the province's return is what the city answers). */
  let reopened = false;
  /** Corrections and provincial penalties received: the post-decision wait wakes on each. */
  let commandsSeen = 0;
  const now = () => new Date().toISOString();
  const today = () => calendarDateAt(clocked, Date.now());
  // The recorded liability when known (a DEREGISTERED case can be liable); runs recorded before it existed judge by outcome.
  const liable = () =>
    state.liability !== undefined ? state.liability === 'liable' : state.outcome === 'VIOLATION' || (state.outcome === 'RECTIFIED' && !state.exempt);
  const decided = () => state.status === 'decided' || state.status === 'closed';
  /** False while a later run (`resume`) reads the case's standing: its state says nothing yet. */
  let standing = !input.resume;
  /**
   * A message's checks of the case's state: in the validator once the standing is known; a message
   * that reaches a later run before it is known waits in its handler and is judged then.
   */
  const judged = (check: () => void) => {
    if (standing) check();
  };
  // Called only while `standing` is false: a run that knows its state from the start takes the same
  // synchronous path as runs recorded before, with no await added.
  const whenStanding = async (check: () => void) => {
    await condition(() => standing);
    check();
  };
  const openCheck = () => {
    if (state.status !== 'open' && state.status !== 'carried_over') refuse(`case ${caseId} is ${state.status}: only an open case is decided`);
  };
  const carryCheck = () => {
    if (state.status !== 'open') refuse(`case ${caseId} is ${state.status}: only an open case is carried over`);
  };
  const liableCheck = () => {
    if (!decided() || !liable()) refuse(`case ${caseId} carries no liability (${state.status}${state.outcome ? `, ${state.outcome}` : ''})`);
  };
  const decidedCheck = (what: string) => () => {
    if (!decided()) refuse(`案件 ${caseId} 尚未作出核查结论，${what} (case ${caseId} is ${state.status})`, 'CaseNotDecided');
  };
  const reopenCheck = decidedCheck('无需重新办理');
  const overrideCheck = decidedCheck('没有可改变的结论');

  const requireCityOfficer = (officer: Officer): void => {
    if (officer.role !== 'city_officer') refuse(`a ${officer.role} cannot act on a city's case: only a city officer can`, 'RoleCannotAct');
    if (officer.cityCode !== cityCode) refuse(`the officer's city ${officer.cityCode ?? '(none)'} is not the case's city ${cityCode}`);
  };
  const parsed = <S extends z.ZodType>(schema: S, args: unknown): z.infer<S> => {
    const r = schema.safeParse(args);
    if (!r.success) refuse(r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    return r.data;
  };

  /** A decision's or an override's transfer goes to another city (the API checks the rest of the target). */
  function refuseOwnCityTransfer(d: DecideCaseArgs['decision']): void {
    if (d.outcome === 'TRANSFERRED' && d.transferTo?.kind === 'city' && d.transferTo.cityCode === cityCode) {
      refuse(`接收市（州）须为其他市（州），不能移交本市（州） (a case is not transferred to its own city ${cityCode})`);
    }
  }

  setHandler(caseStateQuery, () => ({ ...state, penaltyIds: [...state.penaltyIds] }));

  setHandler(
    decideCaseUpdate,
    async (args) => {
      const { decision: d, officer } = DecideCaseArgs.parse(args);
      const updateId = currentUpdateInfo()!.id;
      if (!standing) await whenStanding(openCheck);
      const before = state.status;
      state.status = 'deciding';
      try {
        // Recorded, the case closed: one transaction. Before the procedure, the city's penalties were applied on the decision date.
        const viaProcedure = patched(PENALTY_PROCEDURE);
        const s = await cases.settleCaseDecision(
          caseId,
          updateId,
          d,
          officer,
          { decidedAt: now(), decidedOn: today() },
          viaProcedure ? { calendar, kinds: [] } : { calendar, exceptKinds: settings.provincialPenaltyKinds },
        );
        if (viaProcedure && s.liability === 'liable') await startCaseProcedure(procedureCase, 'city', today());
        if (d.outcome === 'TRANSFERRED' && d.transferTo && patched(TRANSFER_OPENS_CASE)) {
          await carryOutTransfer({ campaignId, caseId, settings, calendar, clock: input.clock, today: s.decidedOn }, cases);
        }
        decision = d;
        Object.assign(state, { status: 'decided', outcome: d.outcome, decidedOn: s.decidedOn, exempt: s.exempt, penaltyIds: s.penaltyIds });
        // Results recorded before issue 19 carry no liability: the state keeps none, and liable() judges by outcome.
        if (s.liability !== undefined) state.liability = s.liability;
        return {
          caseId,
          updateId,
          outcome: d.outcome,
          decidedOn: s.decidedOn,
          penaltyIds: s.penaltyIds,
          exempt: s.exempt,
          ...(s.liability !== undefined ? { liability: s.liability } : {}),
          ...(s.notice ? { notice: s.notice } : {}),
        };
      } catch (err) {
        state.status = before;
        if (isDataRefused(err) && patched(DATA_REFUSED_ROLLBACK)) {
          await raiseRefusalAlert({ caseId, campaignId, cityCode }, updateId, now());
          throw dataRefusedFailure(`案件 ${caseId} 的核查结论未能保存（数据库拒绝了其中的内容），案件仍待核查，请修改后重新提交`);
        }
        throw err;
      }
    },
    {
      validator: (args) => {
        const { decision: d, officer } = parsed(DecideCaseArgs, args);
        requireCityOfficer(officer);
        judged(openCheck);
        if (decisionTexts(d).some(containsIdNumber)) refuse('the decision text contains an ID number: refer to the case id instead');
        refuseOwnCityTransfer(d);
        const date = d.outcome === 'RECTIFIED' ? d.rectifiedOn : d.outcome === 'DEREGISTERED' ? d.deregisteredOn : undefined;
        if (date && date > today()) refuse(`the date ${date} is after today (${today()})`);
      },
    },
  );

  setHandler(
    carryOverUpdate,
    async (args) => {
      const { reason, officer } = CarryOverArgs.parse(args);
      const updateId = currentUpdateInfo()!.id;
      if (!standing) await whenStanding(carryCheck);
      state.status = 'carried_over';
      alarms.carriedOver = true;
      try {
        await cases.carryOverCase(caseId, updateId, reason, officer, now());
      } catch (err) {
        // A decision that raced ahead wins; only undo what is still ours.
        if (state.status === 'carried_over') state.status = 'open';
        alarms.carriedOver = false;
        throw err;
      }
      markStatus('carried_over');
      return { caseId, updateId, carriedOverOn: today() };
    },
    {
      validator: (args) => {
        const { reason, officer } = parsed(CarryOverArgs, args);
        requireCityOfficer(officer);
        judged(carryCheck);
        if (containsIdNumber(reason)) refuse('the reason contains an ID number: refer to the case id instead');
      },
    },
  );

  setHandler(
    imposeProvincialPenaltyUpdate,
    async (args) => {
      const { officer, kinds } = ImposeProvincialPenaltyArgs.parse(args);
      const updateId = currentUpdateInfo()!.id;
      commandsSeen++;
      if (!standing) await whenStanding(liableCheck);
      const imposedOn = today();
      if (patched(PENALTY_PROCEDURE)) {
        // Logged as before (who imposed, when), no penalty recorded: the province's measures go through its own
        // procedure and take effect when its decision is served.
        await cases.applyPenalties(caseId, decision ?? null, 'province', imposedOn, { kinds: [], audit: { updateId, officer, at: now() } });
        await startCaseProcedure(procedureCase, 'province', today());
        return { caseId, updateId, imposedOn, penaltyIds: [] };
      }
      // A later run holds no decision: the activity reads the one recorded on the case.
      const r = await cases.applyPenalties(caseId, decision ?? null, 'province', imposedOn, {
        kinds: kinds ?? settings.provincialPenaltyKinds,
        audit: { updateId, officer, at: now() },
      });
      state.penaltyIds = [...new Set([...state.penaltyIds, ...r.penaltyIds])].sort();
      return { caseId, updateId, imposedOn, penaltyIds: r.penaltyIds };
    },
    {
      validator: (args) => {
        const { officer, kinds, note } = parsed(ImposeProvincialPenaltyArgs, args);
        if (officer.role !== 'province_coordinator') refuse('only a provincial coordinator imposes provincial penalties', 'RoleCannotAct');
        judged(liableCheck);
        if (Date.now() < dayStartAt(clocked, calendar.provincialVerification.start)) {
          refuse(`provincial penalties are imposed in phase 3, from ${calendar.provincialVerification.start}`);
        }
        if ((kinds ?? settings.provincialPenaltyKinds).length === 0) refuse('name the penalty kinds to impose');
        if (containsIdNumber(note)) refuse('the note contains an ID number');
      },
    },
  );

  setHandler(
    reopenCaseUpdate,
    async (args) => {
      const { officer, reason } = ReopenCaseArgs.parse(args);
      const updateId = currentUpdateInfo()!.id;
      commandsSeen++;
      if (!standing) await whenStanding(reopenCheck);
      const before = state.status;
      state.status = 'correcting';
      try {
        const r = await cases.reopenCase(caseId, updateId, reason, officer, { at: now(), on: today() });
        if (patched(PROCEDURE_WITHDRAWAL)) await withdrawCaseProcedures(caseId, 'reopen', updateId);
        decision = undefined;
        reopened = true;
        Object.assign(state, { status: 'open', outcome: undefined, decidedOn: undefined, liability: undefined, exempt: false, penaltyIds: [] });
        state.reopenings = (state.reopenings ?? 0) + 1;
        state.overridden = false;
        markStatus('open');
        return r;
      } catch (err) {
        state.status = before;
        throw err;
      }
    },
    {
      validator: (args) => {
        const { officer, reason } = parsed(ReopenCaseArgs, args);
        requireCityOfficer(officer);
        judged(reopenCheck);
        if (containsIdNumber(reason)) refuse('重新办理理由不得包含身份证号 (the reason contains an ID number)');
      },
    },
  );

  setHandler(
    overrideOutcomeUpdate,
    async (args) => {
      const { officer, decision: d, reason } = OverrideOutcomeArgs.parse(args);
      const updateId = currentUpdateInfo()!.id;
      commandsSeen++;
      if (!standing) await whenStanding(overrideCheck);
      const before = state.status;
      state.status = 'correcting';
      try {
        // With the procedures: the liability judged, no penalty recorded; a liable outcome keeps (or starts) the city's procedure, another withdraws it.
        const viaProcedure = patched(PROCEDURE_WITHDRAWAL);
        const r = await cases.overrideCaseOutcome(
          caseId,
          updateId,
          d,
          reason,
          officer,
          { at: now(), on: today() },
          viaProcedure ? { calendar, kinds: [] } : { calendar },
        );
        if (viaProcedure && r.liability === 'liable') await startCaseProcedure(procedureCase, 'city', today());
        else if (viaProcedure) await withdrawCaseProcedures(caseId, 'override', updateId);
        // The province's TRANSFERRED is carried out as an officer's is; a case already transferred keeps its first transfer.
        if (d.outcome === 'TRANSFERRED' && d.transferTo && patched(OVERRIDE_TRANSFER)) {
          await carryOutTransfer({ campaignId, caseId, settings, calendar, clock: input.clock, today: r.overriddenOn }, cases);
        }
        decision = d;
        Object.assign(state, {
          status: 'closed',
          outcome: r.outcome,
          decidedOn: r.overriddenOn,
          liability: r.liability,
          exempt: r.exempt,
          penaltyIds: r.penaltyIds,
          overridden: true,
        });
        markStatus('closed');
        return r;
      } catch (err) {
        state.status = before;
        throw err;
      }
    },
    {
      validator: (args) => {
        const { officer, decision: d, reason } = parsed(OverrideOutcomeArgs, args);
        if (officer.role !== 'province_coordinator')
          refuse('只有省级协调人可以改变市（州）的核查结论 (only a provincial coordinator overrides)', 'RoleCannotAct');
        judged(overrideCheck);
        if ([...decisionTexts(d), reason].some(containsIdNumber)) refuse('结论或理由的文字不得包含身份证号 (the text contains an ID number)');
        refuseOwnCityTransfer(d);
        const date = d.outcome === 'RECTIFIED' ? d.rectifiedOn : d.outcome === 'DEREGISTERED' ? d.deregisteredOn : undefined;
        if (date && date > today()) refuse(`the date ${date} is after today (${today()})`);
      },
    },
  );

  setHandler(extendCaseDueSignal, (args) => {
    const r = ExtendCaseDueArgs.safeParse(args);
    if (!r.success) return; // a signal cannot be refused; a malformed one is ignored
    alarms.dueAtMs = Date.parse(r.data.dueAt);
    state.dueAt = new Date(alarms.dueAtMs).toISOString();
    dueMoved = true;
  });

  if (input.resume) {
    await resumeDecided();
  } else {
    markStatus('open');
    if (!input.evidenceGathered) await cases.gatherCaseEvidence(caseId, { gatheredAt: now() });
    // The worklist offers a case once its workflow takes decisions (runs recorded before this
    // mark existed replay without it).
    if (patched(CASE_READY_MARK)) await cases.markCaseReady(caseId, now());
    await awaitDecision();
    state.status = 'closed';
    markStatus('closed');
  }

  if (input.resume || patched(CASE_CORRECTIONS)) {
    await serveCorrections();
  } else {
    // As recorded before corrections existed: a liable case stays reachable for
    // imposeProvincialPenalty until phase 3 ends; its shard learns of the closure by signal
    // instead of waiting for the completion.
    const provincialEnd = deadlineAt(clocked, calendar.provincialVerification.deadline);
    if (liable() && Date.now() < provincialEnd) {
      const parent = workflowInfo().parent;
      if (input.notifyParentOnClose && parent) {
        await getExternalWorkflowHandle(parent.workflowId).signal(caseClosedSignal, { caseId, outcome: state.outcome! });
      }
      await sleep(provincialEnd - Date.now());
    }
  }
  await condition(allHandlersFinished);
  return { caseId, outcome: state.outcome!, penaltyIds: state.penaltyIds, exempt: state.exempt };

  /**
   * After the decision: a liable case stays reachable until phase 3 ends (provincial penalties),
   * its shard told of the closure by signal; a reopened case awaits its new decision; an
   * override may make a case liable or not. A case that is not liable completes.
   */
  async function serveCorrections(): Promise<void> {
    const provincialEnd = deadlineAt(clocked, calendar.provincialVerification.deadline);
    let told = false;
    for (;;) {
      // A correction in flight decides what comes next.
      await condition(allHandlersFinished);
      if (state.status === 'open' || state.status === 'carried_over') {
        await awaitDecision();
        state.status = 'closed';
        markStatus('closed');
        continue;
      }
      if (!liable() || Date.now() >= provincialEnd) return;
      const parent = workflowInfo().parent;
      if (!told && input.notifyParentOnClose && parent) {
        told = true;
        await getExternalWorkflowHandle(parent.workflowId).signal(caseClosedSignal, { caseId, outcome: state.outcome! });
      }
      const seen = commandsSeen;
      await condition(() => commandsSeen !== seen, provincialEnd - Date.now());
    }
  }

  /** A later run of a decided case: its standing from the read model, then the correction it was started for. */
  async function resumeDecided(): Promise<void> {
    const st = await cases.caseStanding(caseId);
    Object.assign(state, {
      status: st.status === 'decided' ? 'closed' : st.status,
      outcome: st.outcome ?? undefined,
      decidedOn: st.decidedOn ?? undefined,
      exempt: st.exempt,
      penaltyIds: st.penaltyIds,
      overridden: st.overridden,
      ...(st.liability ? { liability: st.liability } : {}),
    });
    markStatus(state.status);
    standing = true;
    await condition(() => commandsSeen > 0, RESUME_GRACE);
  }

  /** Waits for the decision; between wake-ups, the next reminder, escalation or overdue alert. */
  async function awaitDecision(): Promise<void> {
    while (state.status !== 'decided') {
      if (state.status === 'deciding') {
        await condition(() => state.status !== 'deciding');
        continue;
      }
      const alarm = reopened ? undefined : nextCaseAlarm(clocked, settings, alarms);
      const interrupted = () => state.status === 'decided' || state.status === 'deciding' || dueMoved;
      const woke = alarm ? await condition(interrupted, Math.max(1, alarm.atMs - Date.now())) : (await condition(interrupted), true);
      if (dueMoved) {
        dueMoved = false;
        continue;
      }
      if (!woke && alarm) await raiseCaseAlarm({ caseId, campaignId, cityCode, clocked, alarms, state }, alarm, cases, now());
    }
  }

  function markStatus(status: CaseWorkflowStatus): void {
    // The starter (a shard) usually sets the ids at start; only what is missing is added.
    const attrs = workflowInfo().typedSearchAttributes;
    const pairs: SearchAttributeUpdatePair[] = [];
    if (attrs.get(SA.campaignId) === undefined) pairs.push({ key: SA.campaignId, value: campaignId });
    if (attrs.get(SA.cityCode) === undefined) pairs.push({ key: SA.cityCode, value: cityCode });
    if (attrs.get(SA.phase) === undefined) pairs.push({ key: SA.phase, value: 'investigation' });
    if (attrs.get(SA.caseStatus) !== status) pairs.push({ key: SA.caseStatus, value: status });
    if (pairs.length > 0) upsertSearchAttributes(pairs);
  }
}
