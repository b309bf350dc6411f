/**
 * Issue 18: a field error reads in plain Chinese at the field. Bad bodies sent to the launch, a
 * decision, a self-check declaration, a deregistration, a complaint and an import each answer 400
 * with `errors: [{ path, message }]`: the path names the field (body.calendar.selfCheck.deadline),
 * the message names it by its Chinese label and carries no English schema wording. Workflow commands
 * are faked: every refusal here comes before a command.
 */
import { createTestDatabase, type TestDatabase } from '../support/database';
import { startApi, type RunningApi } from './apiSupport/apiProcess';
import { call, login, type Res } from './apiSupport/http';
import { seedCampaignWithCases, seedUsers, USERS, type SeededCampaign } from './apiSupport/seed';

const CAMPAIGN = 'zh-errors';
const CJK = /\p{Script=Han}/u;
const SCHEMA_WORDING = /expected|invalid|required|received/i;

let db: TestDatabase;
let api: RunningApi;
let seeded: SeededCampaign;
let coordinator: string;
let officer: string;
let keys = 0;
const key = () => `zh-errors-key-${++keys}`;

beforeAll(async () => {
  db = await createTestDatabase();
  await seedUsers(db.pool);
  seeded = await seedCampaignWithCases(db.pool, { campaignId: CAMPAIGN, cities: ['2201', '2202'], persons: 2 });
  api = await startApi({ databaseUrl: db.url, fakeCommands: true });
  coordinator = await login(api.url, 'coordinator', USERS.coordinator.password);
  officer = await login(api.url, 'officer2201', USERS.officer2201.password);
}, 120_000);

afterAll(async () => {
  await api?.stop();
  await db?.drop();
});

/** A 400 whose every error has a field path and a Chinese message without English schema wording; the errors by path. */
function fieldErrors(r: Res): Map<string, string> {
  expect({ status: r.status, code: r.body?.code }).toEqual({ status: 400, code: 'validation_failed' });
  expect(r.body.title_zh).toMatch(CJK);
  expect(r.body.errors.length).toBeGreaterThan(0);
  for (const e of r.body.errors as { path: string; message: string }[]) {
    expect(e.path).toMatch(/^(body|querystring|params|headers)(\.[\w-]+)*$/);
    expect(e.message).toMatch(CJK);
    expect(e.message).not.toMatch(SCHEMA_WORDING);
  }
  return new Map((r.body.errors as { path: string; message: string }[]).map((e) => [e.path, e.message]));
}

const calendar = {
  selfCheck: { start: '2031-09-01', deadline: '2031-10-31' },
  progressNotice: { date: '2031-11-05' },
  investigation: { start: '2031-11-01', deadline: '2032-01-31' },
  provincialVerification: { start: '2032-02-01', deadline: '2032-02-28' },
};

describe('a launch', () => {
  it('names each bad field of the configuration in Chinese, the calendar order by both dates’ labels', async () => {
    const r = await call(api.url, 'POST', '/campaigns', {
      token: coordinator,
      body: {
        id: 'Bad ID',
        name: '   ',
        cities: ['22', '2201'],
        dataSources: {},
        calendar: { ...calendar, selfCheck: { start: '2031-11-01', deadline: '2031-10-31' }, progressNotice: { date: '2031-02-30' } },
        rules: { windowMonths: 'three', ageLimit: 300 },
      },
    });
    const errors = fieldErrors(r);
    expect(Object.fromEntries(errors)).toEqual({
      'body.id': expect.stringMatching(/^「行动编号」只能由小写字母、数字/),
      'body.name': '「行动名称」不得为空',
      'body.cities.0': expect.stringMatching(/^「参与市（州）」第1项应为4位数字/),
      'body.calendar.selfCheck.deadline': '「自查自纠截止日期」不能早于「自查自纠开始日期」',
      'body.calendar.progressNotice.date': '「进展通报日期」不是实际存在的日期',
      'body.dataSources.snapshotId': '请选择「数据快照编号」（或配置注册信息的「数据接口」）',
      'body.rules.windowMonths': '「比对窗口（月）」应为数字',
      'body.rules.ageLimit': '「年龄上限（周岁）」不得大于120',
    });
  });

  it('refuses an unknown snapshot at its field, and a missing field as one to fill in', async () => {
    const unknown = await call(api.url, 'POST', '/campaigns', {
      token: coordinator,
      body: { id: 'zh-unknown-snapshot', name: '快照不存在', cities: ['2201'], dataSources: { snapshotId: 987654 }, calendar },
    });
    expect(Object.fromEntries(fieldErrors(unknown))).toEqual({ 'body.dataSources.snapshotId': expect.stringMatching(/^「数据快照编号」987654 不存在/) });
    const missing = await call(api.url, 'POST', '/campaigns', { token: coordinator, body: { name: '无编号', dataSources: { snapshotId: seeded.snapshotId } } });
    expect(Object.fromEntries(fieldErrors(missing))).toEqual({ 'body.id': '「行动编号」必须填写' });
  });
});

