/**
 * Issue 18 on the real processes (Temporal dev server, an in-process worker, the API in its own
 * process): a launch is checked before any workflow starts, so a refused one leaves nothing behind
 * and its id launches afterwards; the snapshot picker's listing; the late cities counted in the
 * campaign clock's days; the progress notice retrievable once produced; and the province's review
 * seeing a submission's figures and the file rendered from it.
 */
import { randomBytes } from 'node:crypto';
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { addDays, calendarDaysBetween, SEED_CALENDAR, shanghaiDate } from '../../domain/calendar';
import { campaignWorkflowId } from '../../workflows/messages/campaign';
import { cityWorkflowId } from '../../workflows/messages/city';
import { fixtureIdNumber, fixtureUscc, seedScreenedCity } from '../support/caseFixtures';
import { eventually, quietRuntime } from '../support/caseWorkflowEnv';
import type { TestDatabase } from '../support/database';
import type { RunningApi } from './apiSupport/apiProcess';
import { startApiStack, type ApiStack } from './apiSupport/apiStack';
import { call, login } from './apiSupport/http';
import { seedCampaignWithCases, USERS } from './apiSupport/seed';

const taskQueue = `api-launch-${randomBytes(4).toString('hex')}`;
// Unique per run: a dev server kept between runs remembers workflow ids.
const RUN = randomBytes(3).toString('hex');
const LAUNCHED = `launch-${RUN}`;
const CJK = /\p{Script=Han}/u;

let db: TestDatabase;
let api: RunningApi;
let client: Client;
let stack: ApiStack;
let snapshotId: number;
const tokens: Record<string, string> = {};
const started: string[] = [];

beforeAll(async () => {
  quietRuntime();
  stack = await startApiStack({ taskQueue });
  ({ db, client, api } = stack);
  for (const u of ['coordinator', 'officer2201', 'officer2202', 'supervisor', 'hr2201', 'hr22'] as const)
    tokens[u] = await login(api.url, u, USERS[u].password);
  const regUnit = { name: '吉林省发起测试建设有限公司', code: fixtureUscc(600) };
  const ssUnit = { name: '发起测试实际工作单位有限公司', code: fixtureUscc(601) };
  ({ snapshotId } = await seedScreenedCity(
    db.pool,
    '2201',
    [951, 952].map((n) => ({ idNumber: fixtureIdNumber(n), regUnit, ssUnit })),
  ));
}, 180_000);

afterAll(async () => {
  await Promise.allSettled(started.map((id) => client.workflow.getHandle(id).terminate('test over')));
  await stack?.stop();
});

/** The seed calendar compressed to a minute a day, started so that the campaign's today is 2024-11-05 after 09:00: the notice is due. */
const compressedPastNotice = () => ({
  calendar: SEED_CALENDAR,
  clock: { kind: 'compressed', start: new Date(Date.now() - 65.5 * 60_000).toISOString(), minutesPerDay: 1 },
});

async function workflowIds(id: string): Promise<string[]> {
  const ids: string[] = [];
  for await (const w of client.workflow.list({ query: `WorkflowId = '${campaignWorkflowId(id)}'` })) ids.push(w.workflowId);
  return ids;
}

async function noWorkflow(id: string): Promise<void> {
  await expect(client.workflow.getHandle(campaignWorkflowId(id)).describe()).rejects.toBeInstanceOf(WorkflowNotFoundError);
  expect(await workflowIds(id)).toEqual([]);
  expect((await db.pool.query('SELECT count(*)::int AS n FROM campaign WHERE id = $1', [id])).rows[0].n).toBe(0);
}

