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
 * Each workflow type's owner adds its scenarios to SCENARIOS below.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { WorkflowUpdateStage, type WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Pool } from 'pg';
import { listCaseIds } from '../activities/cases/listCaseIds';
import { openCasesFromScreening } from '../activities/cases/openCasesFromScreening';
import type { CaseDecisionInput } from '../domain/outcomes';
import { startEmbeddedPostgres } from '../platform/embeddedPostgres';
import { freePort } from '../platform/ports';
import {
  carryOverUpdate, caseWorkflowId, decideCaseUpdate, extendCaseDueSignal, imposeProvincialPenaltyUpdate,
} from '../workflows/messages/case';
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
  /** Runs the execution to its end; returns the workflows whose histories to keep. */
  run(ctx: ScenarioContext): Promise<WorkflowHandle[]>;
}

const CITY = '2205';
const officer = { userId: 'officer-2205', role: 'city_officer' as const, cityCode: CITY };
const coordinator = { userId: 'province-1', role: 'coordinator' as const };

/** A city with `n` screened persons and their cases opened; returns the case ids. */
async function openCity(pool: Pool, campaignId: string, n: number): Promise<string[]> {
  const regUnit = { name: '通化某建设有限公司', code: fixtureUscc(60) };
  const { runId } = await seedScreenedCity(pool, CITY, Array.from({ length: n }, (_, i) => ({ idNumber: fixtureIdNumber(i + 1), regUnit })));
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

export const SCENARIOS: Record<string, HistoryScenario[]> = {
  caseWorkflow: [
    {
      name: 'reminded and escalated, decided a violation, provincial penalty in phase 3',
      async run(ctx) {
        const [caseId] = await openCity(ctx.pool, 'history-case-1', 1);
        const h = await startCase(ctx, 'history-case-1', caseId, {
          reminderAfterDays: 2, escalateAfterDays: 4, reminderRepeatDays: 1, provincialPenaltyKinds: ['REVOKE_REGISTRATION'],
        });
        await ctx.env.sleep(5 * DAY);
        await (await h.startUpdate(decideCaseUpdate, { args: [{ decision: violation, officer }], waitForStage: WorkflowUpdateStage.ACCEPTED })).result();
        await ctx.env.sleep(60 * DAY);
        await (await h.startUpdate(imposeProvincialPenaltyUpdate, { args: [{ officer: coordinator }], waitForStage: WorkflowUpdateStage.ACCEPTED })).result();
        await h.result();
        return [h];
      },
    },
    {
      name: 'deadline extended, carried over, rectified within phase 1 (exempt)',
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
  ],
  caseShardWorkflow: [
    {
      name: 'a shard of three cases: a violation (closure by signal), a compliant case, a transfer',
      async run(ctx) {
        const campaignId = 'history-shard-1';
        const caseIds = await openCity(ctx.pool, campaignId, 3);
        const shard = await ctx.env.client.workflow.start('caseShardWorkflow', {
          taskQueue: ctx.taskQueue,
          workflowId: `campaign/${campaignId}/city/${CITY}/shard/0`,
          args: [{ campaignId, cityCode: CITY, shardIndex: 0, caseIds, caseSettings: { reminderAfterDays: 5, escalateAfterDays: 9 },
            calendar: calendarAround(await ctx.env.currentTimeMs()) }],
        });
        const decisions: CaseDecisionInput[] = [
          violation, { outcome: 'COMPLIANT', ground: 'RETIRED', justification: '已依法退休' }, { outcome: 'TRANSFERRED', receivingAuthority: '省人社厅' },
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
  ],
};

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
    for (const [type, scenarios] of Object.entries(SCENARIOS)) {
      for (const [i, scenario] of scenarios.entries()) {
        const file = path.join(OUT, `${type}-${i + 1}.json`);
        if (existsSync(file) && !overwrite) {
          console.log(`kept      ${path.relative(ROOT, file)}`);
          continue;
        }
        const db = await createTestDatabase();
        const worker = await startWorker(env, bundle, db.pool);
        try {
          const [handle] = await scenario.run({ env, pool: db.pool, taskQueue: worker.taskQueue });
          writeFileSync(file, historyToFileJson(await handle.fetchHistory()));
          console.log(`recorded  ${path.relative(ROOT, file)}: ${scenario.name}`);
        } finally {
          await worker.stop();
          await db.drop();
        }
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
