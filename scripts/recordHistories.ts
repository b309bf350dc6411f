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
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { WorkflowUpdateStage, type WorkflowHandle } from '@temporalio/client';
import type { CaseDecisionInput } from '../domain/outcomes';
import { startEmbeddedPostgres } from '../platform/embeddedPostgres';
import { liableDecisionSignal } from '../workflows/messages/city';
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
import { procedureIdOf } from '../domain/penaltyProcedure';
import { startForCorrection } from '../services/caseCorrections';
import { bundleWorkflows, calendarAround, createTimeSkippingEnv, DAY, startWorker } from '../test/support/caseWorkflowEnv';
import { createTestDatabase } from '../test/support/database';
import { historyToFileJson } from '../test/support/histories';
import { unattendedCampaign } from './histories/campaignScenarios';
import { decisionRevisedToNoPenalty, wholeProcedure } from './histories/procedureScenarios';
import { CITY, coordinator, correctionsCity, officer, openCity, province, violation, type HistoryScenario, type ScenarioContext } from './histories/scenario';

const ROOT = path.resolve(__dirname, '..');
const OUT = path.join(ROOT, 'test', 'histories');

async function startCase(ctx: ScenarioContext, campaignId: string, caseId: string, settings: object) {
  const calendar = calendarAround(await ctx.env.currentTimeMs());
  return ctx.env.client.workflow.start('caseWorkflow', {
    taskQueue: ctx.taskQueue,
    workflowId: caseWorkflowId(campaignId, CITY, caseId),
    args: [{ campaignId, cityCode: CITY, caseId, settings, calendar }],
  });
}

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
    // Patched 'procedure-withdrawal': a reopening withdraws the procedure the liable decision started.
    name: 'decided a violation (its procedure started), reopened (the procedure withdrawn), decided compliant, ended',
    files: ['caseWorkflow-8'],
    async run(ctx) {
      const c = await correctionsCity(ctx, 'history-case-8', 1);
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
    name: 'a city penalty procedure: proposal, approval, notice served, statement, hearing, review, decision served, remedy periods run out',
    files: ['penaltyProcedureWorkflow-1'],
    run: (ctx) => wholeProcedure(ctx, 'history-procedure-1'),
  },
  {
    name: 'a city penalty procedure: the review drops every measure, the decision sent back and revised, the 不予行政处罚决定书 served',
    files: ['penaltyProcedureWorkflow-2'],
    run: (ctx) => decisionRevisedToNoPenalty(ctx, 'history-procedure-2'),
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
  {
    // Issue 20 (patched 'onsite-checks-during-investigation'): liable decisions tell the city, which
    // looks for units past the pronounced-hanging threshold at once, then at most once an hour.
    name: 'the unattended campaign, its city told of liable decisions during the investigation',
    files: ['campaignWorkflow-3', 'cityWorkflow-3'],
    run: (ctx) =>
      unattendedCampaign(ctx, 'history-campaign-3', async (city) => {
        // 2024-11-02 on the seed calendar: the investigation has begun (it started on 11-01).
        await ctx.env.sleep(62 * DAY);
        for (let i = 0; i < 3; i++) await city.signal(liableDecisionSignal);
        await ctx.env.sleep(2 * 3600_000);
        await city.signal(liableDecisionSignal);
      }),
  },
];

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
