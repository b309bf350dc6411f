/**
 * One complaint or tip (投诉举报) as a case of its own (docs/complaints.md). Started by the API when
 * the complaint is registered (id complaint/<number>); it does not depend on the campaign's or the
 * city's workflows, so complaints keep being worked after the campaign's end. It holds the status
 * and the two time limits: acceptance (受理) from registration, handling (办理, to the reply) from
 * acceptance; before each a reminder, at each an overdue alert (the alert table, as the cases'
 * alerts). Each officer's step is an update naming the step row the API wrote; an activity applies
 * it in one transaction. An acceptance that opens or reopens the person's case starts that case's
 * workflow here, as a child that outlives this one (ABANDON): no city workflow is needed.
 */
import { allHandlersFinished, condition, currentUpdateInfo, proxyActivities, proxyLocalActivities, setHandler } from '@temporalio/workflow';
import type { ComplaintActivities } from '../activities/complaints';
import type { AppliedStep } from '../activities/complaints/applyComplaintStep';
import type { DeliverAlertInput } from '../activities/notifications/deliverAlert';
import { DAY_MS, isFinished, stepRefusal } from '../domain/complaintCase';
import { CampaignIdAttr, CityCodeAttr, PhaseAttr } from './messages/campaign';
import { caseWorkflowId } from './messages/case';
import { ComplaintStepArgs, complaintStateQuery, complaintStepUpdate, ComplaintWorkflowInput, type ComplaintState } from './messages/complaint';
import { parseWorkflowInput } from './parseInput';
import { refuse } from './refuse';
import { startAbandonedChild } from './startAbandonedChild';

const acts = proxyLocalActivities<ComplaintActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

const { deliverAlert } = proxyActivities<{ deliverAlert(input: DeliverAlertInput): Promise<unknown> }>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '30 seconds', backoffCoefficient: 2, maximumInterval: '30 minutes', maximumAttempts: 10 },
});

type Limit = 'accept' | 'handle';

export async function complaintWorkflow(raw: ComplaintWorkflowInput): Promise<ComplaintState> {
  const input = parseWorkflowInput(ComplaintWorkflowInput, raw, 'complaint workflow');
  const { complaintNo } = input;
  const state: ComplaintState = { complaintNo, status: 'registered', acceptDueAt: input.acceptDueAt, reminders: 0, overdue: false };
  /** Which reminders and overdue alerts were raised, per time limit. */
  const raised = new Set<string>();
  let stepsSeen = 0;

  setHandler(complaintStateQuery, () => ({ ...state }));

  setHandler(
    complaintStepUpdate,
    async (args) => {
      const { stepId, step } = ComplaintStepArgs.parse(args);
      const updateId = currentUpdateInfo()?.id ?? stepId;
      const applied: AppliedStep = await acts.applyComplaintStep({ complaintNo, stepId: updateId, step });
      state.status = applied.status;
      if (applied.handleDueAt) state.handleDueAt = applied.handleDueAt;
      if (applied.startCase) await startCase(applied.startCase);
      stepsSeen++;
      return { ...state };
    },
    {
      validator: (args) => {
        const r = ComplaintStepArgs.safeParse(args);
        if (!r.success) refuse('投诉举报的办理步骤无效 (invalid step)');
        const why = stepRefusal(state.status, r.data.step);
        if (why) refuse(why, 'ComplaintStepRefused');
      },
    },
  );

  while (!isFinished(state.status)) {
    const limit: Limit = state.status === 'registered' ? 'accept' : 'handle';
    const dueAt = limit === 'accept' ? state.acceptDueAt : state.handleDueAt;
    const seen = stepsSeen;
    const alarm = dueAt ? nextAlarm(limit, Date.parse(dueAt)) : undefined;
    if (!alarm) {
      await condition(() => stepsSeen !== seen);
      continue;
    }
    const woke = await condition(() => stepsSeen !== seen, Math.max(1, alarm.atMs - Date.now()));
    if (!woke) await raise(limit, alarm.kind, dueAt!);
  }
  await condition(allHandlersFinished);
  return { ...state };

  function nextAlarm(limit: Limit, dueMs: number): { kind: 'reminder' | 'overdue'; atMs: number } | undefined {
    const remindAt = dueMs - input.remindDaysBefore * DAY_MS;
    if (input.remindDaysBefore > 0 && !raised.has(`${limit}/reminder`) && !raised.has(`${limit}/overdue`)) {
      return { kind: 'reminder', atMs: remindAt };
    }
    if (!raised.has(`${limit}/overdue`)) return { kind: 'overdue', atMs: dueMs };
    return undefined;
  }

  async function raise(limit: Limit, kind: 'reminder' | 'overdue', dueAt: string): Promise<void> {
    raised.add(`${limit}/${kind}`);
    if (kind === 'reminder') state.reminders++;
    else state.overdue = true;
    const r = await acts.alertComplaint({
      complaintNo,
      campaignId: input.campaignId,
      cityCode: input.cityCode,
      limit,
      kind,
      dueAt,
      at: new Date().toISOString(),
    });
    deliverAlert({ alertKey: r.alertKey }).catch(() => undefined);
  }

  async function startCase(args: NonNullable<AppliedStep['startCase']>): Promise<void> {
    // A reopened case's earlier run has completed: this is its next run (the default reuse policy allows it).
    await startAbandonedChild('caseWorkflow', {
      workflowId: caseWorkflowId(args.campaignId, args.cityCode, args.caseId),
      args: [args],
      typedSearchAttributes: [
        { key: CampaignIdAttr, value: args.campaignId },
        { key: CityCodeAttr, value: args.cityCode },
        { key: PhaseAttr, value: 'investigation' },
      ],
    });
  }
}
