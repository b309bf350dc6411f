/**
 * A rectification order's watch (workflows/intermediaryOrder.ts) on the time-skipping server with the
 * real activities: no alert before the reminder day, the reminder (info) on it, the overdue alert
 * (warning) once the deadline day has passed, both resolved when the result is recorded; an order
 * whose result comes before its reminder day never raises anything.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { recordCampaignStart } from '../../activities/campaigns/recordCampaignStart';
import { addDays, shanghaiDate } from '../../domain/calendar';
import { CampaignConfig } from '../../domain/campaignConfig';
import { orderWatchId } from '../../domain/intermediary';
import { createIntermediary, issueOrder, recordResult } from '../../services/intermediaries';
import { fixtureIdNumber, fixtureUscc, seedScreenedCity } from '../support/caseFixtures';
import { bundleWorkflows, calendarAround, createTimeSkippingEnv, eventually, startWorker, type RunningWorker } from '../support/caseWorkflowEnv';
import { createTestDatabase, type TestDatabase } from '../support/database';

const C = 'order-watch';
const AT = { campaignId: C, cityCode: '2201' };
const DAY = 86_400_000;

let env: TestWorkflowEnvironment;
let bundle: WorkflowBundleWithSourceMap;
let db: TestDatabase;
let worker: RunningWorker;
let today: string;

const alerts = async (orderId: number) =>
  (
    await db.pool.query<{ kind: string; level: string; resolved: boolean }>(
      `SELECT kind, level, resolved_at IS NOT NULL AS resolved FROM alert WHERE alert_key LIKE $1 ORDER BY kind`,
      [`campaign/${C}/intermediary-order/${orderId}/%`],
    )
  ).rows;

beforeAll(async () => {
  [env, bundle, db] = await Promise.all([createTimeSkippingEnv(), bundleWorkflows(), createTestDatabase()]);
  worker = await startWorker(env, bundle, db.pool);
  const now = await env.currentTimeMs();
  today = shanghaiDate(new Date(now));
  const { snapshotId } = await seedScreenedCity(db.pool, '2201', [
    { idNumber: fixtureIdNumber(1), regUnit: { name: '吉林省测试建设有限公司', code: fixtureUscc(1) } },
  ]);
  const config = CampaignConfig.parse({ id: C, name: '整改令提醒', cities: ['2201'], dataSources: { snapshotId }, calendar: calendarAround(now) });
  await recordCampaignStart(db.pool, { config, snapshotId, launchedBy: 'seed', workflowId: `campaign/${C}`, at: new Date(now).toISOString() });
}, 180_000);

afterAll(async () => {
  await worker?.stop();
  await env?.teardown();
  await db?.drop();
});

const watch = () => ({ client: env.client, taskQueue: worker.taskQueue });
/** The watch's result, read once it has completed: awaiting a result earlier would let the server skip time to the next timer. */
const closedWatch = async (orderId: number) => {
  const handle = env.client.workflow.getHandle(orderWatchId(C, orderId));
  await eventually(async () => expect((await handle.describe()).status.name).toBe('COMPLETED'));
  return handle.result();
};

test('an open order is reminded before its deadline and raised overdue after it; the result resolves both', async () => {
  const id = await createIntermediary(db.pool, AT, { name: '提醒测试中介', kind: 'broker' }, 'officer2201');
  const orderId = await issueOrder(db.pool, watch(), AT, id, { issuedOn: today, deadline: addDays(today, 10), requirements: '限期整改' }, 'officer2201', null);

  await env.sleep(6 * DAY);
  expect(await alerts(orderId)).toEqual([]);
  await env.sleep(2 * DAY);
  await eventually(async () => expect(await alerts(orderId)).toEqual([{ kind: 'intermediary_order_due', level: 'info', resolved: false }]));
  await env.sleep(3 * DAY);
  await eventually(async () =>
    expect(await alerts(orderId)).toEqual([
      { kind: 'intermediary_order_due', level: 'info', resolved: false },
      { kind: 'intermediary_order_overdue', level: 'warning', resolved: false },
    ]),
  );

  await recordResult(db.pool, watch(), AT, id, orderId, { result: 'rectified', resultOn: addDays(today, 11) }, 'officer2201');
  expect(await closedWatch(orderId)).toBe('closed');
  expect((await alerts(orderId)).every((a) => a.resolved)).toBe(true);
}, 120_000);

test('an order rectified before its reminder day raises no alert', async () => {
  const today = shanghaiDate(new Date(await env.currentTimeMs()));
  const id = await createIntermediary(db.pool, AT, { name: '按期整改中介', kind: 'training' }, 'officer2201');
  const orderId = await issueOrder(db.pool, watch(), AT, id, { issuedOn: today, deadline: addDays(today, 20), requirements: '限期整改' }, 'officer2201', null);
  await env.sleep(2 * DAY);
  await recordResult(db.pool, watch(), AT, id, orderId, { result: 'rectified', resultOn: today }, 'officer2201');
  expect(await closedWatch(orderId)).toBe('closed');
  expect(await alerts(orderId)).toEqual([]);
}, 120_000);
