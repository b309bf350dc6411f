/**
 * The penalty procedure's routes (issue 19) beyond their walk in apiAccess.test.ts: whose steps due a
 * caller sees, a command on the other level's procedure or an approval by anyone but the
 * responsible person refused, an attachment id not of the procedure's uploads refused at its field.
 * Commands are faked (the workflow has its own tests; the console's browser test runs them for real).
 */
import { createTestDatabase, type TestDatabase } from '../support/database';
import { startApi, type RunningApi } from './apiSupport/apiProcess';
import { call, login, type Res } from './apiSupport/http';
import { seedCampaignWithCases, seedProcedure, seedUsers, USERS, type SeededCampaign } from './apiSupport/seed';

let db: TestDatabase;
let api: RunningApi;
let seeded: SeededCampaign;
const tokens: Record<string, string> = {};
let keySeq = 0;
const key = () => `procedure-key-${Date.now()}-${++keySeq}`;

function expectProblem(r: Res, status: number, code: string): void {
  expect(r.status).toBe(status);
  expect(r.body).toEqual(expect.objectContaining({ status, code, title_zh: expect.any(String), detail: expect.any(String) }));
}

beforeAll(async () => {
  db = await createTestDatabase();
  await seedUsers(db.pool);
  seeded = await seedCampaignWithCases(db.pool, { campaignId: 'walk', cities: ['2201', '2202'], persons: 1 });
  for (const city of ['2201', '2202']) {
    for (const level of ['city', 'province'] as const) await seedProcedure(db.pool, { caseId: seeded.caseIds[city][0], level });
  }
  api = await startApi({ databaseUrl: db.url, fakeCommands: true });
  for (const u of ['coordinator', 'officer2201', 'supervisor'] as const) tokens[u] = await login(api.url, u, USERS[u].password);
});

afterAll(async () => {
  await api?.stop();
  await db?.drop();
});

describe('penalty procedures', () => {
  it("scope the steps due: a city officer their city's city procedures, the coordinator the province's, a supervisor every one", async () => {
    const levelsAndCities = async (who: 'officer2201' | 'coordinator' | 'supervisor') => {
      const r = await call(api.url, 'GET', '/procedures?campaignId=walk&status=all', { token: tokens[who] });
      expect(r.status).toBe(200);
      return (r.body.items as { level: string; cityCode: string }[]).map((p) => `${p.cityCode}/${p.level}`).sort();
    };
    await expect(levelsAndCities('officer2201')).resolves.toEqual(['2201/city']);
    await expect(levelsAndCities('coordinator')).resolves.toEqual(['2201/province', '2202/province']);
    await expect(levelsAndCities('supervisor')).resolves.toEqual(['2201/city', '2201/province', '2202/city', '2202/province']);
  });

  it("refuses a command on the other level's procedure, and an approval by anyone but the responsible person", async () => {
    const caseId = seeded.caseIds['2201'][0];
    const onCity = await call(api.url, 'POST', `/cases/${caseId}/procedures/city/basis-recheck`, {
      token: tokens.coordinator,
      headers: { 'idempotency-key': key() },
      body: {},
    });
    expectProblem(onCity, 403, 'forbidden');
    expect(onCity.body.detail).toContain('市（州）处罚程序由本市（州）经办人和负责人办理');
    const approval = await call(api.url, 'POST', `/cases/${caseId}/procedures/city/proposal/approval`, {
      token: tokens.officer2201,
      headers: { 'idempotency-key': key() },
      body: { approved: true },
    });
    expectProblem(approval, 403, 'forbidden');
    expect(approval.body.detail).toContain('须由负责人审批');
  });

  it('refuses an attachment id that is not one of the procedure’s uploads, naming the field', async () => {
    const caseId = seeded.caseIds['2201'][0];
    const r = await call(api.url, 'POST', `/cases/${caseId}/procedures/city/statements`, {
      token: tokens.officer2201,
      headers: { 'idempotency-key': key() },
      body: { receivedOn: '2026-03-03', statement: '书面陈述', attachmentIds: ['00000000-0000-4000-8000-000000000001'] },
    });
    expectProblem(r, 400, 'validation_failed');
    expect(r.body.errors).toEqual([{ path: 'body.attachmentIds.0', message: '「附件」不是本处罚程序上传的文件，请先上传' }]);
  });
});
