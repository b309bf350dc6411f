/**
 * Complaints as cases of their own (issue 20 item 1) on the complaint workflow, time-skipping server,
 * real activities, no campaign or city workflow running at all (the campaign has ended): numbers gap-free,
 * reminders and overdue alerts on both time limits, to the reply; a registration whose workflow start
 * was lost is started by the recovery; nothing personal in the workflow's history. Opening and
 * reopening a person's case and a unit's inquiry: test/e2e/complaintIntake.test.ts on the real stack.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { recordCampaignStart } from '../../activities/campaigns/recordCampaignStart';
import { openCasesFromScreening } from '../../activities/cases/openCasesFromScreening';
import { addDays, shanghaiDate } from '../../domain/calendar';
import { CampaignConfig } from '../../domain/campaignConfig';
import { complaintWorkflowId } from '../../domain/complaintCase';
import type { Officer } from '../../domain/officer';
import { registerComplaintCase, startUnstartedComplaints, takeComplaintStep, type ComplaintDeps } from '../../services/complaintCases';
import { complaintStateQuery } from '../../workflows/messages/complaint';
import { fixtureIdNumber, fixtureUscc, seedScreenedCity } from '../support/caseFixtures';
import { bundleWorkflows, createTimeSkippingEnv, DAY, eventually, startWorker, type RunningWorker } from '../support/caseWorkflowEnv';
import { createTestDatabase, type TestDatabase } from '../support/database';

const CAMPAIGN = 'wf-complaint';
const CITY = '2201';
const officer: Officer = { userId: 'officer-2201', role: 'city_officer', cityCode: CITY };
const regUnit = { name: '吉林省投诉测试建设有限公司', code: fixtureUscc(70) };
const CLOSED_PERSON = fixtureIdNumber(71);
const NEW_PERSON = fixtureIdNumber(72);

describe('complaints as cases of their own (time-skipping, after the campaign’s end)', () => {
  let db: TestDatabase;
  let env: TestWorkflowEnvironment;
  let bundle: WorkflowBundleWithSourceMap;
  let worker: RunningWorker;
  let deps: ComplaintDeps;
  let key = 0;
  const q = async (sql: string, params: unknown[] = []) => (await db.pool.query(sql, params)).rows;
  const register = (subject: Parameters<typeof registerComplaintCase>[1]['subject'], content = '该人员证书挂靠在本单位，本人在外地工作') =>
    registerComplaintCase(deps, {
      requestKey: `wf-complaint-${++key}`,
      cityCode: CITY,
      channel: 'phone',
      source: 'officer',
      subject,
      content,
      registeredBy: officer.userId,
      contact: { name: '张投诉', phone: '13800000000' },
    });
  const step = (complaintNo: string, s: Parameters<typeof takeComplaintStep>[1]['step'], texts = {}) =>
    takeComplaintStep(deps, { complaintNo, cityCode: CITY, step: s, texts, officer });
  const stateOf = (no: string) => env.client.workflow.getHandle(complaintWorkflowId(CAMPAIGN, no)).query(complaintStateQuery);

  beforeAll(async () => {
    [db, env, bundle] = await Promise.all([createTestDatabase(), createTimeSkippingEnv(), bundleWorkflows()]);
    const { runId, snapshotId } = await seedScreenedCity(db.pool, CITY, [{ idNumber: CLOSED_PERSON, regUnit, riskScore: 90 }]);
    // A campaign that ended a month ago: every deadline is past, and no campaign or city workflow runs.
    const today = shanghaiDate(new Date(await env.currentTimeMs()));
    const calendar = {
      selfCheck: { start: addDays(today, -200), deadline: addDays(today, -170) },
      progressNotice: { date: addDays(today, -165) },
      investigation: { start: addDays(today, -169), deadline: addDays(today, -80) },
      provincialVerification: { start: addDays(today, -79), deadline: addDays(today, -30) },
    };
    const config = CampaignConfig.parse({ id: CAMPAIGN, name: '投诉测试', cities: [CITY], dataSources: { snapshotId }, calendar });
    await recordCampaignStart(db.pool, { config, snapshotId, launchedBy: 'test', workflowId: `campaign/${CAMPAIGN}`, at: new Date().toISOString() });
    await openCasesFromScreening(db.pool, { campaignId: CAMPAIGN, cityCode: CITY, screeningRunId: runId, dueAt: new Date().toISOString() });
    // The person's case was decided compliant (no liability) during the campaign and is closed.
    await db.pool.query(
      `UPDATE case_file SET status = 'closed', outcome = 'COMPLIANT', liability = 'none', decided_at = now(), decided_on = current_date,
              decision = '{"outcome":"COMPLIANT","ground":"DATA_LAG","justification":"数据滞后"}', closed_at = now()
       WHERE campaign_id = $1 AND id_number = $2`,
      [CAMPAIGN, CLOSED_PERSON],
    );
    await db.pool.query('DELETE FROM registration_freeze');
    worker = await startWorker(env, bundle, db.pool);
    deps = { pool: db.pool, client: env.client, taskQueue: worker.taskQueue };
  });
  afterAll(async () => {
    await worker?.stop();
    await env?.teardown();
    await db?.drop();
  });

  it('numbers complaints gap-free per city and year, and raises reminders and overdue alerts on both time limits', async () => {
    const a = await register({ kind: 'unit', unitName: '某劳务公司' });
    const b = await register({ kind: 'unit', unitName: '另一劳务公司' });
    const year = shanghaiDate(new Date()).slice(0, 4);
    expect(a.complaintNo).toBe(`${CITY}-${year}-000001`);
    expect(b.complaintNo).toBe(`${CITY}-${year}-000002`);
    expect(a.queryCode).toMatch(/^[A-Z2-9]{12}$/);
    // 15 days to accept (the default), reminded 3 days before: after 13 days the reminder, after 16 the overdue alert.
    await env.sleep(13 * DAY);
    await eventually(async () => expect((await stateOf(a.complaintNo)).reminders).toBe(1));
    expect((await stateOf(a.complaintNo)).overdue).toBe(false);
    await env.sleep(3 * DAY);
    await eventually(async () => expect((await stateOf(a.complaintNo)).overdue).toBe(true));
    const alerts = await q(`SELECT alert_key, level, message FROM alert WHERE alert_key LIKE $1 ORDER BY alert_key`, [`complaint/${a.complaintNo}/%`]);
    expect(alerts.map((x) => [x.alert_key, x.level])).toEqual([
      [`complaint/${a.complaintNo}/accept/overdue`, 'critical'],
      [`complaint/${a.complaintNo}/accept/reminder`, 'warning'],
    ]);
    expect(alerts[0].message).toContain(a.complaintNo);
    // Accepted late: the handling limit runs from the acceptance (60 days), its reminder and overdue alert follow.
    const accepted = await step(a.complaintNo, 'accept');
    expect(accepted.status).toBe('accepted');
    expect(accepted.handleDueAt).toBeDefined();
    const handleDue = Date.parse(accepted.handleDueAt!);
    await env.sleep(handleDue - (await env.currentTimeMs()) + DAY);
    await eventually(async () => expect((await stateOf(a.complaintNo)).reminders).toBe(2));
    await eventually(async () =>
      expect((await q(`SELECT count(*)::int AS n FROM alert WHERE alert_key = $1`, [`complaint/${a.complaintNo}/handle/overdue`]))[0].n).toBe(1),
    );
    // Concluded and replied: the workflow completes with the complaint.
    await step(a.complaintNo, 'conclude', { result: '经核查，该公司未发现挂证行为' });
    const replied = await step(a.complaintNo, 'reply', { reply: '经核查，未发现您反映的问题，感谢监督' });
    expect(replied.status).toBe('replied');
    await env.client.workflow.getHandle(complaintWorkflowId(CAMPAIGN, a.complaintNo)).result();
  });

  it('starts a registered complaint whose workflow start was lost, and keeps personal data out of the history', async () => {
    const lost: ComplaintDeps = {
      ...deps,
      client: { workflow: { start: () => Promise.reject(new Error('connection lost')) } } as unknown as ComplaintDeps['client'],
    };
    await expect(
      registerComplaintCase(lost, {
        requestKey: 'wf-complaint-lost',
        cityCode: CITY,
        channel: 'web',
        source: 'public',
        subject: { kind: 'person', idNumber: NEW_PERSON },
        content: '网上举报内容',
        registeredBy: 'public',
        contact: { phone: '13900000000' },
      }),
    ).rejects.toThrow('connection lost');
    const [row] = await q(`SELECT complaint_no, workflow_started_at FROM complaint_case WHERE request_key = 'wf-complaint-lost'`);
    expect(row.workflow_started_at).toBeNull();
    expect(await startUnstartedComplaints(deps)).toBe(1);
    expect((await stateOf(row.complaint_no)).status).toBe('registered');
    expect(await startUnstartedComplaints(deps)).toBe(0);
    // Payload bytes decoded: what the history would show anyone who reads it.
    const history = JSON.stringify(
      (await env.client.workflow.getHandle(complaintWorkflowId(CAMPAIGN, row.complaint_no)).fetchHistory()).events,
      (k, v: unknown) => (k === 'data' && typeof v === 'string' ? Buffer.from(v, 'base64').toString('utf8') : v),
    );
    expect(history).toContain(row.complaint_no);
    for (const secret of [NEW_PERSON, '13900000000', '网上举报']) expect(history).not.toContain(secret);
  });
});