describe('a launch checked before anything starts', () => {
  it('refuses an unknown snapshot with a Chinese title at its field, starts no workflow, and the same id then launches', async () => {
    const body = { id: LAUNCHED, name: '发起校验测试', cities: ['2201'], ...compressedPastNotice() };
    const refused = await call(api.url, 'POST', '/campaigns', { token: tokens.coordinator, body: { ...body, dataSources: { snapshotId: 99_999_999 } } });
    expect(refused.status).toBe(400);
    expect(refused.body.title_zh).toMatch(CJK);
    expect(refused.body.errors).toEqual([{ path: 'body.dataSources.snapshotId', message: expect.stringMatching(/^「数据快照编号」99999999 不存在/) }]);
    await noWorkflow(LAUNCHED);

    const launched = await call(api.url, 'POST', '/campaigns', { token: tokens.coordinator, body: { ...body, dataSources: { snapshotId } } });
    expect(launched.status).toBe(201);
    started.push(campaignWorkflowId(LAUNCHED));
    expect(launched.body).toMatchObject({ campaignId: LAUNCHED, workflowId: campaignWorkflowId(LAUNCHED), snapshotId });
    expect(launched.body.warnings).toEqual(
      expect.arrayContaining([{ path: 'body.calendar.selfCheck.deadline', message: expect.stringMatching(/^「自查自纠截止日期」（2024-10-31）已过/) }]),
    );
    expect((await client.workflow.getHandle(campaignWorkflowId(LAUNCHED)).describe()).status.name).toBe('RUNNING');
    expect((await call(api.url, 'GET', '/campaigns', { token: tokens.coordinator })).body.items.map((c: { id: string }) => c.id)).toContain(LAUNCHED);
  });

  it('refuses a snapshot whose import is still running, naming the batch, and starts nothing', async () => {
    const batch = await db.pool.query<{ id: string }>(
      `INSERT INTO import_batch (source, file_name, checksum, imported_by, status) VALUES ('registrations', 'reg.csv', 'x', 'test', 'running') RETURNING id`,
    );
    const snap = await db.pool.query<{ id: string }>(`INSERT INTO data_snapshot (label) VALUES ('未完成的快照') RETURNING id`);
    await db.pool.query('INSERT INTO data_snapshot_batch (snapshot_id, batch_id) VALUES ($1, $2)', [snap.rows[0].id, batch.rows[0].id]);
    const id = `unfinished-${RUN}`;
    const r = await call(api.url, 'POST', '/campaigns', {
      token: tokens.coordinator,
      body: { id, name: '快照未完成', cities: ['2201'], dataSources: { snapshotId: Number(snap.rows[0].id) } },
    });
    expect(r.status).toBe(400);
    expect(r.body.errors).toEqual([
      {
        path: 'body.dataSources.snapshotId',
        message: `「数据快照编号」${snap.rows[0].id} 不能用于发起：批次 ${batch.rows[0].id}（注册信息）仍在导入，快照不完整`,
      },
    ]);
    await noWorkflow(id);

    const listing = await call(api.url, 'GET', '/snapshots', { token: tokens.coordinator });
    expect(listing.status).toBe(200);
    const byId = new Map(listing.body.items.map((s: { snapshotId: number }) => [s.snapshotId, s]));
    expect(byId.get(Number(snap.rows[0].id))).toMatchObject({ usable: false, label: '未完成的快照', problems: [expect.stringMatching(/仍在导入/)] });
    expect(byId.get(snapshotId)).toMatchObject({
      usable: true,
      problems: [],
      // The fixture writes its rows straight into the tables, so its batches count none.
      labelZh: `快照 ${snapshotId}：fixture（注册信息 0 行，社保缴费 0 行，单位信息 0 行，机关事业单位在编人员 0 行，执业资格考试报名 0 行，劳动合同备案 0 行）`,
      sources: expect.arrayContaining([{ source: 'registrations', sourceLabel: '注册信息', batches: 1, rows: 0 }]),
      campaigns: [LAUNCHED],
    });
  });

  it('checks without launching: 200 with the warnings and the snapshot, the launch’s refusals otherwise', async () => {
    const id = `dry-run-${RUN}`;
    const body = { id, name: '试发起', cities: ['2201'], dataSources: { snapshotId }, ...compressedPastNotice() };
    const ok = await call(api.url, 'POST', '/campaigns/validation', { token: tokens.coordinator, body });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ campaignId: id, valid: true, snapshot: { snapshotId, usable: true } });
    // The campaign's today is 2024-11-05 (or a day later): the notice date is today, not past.
    expect(ok.body.warnings.map((w: { path: string }) => w.path)).toEqual([
      'body.calendar.selfCheck.start',
      'body.calendar.selfCheck.deadline',
      'body.calendar.investigation.start',
    ]);
    await noWorkflow(id);
    const taken = await call(api.url, 'POST', '/campaigns/validation', { token: tokens.coordinator, body: { ...body, id: LAUNCHED } });
    expect(taken.status).toBe(409);
    expect(taken.body.errors).toEqual([{ path: 'body.id', message: `「行动编号」“${LAUNCHED}”已被使用，请换一个编号` }]);
    const future = await call(api.url, 'POST', '/campaigns/validation', {
      token: tokens.coordinator,
      body: { ...body, clock: { kind: 'calendar' }, calendar: { ...SEED_CALENDAR, selfCheck: { start: '2024-09-01', deadline: '2024-08-01' } } },
    });
    expect(future.status).toBe(400);
    expect(future.body.errors).toEqual([{ path: 'body.calendar.selfCheck.deadline', message: '「自查自纠截止日期」不能早于「自查自纠开始日期」' }]);
  });
});

