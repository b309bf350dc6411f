/**
 * Publication over HTTP (issue 19 item 6): the feed the provincial platform pulls (JSON and CSV,
 * every publication and withdrawal since a moment, paged by cursor; coordinators only) and the
 * public search (no log-in, a name or a certificate number required, exact match, only what is
 * published today, ID numbers masked, rate-limited per address like log-in).
 */
import { createTestDatabase, type TestDatabase } from '../support/database';
import { seedPublishedRecords, type PublishedFixture } from '../support/publicationFixtures';
import { startApi, type RunningApi } from './apiSupport/apiProcess';
import { call, login } from './apiSupport/http';
import { seedUsers, USERS } from './apiSupport/seed';

const PUBLIC_LIMIT_PER_ADDRESS = 12;
let db: TestDatabase;
let api: RunningApi;
let fx: PublishedFixture;
let coordinator: string;
let officer: string;

beforeAll(async () => {
  db = await createTestDatabase();
  await seedUsers(db.pool);
  fx = await seedPublishedRecords(db.pool);
  api = await startApi({ databaseUrl: db.url, fakeCommands: true, env: { GZ_RATE_LIMIT_LOGIN_IP_PER_MINUTE: String(PUBLIC_LIMIT_PER_ADDRESS) } });
  coordinator = await login(api.url, 'coordinator', USERS.coordinator.password);
  officer = await login(api.url, 'officer2201', USERS.officer2201.password);
});
afterAll(async () => {
  await api?.stop();
  await db?.drop();
});

const masked = (id: string) => `${id.slice(0, 6)}********${id.slice(-4)}`;
const search = (body: unknown) => call(api.url, 'POST', '/public/records/search', { body });

describe('the feed for the provincial platform', () => {
  it('lists every publication in its latest state, in the order of the changes (a withdrawal moves it to the end), with masked ID numbers only', async () => {
    const r = await call(api.url, 'GET', '/publication/feed.json', { token: coordinator });
    expect(r.status).toBe(200);
    const records = r.body.records as {
      record_id: number;
      status: string;
      person_name: string | null;
      id_number_masked: string | null;
      withdrawn_reason: string | null;
    }[];
    expect(records.map((x) => x.status)).toEqual(['published', 'published', 'published', 'withdrawn', 'withdrawn', 'withdrawn']);
    const withdrawals = records.filter((x) => x.status === 'withdrawn');
    expect(withdrawals).toHaveLength(3);
    expect(withdrawals[0]).toMatchObject({ withdrawn_reason: 'override', withdrawn_reason_label: expect.any(String), withdrawn_by: 'coordinator' });
    expect(r.text).not.toContain(fx.published.idNumber);
    expect(records.find((x) => x.person_name === fx.published.name)?.id_number_masked).toBe(masked(fx.published.idNumber));
    expect(r.body.next_cursor).toBeNull();
  });

  it('pages by cursor and starts from `since`', async () => {
    const first = await call(api.url, 'GET', '/publication/feed.json?limit=4', { token: coordinator });
    expect(first.body.records).toHaveLength(4);
    expect(first.body.next_cursor).toEqual(expect.any(String));
    const rest = await call(api.url, 'GET', `/publication/feed.json?limit=100&cursor=${first.body.next_cursor}`, { token: coordinator });
    const all = await call(api.url, 'GET', '/publication/feed.json', { token: coordinator });
    expect([...first.body.records, ...rest.body.records]).toEqual(all.body.records);
    const later = await call(api.url, 'GET', `/publication/feed.json?since=${encodeURIComponent('2999-01-01T00:00:00+08:00')}`, { token: coordinator });
    expect(later.body.records).toEqual([]);
    const bad = await call(api.url, 'GET', '/publication/feed.json?cursor=nonsense', { token: coordinator });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].message).toContain('续取位置');
  });

  it('gives the same feed as CSV, the JSON keys as header', async () => {
    const r = await call(api.url, 'GET', '/publication/feed.csv?limit=2', { token: coordinator });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toContain('text/csv');
    expect(r.headers.get('x-next-cursor')).toEqual(expect.any(String));
    const lines = r.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toMatch(/^record_id,status,record_kind,/);
    expect(lines).toHaveLength(3);
  });

  it('is for the province: a city officer and an anonymous caller are refused', async () => {
    expect((await call(api.url, 'GET', '/publication/feed.json', { token: officer })).status).toBe(403);
    expect((await call(api.url, 'GET', '/publication/feed.csv')).status).toBe(401);
  });
});

