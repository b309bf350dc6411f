/**
 * Records representative executions of every workflow type into test/histories/<type>-<n>.json,
 * which test/workflows/replay.test.ts replays on every run: a workflow change that breaks
 * determinism for a recorded history (a run already under way in production) fails the suite.
 *
 *   npx tsx scripts/recordHistories.ts [--overwrite]
 *
 * The files are protobufjs objects of temporal.api.history.v1.History (test/support/histories.ts
 * reads them back; the SDK's own JSON helpers fail in this install). Existing files are kept: they are the earlier code's histories that the new code must still
 * replay (guard a change with patched()). --overwrite re-records them all.
 * Runs on the time-skipping test server (whole calendars in seconds) against a throw-away
 * database: DATABASE_URL's server when set, else an embedded PostgreSQL under data/.
 * SCENARIOS lists the executions; each workflow type's owner adds its own.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { WorkflowUpdateStage, type WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Pool } from 'pg';
import { listCaseIds } from '../activities/cases/listCaseIds';
import { importFile } from '../dataImport/importFile';
import { createSnapshot } from '../dataImport/snapshot';
import { generateDataset } from '../datagen/generate';
import { openCasesFromScreening } from '../activities/cases/openCasesFromScreening';
import type { CaseDecisionInput } from '../domain/outcomes';
import { startEmbeddedPostgres } from '../platform/embeddedPostgres';
import { launchCampaign } from '../services/launchCampaign';
import { campaignWorkflowId } from '../workflows/messages/campaign';
import { cityWorkflowId } from '../workflows/messages/city';
import { freePort } from '../platform/ports';
import {
  carryOverUpdate,
  caseWorkflowId,
  decideCaseUpdate,
  extendCaseDueSignal,
  imposeProvincialPenaltyUpdate,
  overrideOutcomeUpdate,
  reopenCaseUpdate,
} from '../workflows/messages/case';
import { caseSettingsOf } from '../workflows/messages/caseSettings';
import { procedureStateQuery } from '../workflows/messages/penaltyProcedure';
import { settleCaseDecision } from '../activities/cases/settleCaseDecision';
import type { OfficerTextKind } from '../domain/officerText';
import { procedureIdOf } from '../domain/penaltyProcedure';
import { storeOfficerText } from '../services/officerTexts';
import * as procedure from '../services/penaltyProcedure';
import { recordCampaignStart } from '../activities/campaigns/recordCampaignStart';
import { recordReview } from '../activities/submissions/reviewSubmission';
import { recordSubmission } from '../activities/submissions/recordSubmission';
import { CampaignConfig } from '../domain/campaignConfig';
import { startForCorrection } from '../services/caseCorrections';
import { fixtureIdNumber, fixtureUscc, seedScreenedCity } from '../test/support/caseFixtures';
import { bundleWorkflows, calendarAround, createTimeSkippingEnv, DAY, startWorker } from '../test/support/caseWorkflowEnv';
import { createTestDatabase } from '../test/support/database';
import { historyToFileJson } from '../test/support/histories';

const ROOT = path.resolve(__dirname, '..');
const OUT = path.join(ROOT, 'test', 'histories');

export interface ScenarioContext {
  env: TestWorkflowEnvironment;
  pool: Pool;
  taskQueue: string;
}

export interface HistoryScenario {
  /** What the execution shows, for the log. */
  name: string;
  /** '<workflowType>-<n>' for each workflow whose history is kept, in the order run() returns them. */
  files: string[];
  /** Runs the execution to its end; returns the workflows whose histories to keep. */
  run(ctx: ScenarioContext): Promise<WorkflowHandle[]>;
}

const CITY = '2205';
const officer = { userId: 'officer-2205', role: 'city_officer' as const, cityCode: CITY };
const coordinator = { userId: 'province-1', role: 'coordinator' as const };