describe('the launched campaign, as the province follows it', () => {
  it('lists the city late for its self-check in calendar days of the campaign clock, until its report comes', async () => {
    const late = await call(api.url, 'GET', `/campaigns/${LAUNCHED}/late-cities`, { token: tokens.supervisor });
    expect(late.status).toBe(200);
    expect(late.body.asOfDate >= '2024-11-05').toBe(true);
    expect(late.body.items).toEqual([
      expect.objectContaining({
        cityCode: '2201',
        cityName: '长春市',
        phase: 'selfCheck',
        dueDate: '2024-10-31',
        daysLate: calendarDaysBetween('2024-10-31', late.body.asOfDate),
        submission: null,
      }),
    ]);
  });

  it('shows the progress notice once produced, with its figures and the .docx to download', async () => {
    const notice = await eventually(async () => {
      const r = await call(api.url, 'GET', `/campaigns/${LAUNCHED}/progress-notice`, { token: tokens.officer2201 });
      expect(r.status).toBe(200);
      expect(r.body.report).not.toBeNull();
      return r.body;
    }, 120_000);
    expect(notice).toMatchObject({ campaignId: LAUNCHED, noticeDate: '2024-11-05', produced: true });
    expect(notice.notice.cities).toEqual([expect.objectContaining({ cityCode: '2201', lagging: true, submitted: false })]);
    expect(notice.report).toMatchObject({ kind: 'progress_notice', format: 'docx', downloadUrl: `/reports/${notice.report.reportId}/download` });
    const file = await call(api.url, 'GET', notice.report.downloadUrl, { token: tokens.officer2201 });
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toMatch(/wordprocessingml/);
    const listed = await call(api.url, 'GET', `/reports?campaignId=${LAUNCHED}&kind=progress_notice`, { token: tokens.supervisor });
    expect(listed.body.items.map((r: { reportId: string }) => r.reportId)).toEqual([notice.report.reportId]);
    expect((await call(api.url, 'GET', `/campaigns/${LAUNCHED}/progress-notice`, { token: tokens.officer2202 })).status).toBe(403);
  });

  it("gives the review each version's figures and the file rendered from it; the city is late no more", async () => {
    const submitted = await eventually(async () => {
      const r = await call(api.url, 'POST', `/campaigns/${LAUNCHED}/cities/2201/submissions/self_check`, {
        token: tokens.officer2201,
        body: { summary: '自查自纠工作已完成' },
      });
      expect(r.status).toBe(201);
      return r.body;
    }, 60_000);
    // Issue 21: 住建 has signed; the submission waits for 长春市人社局's signature, which the province cannot review yet.
    expect(submitted).toMatchObject({ version: 1, late: true, status: 'signing', awaiting: ['hr'] });
    const waiting = await call(api.url, 'GET', `/campaigns/${LAUNCHED}/cities/2201/submissions`, { token: tokens.hr2201 });
    expect(waiting.body.items[0]).toMatchObject({ status: 'signing', awaitingSignoff: ['hr'], signoffs: [{ department: 'housing', signedBy: 'officer2201' }] });
    const review = (token: string, decision: string) =>
      call(api.url, 'POST', `/campaigns/${LAUNCHED}/cities/2201/submissions/self_check/1/review`, { token, body: { decision } });
    expect((await review(tokens.coordinator, 'approve')).status).toBe(422);
    // Another city's 人社 is refused; this city's signs.
    const signoff = `/campaigns/${LAUNCHED}/cities/2201/submissions/self_check/1/signoff`;
    expect((await call(api.url, 'POST', signoff, { token: tokens.officer2201 })).status).toBe(403);
    const signed = await call(api.url, 'POST', signoff, { token: tokens.hr2201 });
    expect(signed.status).toBe(200);
    expect(signed.body).toMatchObject({ version: 1, status: 'submitted', late: true });
    const item = await eventually(async () => {
      const r = await call(api.url, 'GET', `/campaigns/${LAUNCHED}/cities/2201/submissions`, { token: tokens.coordinator });
      expect(r.status).toBe(200);
      expect(r.body.items[0].files).toHaveLength(1);
      return r.body.items[0];
    }, 120_000);
    expect(item).toMatchObject({
      kind: 'self_check',
      version: 1,
      late: true,
      status: 'submitted',
      summary: '自查自纠工作已完成',
      figures: { declarations: {}, deregistrations: { requests: 0, processed: 0, over_limit: 0 } },
      awaitingSignoff: [],
      signoffs: [
        { department: 'housing', signedBy: 'officer2201', signedRole: 'city_officer', signedAt: expect.any(String) },
        { department: 'hr', signedBy: 'hr2201', signedRole: 'city_hr_officer', signedAt: expect.any(String) },
      ],
    });
    // The file is the one the city workflow rendered for this version (its request id), downloadable.
    const [f] = item.files;
    expect(f).toMatchObject({ kind: 'self_check_table', format: 'xlsx', downloadUrl: `/reports/${f.reportId}/download` });
    const row = await db.pool.query('SELECT request_id FROM report WHERE report_id = $1', [f.reportId]);
    expect(row.rows[0].request_id).toBe(`${cityWorkflowId(LAUNCHED, '2201')}/report/self_check/v1`);
    const file = await call(api.url, 'GET', f.downloadUrl, { token: tokens.coordinator });
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toMatch(/spreadsheetml/);

    const late = await call(api.url, 'GET', `/campaigns/${LAUNCHED}/late-cities`, { token: tokens.coordinator });
    expect(late.body.items).toEqual([]);

    // The province reviews per department: 人社厅's approval leaves it waiting for 住建厅's, which approves it.
    const hrPart = await review(tokens.hr22, 'approve');
    expect(hrPart.body).toEqual({ status: 'submitted', awaiting: ['housing'] });
    expect((await review(tokens.coordinator, 'approve')).body).toEqual({ status: 'approved' });
    const reviewed = await call(api.url, 'GET', `/campaigns/${LAUNCHED}/cities/2201/submissions`, { token: tokens.coordinator });
    expect(reviewed.body.items[0].reviewParts.map((p: { department: string; reviewedBy: string }) => [p.department, p.reviewedBy])).toEqual([
      ['hr', 'hr22'],
      ['housing', 'coordinator'],
    ]);
  });
});

