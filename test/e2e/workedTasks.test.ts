/**
 * Issue 20, both worked tasks end to end on the real processes (Temporal dev server, workflows and
 * activities in a worker, the API in its own process): the supervision task the 通报 creates for
 * a lagging city, worked by the coordinator to its findings in the province's work report; the
 * on-site check a unit gets as soon as its third case is found liable (before the city reports),
 * worked by the city's officer to its findings in the city's work report. Attachments refused by
 * content type and by size on the way.
 */
import { randomBytes } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { produceReport } from '../../activities/reports/produceReport';
import { SEED_CALENDAR } from '../../domain/calendar';
import { campaignWorkflowId } from '../../workflows/messages/campaign';
import { readReport } from '../../readModel/reports';
import { docxTables, docxText } from '../activities/reports/readBack';
import { fixtureIdNumber, fixtureUscc, seedScreenedCity } from '../support/caseFixtures';
import { eventually, quietRuntime } from '../support/caseWorkflowEnv';
import type { TestDatabase } from '../support/database';
import type { RunningApi } from './apiSupport/apiProcess';
import { startApiStack, type ApiStack } from './apiSupport/apiStack';
import { call, login, type Res } from './apiSupport/http';
import { USERS } from './apiSupport/seed';

const taskQueue = `tasks-e2e-${randomBytes(4).toString('hex')}`;
const CAMPAIGN = `tasks-${randomBytes(3).toString('hex')}`;
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const violation = { outcome: 'VIOLATION', actualEmployer: { name: '情景实际工作单位有限公司' }, evidence: '社保由实际工作单位缴纳' };

let db: TestDatabase;
let api: RunningApi;
let client: Client;
let stack: ApiStack;
const tokens: Record<string, string> = {};

const upload = (path: string, token: string, raw: Buffer, fileName: string): Promise<Res> =>
  call(api.url, 'POST', `${path}/attachments?fileName=${encodeURIComponent(fileName)}`, { token, raw, contentType: 'application/octet-stream' });

beforeAll(async () => {
  quietRuntime();
  stack = await startApiStack({ taskQueue, apiEnv: { GZ_ATTACHMENT_LIMIT_MB: '1' } });
  ({ db, client, api } = stack);
  for (const u of ['coordinator', 'officer2201', 'supervisor', 'hr2201'] as const) tokens[u] = await login(api.url, u, USERS[u].password);

  const regUnit = { name: '吉林省核查情景建设有限公司', code: fixtureUscc(610) };
  const ssUnit = { name: '情景实际工作单位有限公司', code: fixtureUscc(611) };
  const { snapshotId } = await seedScreenedCity(
    db.pool,
    '2201',
    [931, 932, 933].map((n) => ({ idNumber: fixtureIdNumber(n), regUnit, ssUnit })),
  );
  // The seed calendar compressed to a minute per day, started 66 "days" ago: 2024-11-06, the day
  // after the 通报 (长春市 never reported its self-check: lagging), the investigation under way.
  // A liable decision makes the city look for the threshold (three liable cases at a unit; the share
  // test off), then at most once a campaign hour (2.5 s).
  const launch = await call(api.url, 'POST', '/campaigns', {
    token: tokens.coordinator,
    body: {
      id: CAMPAIGN,
      name: '督办与现场核查情景',
      cities: ['2201'],
      dataSources: { snapshotId },
      calendar: SEED_CALENDAR,
      rules: { pronouncedHanging: { minViolations: 3, minShare: 0, minHoursBetweenChecks: 1 } },
      clock: { kind: 'compressed', start: new Date(Date.now() - 66 * 60_000).toISOString(), minutesPerDay: 1 },
    },
  });
  expect(launch.status).toBe(201);
}, 120_000);

afterAll(async () => {
  await client?.workflow
    .getHandle(campaignWorkflowId(CAMPAIGN))
    .terminate('test over')
    .catch(() => undefined);
  await stack?.stop();
});