describe('a decision on a case', () => {
  it('names the unit code, the empty name and the missing evidence of a violation', async () => {
    const r = await call(api.url, 'POST', `/cases/${seeded.caseIds['2201'][0]}/decision`, {
      token: officer,
      headers: { 'idempotency-key': key() },
      body: { outcome: 'VIOLATION', actualEmployer: { name: ' ', code: '91220101MA00000791' } },
    });
    expect(Object.fromEntries(fieldErrors(r))).toEqual({
      'body.actualEmployer.name': '「实际工作单位名称」不得为空',
      'body.actualEmployer.code': expect.stringMatching(/^「实际工作单位统一社会信用代码」格式不正确，应为18位/),
      'body.evidence': '「认定依据」必须填写',
    });
  });

  it('names the position of a bad item in a bulk decision', async () => {
    const r = await call(api.url, 'POST', `/campaigns/${CAMPAIGN}/cities/2201/decisions`, {
      token: officer,
      headers: { 'idempotency-key': key() },
      body: {
        items: [
          { caseId: seeded.caseIds['2201'][0], decision: { outcome: 'TRANSFERRED', receivingAuthority: '公安机关' } },
          { caseId: seeded.caseIds['2201'][1], decision: { outcome: 'MAYBE' } },
        ],
      },
    });
    expect(Object.fromEntries(fieldErrors(r))).toEqual({ 'body.items.1.decision.outcome': '第2项的「核查结论」不是可选的值' });
  });
});

describe('intake', () => {
  const city = `/campaigns/${CAMPAIGN}/cities/2201`;

  it('a self-check declaration: the unit code, the choice, the date, and a declaration that names nobody', async () => {
    const bad = await call(api.url, 'POST', `${city}/self-check-declarations`, {
      token: officer,
      body: { unitCode: 'ABC', correction: 'moved_house', correctedOn: '2024/09/01' },
    });
    expect(Object.fromEntries(fieldErrors(bad))).toEqual({
      'body.unitCode': expect.stringMatching(/^「统一社会信用代码」格式不正确，应为18位/),
      'body.correction': '「自纠方式」不是可选的值',
      'body.correctedOn': '「自纠日期」应为日期，格式为年-月-日，如 2024-09-01',
    });
    const nobody = await call(api.url, 'POST', `${city}/self-check-declarations`, {
      token: officer,
      body: { correction: 'moved_contributions', correctedOn: '2024-09-10' },
    });
    expect(Object.fromEntries(fieldErrors(nobody))).toEqual({ 'body.idNumber': '请填写「身份证号」，或填写「单位名称」「统一社会信用代码」之一' });
  });

  it('a deregistration request and its processing: the ID number’s fault without the number, the outcome by its own label', async () => {
    const r = await call(api.url, 'POST', `${city}/deregistration-requests`, { token: officer, body: { idNumber: '220102198001010001' } });
    expect(Object.fromEntries(fieldErrors(r))).toEqual({ 'body.idNumber': '「身份证号」不正确：校验位错误' });
    expect(r.text).not.toContain('220102198001010001');
    const processed = await call(api.url, 'POST', `${city}/deregistration-requests/1/processing`, { token: coordinator, body: { outcome: 'maybe' } });
    expect(Object.fromEntries(fieldErrors(processed))).toEqual({ 'body.outcome': '「办理结果」不是可选的值' });
  });

  it('a complaint: the time, the channel and the empty content', async () => {
    const r = await call(api.url, 'POST', `${city}/complaints`, {
      token: officer,
      body: { receivedAt: '昨天', channel: 'fax', subjectUnit: '某公司', content: '' },
    });
    expect(Object.fromEntries(fieldErrors(r))).toEqual({
      'body.receivedAt': '「收到时间」应为带时区的日期时间，如 2024-11-01T09:00:00+08:00',
      'body.channel': '「举报渠道」不是可选的值',
      'body.content': '「举报内容」不得为空',
    });
  });
});

