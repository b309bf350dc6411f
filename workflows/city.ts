/**
 * One city (市（州）) through the campaign: self-check intake and its summary, screening, cases in
 * shards, complaints, the investigation report, and the province's review of both reports.
 *
 * The city holds counts, never per-case state (a city may have 20,000 cases): cases live in their
 * own workflows under shards, and in the read model. Its history is bounded by continue-as-new:
 * every step below is idempotent and its progress is in `s`, so a new run resumes where it was.
 */
import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  continueAsNew,
  currentUpdateInfo,
  getExternalWorkflowHandle,
  patched,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../activities';
import { cityName } from '../domain/cities';
import type { ErrorCode } from '../domain/errors';
import { DATA_REFUSED_ROLLBACK, dataRefusedFailure, isDataRefused } from './dataRefused';
import { parseWorkflowInput } from './parseInput';
import { refuse } from './refuse';
import { dayStartAt, deadlineAt, HOUR_MS, screeningSettingsOf, wallDuration } from '../domain/campaignConfig';
import { cityReportChangedSignal, campaignWorkflowId, PhaseAttr } from './messages/campaign';
import { ALERTS_END_BEFORE_CONTINUE, notificationsInFlight, extendWatch, notify, watchDeadline } from './messages/campaignDeadlineWatch';
import type { CityDeadlinePhase } from '../domain/deadlinePhase';
import { Officer, type OfficerInput } from '../domain/officer';
import type { SubmissionKind } from '../domain/submissionKind';
import { containsIdNumber } from './messages/case';
import {
  CityCarry,
  CityWorkflowInput,
  cityStateQuery,
  closeCitySignal,
  extendCityDeadlineUpdate,
  liableDecisionSignal,
  processDeregistrationUpdate,
  recordSelfCheckDeclarationUpdate,
  registerComplaintUpdate,
  requestDeregistrationUpdate,
  reviewSubmissionUpdate,
  submitInvestigationUpdate,
  submitSelfCheckUpdate,
  type CityState,
  type ExtendDeadlineArgs,
  type ReviewSubmissionArgs,
  type SubmitReportArgs,
} from './messages/city';
import { forwardCaseDue, startCaseShard, startComplaintCase } from './messages/cityCases';
import { signSubmissionUpdate, type SignSubmissionArgs } from './messages/citySignoffs';
import { DEPARTMENTS_COSIGN, partsAwaited, reviewPartOf, validateSignoff } from './citySignoffs';
import { attachSelfCheck, registerRescreenHandler, rescreenBeforeCases, RESCREEN_CASES, screenForSelfCheck, SELF_CHECK_SCREENING } from './cityRescreen';

/**
 * Issue 20: on-site checks start while the investigation runs (a unit past the pronounced-hanging
 * threshold gets its check when a liable decision tells the city), not only when the city submits
 * its report. Histories recorded before it have no such signal and no such checks; the patch is
 * asked only when a signal came, so a run that never gets one records no marker either.
 */
export const ONSITE_CHECKS_DURING_INVESTIGATION = 'onsite-checks-during-investigation';

const acts = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});
// Rendering a city's summary table and work report (issue 5) takes seconds to minutes.
const reporting = proxyActivities<Activities>({
  startToCloseTimeout: '10 minutes',
  heartbeatTimeout: '1 minute',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});
