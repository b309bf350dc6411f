/**
 * Issue 20 item 3: a worked task's due date is watched like a phase deadline, on the time-skipping
 * server with the real activities: a reminder two days before, an overdue alert when the day passes,
 * repeated daily, the old date's alerts resolved when the date moves, all resolved and the watch
 * ended when the task closes.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { addDays, shanghaiDate } from '../../domain/calendar';
import { taskChangedSignal, taskDueWatchId } from '../../workflows/messages/taskDueWatch';
import type { taskDueWatchWorkflow } from '../../workflows/taskDueWatch';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { bundleWorkflows, createTimeSkippingEnv, DAY, eventually, startWorker, type RunningWorker } from '../support/caseWorkflowEnv';

const CAMPAIGN = 'wf-task-due';

describe('the due-date watch of a worked task (time-skipping)', () => {
  let db: TestDatabase;
  let env: TestWorkflowEnvironment;
  let bundle: WorkflowBundleWithSourceMap;
  let worker: RunningWorker;

  beforeAll(async () => {
    [db, env, bundle] = await Promise.all([createTestDatabase(), createTimeSkippingEnv(), bundleWorkflows()]);
    worker = await startWorker(env, bundle, db.pool);
  });
  afterAll(async () => {
    await worker?.stop();
    await env?.teardown();
    await db?.drop();
  });

  const alerts = async () =>
    (
      await db.pool.query<{ alert_key: string; kind: string; level: string; repeat_count: number; resolved: boolean; message: string }>(
        `SELECT alert_key, kind, level, repeat_count, resolved_at IS NOT NULL AS resolved, message FROM alert WHERE campaign_id = $1 ORDER BY alert_key`,
        [CAMPAIGN],
      )
    ).rows;

  it('reminds before the due date, alerts when it passes (again each day), follows a new date and ends when the task closes', async () => {
    const today = shanghaiDate(new Date(await env.currentTimeMs()));
    const due = addDays(today, 5);
    const { rows } = await db.pool.query<{ id: string }>(
      `INSERT INTO onsite_check_task (campaign_id, unit_key, city_code, unit_name, reason, violations, staff_total, status, owner, due_date)
       VALUES ($1, 'name:due-a', '2201', '期限测试公司', 'min_violations', 3, 9, 'in_progress', 'officer2201', $2) RETURNING id`,
      [CAMPAIGN, due],
    );
    const taskId = Number(rows[0].id);
    const ref = { kind: 'onsite' as const, campaignId: CAMPAIGN, taskId };
    const handle = await env.client.workflow.start<typeof taskDueWatchWorkflow>('taskDueWatchWorkflow', {
      taskQueue: worker.taskQueue,
      workflowId: taskDueWatchId(ref),
      args: [ref],
    });
    const prefix = `campaign/${CAMPAIGN}/task/onsite/${taskId}/`;

    // Nothing before the reminder's day; the reminder (2 days before) once it comes.
    await env.sleep(2 * DAY);
    expect(await alerts()).toEqual([]);
    await env.sleep(2 * DAY);
    await eventually(async () =>
      expect(await alerts()).toEqual([
        expect.objectContaining({ alert_key: `${prefix}due-soon/${due}`, kind: 'task_due_soon', level: 'warning', resolved: false }),
      ]),
    );
    expect((await alerts())[0].message).toBe(`到岗履职现场核查任务第${taskId}号（长春市）的办理期限为${due}，还剩2天，尚未办结`);

    // The day passes: overdue, then again a day later.
    await env.sleep(2 * DAY);
    await eventually(async () =>
      expect(await alerts()).toContainEqual(
        expect.objectContaining({ alert_key: `${prefix}overdue/${due}`, kind: 'task_overdue', level: 'critical', repeat_count: 1 }),
      ),
    );
    await env.sleep(DAY);
    await eventually(async () => expect((await alerts()).find((a) => a.alert_key === `${prefix}overdue/${due}`)?.repeat_count).toBe(2));

    // A new due date: the old date's alerts are resolved, the new date is watched afresh.
    const later = addDays(today, 20);
    await db.pool.query('UPDATE onsite_check_task SET due_date = $2 WHERE id = $1', [taskId, later]);
    await handle.signal(taskChangedSignal);
    await eventually(async () => expect((await alerts()).filter((a) => !a.resolved)).toEqual([]));

    // Closed: the watch ends, nothing left open.
    await db.pool.query(`UPDATE onsite_check_task SET status = 'closed', closed_at = now(), closed_by = 'officer2201', result = '已整改' WHERE id = $1`, [
      taskId,
    ]);
    await handle.signal(taskChangedSignal);
    expect(await handle.result()).toEqual({ closed: true, overdueAlerts: 0 });
    expect((await alerts()).every((a) => a.resolved)).toBe(true);
  }, 240_000);
});
