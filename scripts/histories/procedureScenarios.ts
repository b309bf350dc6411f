/** The penalty procedure's recorded scenarios: its whole path, and a decision revised to no penalty (scripts/recordHistories.ts). */
import { type WorkflowHandle } from '@temporalio/client';
import { procedureStateQuery } from '../../workflows/messages/penaltyProcedure';
import { settleCaseDecision } from '../../activities/cases/settleCaseDecision';
import type { OfficerTextKind } from '../../domain/officerText';
import { procedureIdOf } from '../../domain/penaltyProcedure';
import { storeOfficerText } from '../../services/officerTexts';
import * as procedure from '../../services/penaltyProcedure';
import { DAY } from '../../test/support/caseWorkflowEnv';
import { CITY, correctionsCity, officer, violation, type ScenarioContext } from './scenario';

/**
 * One city procedure along its whole path, on a campaign clock whose present is 10:00 on Friday
 * 13 February 2026 (the statement window crosses 春节), driven through the services as the API does.
 */
export async function wholeProcedure(ctx: ScenarioContext, campaignId: string): Promise<WorkflowHandle[]> {
  const p = await startCityProcedure(ctx, campaignId);
  const { h, deps, head, text, cmd } = p;
  const today = '2026-02-13';
  const receiver = await proposeAndNotify(p, today);
  await procedure.requestHearing(deps, cmd({ officer, requestedOn: today }));
  await procedure.scheduleHearing(
    deps,
    cmd({
      officer,
      hearingDate: '2026-03-06',
      hearingTime: '09:30',
      place: await text('procedure.hearingPlace', '第三会议室'),
      presidingOfficer: await text('procedure.presidingOfficer', '法制科负责人'),
    }),
  );
  await procedure.recordService(deps, cmd({ officer, document: 'hearing_notice', method: 'direct', servedOn: today, receiver }));
  await ctx.env.sleep(21 * DAY); // Friday 6 March
  await procedure.recordHearing(
    deps,
    cmd({
      officer,
      heldOn: '2026-03-06',
      record: await text('procedure.hearingRecord', '听证笔录'),
      participants: await text('procedure.participants', '当事人'),
    }),
  );
  await procedure.reviewStatement(
    deps,
    cmd({
      officer,
      adopted: true,
      reasons: await text('procedure.reviewReasons', '部分采纳'),
      measures: [{ kind: 'FINE', amountYuan: 3000 }, { kind: 'BAD_CONDUCT_RECORD' }],
    }),
  );
  await procedure.approveDecision(deps, cmd({ officer: head, approved: true }));
  await procedure.recordService(deps, cmd({ officer, document: 'decision', method: 'post', servedOn: '2026-03-06', receiver }));
  await h.result();
  return [h];
}

/**
 * Patches 'decision-revision' and 'no-penalty-decision': the review drops every measure, the
 * responsible person sends the decision back, the officer revises it (no penalty, the reasons
 * completed); the 不予行政处罚决定书 is approved and served, and the procedure closes no_penalty.
 */
export async function decisionRevisedToNoPenalty(ctx: ScenarioContext, campaignId: string): Promise<WorkflowHandle[]> {
  const p = await startCityProcedure(ctx, campaignId);
  const { h, deps, head, text, cmd } = p;
  const today = '2026-02-13';
  const receiver = await proposeAndNotify(p, today);
  await procedure.waiveRights(deps, cmd({ officer, waivedOn: today }));
  await procedure.reviewStatement(deps, cmd({ officer, adopted: true, noPenalty: true, reasons: await text('procedure.reviewReasons', '违法事实不能成立') }));
  await procedure.approveDecision(deps, cmd({ officer: head, approved: false }));
  await procedure.reviseDecision(deps, cmd({ officer, noPenalty: true, reasons: await text('procedure.revisionReasons', '补充说明不予处罚的理由') }));
  await procedure.approveDecision(deps, cmd({ officer: head, approved: true }));
  await procedure.recordService(deps, cmd({ officer, document: 'decision', method: 'post', servedOn: today, receiver }));
  await h.result();
  return [h];
}

/** Both procedure scenarios' opening: a fine and a bad-conduct record proposed and approved, the notice served, a statement made. */
async function proposeAndNotify(p: Awaited<ReturnType<typeof startCityProcedure>>, today: string) {
  const { deps, head, text, cmd } = p;
  await procedure.submitProposal(
    deps,
    cmd({
      officer,
      measures: [{ kind: 'FINE', amountYuan: 5000 }, { kind: 'BAD_CONDUCT_RECORD' }],
      facts: await text('procedure.facts', '注册单位非实际工作单位'),
      evidence: await text('procedure.evidence', '社会保险缴费记录'),
    }),
  );
  await procedure.approveProposal(deps, cmd({ officer: head, approved: true }));
  const receiver = await text('procedure.receiver', '当事人本人');
  await procedure.recordService(deps, cmd({ officer, document: 'notice', method: 'direct', servedOn: today, receiver }));
  await procedure.recordStatement(deps, cmd({ officer, receivedOn: today, statement: await text('procedure.statement', '当事人陈述') }));
  return receiver;
}

/** A city procedure started on a campaign clock whose present is 10:00 on Friday 13 February 2026, waiting for the proposal. */
async function startCityProcedure(ctx: ScenarioContext, campaignId: string) {
  const c = await correctionsCity(ctx, campaignId, 1);
  const [caseId] = c.caseIds;
  const decision = { ...violation, actualEmployer: { ...violation.actualEmployer } };
  await settleCaseDecision(
    ctx.pool,
    caseId,
    'decide',
    decision,
    officer,
    { decidedAt: new Date().toISOString(), decidedOn: c.config.calendar.investigation.start },
    {
      calendar: c.config.calendar,
      kinds: [],
    },
  );
  const today = '2026-02-13';
  const now = await ctx.env.currentTimeMs();
  const h = await ctx.env.client.workflow.start('penaltyProcedureWorkflow', {
    taskQueue: ctx.taskQueue,
    workflowId: procedureIdOf(caseId, 'city'),
    args: [
      {
        caseId,
        campaignId,
        cityCode: CITY,
        level: 'city',
        openedOn: today,
        clock: { kind: 'compressed', start: new Date(now - 10 * 3600_000).toISOString(), minutesPerDay: 1440 },
        calendar: {
          selfCheck: { start: today, deadline: '2026-02-18' },
          progressNotice: { date: '2026-02-19' },
          investigation: { start: '2026-02-19', deadline: '2026-04-14' },
          provincialVerification: { start: '2026-04-15', deadline: '2026-05-14' },
        },
      },
    ],
  });
  const deps = { client: ctx.env.client };
  const at = { caseId, level: 'city' as const };
  const head = { ...officer, userId: 'head-2205', responsible: true };
  const text = (kind: OfficerTextKind, t: string) => storeOfficerText(ctx.pool, { kind, text: t, createdBy: 'history' });
  let n = 0;
  const cmd = <A>(args: A) => ({ ...at, requestId: `history-${++n}`, args });
  for (let tries = 0; !(await h.query(procedureStateQuery)).awaiting.includes('submit_proposal'); tries++) {
    if (tries > 100) throw new Error('the procedure found no basis');
    await new Promise((r) => setTimeout(r, 100));
  }
  return { h, deps, head, text, cmd };
}