describe('the public search', () => {
  it('finds a published person by exact name and by certificate number, without a log-in, the ID number masked', async () => {
    const byName = await search({ name: fx.published.name });
    expect(byName.status).toBe(200);
    expect(byName.body.records.map((x: { recordKind: string }) => x.recordKind).sort()).toEqual(['BAD_CONDUCT_PERSON', 'REGISTRATION_BAN']);
    expect(byName.body.records[0]).toMatchObject({
      personName: fx.published.name,
      idNumberMasked: masked(fx.published.idNumber),
      decisionNo: fx.published.decisionNo,
      basis: expect.stringContaining('第三十四条'),
    });
    expect(byName.text).not.toContain(fx.published.idNumber);
    const byCert = await search({ certNumber: fx.published.certNumber });
    expect(byCert.body.records).toHaveLength(2);
    expect((await search({ name: fx.unit.name })).body.records).toEqual([expect.objectContaining({ recordKind: 'BAD_CONDUCT_UNIT', unitCode: fx.unit.code })]);
  });

  it('matches exactly, and never shows a withdrawn record', async () => {
    expect((await search({ name: fx.published.name.slice(0, 2) })).body.records).toEqual([]);
    expect((await search({ name: fx.withdrawn.name })).body.records).toEqual([]);
    expect((await search({ certNumber: fx.withdrawn.certNumber })).body.records).toEqual([]);
    expect((await search({ name: fx.published.name, certNumber: fx.withdrawn.certNumber })).body.records).toEqual([]);
  });

  it('requires a name or a certificate number, saying so in Chinese', async () => {
    const r = await search({});
    expect(r.status).toBe(400);
    expect(r.body.errors[0]).toMatchObject({ path: 'body.name', message: expect.stringContaining('注册证书编号') });
  });
});

describe('the publication periods', () => {
  it('are the shipped defaults until the province sets one, which counts from then on', async () => {
    const before = await call(api.url, 'GET', '/publication/periods', { token: officer });
    expect(before.body.items).toEqual([
      expect.objectContaining({ recordKind: 'BAD_CONDUCT_PERSON', months: 36, isDefault: true, outsideUsualRange: false }),
      expect.objectContaining({ recordKind: 'BAD_CONDUCT_UNIT', months: 36, isDefault: true }),
    ]);
    expect((await call(api.url, 'PUT', '/publication/periods/BAD_CONDUCT_UNIT', { token: officer, body: { months: 12, reason: '测试' } })).status).toBe(403);
    const set = await call(api.url, 'PUT', '/publication/periods/BAD_CONDUCT_UNIT', {
      token: coordinator,
      body: { months: 3, reason: '整改确有实效，缩短公开期限' },
    });
    expect(set.status).toBe(200);
    expect(set.body.items[1]).toMatchObject({ months: 3, setBy: expect.any(String), isDefault: false, outsideUsualRange: true });
    const bad = await call(api.url, 'PUT', '/publication/periods/BAD_CONDUCT_UNIT', { token: coordinator, body: { months: 0, reason: '错误' } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].message).toContain('公开期限（月）');
  });
});

describe('the ban look-up', () => {
  it('answers with the decision number and the first citation of its legal basis', async () => {
    const r = await call(api.url, 'POST', '/bans/lookup', { token: officer, body: { idNumber: fx.published.idNumber } });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      banned: true,
      bans: [{ caseId: fx.published.caseId, decisionNo: fx.published.decisionNo, basis: '《注册建造师管理规定》（建设部令第153号）第三十四条' }],
    });
    expect(fx.published.decisionNo).toMatch(/^长建罚决〔\d{4}〕第0001号$/);
  });

  it('says nothing of a withdrawn ban', async () => {
    const r = await call(api.url, 'POST', '/bans/lookup', { token: coordinator, body: { idNumber: fx.withdrawn.idNumber } });
    expect(r.body).toMatchObject({ banned: false, bans: [] });
  });
});

describe("the province's own withdrawal", () => {
  it('withdraws a publication with who and why: the public no longer finds it, the feed lists it as withdrawn', async () => {
    const feed = await call(api.url, 'GET', '/publication/feed.json', { token: coordinator });
    const unit = (feed.body.records as { record_id: number; record_kind: string; status: string }[]).find(
      (r) => r.record_kind === 'BAD_CONDUCT_UNIT' && r.status === 'published',
    )!;
    expect((await search({ name: fx.unit.name })).body.records).toHaveLength(1);
    const path = `/publication/records/${unit.record_id}/withdrawal`;
    expect((await call(api.url, 'POST', path, { token: officer, body: { reason: '公开有误' } })).status).toBe(403);
    const r = await call(api.url, 'POST', path, { token: coordinator, body: { reason: '单位名称登记有误，撤回公开' } });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ recordId: unit.record_id, withdrawnBy: expect.any(String), withdrawnAt: expect.any(String) });
    expect((await search({ name: fx.unit.name })).body.records).toEqual([]);
    const after = await call(api.url, 'GET', `/publication/feed.json?since=${encodeURIComponent(r.body.withdrawnAt)}`, { token: coordinator });
    expect(after.body.records).toEqual([
      expect.objectContaining({ record_id: unit.record_id, status: 'withdrawn', withdrawn_reason: 'province', withdrawn_by: r.body.withdrawnBy }),
    ]);
    expect(after.text).not.toContain('单位名称登记有误');
    expect((await call(api.url, 'POST', path, { token: coordinator, body: { reason: '再次撤回' } })).status).toBe(409);
    expect((await call(api.url, 'POST', '/publication/records/999999/withdrawal', { token: coordinator, body: { reason: '不存在' } })).status).toBe(404);
  });
});

// Last: it uses up the address's searches for the minute.
describe('the public search, over and over', () => {
  it('limits searches per address like log-in', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < PUBLIC_LIMIT_PER_ADDRESS + 2; i++) statuses.push((await search({ name: '无此人' })).status);
    expect(statuses).toContain(429);
  });
});