describe('late cities on the real calendar', () => {
  it('counts days from the deadline day to today, shows an officer their own city only, and is empty when none is late', async () => {
    const before = shanghaiDate(new Date());
    const pastDue = {
      selfCheck: { start: addDays(before, -60), deadline: addDays(before, -3) },
      progressNotice: { date: addDays(before, -1) },
      investigation: { start: addDays(before, -2), deadline: addDays(before, 60) },
      provincialVerification: { start: addDays(before, 61), deadline: addDays(before, 90) },
    };
    await seedCampaignWithCases(db.pool, { campaignId: `late-${RUN}`, cities: ['2201', '2202'], persons: 1, calendar: pastDue });
    const all = await call(api.url, 'GET', `/campaigns/late-${RUN}/late-cities`, { token: tokens.supervisor });
    const after = shanghaiDate(new Date());
    expect([before, after]).toContain(all.body.asOfDate);
    expect(all.body.items.map((i: { cityCode: string; phase: string; daysLate: number }) => [i.cityCode, i.phase, i.daysLate])).toEqual([
      ['2201', 'selfCheck', calendarDaysBetween(pastDue.selfCheck.deadline, all.body.asOfDate)],
      ['2202', 'selfCheck', calendarDaysBetween(pastDue.selfCheck.deadline, all.body.asOfDate)],
    ]);
    expect(calendarDaysBetween(pastDue.selfCheck.deadline, all.body.asOfDate)).toBeGreaterThanOrEqual(3);
    const own = await call(api.url, 'GET', `/campaigns/late-${RUN}/late-cities`, { token: tokens.officer2201 });
    expect(own.body.items.map((i: { cityCode: string }) => i.cityCode)).toEqual(['2201']);

    const onTime = {
      selfCheck: { start: before, deadline: addDays(before, 30) },
      progressNotice: { date: addDays(before, 35) },
      investigation: { start: addDays(before, 31), deadline: addDays(before, 90) },
      provincialVerification: { start: addDays(before, 91), deadline: addDays(before, 120) },
    };
    await seedCampaignWithCases(db.pool, { campaignId: `on-time-${RUN}`, cities: ['2201'], persons: 1, calendar: onTime });
    const none = await call(api.url, 'GET', `/campaigns/on-time-${RUN}/late-cities`, { token: tokens.supervisor });
    expect(none.status).toBe(200);
    expect(none.body.items).toEqual([]);
    expect((await call(api.url, 'GET', '/campaigns/no-such-campaign/late-cities', { token: tokens.supervisor })).status).toBe(404);
  });
});
