/**
 * The due-process foundations over HTTP (issue 19): legal bases published as versions (the old one
 * kept and still readable by id), validation in Chinese at the field, working-day overrides, and a
 * template replaced by upload (a bad one refused naming its tag), each change audited.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import PizZip from 'pizzip';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { startApi, type RunningApi } from './apiSupport/apiProcess';
import { call, login } from './apiSupport/http';
import { seedUsers, USERS } from './apiSupport/seed';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
let db: TestDatabase;
let api: RunningApi;
let coordinator: string;
let officer: string;

beforeAll(async () => {
  db = await createTestDatabase();
  await seedUsers(db.pool);
  api = await startApi({ databaseUrl: db.url, fakeCommands: true });
  coordinator = await login(api.url, 'coordinator', USERS.coordinator.password);
  officer = await login(api.url, 'officer2201', USERS.officer2201.password);
});
afterAll(async () => {
  await api?.stop();
  await db?.drop();
});

const basis = (over: Record<string, unknown> = {}) => ({
  certCategory: 'CONSTRUCTOR_2',
  violation: 'IMPROPER_REGISTRATION',
  citations: [
    {
      instrument: '《注册建造师管理规定》（建设部令第153号）',
      article: '第三十四条',
      quote: '以欺骗、贿赂等不正当手段取得注册证书的，由注册机关撤销其注册，3年内不得再次申请注册',
      sourceUrl: 'http://hbrsks.net/jianzhu/?id=59988',
      verified: true,
      note: '省厅复核',
    },
  ],
  measures: [
    { kind: 'REVOKE_REGISTRATION', authority: 'PROVINCE_DEPARTMENT', reapplyBarYears: 3 },
    { kind: 'FINE', authority: 'CITY_BUREAU', maxYuanWithoutGains: 10000, gainsMultiple: 3, maxYuanWithGains: 30000 },
  ],
  hearing: { applies: true, note: '罚款超过省定较大数额标准时告知听证' },
  effectiveFrom: '2026-07-01',
  reason: '省厅确认不良行为记录另行处理',
  ...over,
});

describe('legal bases', () => {
  it('lists the seeded bases in force, each naming whether its citations were verified', async () => {
    const r = await call(api.url, 'GET', '/legal-bases?asOf=2026-03-01', { token: officer });
    expect(r.status).toBe(200);
    expect(r.body.items).toHaveLength(17);
    const constructor2 = r.body.items.find(
      (b: { certCategory: string; violation: string }) => b.certCategory === 'CONSTRUCTOR_2' && b.violation === 'IMPROPER_REGISTRATION',
    );
    // Version 2 (migration 066) supersedes the seed: its 行政许可法 articles were verified, its 不良行为记录 entry not yet.
    expect(constructor2).toMatchObject({ version: 2, verified: false, supersededBy: null });
    expect(constructor2.citations[0]).toMatchObject({ article: '第三十四条', verified: true });
    expect(constructor2.citations.map((c: { article: string; verified: boolean }) => [c.article, c.verified])).toEqual([
      ['第三十四条', true],
      ['第六十九条第二款', true],
      ['第七十九条', true],
      ['（对应条目待核实）', false],
    ]);
    expect(constructor2.measures.map((m: { kind: string }) => m.kind)).toEqual(['REVOKE_REGISTRATION', 'FINE', 'BAD_CONDUCT_RECORD']);
  });

  it('publishes a new version that applies from its date, keeping the old one readable by id', async () => {
    const before = (
      await call(api.url, 'GET', '/legal-bases?asOf=2026-03-01&certCategory=CONSTRUCTOR_2&violation=IMPROPER_REGISTRATION', { token: coordinator })
    ).body.items[0];
    const r = await call(api.url, 'POST', '/legal-bases', { token: coordinator, body: basis() });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ version: 3, publishedBy: expect.any(String), verified: true, effectiveFrom: '2026-07-01' });
    const stillOld = await call(api.url, 'GET', '/legal-bases?asOf=2026-06-30&certCategory=CONSTRUCTOR_2&violation=IMPROPER_REGISTRATION', {
      token: coordinator,
    });
    expect(stillOld.body.items[0].id).toBe(before.id);
    const now = await call(api.url, 'GET', '/legal-bases?asOf=2026-07-01&certCategory=CONSTRUCTOR_2&violation=IMPROPER_REGISTRATION', { token: coordinator });
    expect(now.body.items[0].id).toBe(r.body.id);
    const old = await call(api.url, 'GET', `/legal-bases/${before.id}`, { token: officer });
    expect(old.body).toMatchObject({ id: before.id, version: 2, supersededBy: r.body.id });
    const audit = await db.pool.query(`SELECT target, result FROM audit_log WHERE action = 'legal_basis.publish'`);
    expect(audit.rows).toEqual([{ target: `legal_basis=${r.body.id}`, result: 'ok' }]);
  });

  it('refuses a basis without measures or with a duplicated one, in Chinese at the field', async () => {
    const empty = await call(api.url, 'POST', '/legal-bases', { token: coordinator, body: basis({ measures: [] }) });
    expect(empty.status).toBe(400);
    expect(empty.body.errors).toEqual([{ path: 'body.measures', message: '「处理措施」至少需要一项处理措施' }]);
    const twice = await call(api.url, 'POST', '/legal-bases', {
      token: coordinator,
      body: basis({
        measures: [
          { kind: 'WARNING', authority: 'CITY_BUREAU' },
          { kind: 'WARNING', authority: 'CITY_BUREAU' },
        ],
      }),
    });
    expect(twice.status).toBe(400);
    expect(twice.body.errors).toEqual([{ path: 'body.measures.1.kind', message: '「处理措施」第2项「警告」重复' }]);
    const fine = await call(api.url, 'POST', '/legal-bases', {
      token: coordinator,
      body: basis({ measures: [{ kind: 'FINE', authority: 'CITY_BUREAU', maxYuanWithoutGains: 0, gainsMultiple: null, maxYuanWithGains: null }] }),
    });
    expect(fine.status).toBe(400);
    expect(fine.body.errors[0]).toEqual({
      path: 'body.measures.0.maxYuanWithoutGains',
      message: expect.stringMatching(/^第1项的「无违法所得时罚款上限（元）」/),
    });
  });
});

describe('working-day overrides', () => {
  it('makes a year the package does not know a known year, replaced as a whole', async () => {
    const before = await call(api.url, 'GET', '/calendar/working-day-overrides', { token: officer });
    expect(before.body.packageYears).toContain(2026);
    expect(before.body.packageYears).not.toContain(2098);
    const days = [
      { date: '2098-01-01', working: false, name: '元旦' },
      { date: '2098-01-04', working: true, name: '元旦调休上班' },
    ];
    const put = await call(api.url, 'PUT', '/calendar/working-day-overrides', { token: coordinator, body: { year: 2098, days } });
    expect(put.status).toBe(200);
    expect(put.body.years).toEqual([expect.objectContaining({ year: 2098, days })]);
    const replaced = await call(api.url, 'PUT', '/calendar/working-day-overrides', { token: coordinator, body: { year: 2098, days: days.slice(0, 1) } });
    expect(replaced.body.years[0].days).toEqual(days.slice(0, 1));
    const wrongYear = await call(api.url, 'PUT', '/calendar/working-day-overrides', {
      token: coordinator,
      body: { year: 2098, days: [{ date: '2097-12-31', working: false, name: '元旦' }] },
    });
    expect(wrongYear.status).toBe(400);
    expect(wrongYear.body.errors).toEqual([{ path: 'body.days.0.date', message: '第1项的「日期」不在2098年内' }]);
    expect((await call(api.url, 'PUT', '/calendar/working-day-overrides', { token: officer, body: { year: 2098, days } })).status).toBe(403);
  });
});

describe('document templates', () => {
  const shipped = readFileSync(path.join(__dirname, '../../templates/penalty_decision.docx'));

  it('refuses an upload with an unknown tag, naming the tag in Chinese at the file field', async () => {
    const zip = new PizZip(shipped);
    zip.file('word/document.xml', zip.file('word/document.xml')!.asText().replace('{court}', '{court}{fineAmount}'));
    const r = await call(api.url, 'POST', '/document-templates/penalty_decision', {
      token: coordinator,
      raw: zip.generate({ type: 'nodebuffer' }),
      contentType: DOCX,
    });
    expect(r.status).toBe(400);
    expect(r.body.errors).toEqual([
      { path: 'body.file', message: expect.stringMatching(/^「模板文件」中的标签「\{fineAmount\}」不是「行政处罚决定书」可用的标签/) },
    ]);
  });

  it('stores a good upload as the next version, lists it in use, and serves each version for download', async () => {
    const r = await call(api.url, 'POST', '/document-templates/penalty_decision?fileName=%E5%86%B3%E5%AE%9A%E4%B9%A6.docx', {
      token: coordinator,
      raw: shipped,
      contentType: DOCX,
    });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ kind: 'penalty_decision', version: 2, active: true, fileName: '决定书.docx' });
    const versions = await call(api.url, 'GET', '/document-templates/penalty_decision', { token: officer });
    expect(versions.body.items.map((v: { version: number; active: boolean }) => [v.version, v.active])).toEqual([
      [2, true],
      [1, false],
    ]);
    const all = await call(api.url, 'GET', '/document-templates', { token: officer });
    expect(all.body.items.find((t: { kind: string }) => t.kind === 'penalty_decision')).toMatchObject({ version: 2, label: '行政处罚决定书' });
    const res = await fetch(`${api.url}/document-templates/penalty_decision/1/download`, { headers: { authorization: `Bearer ${officer}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/wordprocessingml/);
    expect(Buffer.from(await res.arrayBuffer()).equals(shipped)).toBe(true);
    const audit = await db.pool.query(`SELECT target, result FROM audit_log WHERE action = 'document_template.upload' ORDER BY id`);
    expect(audit.rows.map((a) => a.result)).toEqual(['validation_failed', 'ok']);
  });
});