/** A city with `n` screened persons and their cases opened; returns the case ids. */
async function openCity(pool: Pool, campaignId: string, n: number): Promise<string[]> {
  const regUnit = { name: '通化某建设有限公司', code: fixtureUscc(60) };
  const { runId } = await seedScreenedCity(
    pool,
    CITY,
    Array.from({ length: n }, (_, i) => ({ idNumber: fixtureIdNumber(i + 1), regUnit })),
  );
  await openCasesFromScreening(pool, { campaignId, cityCode: CITY, screeningRunId: runId, dueAt: new Date(Date.now() + 60 * DAY).toISOString() });
  return listCaseIds(pool, { campaignId, cityCode: CITY, limit: n });
}

async function startCase(ctx: ScenarioContext, campaignId: string, caseId: string, settings: object) {
  const calendar = calendarAround(await ctx.env.currentTimeMs());
  return ctx.env.client.workflow.start('caseWorkflow', {
    taskQueue: ctx.taskQueue,
    workflowId: caseWorkflowId(campaignId, CITY, caseId),
    args: [{ campaignId, cityCode: CITY, caseId, settings, calendar }],
  });
}

const violation = { outcome: 'VIOLATION', actualEmployer: { name: '实际工作单位' }, evidence: '社保由实际工作单位缴纳' } as const;

/** A case reminded and escalated, decided a violation, and given the province's penalty in phase 3. */
async function remindedThenViolation(ctx: ScenarioContext, campaignId: string): Promise<WorkflowHandle[]> {
  const [caseId] = await openCity(ctx.pool, campaignId, 1);
  const h = await startCase(ctx, campaignId, caseId, {
    reminderAfterDays: 2,
    escalateAfterDays: 4,
    reminderRepeatDays: 1,
    provincialPenaltyKinds: ['REVOKE_REGISTRATION'],
  });
  await ctx.env.sleep(5 * DAY);
  await (await h.startUpdate(decideCaseUpdate, { args: [{ decision: violation, officer }], waitForStage: WorkflowUpdateStage.ACCEPTED })).result();
  await ctx.env.sleep(60 * DAY);
  await (await h.startUpdate(imposeProvincialPenaltyUpdate, { args: [{ officer: coordinator }], waitForStage: WorkflowUpdateStage.ACCEPTED })).result();
  await h.result();
  return [h];
}

const province = { userId: 'province-1', role: 'province_coordinator' as const };

/**
 * A campaign of one city whose cases take the campaign's settings (revocation reserved to the
 * province), recorded in the read model as launched: what a correction's later run reads.
 */
async function correctionsCity(ctx: ScenarioContext, campaignId: string, n: number) {
  const caseIds = await openCity(ctx.pool, campaignId, n);
  const calendar = calendarAround(await ctx.env.currentTimeMs());
  const snapshotId = Number((await ctx.pool.query('SELECT max(id) AS id FROM data_snapshot')).rows[0].id);
  const config = CampaignConfig.parse({ id: campaignId, name: '历史记录用例', cities: [CITY], dataSources: { snapshotId }, calendar });
  await recordCampaignStart(ctx.pool, { config, snapshotId, launchedBy: 'history', workflowId: `campaign/${campaignId}`, at: new Date().toISOString() });
  const start = (caseId: string) =>
    ctx.env.client.workflow.start('caseWorkflow', {
      taskQueue: ctx.taskQueue,
      workflowId: caseWorkflowId(campaignId, CITY, caseId),
      args: [{ campaignId, cityCode: CITY, caseId, settings: caseSettingsOf(config.rules), calendar, evidenceGathered: true }],
    });
  const nameForReopening = async (ids: string[]) => {
    const at = new Date().toISOString();
    await recordSubmission(ctx.pool, {
      campaignId,
      cityCode: CITY,
      kind: 'investigation',
      version: 1,
      submittedAt: at,
      submittedBy: officer.userId,
      late: false,
    });
    await recordReview(ctx.pool, {
      campaignId,
      cityCode: CITY,
      kind: 'investigation',
      version: 1,
      decision: 'return',
      comments: '请重新核查',
      reviewedBy: province.userId,
      at,
      reopenCaseIds: ids,
    });
  };
  return { caseIds, config, start, nameForReopening };
}

const accepted = WorkflowUpdateStage.ACCEPTED;