// Screening and opening a city's cases read and write tens of thousands of rows.
const bulk = proxyActivities<Activities>({
  startToCloseTimeout: '30 minutes',
  heartbeatTimeout: '2 minutes',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

export interface CityResult {
  cityCode: string;
  casesOpened: number;
  investigation: CityCarry['submissions']['investigation']['status'];
  runs: number;
}

export async function cityWorkflow(raw: CityWorkflowInput): Promise<CityResult> {
  const input = parseWorkflowInput(CityWorkflowInput, raw, 'city workflow');
  const { campaignId, cityCode, config } = input;
  const cal = config.calendar;
  const s: CityCarry =
    input.carry ??
    CityCarry.parse({
      deadlines: { selfCheck: { date: cal.selfCheck.deadline }, investigation: { date: cal.investigation.deadline } },
      submissions: { self_check: {}, investigation: {} },
    });
  const name = cityName(cityCode);
  const now = () => new Date().toISOString();
  const keyBase = (phase: CityDeadlinePhase) => `campaign/${campaignId}/city/${cityCode}/deadline/${phase}`;
  let submitting = false; // one report update at a time: validators run before handlers finish

  const requireOfficer = (raw: OfficerInput, role: 'province_coordinator' | 'city_officer') => {
    const o = Officer.safeParse(raw);
    if (!o.success || o.data.role !== role)
      refuse(`此操作须由${role === 'province_coordinator' ? '省级协调人' : '市（州）经办人'}办理 (role ${role} required)`, 'RoleCannotAct');
    if (role === 'city_officer' && o.data.cityCode !== cityCode) refuse(`经办人不属于${name} (officer of another city)`, 'RoleCannotAct');
  };
  const validateReport = (kind: SubmissionKind, a: SubmitReportArgs) => {
    requireOfficer(a.officer, 'city_officer');
    if (submitting) refuse('另一份报送正在处理 (another submission is in progress)');
    const st = s.submissions[kind].status;
    if (st === 'submitted' || st === 'approved') refuse(`已报送，状态为 ${st} (already ${st})`);
    if (st === 'signing') refuse('已报送，等待市（州）人社局会签 (awaiting the 人社 signature)');
    if (containsIdNumber(a.summary)) refuse('报送说明不得包含身份证号 (no ID numbers in the summary)');
  };

  async function submitReport(kind: SubmissionKind, a: SubmitReportArgs) {
    const phase: CityDeadlinePhase = kind === 'self_check' ? 'selfCheck' : 'investigation';
    const sub = s.submissions[kind];
    const watch = s.deadlines[phase];
    const version = sub.version + 1;
    const at = now();
    const late = version === 1 ? Date.now() >= deadlineAt(config, watch.date) : sub.late;
    if (kind === 'investigation') {
      // Units with pronounced hanging get their on-site checks before the city reports its figures.
      const { minViolations, minShare } = config.rules.pronouncedHanging;
      await acts.checkPronouncedHanging({ campaignId, cityCode, minViolations, minShare, at });
    }
    const cosign = patched(DEPARTMENTS_COSIGN);
    try {
      await acts.recordSubmission({
        ...(cosign ? { awaitingSignature: true, signedRole: a.officer.role } : {}),
        campaignId,
        cityCode,
        kind,
        version,
        submittedAt: at,
        submittedBy: a.officer.userId,
        late,
        summary: a.summary,
      });
    } catch (err) {
      // Nothing of this version was kept (the submission's state changes only below): the city may submit again.
      if (isDataRefused(err) && patched(DATA_REFUSED_ROLLBACK)) {
        await notify({
          alertKey: `campaign/${campaignId}/city/${cityCode}/submission/${kind}/v${version}/refused/${currentUpdateInfo()!.id}`,
          level: 'warning',
          kind: 'submission_refused',
          campaignId,
          cityCode,
          phase,
          message: `${name}的${kind === 'self_check' ? '自查汇总' : '排查报告'}未能保存（数据库拒绝了其中的内容），请修改后重新报送`,
        });
        throw dataRefusedFailure(`${name}的报送未能保存（数据库拒绝了其中的内容），可修改后重新报送`);
      }
      throw err;
    }
    if (cosign) {
      // Issue 21: submitted to the province only when 人社 has signed too (signSubmissionUpdate below).
      Object.assign(sub, { version, status: 'signing', cosigned: true, signoffs: { housing: a.officer.userId }, approvedParts: [] });
      return { version, late, submittedAt: at, status: 'signing' as const, awaiting: ['hr' as const] };
    }
    Object.assign(sub, { version, status: 'submitted', late }, version === 1 ? { firstSubmittedAt: at } : {});
    await completeSubmission(kind, version, a.officer.userId, at);
    return { version, late, submittedAt: at };
  }

  /** A version reaches the province: the deadline is met, the city moves to review, the reports are rendered. */
  async function completeSubmission(kind: SubmissionKind, version: number, requestedBy: string, at: string) {
    const phase: CityDeadlinePhase = kind === 'self_check' ? 'selfCheck' : 'investigation';
    const watch = s.deadlines[phase];
    if (!watch.met) {
      watch.met = true;
      await acts.resolveAlerts({ keyPrefix: `${keyBase(phase)}/`, resolvedAt: at });
    }
    if (kind === 'investigation') await acts.setCityPhase({ campaignId, cityCode, phase: 'review', at });
    tellCampaign(kind);
    // Added after the first campaigns ran: their histories have no report activities here.
    if (patched('reports')) renderReports(kind, version, requestedBy, at);
  }

  // Continue-as-new waits for these: a run must not close under its own signal or report.
  let signalsInFlight = 0;
  let reportsInFlight = 0;
  /** The 汇总表 (and the work report) as files, rendered after the update has answered the officer. */
  function renderReports(kind: SubmissionKind, version: number, requestedBy: string, at: string) {
    const kinds =
      kind === 'self_check'
        ? [['self_check_table', 'self_check'] as const]
        : [['investigation_table', 'investigation'] as const, ['city_work_report', 'work_report'] as const];
    for (const [reportKind, step] of kinds) {
      reportsInFlight++;
      reporting
        .produceReport({
          campaignId,
          cityCode,
          kind: reportKind,
          requestedBy,
          at,
          requestId: `${workflowInfo().workflowId}/report/${step}/v${version}`,
        })
        .catch(() => undefined)
        .finally(() => reportsInFlight--);
    }
  }
  function tellCampaign(kind: SubmissionKind) {
    const sub = s.submissions[kind];
    signalsInFlight++;
    // Not awaited by the handler: a city run on its own (tests, a re-attached city) has no campaign to tell.
    getExternalWorkflowHandle(campaignWorkflowId(campaignId))
      .signal(cityReportChangedSignal, { cityCode, kind, version: sub.version, status: sub.status })
      .catch(() => undefined)
      .finally(() => signalsInFlight--);
  }

  setHandler(
    submitSelfCheckUpdate,
    async (a) => {
      submitting = true;
      try {
        return await submitReport('self_check', a);
      } finally {
        submitting = false;
      }
    },
    { validator: (a) => validateReport('self_check', a) },
  );

  setHandler(
    submitInvestigationUpdate,
    async (a) => {
      submitting = true;
      try {
        const open = await acts.findOpenCases({ campaignId, cityCode });
        if (open.open > 0) {
          throw ApplicationFailure.nonRetryable(
            `尚有${open.open}件案件未办结（如 ${open.sample.join('、')}），须逐件作出核查结论或注明理由结转后再报送`,
            'OpenCases' satisfies ErrorCode,
          );
        }
        return await submitReport('investigation', a);
      } finally {
        submitting = false;
      }
    },
    {
      validator: (a) => {
        validateReport('investigation', a);
        if (s.stage !== 'investigation') refuse('排查阶段尚未开始或案件尚未全部立案 (investigation not started)');
      },
    },
  );

  // Issue 21: 人社's signature completes the version 住建 submitted (workflows/citySignoffs.ts).
  setHandler(
    signSubmissionUpdate,
    async (a: SignSubmissionArgs) => {
      const sub = s.submissions[a.kind];
      const phase: CityDeadlinePhase = a.kind === 'self_check' ? 'selfCheck' : 'investigation';
      const at = now();
      // Submitted (and late or not) when the second signature comes: the report reaches the province then.
      const late = a.version === 1 ? Date.now() >= deadlineAt(config, s.deadlines[phase].date) : sub.late;
      await acts.recordSignoff({ campaignId, cityCode, kind: a.kind, version: a.version, signedBy: a.officer.userId, signedRole: a.officer.role, at, late });
      Object.assign(sub, { status: 'submitted', late, signoffs: { ...sub.signoffs, hr: a.officer.userId } }, a.version === 1 ? { firstSubmittedAt: at } : {});
      await completeSubmission(a.kind, a.version, a.officer.userId, at);
      return { version: a.version, late, submittedAt: at, status: 'submitted' as const, awaiting: [] };
    },
    { validator: (a: SignSubmissionArgs) => validateSignoff(s.submissions[a.kind], cityCode, name, a) },
  );

  setHandler(
    reviewSubmissionUpdate,
    async (a: ReviewSubmissionArgs) => {
      const sub = s.submissions[a.kind];
      if (sub.cosigned) {
        // Issue 21: each provincial department reviews its part; approved when both are, returned by either.
        const part = reviewPartOf(sub, a.officer);
        await acts.recordReviewPart({
          campaignId,
          cityCode,
          kind: a.kind,
          version: a.version,
          department: part,
          decision: a.decision,
          comments: a.comments,
          reviewedBy: a.officer.userId,
          at: now(),
        });
        if (a.decision === 'approve') {
          sub.approvedParts = [...(sub.approvedParts ?? []), part];
          const awaiting = partsAwaited(sub);
          if (awaiting.length > 0) return { status: 'submitted' as const, awaiting };
        }
      }
      const status: 'approved' | 'returned' = a.decision === 'approve' ? 'approved' : 'returned';
      Object.assign(sub, { status, lastComments: a.comments });
      await acts.recordReview({
        campaignId,
        cityCode,
        kind: a.kind,
        version: a.version,
        decision: a.decision,
        comments: a.comments,
        reviewedBy: a.officer.userId,
        at: now(),
        // Ids only; absent in every review recorded before issue 19.
        ...(a.reopenCaseIds?.length ? { reopenCaseIds: a.reopenCaseIds } : {}),
      });
      if (a.kind === 'investigation') {
        await acts.setCityPhase({ campaignId, cityCode, phase: status === 'approved' ? 'verified' : 'investigation', at: now() });
      }
      tellCampaign(a.kind);
      return { status, ...(a.reopenCaseIds?.length ? { reopenCaseIds: a.reopenCaseIds } : {}) };
    },
    {
      validator: (a: ReviewSubmissionArgs) => {
        const sub = s.submissions[a.kind];
        if (sub.cosigned) reviewPartOf(sub, a.officer);
        else requireOfficer(a.officer, 'province_coordinator');
        if (sub.status !== 'submitted' || sub.version !== a.version) {
          refuse(`没有待审核的第${a.version}版报送（当前第${sub.version}版，状态 ${sub.status}）`);
        }
        if (a.decision === 'return' && !a.comments) refuse('退回须填写意见 (a return needs comments)');
        if (containsIdNumber(a.comments)) refuse('审核意见不得包含身份证号');
        if (a.reopenCaseIds?.length && (a.decision !== 'return' || a.kind !== 'investigation')) {
          refuse('只有退回排查报告时才能列出需重新办理的案件 (cases are named for reopening only in a return of the investigation report)');
        }
        if (a.reopenCaseIds?.some((id) => containsIdNumber(id))) refuse('案件编号不得包含身份证号');
      },
    },
  );

  setHandler(
    extendCityDeadlineUpdate,
    async (a: ExtendDeadlineArgs) => {
      const watch = s.deadlines[a.phase];
      const fromDate = watch.date;
      extendWatch(watch, a.newDate);
      const dueAt = new Date(deadlineAt(config, a.newDate)).toISOString();
      const at = now();
      await acts.recordDeadlineExtension({
        requestId: currentUpdateInfo()?.id ?? `${a.phase}/${a.newDate}`,
        campaignId,
        deadlineKey: `${a.phase}/${cityCode}`,
        fromDate,
        toDate: a.newDate,
        dueAt,
        reason: a.reason,
        extendedBy: a.officer.userId,
        at,
      });
      await acts.resolveAlerts({ keyPrefix: `${keyBase(a.phase)}/`, resolvedAt: at });
      if (a.phase === 'investigation') await forwardCaseDue(input, s, await acts.listOpenComplaintCases({ campaignId, cityCode }));
      return { deadlineKey: `${a.phase}/${cityCode}`, fromDate, toDate: a.newDate, dueAt };
    },
    {
      validator: (a: ExtendDeadlineArgs) => {
        requireOfficer(a.officer, 'province_coordinator');
        const w = s.deadlines[a.phase];
        if (w.met) refuse('该期限已完成报送，无需延期 (deadline already met)');
        if (a.newDate <= w.date) refuse(`新期限须晚于当前期限 ${w.date} (must be later than ${w.date})`);
        if (containsIdNumber(a.reason)) refuse('延期理由不得包含身份证号');
      },
    },
  );

  setHandler(recordSelfCheckDeclarationUpdate, async ({ id }) => {
    await acts.acceptSelfCheckDeclaration({ campaignId, cityCode, declarationId: id });
    return { declarations: ++s.counts.declarations };
  });

  setHandler(requestDeregistrationUpdate, async ({ id }) => {
    const r = await acts.acceptDeregistrationRequest({ campaignId, cityCode, requestId: id });
    s.counts.deregistrationRequests++;
    // A request made while the person's case is open belongs to the case: no time limit to watch.
    if (!r.processed && !r.caseId && (s.nextSlaDueAt === null || r.slaDueAt < s.nextSlaDueAt)) s.nextSlaDueAt = r.slaDueAt;
    return { slaDueAt: r.slaDueAt, ...(r.caseId ? { caseId: r.caseId } : {}) };
  });

  setHandler(
    processDeregistrationUpdate,
    async (a) => {
      const r = await acts.processDeregistration({
        campaignId,
        cityCode,
        requestId: a.requestId,
        outcome: a.outcome,
        processedBy: a.officer.userId,
        at: now(),
      });
      s.counts.deregistrationsProcessed++;
      return r;
    },
    { validator: (a) => requireOfficer(a.officer, 'province_coordinator') },
  );

  setHandler(
    registerComplaintUpdate,
    async ({ complaintId }) => {
      const r = await acts.findComplaintCase({ campaignId, cityCode, complaintId });
      s.counts.complaints++;
      if (r.created && r.caseId) await startComplaintCase(input, s, r.caseId);
      return { complaintId, caseId: r.caseId, newCase: r.created };
    },
    {
      validator: ({ complaintId }) => {
        if (containsIdNumber(complaintId)) refuse('投诉编号不得包含身份证号 (no ID numbers in the complaint id)');
      },
    },
  );

  setHandler(closeCitySignal, () => {
    s.closeRequested = true;
  });

  let liableDecisions = 0;
  setHandler(liableDecisionSignal, () => {
    liableDecisions++;
  });

  // Issue 21: fresh data re-screens the city's list (and opens cases in a running investigation).
  registerRescreenHandler(input, s);

  setHandler(cityStateQuery, (): CityState => ({
    campaignId,
    cityCode,
    stage: s.stage,
    submissions: s.submissions,
    counts: s.counts,
    screening: s.screening,
    run: s.runs,
    deadlines: {
      selfCheck: { ...pick(s.deadlines.selfCheck) },
      investigation: { ...pick(s.deadlines.investigation) },
    },
  }));
  const pick = (w: CityCarry['deadlines']['selfCheck']) => ({
    date: w.date,
    dueAt: new Date(deadlineAt(config, w.date)).toISOString(),
    met: w.met,
    overdueAlerts: w.overdueOccurrence,
  });

  // ---- The process ----
  upsertSearchAttributes([{ key: PhaseAttr, value: s.stage }]);

  async function enterStage(stage: CityCarry['stage'], phase: 'screening' | 'investigation' | 'completed') {
    s.stage = stage;
    upsertSearchAttributes([{ key: PhaseAttr, value: stage }]);
    await acts.setCityPhase({ campaignId, cityCode, phase, at: now() });
  }

  async function investigate(): Promise<void> {
    // Phase 1's list, at launch. Awaited only when it runs: a bare await would reorder the first commands of older runs.
    if (s.stage === 'selfCheck' && !s.screening && patched(SELF_CHECK_SCREENING)) await screenForSelfCheck(input, s);
    if (s.stage === 'selfCheck') {
      const start = dayStartAt(config, cal.investigation.start);
      if (start > Date.now()) await condition(() => s.closeRequested, start - Date.now());
      if (s.closeRequested) return;
      await enterStage('screening', 'screening');
    }
    if (s.stage === 'screening') {
      if (patched(RESCREEN_CASES)) await rescreenBeforeCases(input); // cases only for those still inconsistent on fresh data
      const at = now();
      const run = await bulk.screenCity({ campaignId, cityCode, snapshotId: input.snapshotId, settings: screeningSettingsOf(config), at });
      s.screening = { runId: run.screeningRunId, personsScreened: run.personsScreened, personsFlagged: run.personsFlagged };
      const dueAt = new Date(deadlineAt(config, s.deadlines.investigation.date)).toISOString();
      const opened = await bulk.openCasesFromScreening({
        campaignId,
        cityCode,
        screeningRunId: run.screeningRunId,
        dueAt,
        openedAt: at,
        shardSize: config.rules.shardSize,
      });
      s.counts.casesOpened = opened.total;
      if (patched(RESCREEN_CASES)) await attachSelfCheck(input, run.screeningRunId);
      s.stage = 'openingCases';
    }
    if (s.stage === 'openingCases') {
      // Page by case id: each page becomes one shard (<= shardSize children per shard).
      for (;;) {
        const ids = await acts.listCaseIds({ campaignId, cityCode, afterCaseId: s.afterCaseId, limit: config.rules.shardSize });
        if (ids.length === 0) break;
        await startCaseShard(input, s, s.counts.shardsStarted, ids);
        s.afterCaseId = ids[ids.length - 1];
        s.counts.shardsStarted++;
      }
      await enterStage('investigation', 'investigation');
    }
  }

  async function watchDeregistrations(): Promise<void> {
    while (!s.closeRequested) {
      const target = s.nextSlaDueAt;
      if (target === null) {
        await condition(() => s.nextSlaDueAt !== null || s.closeRequested);
        continue;
      }
      const wait = Date.parse(target) - Date.now();
      if (wait > 0 && (await condition(() => s.nextSlaDueAt !== target || s.closeRequested, wait))) continue;
      const r = await acts.alertOverdueDeregistrations({ campaignId, cityCode, at: now() });
      if (s.nextSlaDueAt === target) s.nextSlaDueAt = r.nextDueAt;
    }
  }

  /**
   * Looks for units past the threshold when a liable decision comes, at once for the first and then
   * at most once every `minHoursBetweenChecks` campaign hours (the check reads every liable case of
   * the city: a burst of decisions makes one check, not one each).
   */
  async function watchPronouncedHanging(): Promise<void> {
    const { minViolations, minShare, minHoursBetweenChecks } = config.rules.pronouncedHanging;
    for (;;) {
      await condition(() => liableDecisions > 0 || s.closeRequested);
      if (s.closeRequested || !patched(ONSITE_CHECKS_DURING_INVESTIGATION)) return;
      liableDecisions = 0;
      await acts.checkPronouncedHanging({ campaignId, cityCode, minViolations, minShare, at: now() });
      if (await condition(() => s.closeRequested, wallDuration(config, minHoursBetweenChecks * HOUR_MS))) return;
    }
  }

  const watch = (phase: CityDeadlinePhase, what: string) =>
    watchDeadline({ config, campaignId, cityCode, phase, keyBase: keyBase(phase), who: name, what, stopped: () => s.closeRequested }, s.deadlines[phase]);

  const tooLong = () => workflowInfo().continueAsNewSuggested || workflowInfo().historyLength >= input.maxHistoryEvents;
  const done = Promise.all([
    investigate(),
    watch('selfCheck', '报送自查自纠汇总表'),
    watch('investigation', '报送排查工作报告和汇总表'),
    watchDeregistrations(),
    watchPronouncedHanging(),
    condition(() => s.closeRequested),
  ]).then(() => 'done' as const);
  const outcome = await Promise.race([done, condition(tooLong).then(() => 'continue' as const)]);
  if (outcome === 'continue') {
    // Runs recorded before the patch continued with an alert possibly in flight; replayed, they still do.
    const awaitAlerts = patched(ALERTS_END_BEFORE_CONTINUE);
    await condition(() => allHandlersFinished() && signalsInFlight === 0 && reportsInFlight === 0 && (!awaitAlerts || notificationsInFlight() === 0));
    s.runs++;
    return continueAsNew<typeof cityWorkflow>({ ...input, carry: s });
  }
  await condition(allHandlersFinished);
  await enterStage('completed', 'completed');
  return { cityCode, casesOpened: s.counts.casesOpened, investigation: s.submissions.investigation.status, runs: s.runs };
}