describe('a supervision task (现场调研督办)', () => {
  it('starts at the 通报 for the lagging city, is worked by the coordinator, and its findings reach the province’s work report', async () => {
    const list = `/campaigns/${CAMPAIGN}/supervision-tasks`;
    const task = await eventually(async () => {
      const r = await call(api.url, 'GET', list, { token: tokens.coordinator });
      expect(r.body.items).toHaveLength(1);
      return r.body.items[0] as { taskId: number; cityCode: string; status: string; reason: string };
    }, 90_000);
    expect(task).toMatchObject({ cityCode: '2201', status: 'registered', reason: expect.stringContaining('未按期报送自查自纠汇总表') });
    const path = `${list}/${task.taskId}`;

    // The owner must be a coordinator; the findings may not carry an ID number.
    const wrongOwner = await call(api.url, 'PUT', `${path}/owner`, { token: tokens.coordinator, body: { owner: 'officer2201', dueDate: '2024-11-30' } });
    expect(wrongOwner.status).toBe(422);
    expect(wrongOwner.body.errors[0]).toMatchObject({ path: 'body.owner', message: expect.stringContaining('承办人') });
    const assigned = await call(api.url, 'PUT', `${path}/owner`, { token: tokens.coordinator, body: { owner: 'coordinator', dueDate: '2024-11-30' } });
    expect(assigned.body).toMatchObject({ status: 'in_progress', owner: 'coordinator', dueDate: '2024-11-30' });
    const withId = await call(api.url, 'PUT', `${path}/findings`, { token: tokens.coordinator, body: { findings: `约谈对象 ${fixtureIdNumber(931)}` } });
    expect(withId.status).toBe(422);
    expect(JSON.stringify(withId.body)).not.toContain(fixtureIdNumber(931));
    const found = '自查工作部署迟缓，申报受理台账不全，已约谈分管负责人';
    expect((await call(api.url, 'PUT', `${path}/findings`, { token: tokens.coordinator, body: { findings: found } })).status).toBe(200);

    // Attachments: typed by content, size-limited (this API: 1 MB), stored with their checksum.
    const html = await upload(path, tokens.coordinator, Buffer.from('<html><script>alert(1)</script></html>'), '记录.pdf');
    expect(html.status).toBe(415);
    expect(html.body.errors[0].message).toContain('附件');
    const big = await upload(path, tokens.coordinator, Buffer.concat([PDF, Buffer.alloc(1.5 * 1024 * 1024)]), '大文件.pdf');
    expect(big.status).toBe(413);
    const stored = await upload(path, tokens.coordinator, PDF, '督办记录.pdf');
    expect(stored.status).toBe(201);
    expect(stored.body).toMatchObject({ contentType: 'application/pdf', size: PDF.length, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const back = await fetch(`${api.url}${path}/attachments/${stored.body.attachmentId}`, { headers: { authorization: `Bearer ${tokens.supervisor}` } });
    expect(back.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await back.arrayBuffer())).toEqual(PDF);

    const result = '已责令限期整改，补报自查自纠汇总表';
    const closed = await call(api.url, 'POST', `${path}/closing`, { token: tokens.coordinator, body: { result } });
    expect(closed.body).toMatchObject({ status: 'closed', findings: found, result, closedBy: 'coordinator', attachments: 1 });
    expect((await call(api.url, 'PUT', `${path}/findings`, { token: tokens.coordinator, body: { findings: '再改' } })).status).toBe(422);
    // The supervisor reads it; only the coordinator works it.
    expect((await call(api.url, 'GET', path, { token: tokens.supervisor })).body.result).toBe(result);
    expect((await call(api.url, 'POST', `${path}/closing`, { token: tokens.supervisor, body: { result } })).status).toBe(403);

    const report = await produceReport(db.pool, { campaignId: CAMPAIGN, kind: 'province_work_report', requestedBy: 'test' });
    const tables = await docxTables((await readReport(db.pool, report.report.reportId))!.content);
    const supervision = tables.find((t) => t[0][1] === '督办原因')!;
    expect(supervision.slice(1)).toEqual([['长春市', expect.stringContaining('未按期报送'), found, result]]);
  }, 180_000);
});

describe('an on-site check (到岗履职排查)', () => {
  it('starts as soon as the unit’s third case is found liable, lists its staff, and its findings reach the city’s work report', async () => {
    const cases = await eventually(async () => {
      const r = await call(api.url, 'GET', `/campaigns/${CAMPAIGN}/cities/2201/cases?status=open&ready=true`, { token: tokens.officer2201 });
      expect(r.body.total).toBe(3);
      return r.body.items as { caseId: string }[];
    }, 90_000);
    for (const c of cases) {
      const r = await call(api.url, 'POST', `/cases/${c.caseId}/decision`, {
        token: tokens.officer2201,
        headers: { 'idempotency-key': `v-${c.caseId}` },
        body: violation,
      });
      expect(r.status).toBe(200);
    }
    const list = `/campaigns/${CAMPAIGN}/cities/2201/onsite-checks`;
    const task = await eventually(async () => {
      const r = await call(api.url, 'GET', list, { token: tokens.officer2201 });
      expect(r.body.items).toHaveLength(1);
      return r.body.items[0] as { taskId: number; status: string; unit: { name: string; violations: number; staffTotal: number } };
    }, 60_000);
    // During the investigation: the city has not reported.
    expect((await db.pool.query(`SELECT count(*)::int AS n FROM submission WHERE campaign_id = $1 AND kind = 'investigation'`, [CAMPAIGN])).rows[0].n).toBe(0);
    expect(task).toMatchObject({ status: 'registered', unit: { name: '吉林省核查情景建设有限公司', violations: 3, staffTotal: 3 } });

    const path = `${list}/${task.taskId}`;
    const detail = await call(api.url, 'GET', path, { token: tokens.officer2201 });
    expect(detail.body.keyStaff).toHaveLength(3);
    expect(detail.body.keyStaff.every((s: { liable: boolean; idNumber: string }) => s.liable && s.idNumber.length === 18)).toBe(true);
    expect(detail.body).toMatchObject({ projects: [], projectsKnown: false });
    const masked = await call(api.url, 'GET', path, { token: tokens.supervisor });
    expect(masked.body.keyStaff.every((s: { idNumber: string }) => s.idNumber.includes('*'))).toBe(true);

    const found = '抽查该单位在建项目2个，项目负责人未到岗履职，已调取考勤记录和劳动合同';
    const result = '已责令该单位限期整改，相关人员移交注册地处理';
    expect((await call(api.url, 'PUT', `${path}/owner`, { token: tokens.officer2201, body: { owner: 'officer2201', dueDate: '2025-01-20' } })).status).toBe(
      200,
    );
    expect((await call(api.url, 'POST', `${path}/closing`, { token: tokens.officer2201, body: { result } })).status).toBe(422);
    expect((await call(api.url, 'PUT', `${path}/findings`, { token: tokens.officer2201, body: { findings: found } })).status).toBe(200);
    expect((await upload(path, tokens.officer2201, PDF, '考勤记录.pdf')).status).toBe(201);
    expect((await call(api.url, 'POST', `${path}/closing`, { token: tokens.officer2201, body: { result } })).body.status).toBe('closed');
    // The coordinator reads a city's checks but does not work them.
    expect((await call(api.url, 'PUT', `${path}/findings`, { token: tokens.coordinator, body: { findings: found } })).status).toBe(403);

    const submitted = await call(api.url, 'POST', `/campaigns/${CAMPAIGN}/cities/2201/submissions/investigation`, {
      token: tokens.officer2201,
      headers: { 'idempotency-key': `inv-${CAMPAIGN}` },
      body: {},
    });
    expect(submitted.status).toBe(201);
    // Issue 21: the work report is rendered once 长春市人社局 has signed the report too.
    const signed = await call(api.url, 'POST', `/campaigns/${CAMPAIGN}/cities/2201/submissions/investigation/1/signoff`, { token: tokens.hr2201 });
    expect(signed.status).toBe(200);
    const reportId = await eventually(async () => {
      const r = await call(api.url, 'GET', `/reports?campaignId=${CAMPAIGN}&kind=city_work_report`, { token: tokens.officer2201 });
      expect(r.body.items.length).toBeGreaterThan(0);
      return r.body.items[0].reportId as string;
    }, 90_000);
    const content = (await readReport(db.pool, reportId))!.content;
    const onsite = (await docxTables(content)).find((t) => t[0].includes('办理状态'))!;
    expect(onsite.slice(1)).toEqual([['长春市', '吉林省核查情景建设有限公司', fixtureUscc(610), '3', '3', '已办结']]);
    expect(await docxText(content)).toContain(`长春市：吉林省核查情景建设有限公司，核查发现${found}，办理结果${result}。`);
  }, 240_000);
});
