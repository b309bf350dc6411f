/**
 * A whole campaign over the seed's calendar (2024-09-01 → 2025-02-28) for two cities and about 50
 * cases, on the time-skipping test server, asserting that each event happens at its date.
 *
 * The test server starts at the present and only moves forward, so the campaign's clock maps the
 * seed calendar onto the days after now at real speed (1,440 minutes per day): every instant the
 * workflows see is the calendar's instant shifted by a whole number of days, and the assertions
 * convert back with toCalendarTime.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { WorkflowUpdateStage } from '@temporalio/client';
import { msToNumber } from '@temporalio/common/lib/time';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Runtime, DefaultLogger, Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { createActivities } from '../../activities';
import { runScreening } from '../../activities/screening/runScreening';
import { generateDataset } from '../../datagen/generate';
import { CampaignConfig, toCalendarTime, toWallTime, type CampaignConfigInput } from '../../domain/campaignConfig';
import type { AppConfig } from '../../platform/config';
import * as commands from '../../services/campaignCommands';
import { asDomainError, imposeProvincialPenalty, overrideOutcome, reopenCase } from '../../services/caseCorrections';
import { countCities } from '../../readModel/cityFigures';
import { recordSelfCheckDeclaration, requestDeregistration } from '../../services/intakeCommands';
import { CampaignExistsError, launchCampaign } from '../../services/launchCampaign';
import { campaignWorkflowId } from '../../workflows/messages/campaign';
import type { Officer } from '../../domain/officer';
import { caseWorkflowId, decideCaseUpdate, type DecideCaseArgs } from '../../workflows/messages/case';
import { SHARD_TASK_TIMEOUT } from '../../workflows/messages/caseShard';
import { shardWorkflowId } from '../../workflows/messages/city';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { createTimeSkippingEnv } from '../support/caseWorkflowEnv';
import { snapshotOfGeneratedFiles } from '../support/generatedSnapshot';
import { sharedWorkflowBundle } from '../support/workflowBundle';

const TASK_QUEUE = 'campaign-whole';
const DAY = 24 * 60 * 60 * 1000;
const A = '2201'; // submits on time
const B = '2202'; // misses the self-check deadline
const officer = (cityCode: string): Officer => ({ userId: `officer-${cityCode}`, role: 'city_officer', cityCode });
const coordinator: Officer = { userId: 'coordinator-1', role: 'province_coordinator' };
// Issue 21: each city's 人社局 co-signs its reports; 省人社厅 reviews their 人社 part.
const hrOfficer = (cityCode: string): Officer => ({ userId: `hr-${cityCode}`, role: 'city_hr_officer', cityCode });
const hrCoordinator: Officer = { userId: 'hr-province', role: 'province_hr_coordinator' };

describe('a whole campaign on the seed calendar', () => {
  let db: TestDatabase;
  let env: TestWorkflowEnvironment;
  let bundle: WorkflowBundleWithSourceMap;
  let snapshotId: number;
  let dataDir: string;

  beforeAll(async () => {
    // Alerts go to the log sink at WARN; the test reads them from the read model instead.
    try {
      Runtime.install({ logger: new DefaultLogger('ERROR') });
    } catch {
      /* installed by another suite in this process */
    }
    [db, env, bundle] = await Promise.all([createTestDatabase(), createTimeSkippingEnv(), sharedWorkflowBundle()]);
    dataDir = mkdtempSync(path.join(tmpdir(), 'gz-campaign-'));
    const { files } = await generateDataset({ persons: 1000, seed: 20240901, outDir: dataDir });
    snapshotId = await snapshotOfGeneratedFiles(db.pool, files, { importedBy: 'test', snapshot: 'seed' });
  });

  afterAll(async () => {
    await env?.teardown();
    await db?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('runs every phase, alert, notice, review and penalty at its date', async () => {
    const { client } = env;
    // Whole Shanghai days after the server's present, so calendar and wall dates differ by whole days.
    const now = await env.currentTimeMs();
    const start = Math.ceil((now + 8 * 3600_000) / DAY) * DAY - 8 * 3600_000 + DAY;
    const raw: CampaignConfigInput = {
      id: 'seed',
      name: '吉林省工程建设领域专业技术人员违规“挂证”行为专项治理',
      cities: [A, B],
      dataSources: { snapshotId },
      clock: { kind: 'compressed', start: new Date(start).toISOString(), minutesPerDay: 1440 },
    };
    const config = CampaignConfig.parse(raw);
    const wall = (calendarIso: string) => toWallTime(config, Date.parse(calendarIso));
    // Calendar instant of a recorded wall time, to the second: a workflow task starts a few ms after its timer.
    const cal = (d: Date | string) => new Date(Math.round(toCalendarTime(config, new Date(d).getTime()) / 1000) * 1000).toISOString();
    const iso = (s: string) => new Date(s).toISOString();
    // Cases open when screening finishes, a few (real) seconds into 2024-11-01: their alarms count from then.
    const calMinute = (d: Date | string) => new Date(Math.floor(toCalendarTime(config, new Date(d).getTime()) / 60_000) * 60_000).toISOString();
    const until = async (calendarIso: string) => {
      const gap = wall(calendarIso) - (await env.currentTimeMs());
      if (gap > 0) await env.sleep(gap);
    };
    const q = async (sql: string, params: unknown[] = []) => (await db.pool.query(sql, params)).rows;
    const sign = (cityCode: string, kind: 'self_check' | 'investigation', version: number) =>
      commands.signSubmission(client, { campaignId: 'seed', cityCode, kind, version, officer: hrOfficer(cityCode) });

    // Who screening will flag in city A: one person corrects in phase 1, another applies to deregister.
    const preview = await runScreening(db.pool, { snapshotId, cityCode: A, settings: { windowMonths: 3, ageLimit: 65, riskWeights: {} } });
    const flaggedA = (await q('SELECT id_number FROM screening_result WHERE run_id = $1 ORDER BY id_number', [preview.runId])).map(
      (r) => r.id_number as string,
    );
    const [selfCorrected, deregistering] = flaggedA;

    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue: TASK_QUEUE,
      workflowBundle: bundle,
      activities: createActivities({ pool: db.pool, config: {} as AppConfig }),
    });
    // Set in phase 2, read back after the campaign.
    let violations: string[] = [];
    let lateDeregistering = '';
    let undeclared = '';
    let reopenedCase = '';
    let overriddenCase = '';
    await worker.runUntil(async () => {
      const deps = { client, pool: db.pool, taskQueue: TASK_QUEUE };
      // A small bound, so both cities continue as new during the campaign (each waits for its alerts
      // in flight first: the time-skipping server stops skipping for good when a run continues past one).
      await launchCampaign(deps, raw, { launchedBy: 'coordinator-1', cityMaxHistoryEvents: 200 });
      await expect(launchCampaign(deps, raw, { launchedBy: 'someone-else' })).rejects.toThrow(CampaignExistsError);
      await expect(launchCampaign(deps, raw, { launchedBy: 'someone-else' })).rejects.toThrow(/campaign "seed" already exists/);

      // ---- Phase 1: self-check (自查自纠) ----
      await until('2024-09-10T10:00:00+08:00');
      await recordSelfCheckDeclaration(
        client,
        db.pool,
        {
          requestId: 'decl-1',
          campaignId: 'seed',
          cityCode: A,
          idNumber: selfCorrected,
          correction: 'moved_contributions',
          correctedOn: '2024-09-10',
          declaredBy: 'unit-hr',
        },
        new Date(await env.currentTimeMs()),
      );
      const dereg = await requestDeregistration(
        client,
        db.pool,
        {
          requestId: 'dereg-1',
          campaignId: 'seed',
          cityCode: A,
          idNumber: deregistering,
          requestedBy: 'person',
        },
        new Date(await env.currentTimeMs()),
      );
      expect(dereg.slaDue).toBe('2024-09-17'); // 5 working days from Tuesday 2024-09-10

      await until('2024-09-20T10:00:00+08:00');
      const [slaAlert] = await q("SELECT raised_at FROM alert WHERE kind = 'deregistration_overdue'");
      expect(cal(slaAlert.raised_at)).toBe(iso('2024-09-18T00:00:00+08:00'));
      await expect(
        commands.processDeregistration(client, { campaignId: 'seed', cityCode: A, requestId: dereg.requestId, outcome: 'cancelled', officer: coordinator }),
      ).resolves.toEqual({ withinSla: false });

      await until('2024-10-20T10:00:00+08:00');
      await expect(commands.submitSelfCheck(client, { campaignId: 'seed', cityCode: A, officer: officer(A) })).resolves.toMatchObject({
        version: 1,
        late: false,
        status: 'signing',
      });
      await expect(sign(A, 'self_check', 1)).resolves.toMatchObject({ status: 'submitted', late: false });

      // B misses 2024-10-31: warned 7 and 1 days before, overdue at 2024-11-01 00:00 +08:00.
      await until('2024-11-01T12:00:00+08:00');
      const bAlerts = await q(
        "SELECT alert_key, kind, raised_at, repeat_count FROM alert WHERE city_code = $1 AND alert_key LIKE '%/deadline/selfCheck/%' ORDER BY raised_at",
        [B],
      );
      expect(bAlerts.map((a) => [a.kind, cal(a.raised_at)])).toEqual([
        ['deadline_due_soon', iso('2024-10-25T00:00:00+08:00')],
        ['deadline_due_soon', iso('2024-10-31T00:00:00+08:00')],
        ['deadline_overdue', iso('2024-11-01T00:00:00+08:00')],
      ]);
      expect((await q("SELECT count(*)::int n FROM alert WHERE city_code = $1 AND alert_key LIKE '%/deadline/selfCheck/%'", [A]))[0].n).toBe(0);

      // The progress notice (通报) on 2024-11-05 names B; B gets an on-site supervision task.
      await until('2024-11-05T12:00:00+08:00');
      const [notice] = await q('SELECT produced_at, content FROM progress_notice');
      expect(cal(notice.produced_at)).toBe(iso('2024-11-05T09:00:00+08:00'));
      expect(notice.content.lagging).toEqual([B]);
      expect(notice.content.cities.find((c: { cityCode: string }) => c.cityCode === B).lagReasons).toContain('未按期报送自查自纠汇总表');
      expect((await q('SELECT city_code FROM supervision_task')).map((r) => r.city_code)).toEqual([B]);
      const overdue = await q("SELECT repeat_count FROM alert WHERE alert_key = 'campaign/seed/city/2202/deadline/selfCheck/overdue/2024-10-31'");
      expect(overdue[0].repeat_count).toBe(5); // 11-01 … 11-05, one a day

      await until('2024-11-06T10:00:00+08:00');
      await expect(commands.submitSelfCheck(client, { campaignId: 'seed', cityCode: B, officer: officer(B) })).resolves.toMatchObject({ late: true });
      await expect(sign(B, 'self_check', 1)).resolves.toMatchObject({ status: 'submitted', late: true });
      const [resolved] = await q("SELECT resolved_at FROM alert WHERE alert_key = 'campaign/seed/city/2202/deadline/selfCheck/overdue/2024-10-31'");
      expect(cal(resolved.resolved_at)).toBe(iso('2024-11-06T10:00:00+08:00'));

      // ---- Phase 2: cases opened on 2024-11-01 ----
      const cases = await q('SELECT case_id, city_code, id_number, to_char(opened_at, \'YYYY-MM-DD"T"HH24:MI\') AS o FROM case_file ORDER BY case_id');
      expect(cases.length).toBeGreaterThanOrEqual(40);
      expect(cases.length).toBeLessThanOrEqual(70);
      const caseOf = (id: string) => cases.find((c) => c.id_number === id)!.case_id as string;
      const exemptCase = caseOf(selfCorrected);
      const casesA = cases.filter((c) => c.city_code === A).map((c) => c.case_id as string);
      const casesB = cases.filter((c) => c.city_code === B).map((c) => c.case_id as string);
      const lingering = casesA.find((c) => c !== exemptCase)!; // left undecided: reminded, escalated
      violations = casesA.filter((c) => c !== exemptCase && c !== lingering).slice(0, 2);
      const carried = casesB[casesB.length - 1]; // carried over with a reason
      // Issue 19: the loopholes closed and the corrections, each on a case of its own.
      [lateDeregistering, undeclared, reopenedCase] = casesA.filter(
        (c) => c !== exemptCase && c !== lingering && !violations.includes(c) && c !== caseOf(deregistering),
      );
      overriddenCase = casesB[0];
      const corrections = { client, pool: db.pool, taskQueue: TASK_QUEUE };
      // Shards run with a longer workflow task timeout than Temporal's 10 s (a replay of a large shard on a busy worker).
      const shard = await client.workflow.getHandle(shardWorkflowId('seed', A, 0)).describe();
      expect(shard.raw.executionConfig?.defaultWorkflowTaskTimeout?.seconds?.toString()).toBe(String(msToNumber(SHARD_TASK_TIMEOUT) / 1000));

      const decide = async (caseId: string, cityCode: string, decision: DecideCaseArgs['decision'], updateId = `decide/${caseId}`) => {
        await client.workflow.getHandle(caseWorkflowId('seed', cityCode, caseId)).startUpdate(decideCaseUpdate, {
          args: [{ decision, officer: officer(cityCode) }],
          updateId,
          waitForStage: WorkflowUpdateStage.ACCEPTED,
        });
      };
      // A person whose case is open applies to deregister: the request joins the case, the case goes on.
      await until('2024-11-06T10:30:00+08:00');
      const lateDereg = await requestDeregistration(
        client,
        db.pool,
        {
          requestId: 'dereg-2',
          campaignId: 'seed',
          cityCode: A,
          idNumber: cases.find((c) => c.case_id === lateDeregistering)!.id_number,
          requestedBy: 'person',
        },
        new Date(await env.currentTimeMs()),
      );
      expect(lateDereg.caseId).toBe(lateDeregistering);
      expect(lateDereg.notice).toMatch(/尚在办理中：注销申请已记入该案件/);
      // The registration is frozen while the case is open: the issuing authority cannot cancel it.
      const frozen = await commands
        .processDeregistration(client, { campaignId: 'seed', cityCode: A, requestId: lateDereg.requestId, outcome: 'cancelled', officer: coordinator })
        .catch((e: unknown) => asDomainError(e));
      expect(frozen).toMatchObject({ code: 'RegistrationFrozen', message: expect.stringMatching(/尚未办结，注册处于冻结状态，不得办理注销/) });

      await until('2024-11-06T11:00:00+08:00');
      for (const c of cases) {
        if (c.case_id === lingering || c.case_id === carried) continue;
        if (c.case_id === exemptCase) await decide(c.case_id, A, { outcome: 'RECTIFIED', rectifiedOn: '2024-09-10', how: 'moved_contributions' });
        else if (c.case_id === lateDeregistering) await decide(c.case_id, A, { outcome: 'DEREGISTERED', deregisteredOn: '2024-11-06' });
        // Dated within phase 1, but nobody declared it in the self-check: a late correction.
        else if (c.case_id === undeclared) await decide(c.case_id, A, { outcome: 'RECTIFIED', rectifiedOn: '2024-10-15', how: 'moved_registration' });
        else if (violations.includes(c.case_id)) {
          await decide(c.case_id, A, {
            outcome: 'VIOLATION',
            actualEmployer: { name: '长春某建设工程有限公司' },
            evidence: '社保由其他单位缴纳，劳动合同备案单位与注册单位不一致',
          });
        } else await decide(c.case_id, c.city_code, { outcome: 'COMPLIANT', ground: 'DATA_LAG', justification: '社保转移手续办理中，数据滞后' });
      }

      await until('2024-11-20T10:00:00+08:00');
      // Its time limit is not watched: the request belongs to the case.
      expect(await q('SELECT count(*)::int n FROM alert WHERE alert_key LIKE $1', [`%/deregistration/${lateDereg.requestId}/%`])).toEqual([{ n: 0 }]);
      const lingerAlerts = await q('SELECT kind, raised_at FROM alert WHERE case_id = $1 ORDER BY raised_at', [lingering]);
      expect(lingerAlerts.map((a) => [a.kind, calMinute(a.raised_at)])).toEqual([
        ['case_reminder', iso('2024-11-08T00:00:00+08:00')],
        ['case_escalation', iso('2024-11-15T00:00:00+08:00')],
      ]);
      expect(
        (await q("SELECT count(*)::int n FROM alert WHERE kind IN ('case_reminder', 'case_escalation') AND case_id <> ALL($1)", [[lingering, carried]]))[0].n,
      ).toBe(0);
      await decide(lingering, A, { outcome: 'COMPLIANT', ground: 'BRANCH', justification: '实际工作单位为注册单位的分公司' });

      // ---- City reports: B cannot submit with an open case, then carries it over with a reason ----
      await until('2025-01-10T10:00:00+08:00');
      await expect(commands.submitInvestigation(client, { campaignId: 'seed', cityCode: A, officer: officer(A) })).resolves.toMatchObject({
        version: 1,
        late: false,
      });
      await expect(sign(A, 'investigation', 1)).resolves.toMatchObject({ status: 'submitted' });
      await expect(commands.submitInvestigation(client, { campaignId: 'seed', cityCode: B, officer: officer(B) })).rejects.toThrow();
      await until('2025-01-20T10:00:00+08:00');
      await expect(
        commands.submitInvestigation(client, {
          campaignId: 'seed',
          cityCode: B,
          officer: officer(B),
          carriedOver: [{ caseId: carried, reason: '当事人在外省，待协查回复' }],
        }),
      ).resolves.toMatchObject({ version: 1, late: false });
      await expect(sign(B, 'investigation', 1)).resolves.toMatchObject({ status: 'submitted', late: false });

      // ---- Phase 3: A's report returned with comments, naming a case to reopen; resubmitted; both approved ----
      await until('2025-02-05T10:00:00+08:00');
      await expect(
        commands.reviewSubmission(client, {
          campaignId: 'seed',
          cityCode: A,
          kind: 'investigation',
          version: 1,
          decision: 'return',
          comments: '汇总表处罚情况填写不完整，请补充；所列案件请重新核查',
          reopenCaseIds: [reopenedCase],
          officer: coordinator,
        }),
      ).resolves.toEqual({ status: 'returned', reopenCaseIds: [reopenedCase] });
      // The city reopens it (its workflow had ended with the decision: it is started again) and decides anew.
      await until('2025-02-06T10:00:00+08:00');
      await expect(
        reopenCase(corrections, {
          campaignId: 'seed',
          cityCode: A,
          caseId: reopenedCase,
          reason: '省厅退回重新核查',
          officer: officer(A),
          requestId: 'reopen-1',
        }),
      ).resolves.toMatchObject({
        previousOutcome: 'COMPLIANT',
        submissionVersion: 1,
      });
      await expect(commands.submitInvestigation(client, { campaignId: 'seed', cityCode: A, officer: officer(A) })).rejects.toThrow();
      await decide(
        reopenedCase,
        A,
        { outcome: 'VIOLATION', actualEmployer: { name: '长春某劳务有限公司' }, evidence: '复核：社保由劳务公司缴纳' },
        'decide-again/1',
      );
      await until('2025-02-07T10:00:00+08:00');
      await expect(
        commands.submitInvestigation(client, { campaignId: 'seed', cityCode: A, officer: officer(A), summary: '已补充处罚情况' }),
      ).resolves.toMatchObject({ version: 2, late: false });
      await expect(sign(A, 'investigation', 2)).resolves.toMatchObject({ status: 'submitted' });
      // The province imposes what the campaign reserves to it (revocation) on A's liable cases: its penalty procedure starts that day.
      await until('2025-02-08T10:00:00+08:00');
      for (const c of [...violations, reopenedCase, lateDeregistering, undeclared]) {
        const r = await imposeProvincialPenalty(corrections, { campaignId: 'seed', cityCode: A, caseId: c, officer: coordinator, requestId: `province-${c}` });
        expect(r).toMatchObject({ imposedOn: '2025-02-08', penaltyIds: [] });
      }
      // And overrides one of B's outcomes with its reason (that case's workflow had ended too).
      await until('2025-02-09T10:00:00+08:00');
      await expect(
        overrideOutcome(corrections, {
          campaignId: 'seed',
          cityCode: B,
          caseId: overriddenCase,
          decision: { outcome: 'VIOLATION', actualEmployer: { name: '吉林某建设工程有限公司' }, evidence: '省级核查：社保与公积金均由其他单位缴纳' },
          reason: '省级核查认定存在挂证',
          officer: coordinator,
          requestId: 'override-1',
        }),
      ).resolves.toMatchObject({ outcome: 'VIOLATION', previousOutcome: 'COMPLIANT', liability: 'liable', overriddenOn: '2025-02-09' });
      await until('2025-02-09T12:00:00+08:00');
      // 省人社厅 approves the 人社 part of both reports the day before; 省住建厅's approvals complete them at 10:00.
      for (const [cityCode, version] of [
        [A, 2],
        [B, 1],
      ] as const) {
        await expect(
          commands.reviewSubmission(client, { campaignId: 'seed', cityCode, kind: 'investigation', version, decision: 'approve', officer: hrCoordinator }),
        ).resolves.toEqual({ status: 'submitted', awaiting: ['housing'] });
      }
      await until('2025-02-10T10:00:00+08:00');
      await commands.reviewSubmission(client, {
        campaignId: 'seed',
        cityCode: A,
        kind: 'investigation',
        version: 2,
        decision: 'approve',
        officer: coordinator,
      });
      await commands.reviewSubmission(client, {
        campaignId: 'seed',
        cityCode: B,
        kind: 'investigation',
        version: 1,
        decision: 'approve',
        officer: coordinator,
      });

      const result = await client.workflow.getHandle(campaignWorkflowId('seed')).result();
      expect(result).toMatchObject({ campaignId: 'seed', laggingCities: [B], notApproved: [] });
      // Each city continued as new at least once (a small bound here) and carried on where it was.
      const cityResults = await Promise.all([A, B].map((c) => client.workflow.getHandle(`campaign/seed/city/${c}`).result()));
      expect(cityResults.map((r) => r.investigation)).toEqual(['approved', 'approved']);
      for (const r of cityResults) expect(r.runs).toBeGreaterThan(1);

      // The code replays its own histories: nothing in it is nondeterministic.
      const histories = await Promise.all(
        [campaignWorkflowId('seed'), `campaign/seed/city/${A}`, `campaign/seed/city/${B}`].map(async (workflowId) => ({
          workflowId,
          history: await client.workflow.getHandle(workflowId).fetchHistory(),
        })),
      );
      for await (const r of Worker.runReplayHistories({ workflowBundle: bundle }, histories)) expect(r.error).toBeUndefined();
    });

    // ---- The read model after the campaign ----
    const [report] = await q('SELECT produced_at, late, content FROM final_report');
    // Produced on the last approval at 10:00, after (real) seconds of work on a loaded machine: to the minute.
    expect(calMinute(report.produced_at)).toBe(iso('2025-02-10T10:00:00+08:00'));
    expect(report.late).toBe(false);
    expect(report.content.totals.violations).toBe(4); // two, the reopened case, the override
    const subs = await q('SELECT city_code, kind, version, status, late, comments FROM submission ORDER BY city_code, kind, version');
    expect(subs.map((s) => [s.city_code, s.kind, s.version, s.status, s.late])).toEqual([
      [A, 'investigation', 1, 'returned', false],
      [A, 'investigation', 2, 'approved', false],
      [A, 'self_check', 1, 'submitted', false],
      [B, 'investigation', 1, 'approved', false],
      [B, 'self_check', 1, 'submitted', true],
    ]);
    expect((await q("SELECT phase, status FROM campaign WHERE id = 'seed'"))[0]).toEqual({ phase: 'completed', status: 'completed' });
    // The files (issue 5's renderers): each city's tables and work reports per version, the notice, the province's.
    const files = await q("SELECT kind, coalesce(city_code, '-') AS c, count(*)::int n FROM report WHERE NOT masked GROUP BY 1, 2 ORDER BY 1, 2");
    expect(files.map((f) => `${f.kind}/${f.c}/${f.n}`)).toEqual([
      `city_work_report/${A}/2`,
      `city_work_report/${B}/1`,
      `investigation_table/${A}/2`,
      `investigation_table/${B}/1`,
      'progress_notice/-/1',
      'province_table/-/1',
      'province_work_report/-/1',
      `self_check_table/${A}/1`,
      `self_check_table/${B}/1`,
    ]);

    // Penalties by due process (issue 19): a liable decision records no penalty; it starts the city's penalty
    // procedure that day (立案), and the province's imposition starts the province's. No measure is in effect
    // before a procedure's decision is served (test/workflows/penaltyProcedure.test.ts), so none here.
    const violationCases = (await q("SELECT case_id FROM case_file WHERE outcome = 'VIOLATION' ORDER BY case_id")).map((r) => r.case_id);
    expect(violationCases.sort()).toEqual([...violations, reopenedCase, overriddenCase].sort());
    const levels = async (c: string) =>
      Object.fromEntries(
        (
          await q(
            "SELECT kind, string_agg(DISTINCT level || '/' || to_char(imposed_on, 'YYYY-MM-DD'), ',') AS at FROM penalty WHERE case_id = $1 GROUP BY kind",
            [c],
          )
        ).map((r) => [r.kind, r.at]),
      );
    const procedures = async (c: string) =>
      (await q("SELECT level, to_char(opened_on, 'YYYY-MM-DD') AS opened_on FROM penalty_procedure WHERE case_id = $1 ORDER BY level", [c])).map(
        (r) => `${r.level}/${r.opened_on}`,
      );
    for (const c of violations) {
      expect(await levels(c)).toEqual({});
      expect(await procedures(c)).toEqual(['city/2024-11-06', 'province/2025-02-08']);
      expect(await q('SELECT 1 FROM registration_ban WHERE case_id = $1', [c])).toEqual([]);
    }
    // The person who corrected during phase 1, and declared it then, is exempt: no penalty, no ban.
    const [exempt] = await q('SELECT outcome, liability FROM case_file WHERE id_number = $1', [selfCorrected]);
    expect(exempt).toEqual({ outcome: 'RECTIFIED', liability: 'exempt' });
    expect((await q('SELECT count(*)::int n FROM penalty p JOIN case_file c USING (case_id) WHERE c.id_number = $1', [selfCorrected]))[0].n).toBe(0);

    // ---- Issue 19 ----
    // A correction dated in phase 1 that nobody declared is a late correction; a deregistration applied
    // for while the case was open did not end it without penalty: both carry the records and the ban.
    const liabilityOf = async (c: string) => (await q('SELECT outcome, liability, liability_basis FROM case_file WHERE case_id = $1', [c]))[0];
    expect(await liabilityOf(undeclared)).toEqual({ outcome: 'RECTIFIED', liability: 'liable', liability_basis: 'no_self_check_declaration' });
    expect(await liabilityOf(lateDeregistering)).toEqual({ outcome: 'DEREGISTERED', liability: 'liable', liability_basis: 'deregistration_during_case' });
    for (const c of [undeclared, lateDeregistering]) expect(await procedures(c)).toEqual(['city/2024-11-06', 'province/2025-02-08']);
    expect(await q('SELECT case_id FROM deregistration_request WHERE request_id = $1', ['dereg-2'])).toEqual([{ case_id: lateDeregistering }]);
    // The reopened case: both decisions and the reopening in its history, the new decision's penalties (the city's, then the province's).
    expect((await q('SELECT action FROM decision_log WHERE case_id = $1 ORDER BY recorded_at', [reopenedCase])).map((r) => r.action)).toEqual([
      'decide',
      'reopen',
      'decide',
      'provincial_penalty',
    ]);
    expect(await procedures(reopenedCase)).toEqual(['city/2025-02-06', 'province/2025-02-08']);
    // The override: the province's outcome, counted as such in the figures; liable, so the city's procedure starts that day.
    expect(await levels(overriddenCase)).toEqual({});
    expect(await procedures(overriddenCase)).toEqual(['city/2025-02-09']);
    const figuresB = (await countCities(db.pool, 'seed', [B], 'investigation')).get(B)!;
    expect(figuresB).toMatchObject({ overriddenByProvince: 1, reopened: 0, confirmedHanging: 1 });
    expect((await countCities(db.pool, 'seed', [A], 'investigation')).get(A)).toMatchObject({ overriddenByProvince: 0, reopened: 1 });
  });
});
