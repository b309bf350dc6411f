/**
 * Issue 21 item 4, the long-term mechanism on the time-skipping server: after the campaign the
 * monthly re-screening wakes on the first of each month (the campaign's clock), re-screens every
 * city against the latest snapshot and reports to the province. Its own file: the time-skipping
 * server's clock stands still while workflows of another test wait for a worker that has stopped.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { createActivities } from '../../activities';
import { recordCampaignStart } from '../../activities/campaigns/recordCampaignStart';
import { createSnapshot } from '../../dataImport/snapshot';
import { runScreening } from '../../activities/screening/runScreening';
import { CampaignConfig } from '../../domain/campaignConfig';
import type { AppConfig } from '../../platform/config';
import { monthlyRescreenWorkflowId } from '../../workflows/messages/rescreen';
import type { monthlyRescreenWorkflow } from '../../workflows/monthlyRescreen';
import type { TestDatabase } from '../support/database';
import { startGeneratedSources, type GeneratedSources } from '../support/generatedSourcesFixture';

const TASK_QUEUE = 'rescreen-monthly';
const DAY = 24 * 60 * 60 * 1000;
const CITY = '2201';
const CAMPAIGN = 'rescreen-wf';

describe('the monthly re-screening after the campaign', () => {
  let fixture: GeneratedSources;
  let db: TestDatabase;
  let env: TestWorkflowEnvironment;
  let bundle: WorkflowBundleWithSourceMap;
  let batches: Map<string, number>;

  beforeAll(async () => {
    fixture = await startGeneratedSources();
    ({ db, env, bundle, batches } = fixture);
  }, 120_000);

  afterAll(async () => {
    await fixture?.stop();
  });

  it('re-screens every month after the campaign and reports to the province', async () => {
    const { client } = env;
    const now = await env.currentTimeMs();
    const start = Math.ceil((now + 8 * 3600_000) / DAY) * DAY - 8 * 3600_000 + DAY;
    const config = CampaignConfig.parse({
      id: CAMPAIGN,
      name: '复筛测试',
      cities: [CITY],
      dataSources: { snapshotId: 1 },
      clock: { kind: 'compressed', start: new Date(start).toISOString(), minutesPerDay: 1440 },
    });
    // The campaign's list: a city screened on the launch's snapshot.
    const monthly = 'rescreen-monthly';
    const snapshotId = await createSnapshot(db.pool, 'monthly', [...batches.values()]);
    await recordCampaignStart(db.pool, {
      config: CampaignConfig.parse({ ...config, id: monthly, dataSources: { snapshotId } }),
      snapshotId,
      launchedBy: 'test',
      workflowId: `campaign/${monthly}`,
      at: new Date(now).toISOString(),
    });
    const run = await runScreening(db.pool, { snapshotId, cityCode: CITY, settings: { windowMonths: 3, ageLimit: 65, riskWeights: {} } });
    await db.pool.query(
      `INSERT INTO city_progress (campaign_id, city_code, screening_run_id, updated_at) VALUES ($1, $2, $3, now())
                         ON CONFLICT (campaign_id, city_code) DO UPDATE SET screening_run_id = EXCLUDED.screening_run_id`,
      [monthly, CITY, run.runId],
    );
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue: `${TASK_QUEUE}-monthly`,
      workflowBundle: bundle,
      activities: createActivities({ pool: db.pool, config: {} as AppConfig }),
    });
    const r = await worker.runUntil(
      client.workflow.execute<typeof monthlyRescreenWorkflow>('monthlyRescreenWorkflow', {
        workflowId: monthlyRescreenWorkflowId(monthly),
        taskQueue: `${TASK_QUEUE}-monthly`,
        args: [{ campaignId: monthly, cities: [CITY], config, firstMonth: '2024-10-01', months: 2, done: 0 }],
      }),
    );
    expect(r).toEqual({ months: 2 });
    const runs = await db.pool.query(`SELECT mode FROM rescreen_run WHERE campaign_id = $1 AND trigger = 'monthly' ORDER BY id`, [monthly]);
    // Nothing new since the last snapshot: each month confirms the list unchanged.
    expect(runs.rows).toEqual([{ mode: 'unchanged' }, { mode: 'unchanged' }]);
    const alerts = await db.pool.query(`SELECT alert_key, message FROM alert WHERE kind = 'monthly_rescreen' ORDER BY alert_key`);
    expect(alerts.rows.map((a) => a.alert_key)).toEqual([`campaign/${monthly}/monthly-rescreen/2024-10`, `campaign/${monthly}/monthly-rescreen/2024-11`]);
    expect(alerts.rows[0].message).toContain('长春市');
  }, 300_000);
});
