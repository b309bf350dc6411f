/**
 * A campaign (专项治理) from launch to the province's final report: it starts one city workflow per
 * 市（州）, moves through the calendar's phases, publishes the progress notice (通报) on its date,
 * and compiles the province's report by its deadline.
 *
 * Bounded history without continue-as-new: a handful of cities, four phase changes, one notice,
 * a few report compilations and one watched deadline (whose overdue repeats end at campaign close).
 * The volume (intake, cases, repeated city alerts) lives in the city and case workflows.
 */
import {
  condition,
  currentUpdateInfo,
  patched,
  proxyActivities,
  setHandler,
  startChild,
  upsertSearchAttributes,
  workflowInfo,
  type ChildWorkflowHandle,
} from '@temporalio/workflow';
import type { Activities } from '../activities';
import { cityName } from '../domain/cities';
import { Officer } from '../domain/officer';
import { parseWorkflowInput } from './parseInput';
import { refuse } from './refuse';
import { dayStartAt, deadlineAt, HOUR_MS, wallDuration } from '../domain/campaignConfig';
import { cityWorkflow } from './city';
import { MONTHLY_RESCREEN, startMonthlyRescreen } from './startMonthlyRescreen';
import {
  CampaignIdAttr,
  CampaignWorkflowInput,
  campaignStateQuery,
  CityCodeAttr,
  cityReportChangedSignal,
  extendProvinceDeadlineUpdate,
  PhaseAttr,
  type CampaignPhase,
  type CampaignResult,
  type CampaignState,
} from './messages/campaign';
import { extendWatch, notify, watchDeadline } from './messages/campaignDeadlineWatch';
import { cityWorkflowId, closeCitySignal, DeadlineWatchState, type SubmissionState } from './messages/city';

const acts = proxyActivities<Activities>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

