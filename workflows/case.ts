/**
 * One flagged person's case (phase 2): gather the evidence (unless the opening already did),
 * wait for the city officer's decision while reminding the officer and escalating to supervisors,
 * apply the decision's penalties at city level on the decision date, close; a violation then stays reachable until phase 3 ends so
 * the province can impose its own penalties. The workflow holds the case id only: every personal
 * datum is read and written by activities in PostgreSQL.
 */
import type { SearchAttributeUpdatePair } from '@temporalio/common';
import {
  allHandlersFinished,
  condition,
  currentUpdateInfo,
  getExternalWorkflowHandle,
  patched,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  sleep,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { z } from 'zod';
import type { Activities } from '../activities';
import type { CaseActivities } from '../activities/cases';
import type { DeliverAlertInput } from '../activities/notifications/deliverAlert';
import { calendarDateAt, dayStartAt, deadlineAt } from '../domain/campaignClock';
import type { Officer } from '../domain/officer';
import type { CaseDecisionMessage } from '../domain/officerText';
import { DATA_REFUSED_ROLLBACK, dataRefusedFailure, isDataRefused } from './dataRefused';
import { parseWorkflowInput } from './parseInput';
import { refuse } from './refuse';
import { nextCaseAlarm, type CaseAlarm, type CaseAlarmState } from './caseAlarms';
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
  type CaseState,
  type CaseWorkflowResult,
  type CaseWorkflowStatus,
} from './messages/case';
import { caseClosedSignal } from './messages/caseShard';

// Short database writes run as local activities: no task-queue round trip, one marker event
// each, which keeps a case's history near 20 events. A database outage is waited out (capped
// backoff, no attempt limit) rather than failing a case; refusals are non-retryable failures.
const cases = proxyLocalActivities<CaseActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

// Recording an alert is one short write, as the case's own writes.
const alerts = proxyLocalActivities<Pick<Activities, 'raiseAlert'>>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

// Sending an alert may wait on a slow webhook: a regular activity, started and not awaited.
const { deliverAlert } = proxyActivities<{ deliverAlert(input: DeliverAlertInput): Promise<unknown> }>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '30 seconds', backoffCoefficient: 2, maximumInterval: '30 minutes', maximumAttempts: 10 },
});

/** Patch id of the ready mark (case_file.ready_at) in the case workflow. */
export const CASE_READY_MARK = 'case-ready-mark';

