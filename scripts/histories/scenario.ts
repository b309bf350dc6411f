/**
 * What every recorded scenario is handed and gives back, the city and officers they act as, and the
 * city set-ups several scenarios share (scripts/recordHistories.ts lists the scenarios).
 */
import type { WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Pool } from 'pg';
import { listCaseIds } from '../../activities/cases/listCaseIds';
import { openCasesFromScreening } from '../../activities/cases/openCasesFromScreening';
import { caseWorkflowId } from '../../workflows/messages/case';
import { caseSettingsOf } from '../../workflows/messages/caseSettings';
import { recordCampaignStart } from '../../activities/campaigns/recordCampaignStart';
import { recordReview } from '../../activities/submissions/reviewSubmission';
import { recordSubmission } from '../../activities/submissions/recordSubmission';
import { CampaignConfig } from '../../domain/campaignConfig';
import { fixtureIdNumber, fixtureUscc, seedScreenedCity } from '../../test/support/caseFixtures';
import { calendarAround, DAY } from '../../test/support/caseWorkflowEnv';

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

export const CITY = '2205';
export const officer = { userId: 'officer-2205', role: 'city_officer' as const, cityCode: CITY };
export const coordinator = { userId: 'province-1', role: 'coordinator' as const };
export const province = { userId: 'province-1', role: 'province_coordinator' as const };
export const violation = { outcome: 'VIOLATION', actualEmployer: { name: '实际工作单位' }, evidence: '社保由实际工作单位缴纳' } as const;

/**
 * A campaign of one city whose cases take the campaign's settings (revocation reserved to the
 * province), recorded in the read model as launched: what a correction's later run reads.
 */
export async function correctionsCity(ctx: ScenarioContext, campaignId: string, n: number) {
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

/** A city with `n` screened persons and their cases opened; returns the case ids. */
export async function openCity(pool: Pool, campaignId: string, n: number): Promise<string[]> {
  const regUnit = { name: '通化某建设有限公司', code: fixtureUscc(60) };
  const { runId } = await seedScreenedCity(
    pool,
    CITY,
    Array.from({ length: n }, (_, i) => ({ idNumber: fixtureIdNumber(i + 1), regUnit })),
  );
  await openCasesFromScreening(pool, { campaignId, cityCode: CITY, screeningRunId: runId, dueAt: new Date(Date.now() + 60 * DAY).toISOString() });
  return listCaseIds(pool, { campaignId, cityCode: CITY, limit: n });
}