// Rendering the province's table and work report (issue 5) reads every city's cases.
const reporting = proxyActivities<Activities>({
  startToCloseTimeout: '10 minutes',
  heartbeatTimeout: '1 minute',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

/** The notice is published at 09:00 on its date: the morning after the figures are in. */
const NOTICE_HOUR = 9;

export async function campaignWorkflow(raw: CampaignWorkflowInput): Promise<CampaignResult> {
  const input = parseWorkflowInput(CampaignWorkflowInput, raw, 'campaign workflow');
  const { config } = input;
  const campaignId = config.id;
  const cal = config.calendar;
  const now = () => new Date().toISOString();
  let phase: CampaignPhase = 'launched';
  let closed = false;
  let reportsVersion = 0;
  const reports: Record<string, SubmissionState['status']> = Object.fromEntries(config.cities.map((c) => [c, 'none']));
  const province = DeadlineWatchState.parse({ date: cal.provincialVerification.deadline });
  const notice: { at?: string; lagging?: string[] } = {};
  let finalReportAt: string | undefined;
  let notApproved: string[] = [...config.cities];

  setHandler(cityReportChangedSignal, (r) => {
    if (r.kind !== 'investigation' || !(r.cityCode in reports)) return;
    reports[r.cityCode] = r.status;
    reportsVersion++;
  });

  setHandler(
    extendProvinceDeadlineUpdate,
    async (a) => {
      const fromDate = province.date;
      extendWatch(province, a.newDate);
      const dueAt = new Date(deadlineAt(config, a.newDate)).toISOString();
      await acts.recordDeadlineExtension({
        requestId: currentUpdateInfo()?.id ?? `${workflowInfo().workflowId}/province/${a.newDate}`,
        campaignId,
        deadlineKey: 'provincialVerification',
        fromDate,
        toDate: a.newDate,
        dueAt,
        reason: a.reason,
        extendedBy: a.officer.userId,
        at: now(),
      });
      await acts.resolveAlerts({ keyPrefix: `${provinceKeyBase}/`, resolvedAt: now() });
      return { date: a.newDate, dueAt };
    },
    {
      validator: (a) => {
        if (Officer.safeParse(a.officer).data?.role !== 'province_coordinator') refuse('此操作须由省级协调人办理 (coordinator role required)', 'RoleCannotAct');
        if (closed) refuse('专项治理已结束 (the campaign is over)');
        if (province.met) refuse('全省工作报告已生成，无需延期 (the final report is already compiled)');
        if (a.newDate <= province.date) refuse(`新期限须晚于当前期限 ${province.date}`);
      },
    },
  );

  setHandler(campaignStateQuery, (): CampaignState => ({
    campaignId,
    phase,
    cities: config.cities,
    investigationReports: reports,
    provinceDeadline: { date: province.date, dueAt: new Date(deadlineAt(config, province.date)).toISOString() },
    progressNoticeAt: notice.at,
    laggingCities: notice.lagging,
    finalReportAt,
  }));

  const provinceKeyBase = `campaign/${campaignId}/deadline/provincialVerification`;
  const sleepUntil = async (wallMs: number) => {
    if (wallMs > Date.now()) await condition(() => closed, wallMs - Date.now());
  };
  async function enterPhase(next: CampaignPhase) {
    phase = next;
    upsertSearchAttributes([{ key: PhaseAttr, value: next }]);
    await acts.setCampaignPhase({ campaignId, phase: next, at: now() });
  }

  // ---- Launch: the read model, then one city workflow per city ----
  await acts.recordCampaignStart({
    config,
    snapshotId: input.snapshotId,
    launchedBy: input.launchedBy,
    workflowId: workflowInfo().workflowId,
    at: now(),
  });
  const cities: ChildWorkflowHandle<typeof cityWorkflow>[] = [];
  for (const cityCode of config.cities) {
    cities.push(
      await startChild(cityWorkflow, {
        workflowId: cityWorkflowId(campaignId, cityCode),
        args: [
          {
            campaignId,
            cityCode,
            config,
            snapshotId: input.snapshotId,
            ...(input.cityMaxHistoryEvents ? { maxHistoryEvents: input.cityMaxHistoryEvents } : {}),
          },
        ],
        typedSearchAttributes: [
          { key: CampaignIdAttr, value: campaignId },
          { key: CityCodeAttr, value: cityCode },
          { key: PhaseAttr, value: 'selfCheck' },
        ],
      }),
    );
  }

  // ---- The calendar, in date order ----
  async function publishProgressNotice() {
    const n = await acts.produceProgressNotice({ campaignId, cities: config.cities, lagThreshold: config.rules.lagThreshold, at: now() });
    Object.assign(notice, { at: n.producedAt, lagging: n.lagging });
    // The .docx reads the lagging cities the notice just recorded. Patched: added after launch.
    if (patched('reports')) {
      await reporting.produceReport({
        campaignId,
        kind: 'progress_notice',
        requestedBy: 'system',
        at: n.producedAt,
        requestId: `${workflowInfo().workflowId}/report/progress_notice`,
      });
    }
    await notify({
      alertKey: `campaign/${campaignId}/progress-notice`,
      level: 'info',
      kind: 'progress_notice',
      campaignId,
      phase: 'investigation',
      message: `自查自纠工作进展情况通报已发布，${n.lagging.length}个市（州）进展不力，将开展现场调研督办`,
    });
    for (const c of n.lagging) {
      await notify({
        alertKey: `campaign/${campaignId}/city/${c}/lagging`,
        level: 'warning',
        kind: 'city_lagging',
        campaignId,
        cityCode: c,
        phase: 'investigation',
        message: `${cityName(c)}自查自纠工作进展不力，已列入现场调研督办`,
      });
    }
  }
  const timeline: { at: number; step: () => Promise<void> }[] = [
    { at: dayStartAt(config, cal.selfCheck.start), step: () => enterPhase('selfCheck') },
    { at: dayStartAt(config, cal.investigation.start), step: () => enterPhase('investigation') },
    { at: dayStartAt(config, cal.progressNotice.date) + wallDuration(config, NOTICE_HOUR * HOUR_MS), step: publishProgressNotice },
    { at: dayStartAt(config, cal.provincialVerification.start), step: () => enterPhase('provincialVerification') },
  ].sort((a, b) => a.at - b.at);

  const allApproved = () => config.cities.every((c) => reports[c] === 'approved');
  async function compileReport() {
    const r = await acts.compileProvinceReport({
      campaignId,
      cities: config.cities,
      at: now(),
      deadlineAt: new Date(deadlineAt(config, province.date)).toISOString(),
    });
    finalReportAt = r.producedAt;
    notApproved = r.notApproved;
    if (patched('reports')) {
      for (const kind of ['province_table', 'province_work_report'] as const) {
        await reporting.produceReport({
          campaignId,
          kind,
          requestedBy: 'system',
          at: r.producedAt,
          requestId: `${workflowInfo().workflowId}/report/${kind}/${r.producedAt}`,
        });
      }
    }
  }

  async function runCalendar() {
    for (const { at, step } of timeline) {
      await sleepUntil(at);
      await step();
    }
    // The final report: once every city's report is approved, or on the deadline day at the latest.
    for (;;) {
      const version = province.version;
      const fallback = dayStartAt(config, province.date);
      if (fallback > Date.now()) await condition(() => allApproved() || province.version !== version, fallback - Date.now());
      if (province.version === version) break;
    }
    await compileReport();
    province.met = true;
    await acts.resolveAlerts({ keyPrefix: `${provinceKeyBase}/`, resolvedAt: now() });
    // Until the deadline passes, a later approval refreshes the report's figures.
    for (;;) {
      const seen = reportsVersion;
      const end = deadlineAt(config, province.date);
      if (end <= Date.now()) break;
      const version = province.version;
      if (await condition(() => reportsVersion !== seen || province.version !== version, end - Date.now())) {
        if (reportsVersion !== seen) await compileReport();
        continue;
      }
      break;
    }
    closed = true;
  }

  await Promise.all([
    runCalendar(),
    watchDeadline(
      {
        config,
        campaignId,
        phase: 'provincialVerification',
        keyBase: provinceKeyBase,
        who: '省住建厅、省人社厅',
        what: '向住建部、人社部报送全省工作报告和汇总表',
        stopped: () => closed,
      },
      province,
    ),
  ]);

  // ---- Close: every city completes; open cases carry on in their own workflows ----
  for (const city of cities) await city.signal(closeCitySignal);
  await Promise.all(cities.map((c) => c.result()));
  // The long-term mechanism: a monthly re-screening from the month after the campaign. Patched: added after launch.
  if (input.monthlyRescreen && patched(MONTHLY_RESCREEN)) await startMonthlyRescreen(config, input.config.cities);
  await enterPhase('completed');
  return { campaignId, finalReportAt: finalReportAt ?? null, laggingCities: notice.lagging ?? [], notApproved };
}