export async function caseWorkflow(raw: CaseWorkflowInput): Promise<CaseWorkflowResult> {
  const input = parseWorkflowInput(CaseWorkflowInput, raw, 'case workflow');
  const { campaignId, cityCode, caseId, settings, calendar } = input;
  const clocked = { clock: input.clock, calendar };
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
  const now = () => new Date().toISOString();
  const today = () => calendarDateAt(clocked, Date.now());
  const liable = () => state.outcome === 'VIOLATION' || (state.outcome === 'RECTIFIED' && !state.exempt);

  const requireCityOfficer = (officer: Officer): void => {
    if (officer.role !== 'city_officer') refuse(`a ${officer.role} cannot act on a city's case: only a city officer can`, 'RoleCannotAct');
    if (officer.cityCode !== cityCode) refuse(`the officer's city ${officer.cityCode ?? '(none)'} is not the case's city ${cityCode}`);
  };
  const parsed = <S extends z.ZodType>(schema: S, args: unknown): z.infer<S> => {
    const r = schema.safeParse(args);
    if (!r.success) refuse(r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    return r.data;
  };

  setHandler(caseStateQuery, () => ({ ...state, penaltyIds: [...state.penaltyIds] }));

  setHandler(
    decideCaseUpdate,
    async (args) => {
      const { decision: d, officer } = DecideCaseArgs.parse(args);
      const updateId = currentUpdateInfo()!.id;
      const before = state.status;
      state.status = 'deciding';
      try {
        // Recorded, the city's penalties applied on the decision date, the case closed: one transaction.
        const s = await cases.settleCaseDecision(
          caseId,
          updateId,
          d,
          officer,
          { decidedAt: now(), decidedOn: today() },
          {
            calendar,
            exceptKinds: settings.provincialPenaltyKinds,
          },
        );
        decision = d;
        Object.assign(state, { status: 'decided', outcome: d.outcome, decidedOn: s.decidedOn, exempt: s.exempt, penaltyIds: s.penaltyIds });
        return { caseId, updateId, outcome: d.outcome, decidedOn: s.decidedOn, penaltyIds: s.penaltyIds, exempt: s.exempt };
      } catch (err) {
        state.status = before;
        if (isDataRefused(err) && patched(DATA_REFUSED_ROLLBACK)) {
          await raiseRefusalAlert(updateId);
          throw dataRefusedFailure(`案件 ${caseId} 的核查结论未能保存（数据库拒绝了其中的内容），案件仍待核查，请修改后重新提交`);
        }
        throw err;
      }
    },
    {
      validator: (args) => {
        const { decision: d, officer } = parsed(DecideCaseArgs, args);
        requireCityOfficer(officer);
        if (state.status !== 'open' && state.status !== 'carried_over') refuse(`case ${caseId} is ${state.status}: only an open case is decided`);
        if (decisionTexts(d).some(containsIdNumber)) refuse('the decision text contains an ID number: refer to the case id instead');
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
        if (state.status !== 'open') refuse(`case ${caseId} is ${state.status}: only an open case is carried over`);
        if (containsIdNumber(reason)) refuse('the reason contains an ID number: refer to the case id instead');
      },
    },
  );

  setHandler(
    imposeProvincialPenaltyUpdate,
    async (args) => {
      const { officer, kinds } = ImposeProvincialPenaltyArgs.parse(args);
      const updateId = currentUpdateInfo()!.id;
      const imposedOn = today();
      const r = await cases.applyPenalties(caseId, decision!, 'province', imposedOn, {
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
        if ((state.status !== 'decided' && state.status !== 'closed') || !liable()) {
          refuse(`case ${caseId} carries no liability (${state.status}${state.outcome ? `, ${state.outcome}` : ''})`);
        }
        if (Date.now() < dayStartAt(clocked, calendar.provincialVerification.start)) {
          refuse(`provincial penalties are imposed in phase 3, from ${calendar.provincialVerification.start}`);
        }
        if ((kinds ?? settings.provincialPenaltyKinds).length === 0) refuse('name the penalty kinds to impose');
        if (containsIdNumber(note)) refuse('the note contains an ID number');
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

  markStatus('open');
  if (!input.evidenceGathered) await cases.gatherCaseEvidence(caseId, { gatheredAt: now() });
  // The worklist offers a case once its workflow takes decisions (runs recorded before this
  // mark existed replay without it).
  if (patched(CASE_READY_MARK)) await cases.markCaseReady(caseId, now());
  await awaitDecision();
  state.status = 'closed';
  markStatus('closed');

  // A liable case stays reachable for imposeProvincialPenalty until phase 3 ends; its shard
  // learns of the closure by signal instead of waiting for the completion.
  const provincialEnd = deadlineAt(clocked, calendar.provincialVerification.deadline);
  if (liable() && Date.now() < provincialEnd) {
    const parent = workflowInfo().parent;
    if (input.notifyParentOnClose && parent) {
      await getExternalWorkflowHandle(parent.workflowId).signal(caseClosedSignal, { caseId, outcome: state.outcome! });
    }
    await sleep(provincialEnd - Date.now());
  }
  await condition(allHandlersFinished);
  return { caseId, outcome: state.outcome!, penaltyIds: state.penaltyIds, exempt: state.exempt };

  /** Waits for the decision; between wake-ups, the next reminder, escalation or overdue alert. */
  async function awaitDecision(): Promise<void> {
    while (state.status !== 'decided') {
      if (state.status === 'deciding') {
        await condition(() => state.status !== 'deciding');
        continue;
      }
      const alarm = nextCaseAlarm(clocked, settings, alarms);
      const interrupted = () => state.status === 'decided' || state.status === 'deciding' || dueMoved;
      const woke = alarm ? await condition(interrupted, Math.max(1, alarm.atMs - Date.now())) : (await condition(interrupted), true);
      if (dueMoved) {
        dueMoved = false;
        continue;
      }
      if (!woke && alarm) await raiseAlarm(alarm);
    }
  }

  /** Supervisors and the city see that a decision was refused and the case is open again. */
  async function raiseRefusalAlert(updateId: string): Promise<void> {
    const r = await alerts.raiseAlert({
      alertKey: `campaign/${campaignId}/city/${cityCode}/case/${caseId}/decision-refused/${updateId}`,
      level: 'warning',
      kind: 'decision_refused',
      campaignId,
      cityCode,
      phase: 'investigation',
      caseId,
      raisedAt: now(),
      message: `案件 ${caseId} 的核查结论未能保存（数据库拒绝了其中的内容），已恢复为待核查状态，请经办人重新作出结论`,
    });
    deliverAlert({ alertKey: r.alertKey }).catch(() => undefined);
  }

  async function raiseAlarm(alarm: CaseAlarm): Promise<void> {
    const dueDate = alarm.kind === 'overdue' ? calendarDateAt(clocked, alarms.dueAtMs - 1) : undefined;
    const r = await cases.alertCase({
      campaignId,
      cityCode,
      caseId,
      kind: alarm.kind,
      occurrence: alarm.occurrence,
      daysOpen: alarm.daysOpen,
      dueDate,
      at: now(),
    });
    if (alarm.kind === 'reminder') state.reminders = alarms.reminders = alarm.occurrence;
    if (alarm.kind === 'escalation') state.escalated = alarms.escalated = true;
    if (alarm.kind === 'overdue') {
      alarms.overdueForMs = alarms.dueAtMs;
      state.overdue = true;
    }
    deliverAlert({ alertKey: r.alertKey }).catch(() => undefined);
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
