/**
 * Issue 17, finding 10: an Idempotency-Key names one request. The same key with another body is
 * refused (422 idempotency_key_reused) and audited as refused; a replay of the same body answers the
 * first result without a second audited action; what was applied is audited once. Workflow commands
 * are faked, except for a failing first request: there the real command port meets cases whose
 * workflows have not started (409, try again), which needs no worker.
 */
import { createTestDatabase, type TestDatabase } from '../support/database';
import { startApi, type RunningApi } from './apiSupport/apiProcess';
import { call, login } from './apiSupport/http';
import { seedCampaignWithCases, seedUsers, USERS, type SeededCampaign } from './apiSupport/seed';

let db: TestDatabase;
let api: RunningApi;
let seeded: SeededCampaign;
let officer: string;
let realApi: RunningApi;
let realOfficer: string;

beforeAll(async () => {
  db = await createTestDatabase();
  await seedUsers(db.pool);
  seeded = await seedCampaignWithCases(db.pool, { campaignId: 'idem', cities: ['2201'], persons: 4 });
  api = await startApi({ databaseUrl: db.url, fakeCommands: true });
  realApi = await startApi({ databaseUrl: db.url });
  [officer, realOfficer] = await Promise.all([api, realApi].map((a) => login(a.url, 'officer2201', USERS.officer2201.password)));
});

afterAll(async () => {
  await Promise.all([api?.stop(), realApi?.stop()]);
  await db?.drop();
});

const transferred = { outcome: 'TRANSFERRED', receivingAuthority: '省人力资源和社会保障厅' };
const otherAuthority = { outcome: 'TRANSFERRED', receivingAuthority: '市住房和城乡建设局' };

async function auditRows(action: string, target: string) {
  const { rows } = await db.pool.query<{ result: string; status: number }>(
    'SELECT result, status FROM audit_log WHERE action = $1 AND target = $2 ORDER BY id',
    [action, target],
  );
  return rows.map((r) => `${r.result}/${r.status}`);
}

describe('an Idempotency-Key reused', () => {
  it('on a decision: another body is refused and audited as refused; a replay answers the first result and is not a second action', async () => {
    const caseId = seeded.caseIds['2201'][0];
    const key = 'idem-decision-0001';
    const send = (body: unknown) => call(api.url, 'POST', `/cases/${caseId}/decision`, { token: officer, body, headers: { 'idempotency-key': key } });

    const first = await send(transferred);
    expect(first.status).toBe(200);
    const changed = await send(otherAuthority);
    expect(changed.status).toBe(422);
    expect(changed.body.code).toBe('idempotency_key_reused');
    const replay = await send(transferred);
    expect(replay.status).toBe(200);
    expect(replay.body).toEqual(first.body);
    expect(replay.headers.get('idempotent-replay')).toBe('true');

    expect(await auditRows('case.decide', `caseId=${caseId}`)).toEqual(['ok/200', 'idempotency_key_reused/422', 'replayed/200']);
  });

  it('on bulk decisions: the body counts, another body is refused, and each case is audited once', async () => {
    const [a, b] = seeded.caseIds['2201'].slice(1, 3);
    const key = 'idem-bulk-0001';
    const target = 'campaignId=idem,cityCode=2201,cases=2';
    const send = (items: unknown[]) =>
      call(api.url, 'POST', '/campaigns/idem/cities/2201/decisions', { token: officer, body: { items }, headers: { 'idempotency-key': key } });
    const items = [
      { caseId: a, decision: transferred },
      { caseId: b, decision: transferred },
    ];

    const first = await send(items);
    expect(first.status).toBe(200);
    expect(first.body.succeeded).toBe(2);
    const changed = await send([
      { caseId: a, decision: otherAuthority },
      { caseId: b, decision: transferred },
    ]);
    expect(changed.status).toBe(422);
    expect(changed.body.code).toBe('idempotency_key_reused');
    const replay = await send(items);
    expect(replay.status).toBe(200);
    expect(replay.body).toEqual(first.body);

    expect(await auditRows('case.decide_bulk', target)).toEqual(['ok/200', 'idempotency_key_reused/422', 'replayed/200']);
    for (const caseId of [a, b]) expect(await auditRows('case.decide', `caseId=${caseId}`)).toEqual(['ok/200']);
  });

  it('after a failed first request: the same body may be sent again with the key, another body is still refused', async () => {
    const caseId = seeded.caseIds['2201'][3];
    const key = 'idem-failed-0001';
    const send = (body: unknown) => call(realApi.url, 'POST', `/cases/${caseId}/decision`, { token: realOfficer, body, headers: { 'idempotency-key': key } });

    const first = await send(transferred);
    expect(first.status).toBe(409);
    expect(first.body.detail).toMatch(/not ready for decisions yet/);
    const changed = await send(otherAuthority);
    expect(changed.status).toBe(422);
    expect(changed.body.code).toBe('idempotency_key_reused');
    const again = await send(transferred);
    expect(again.status).toBe(409);
    expect(again.body.detail).toMatch(/not ready for decisions yet/);
    expect(await auditRows('case.decide', `caseId=${caseId}`)).toEqual(['conflict/409', 'idempotency_key_reused/422', 'conflict/409']);
  });
});