export const SCENARIOS: HistoryScenario[] = [
  {
    // Recorded before the ready mark (patched 'case-ready-mark'): replays the unpatched branch.
    name: 'reminded and escalated, decided a violation, provincial penalty in phase 3',
    files: ['caseWorkflow-1'],
    run: (ctx) => remindedThenViolation(ctx, 'history-case-1'),
  },
  {
    name: 'marked ready, reminded and escalated, decided a violation, provincial penalty in phase 3',
    files: ['caseWorkflow-3'],
    run: (ctx) => remindedThenViolation(ctx, 'history-case-3'),
  },
  {
    name: 'deadline extended, carried over, rectified within phase 1 (exempt)',
    files: ['caseWorkflow-2'],
    async run(ctx) {
      const [caseId] = await openCity(ctx.pool, 'history-case-2', 1);
      const h = await startCase(ctx, 'history-case-2', caseId, { reminderAfterDays: 3, escalateAfterDays: 6 });
      await h.signal(extendCaseDueSignal, { dueAt: new Date((await ctx.env.currentTimeMs()) + 70 * DAY).toISOString() });
      await (await h.startUpdate(carryOverUpdate, { args: [{ reason: '待省厅协查', officer }], waitForStage: WorkflowUpdateStage.ACCEPTED })).result();
      const rectifiedOn = calendarAround(await ctx.env.currentTimeMs()).selfCheck.deadline;
      const decision = { outcome: 'RECTIFIED', rectifiedOn, how: 'moved_contributions' } as const;
      await (await h.startUpdate(decideCaseUpdate, { args: [{ decision, officer }], waitForStage: WorkflowUpdateStage.ACCEPTED })).result();
      await h.result();
      return [h];
    },
  },
  {
    name: 'a shard of three cases: a violation (closure by signal), a compliant case, a transfer',
    files: ['caseShardWorkflow-1'],
    async run(ctx) {
      const campaignId = 'history-shard-1';
      const caseIds = await openCity(ctx.pool, campaignId, 3);
      const shard = await ctx.env.client.workflow.start('caseShardWorkflow', {
        taskQueue: ctx.taskQueue,
        workflowId: `campaign/${campaignId}/city/${CITY}/shard/0`,
        args: [
          {
            campaignId,
            cityCode: CITY,
            shardIndex: 0,
            caseIds,
            caseSettings: { reminderAfterDays: 5, escalateAfterDays: 9 },
            calendar: calendarAround(await ctx.env.currentTimeMs()),
          },
        ],
      });
      const decisions: CaseDecisionInput[] = [
        violation,
        { outcome: 'COMPLIANT', ground: 'RETIRED', justification: '已依法退休' },
        { outcome: 'TRANSFERRED', receivingAuthority: '省人社厅' },
      ];
      for (const [i, caseId] of caseIds.entries()) {
        const c = ctx.env.client.workflow.getHandle(caseWorkflowId(campaignId, CITY, caseId));
        for (let tries = 0; ; tries++) {
          try {
            await (await c.startUpdate(decideCaseUpdate, { args: [{ decision: decisions[i], officer }], waitForStage: WorkflowUpdateStage.ACCEPTED })).result();
            break;
          } catch (err) {
            if (tries > 50) throw err; // the shard has not started this case yet
            await new Promise((r) => setTimeout(r, 100));
          }
        }
      }
      await shard.result();
      return [shard];
    },
  },
  {
    // Issue 19 (patched 'case-corrections'): a liable case waits for phase 3 and serves corrections.
    name: 'decided a violation, reopened while waiting for phase 3 (penalties withdrawn), decided compliant, ended',
    files: ['caseWorkflow-4'],
    async run(ctx) {
      const c = await correctionsCity(ctx, 'history-case-4', 1);
      const [caseId] = c.caseIds;
      const h = await c.start(caseId);
      await (await h.startUpdate(decideCaseUpdate, { args: [{ decision: violation, officer }], waitForStage: accepted })).result();
      await c.nameForReopening([caseId]);
      await (await h.startUpdate(reopenCaseUpdate, { args: [{ reason: '省厅退回重新核查', officer }], waitForStage: accepted })).result();
      const compliant = { outcome: 'COMPLIANT', ground: 'DATA_LAG', justification: '数据滞后' } as const;
      await (await h.startUpdate(decideCaseUpdate, { args: [{ decision: compliant, officer }], updateId: 'again', waitForStage: accepted })).result();
      await h.result();
      return [h];
    },
  },
  {
    // The first run ends at its decision; the services start a later run (resume) for the override,
    // which leaves the case liable: it waits for phase 3 and takes the province's penalty.
    name: 'decided compliant and ended; a later run overrides it to a violation, the province imposes its penalty in phase 3',
    files: ['caseWorkflow-5', 'caseWorkflow-6'],
    async run(ctx) {
      const c = await correctionsCity(ctx, 'history-case-5', 1);
      const [caseId] = c.caseIds;
      const first = await c.start(caseId);
      const compliant = { outcome: 'COMPLIANT', ground: 'RETIRED', justification: '已依法退休' } as const;
      await (await first.startUpdate(decideCaseUpdate, { args: [{ decision: compliant, officer }], waitForStage: accepted })).result();
      await first.result();
      await startForCorrection({ client: ctx.env.client, pool: ctx.pool, taskQueue: ctx.taskQueue }, { campaignId: 'history-case-5', cityCode: CITY, caseId });
      const later = ctx.env.client.workflow.getHandle(caseWorkflowId('history-case-5', CITY, caseId));
      await (
        await later.startUpdate(overrideOutcomeUpdate, {
          args: [{ decision: violation, reason: '省级核查认定挂证', officer: province }],
          waitForStage: accepted,
        })
      ).result();
      await ctx.env.sleep(62 * DAY);
      await (await later.startUpdate(imposeProvincialPenaltyUpdate, { args: [{ officer: province }], waitForStage: accepted })).result();
      await later.result();
      return [ctx.env.client.workflow.getHandle(first.workflowId, first.firstExecutionRunId), later];
    },
  },
  {
    // Issue 19 (patched 'penalty-procedure'): a liable decision starts the city's procedure, the province's imposition its own.
    name: 'decided a violation (the city procedure started, no penalty), the province imposes in phase 3 (its procedure started)',
    files: ['caseWorkflow-7'],
    async run(ctx) {
      const c = await correctionsCity(ctx, 'history-case-7', 1);
      const [caseId] = c.caseIds;
      const h = await c.start(caseId);
      await (await h.startUpdate(decideCaseUpdate, { args: [{ decision: violation, officer }], waitForStage: accepted })).result();
      await ctx.env.sleep(62 * DAY);
      await (await h.startUpdate(imposeProvincialPenaltyUpdate, { args: [{ officer: province }], waitForStage: accepted })).result();
      await h.result();
      for (const level of ['city', 'province'] as const) await ctx.env.client.workflow.getHandle(procedureIdOf(caseId, level)).terminate('recorded');
      return [h];
    },
  },
  {
    name: 'a city penalty procedure: proposal, approval, notice served, statement, hearing, review, decision served, remedy periods run out',
    files: ['penaltyProcedureWorkflow-1'],
    run: (ctx) => wholeProcedure(ctx, 'history-procedure-1'),
  },
  {
    name: 'an unattended campaign of one city over the seed calendar: deadlines missed, screening, cases opened',
    files: ['campaignWorkflow-1', 'cityWorkflow-1'],
    run: (ctx) => unattendedCampaign(ctx, 'history-campaign-1'),
  },
  {
    // Recorded after issue 19: the city hands its shards the province's penalty kinds (patched 'provincial-penalty-kinds').
    name: 'the unattended campaign again, its shards given the penalty kinds the province reserves',
    files: ['campaignWorkflow-2', 'cityWorkflow-2'],
    run: (ctx) => unattendedCampaign(ctx, 'history-campaign-2'),
  },
];

