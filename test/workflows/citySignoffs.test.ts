/**
 * Issue 21, both departments at the table, on the city workflow (time-skipping server, real activities):
 * 住建 submits the 汇总表 and the city waits for 人社's signature before the province sees it; the
 * province reviews it per department (省住建厅, 省人社厅), approved when both parts are, returned by either.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { recordCampaignStart } from '../../activities/campaigns/recordCampaignStart';
import { addDays, shanghaiDate } from '../../domain/calendar';
import { CampaignConfig } from '../../domain/campaignConfig';
import type { Officer } from '../../domain/officer';
import { listSubmissions } from '../../readModel/submissions';
import { reviewSubmission, signSubmission, submitSelfCheck } from '../../services/campaignCommands';
import type { cityWorkflow } from '../../workflows/city';
import { cityStateQuery, cityWorkflowId } from '../../workflows/messages/city';
import { fixtureIdNumber, fixtureUscc, seedScreenedCity } from '../support/caseFixtures';
import { bundleWorkflows, createTimeSkippingEnv, eventually, startWorker, type RunningWorker } from '../support/caseWorkflowEnv';
import { createTestDatabase, type TestDatabase } from '../support/database';

const CAMPAIGN = 'wf-signoffs';
const CITY = '2201';
const housing: Officer = { userId: 'officer2201', role: 'city_officer', cityCode: CITY };
const hr: Officer = { userId: 'hr2201', role: 'city_hr_officer', cityCode: CITY };
const otherHr: Officer = { userId: 'hr2202', role: 'city_hr_officer', cityCode: '2202' };
const provinceHousing: Officer = { userId: 'coordinator', role: 'province_coordinator' };
const provinceHr: Officer = { userId: 'hr22', role: 'province_hr_coordinator' };

describe("a city's submission signed by both departments and reviewed by both (time-skipping)", () => {
  let db: TestDatabase;
  let env: TestWorkflowEnvironment;
  let bundle: WorkflowBundleWithSourceMap;
  let worker: RunningWorker;
  const ref = { campaignId: CAMPAIGN, cityCode: CITY };
  const q = async (sql: string, params: unknown[] = []) => (await db.pool.query(sql, params)).rows;
  /** The refusal's words (an update's validator refuses with an ApplicationFailure, the client wraps it). */
  const refusal = (p: Promise<unknown>) =>
    p.then(
      () => 'accepted',
      (e: unknown) => String((e as { cause?: { message?: string } }).cause?.message ?? (e as Error).message),
    );
  const state = () => env.client.workflow.getHandle(cityWorkflowId(CAMPAIGN, CITY)).query(cityStateQuery);

  beforeAll(async () => {
    [db, env, bundle] = await Promise.all([createTestDatabase(), createTimeSkippingEnv(), bundleWorkflows()]);
    const { snapshotId } = await seedScreenedCity(db.pool, CITY, [
      { idNumber: fixtureIdNumber(1), regUnit: { name: '会签测试建设有限公司', code: fixtureUscc(1) } },
    ]);
    // The self-check phase runs, its deadline far ahead: nothing but the messages moves the city.
    const today = shanghaiDate(new Date(await env.currentTimeMs()));
    const calendar = {
      selfCheck: { start: addDays(today, -10), deadline: addDays(today, 200) },
      progressNotice: { date: addDays(today, 205) },
      investigation: { start: addDays(today, 300), deadline: addDays(today, 400) },
      provincialVerification: { start: addDays(today, 401), deadline: addDays(today, 430) },
    };
    const config = CampaignConfig.parse({ id: CAMPAIGN, name: '会签测试', cities: [CITY], dataSources: { snapshotId }, calendar });
    await recordCampaignStart(db.pool, { config, snapshotId, launchedBy: 'test', workflowId: `campaign/${CAMPAIGN}`, at: new Date().toISOString() });
    worker = await startWorker(env, bundle, db.pool);
    await env.client.workflow.start<typeof cityWorkflow>('cityWorkflow', {
      taskQueue: worker.taskQueue,
      workflowId: cityWorkflowId(CAMPAIGN, CITY),
      args: [{ campaignId: CAMPAIGN, cityCode: CITY, config, snapshotId }],
    });
  });
  afterAll(async () => {
    await worker?.stop();
    await env?.teardown();
    await db?.drop();
  });

  it('waits for 人社 to sign before the province sees the submission, and records each sign-off with person and time', async () => {
    await expect(submitSelfCheck(env.client, { ...ref, officer: housing, requestId: 'submit-1' })).resolves.toMatchObject({
      version: 1,
      status: 'signing',
      awaiting: ['hr'],
    });
    expect((await state()).submissions.self_check).toMatchObject({ status: 'signing', version: 1, signoffs: { housing: 'officer2201' } });
    expect((await state()).deadlines.selfCheck.met).toBe(false);
    const [signing] = await listSubmissions(db.pool, CAMPAIGN, CITY);
    expect(signing).toMatchObject({
      status: 'signing',
      awaitingSignoff: ['hr'],
      signoffs: [{ department: 'housing', signedBy: 'officer2201', signedRole: 'city_officer' }],
    });

    // The province has nothing to review yet; 住建 cannot submit the same report twice; nobody but 人社 of this city signs.
    expect(await refusal(reviewSubmission(env.client, { ...ref, kind: 'self_check', version: 1, decision: 'approve', officer: provinceHousing }))).toMatch(
      /没有待审核的第1版报送/,
    );
    expect(await refusal(submitSelfCheck(env.client, { ...ref, officer: housing }))).toMatch(/等待市（州）人社局会签/);
    expect(await refusal(signSubmission(env.client, { ...ref, kind: 'self_check', version: 1, officer: housing }))).toMatch(/须由市（州）人社局人员办理/);
    expect(await refusal(signSubmission(env.client, { ...ref, kind: 'self_check', version: 1, officer: otherHr }))).toMatch(/不属于/);
    expect(await refusal(signSubmission(env.client, { ...ref, kind: 'self_check', version: 2, officer: hr }))).toMatch(/没有等待人社局会签的第2版报送/);

    await expect(signSubmission(env.client, { ...ref, kind: 'self_check', version: 1, officer: hr, requestId: 'sign-1' })).resolves.toMatchObject({
      version: 1,
      status: 'submitted',
      late: false,
    });
    expect((await state()).submissions.self_check).toMatchObject({ status: 'submitted', signoffs: { housing: 'officer2201', hr: 'hr2201' } });
    expect((await state()).deadlines.selfCheck.met).toBe(true);
    const [submitted] = await listSubmissions(db.pool, CAMPAIGN, CITY);
    expect(submitted.status).toBe('submitted');
    expect(submitted.awaitingSignoff).toEqual([]);
    expect(submitted.signoffs.map((g) => [g.department, g.signedBy, g.signedRole])).toEqual([
      ['housing', 'officer2201', 'city_officer'],
      ['hr', 'hr2201', 'city_hr_officer'],
    ]);
    expect(Date.parse(submitted.signoffs[1].signedAt)).toBeGreaterThanOrEqual(Date.parse(submitted.signoffs[0].signedAt));
    // The signature is idempotent by request: the same request answers the same.
    await expect(signSubmission(env.client, { ...ref, kind: 'self_check', version: 1, officer: hr, requestId: 'sign-1' })).resolves.toMatchObject({
      status: 'submitted',
    });
  });

  it('is approved only when 省住建厅 and 省人社厅 have both approved their parts, and returned to the city by either', async () => {
    await expect(reviewSubmission(env.client, { ...ref, kind: 'self_check', version: 1, decision: 'approve', officer: provinceHr })).resolves.toEqual({
      status: 'submitted',
      awaiting: ['housing'],
    });
    expect(await refusal(reviewSubmission(env.client, { ...ref, kind: 'self_check', version: 1, decision: 'approve', officer: provinceHr }))).toMatch(
      /本部门已审核通过/,
    );
    // 住建厅 returns its part: the whole version goes back to the city.
    await expect(
      reviewSubmission(env.client, {
        ...ref,
        kind: 'self_check',
        version: 1,
        decision: 'return',
        comments: '汇总表注销情况填写不完整',
        officer: provinceHousing,
      }),
    ).resolves.toMatchObject({ status: 'returned' });
    expect((await state()).submissions.self_check.status).toBe('returned');

    // Version 2: signed by both again, then approved by both.
    await expect(submitSelfCheck(env.client, { ...ref, officer: housing, requestId: 'submit-2' })).resolves.toMatchObject({ version: 2, status: 'signing' });
    await expect(signSubmission(env.client, { ...ref, kind: 'self_check', version: 2, officer: hr, requestId: 'sign-2' })).resolves.toMatchObject({
      version: 2,
      status: 'submitted',
    });
    await expect(reviewSubmission(env.client, { ...ref, kind: 'self_check', version: 2, decision: 'approve', officer: provinceHousing })).resolves.toEqual({
      status: 'submitted',
      awaiting: ['hr'],
    });
    expect((await state()).submissions.self_check.status).toBe('submitted');
    await expect(reviewSubmission(env.client, { ...ref, kind: 'self_check', version: 2, decision: 'approve', officer: provinceHr })).resolves.toEqual({
      status: 'approved',
    });
    expect((await state()).submissions.self_check.status).toBe('approved');

    const versions = await listSubmissions(db.pool, CAMPAIGN, CITY);
    expect(versions.map((v) => [v.version, v.status])).toEqual([
      [1, 'returned'],
      [2, 'approved'],
    ]);
    expect(versions[0].reviewParts.map((p) => [p.department, p.decision, p.reviewedBy])).toEqual([
      ['hr', 'approve', 'hr22'],
      ['housing', 'return', 'coordinator'],
    ]);
    expect(versions[1].reviewParts.map((p) => [p.department, p.decision])).toEqual([
      ['housing', 'approve'],
      ['hr', 'approve'],
    ]);
    expect(versions[1].signoffs.map((g) => g.department)).toEqual(['housing', 'hr']);
    // The 汇总表 of a version is rendered once both have signed.
    await eventually(
      async () => expect((await q("SELECT count(*)::int AS n FROM report WHERE kind = 'self_check_table' AND city_code = $1", [CITY]))[0].n).toBeGreaterThan(0),
      60_000,
    );

    // The history replays (the patch marker and the new messages are deterministic).
    const history = await env.client.workflow.getHandle(cityWorkflowId(CAMPAIGN, CITY)).fetchHistory();
    await Worker.runReplayHistory({ workflowBundle: bundle }, history, cityWorkflowId(CAMPAIGN, CITY));
  });
});