describe('imports and snapshots', () => {
  it('an upload of an unknown source, a multipart upload without its file, a snapshot without a name or batches', async () => {
    const source = await call(api.url, 'POST', '/imports?source=payroll&fileName=a.csv', { token: coordinator, raw: 'a,b\n1,2\n', contentType: 'text/csv' });
    expect(Object.fromEntries(fieldErrors(source))).toEqual({ 'querystring.source': '「数据类别」不是可选的值' });
    const form = new FormData();
    form.append('attachment', new Blob(['a,b\n']), 'a.csv');
    const multipart = await fetch(`${api.url}/imports?source=units`, { method: 'POST', headers: { authorization: `Bearer ${coordinator}` }, body: form });
    expect(Object.fromEntries(fieldErrors({ status: multipart.status, headers: multipart.headers, text: '', body: await multipart.json() }))).toEqual({
      'body.file': expect.stringMatching(/^「文件」必须填写/),
    });
    const snapshot = await call(api.url, 'POST', '/snapshots', { token: coordinator, body: { label: '', batchIds: [] } });
    expect(Object.fromEntries(fieldErrors(snapshot))).toEqual({ 'body.label': '「快照名称」不得为空', 'body.batchIds': '「导入批次」至少选择一项' });
  });
});

describe('the other requests', () => {
  it('a deadline extension, a return without comments, a bad Idempotency-Key, an empty and a broken JSON body', async () => {
    const extension = await call(api.url, 'POST', `/campaigns/${CAMPAIGN}/deadline-extensions`, {
      token: coordinator,
      body: { phase: 'selfCheck', newDate: '2031-13-01', reason: ' ' },
    });
    expect(Object.fromEntries(fieldErrors(extension))).toEqual({
      'body.newDate': '「新截止日期」不是实际存在的日期',
      'body.reason': '「延期理由」不得为空',
    });
    const review = await call(api.url, 'POST', `/campaigns/${CAMPAIGN}/cities/2201/submissions/self_check/1/review`, {
      token: coordinator,
      body: { decision: 'return' },
    });
    expect(Object.fromEntries(fieldErrors(review))).toEqual({ 'body.comments': '退回时须填写「审核意见」' });
    const badKey = await call(api.url, 'POST', `${`/campaigns/${CAMPAIGN}/cities/2201`}/self-check-declarations`, {
      token: officer,
      headers: { 'idempotency-key': 'short' },
      body: { unitName: '某公司', correction: 'moved_contributions', correctedOn: '2024-09-10' },
    });
    expect([...fieldErrors(badKey).keys()]).toEqual(['headers.idempotency-key']);
    const empty = await call(api.url, 'POST', '/snapshots', { token: coordinator, raw: '', contentType: 'application/json' });
    expect(Object.fromEntries(fieldErrors(empty))).toEqual({ body: expect.stringMatching(/请求内容为空/) });
    const broken = await call(api.url, 'POST', '/snapshots', { token: coordinator, raw: '{"label": ', contentType: 'application/json' });
    expect(Object.fromEntries(fieldErrors(broken))).toEqual({ body: '请求内容不是有效的 JSON' });
  });

  it("refuses another city's data in Chinese, naming no one", async () => {
    const r = await call(api.url, 'GET', `/campaigns/${CAMPAIGN}/cities/2202`, { token: officer });
    expect({ status: r.status, code: r.body.code }).toEqual({ status: 403, code: 'other_city' });
    expect(r.body.detail).toBe('市（州）经办人只能查看和办理本市（州）的事项');
    expect(r.text).not.toMatch(/act on|officers of|2201/);
  });
});