/**
 * One city procedure along its whole path, on a campaign clock whose present is 10:00 on Friday
 * 13 February 2026 (the statement window crosses 春节), driven through the services as the API does.
 */
async function wholeProcedure(ctx: ScenarioContext, campaignId: string): Promise<WorkflowHandle[]> {
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

/** An unattended campaign of one city over the seed calendar: deadlines missed, screening, cases opened. */
async function unattendedCampaign(ctx: ScenarioContext, id: string): Promise<WorkflowHandle[]> {
  const snapshotId = await importGeneratedData(ctx.pool, 200);
  // Whole Shanghai days after the server's present, at real speed (the test server skips them).
  const now = await ctx.env.currentTimeMs();
  const start = Math.ceil((now + 8 * 3600_000) / DAY) * DAY - 8 * 3600_000 + DAY;
  // Weekly overdue repeats keep the unattended city's history (and this file) small.
  const raw = {
    id,
    name: '历史记录用例',
    cities: ['2201'],
    dataSources: { snapshotId },
    rules: { overdueRepeatHours: 168 },
    clock: { kind: 'compressed' as const, start: new Date(start).toISOString(), minutesPerDay: 1440 },
  };
  await launchCampaign({ client: ctx.env.client, pool: ctx.pool, taskQueue: ctx.taskQueue }, raw, { launchedBy: 'history' });
  const campaign = ctx.env.client.workflow.getHandle(campaignWorkflowId(id));
  await campaign.result();
  return [campaign, ctx.env.client.workflow.getHandle(cityWorkflowId(id, '2201'))];
}

/** A generated data set (datagen) imported as one snapshot. */
async function importGeneratedData(pool: Pool, persons: number): Promise<number> {
  const dir = mkdtempSync(path.join(tmpdir(), 'gz-history-'));
  try {
    const { files } = await generateDataset({ persons, seed: 20240901, outDir: dir });
    const sources = [
      ['registrations', files.registrations],
      ['social_insurance', files.socialInsurance],
      ['housing_fund', files.housingFund],
      ['units', files.units],
      ['public_sector_staff', files.publicSector],
      ['exam_applications', files.exams],
      ['labor_contracts', files.labor],
    ] as const;
    const batches: number[] = [];
    for (const [source, filePath] of sources) batches.push((await importFile(pool, { source, filePath, importedBy: 'history' })).batchId);
    return await createSnapshot(pool, 'history', batches);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const overwrite = process.argv.includes('--overwrite');
  mkdirSync(OUT, { recursive: true });
  let stopPostgres: (() => Promise<void>) | undefined;
  if (!process.env.TEST_DATABASE_URL) {
    if (process.env.DATABASE_URL) process.env.TEST_DATABASE_URL = process.env.DATABASE_URL;
    else {
      const pg = await startEmbeddedPostgres({ dataDir: path.join(ROOT, 'data', 'history-postgres'), port: await freePort() });
      process.env.TEST_DATABASE_URL = pg.url;
      stopPostgres = () => pg.stop();
    }
  }
  console.log('starting the time-skipping server and bundling the workflows ...');
  const [env, bundle] = await Promise.all([createTimeSkippingEnv(), bundleWorkflows()]);
  try {
    for (const scenario of SCENARIOS) {
      const files = scenario.files.map((f) => path.join(OUT, `${f}.json`));
      if (files.every((f) => existsSync(f)) && !overwrite) {
        console.log(`kept      ${scenario.files.join(', ')}`);
        continue;
      }
      const db = await createTestDatabase();
      const worker = await startWorker(env, bundle, db.pool);
      try {
        const handles = await scenario.run({ env, pool: db.pool, taskQueue: worker.taskQueue });
        for (const [i, file] of files.entries()) writeFileSync(file, historyToFileJson(await handles[i].fetchHistory()));
        console.log(`recorded  ${scenario.files.join(', ')}: ${scenario.name}`);
      } finally {
        await worker.stop();
        await db.drop();
      }
    }
  } finally {
    await env.teardown();
    await stopPostgres?.();
  }
}

if (require.main === module) {
  main().catch((err) => {
    console.error(`recordHistories: ${(err as Error).stack ?? err}`);
    process.exit(1);
  });
}
