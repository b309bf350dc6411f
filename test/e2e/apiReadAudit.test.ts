/**
 * Reads and exports of personal data are audited (issue 17, finding 7): a case's detail, a
 * worklist, the intake lists, a report download, an import's issues.csv and a codec decode each
 * leave one audit row naming who read what (the route's action and its target ids), and no row
 * carries an ID number or a name. And issues.csv shows refused values in full to a coordinator
 * only; an auditor's copy is masked (finding 4).
 */
import { produceReport } from '../../activities/reports/produceReport';
import { fixtureIdNumber } from '../support/caseFixtures';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { CAMPAIGN, seedReadModel } from '../activities/reports/readModelFixture';
import { startApi, type RunningApi } from './apiSupport/apiProcess';
import { call, login, type Res } from './apiSupport/http';
import { seedUsers, USERS } from './apiSupport/seed';

let db: TestDatabase;
let api: RunningApi;
const tokens: Record<string, string> = {};
let caseId: string;
let reportId: string;
let batchId: number;
const REFUSED_ID = fixtureIdNumber(901);
const REFUSED_NAME = '欧阳娜娜';
/** Full ID numbers anywhere in a text. */
const FULL_ID = /(?<![0-9])[0-9]{17}[0-9Xx](?![0-9Xx])/;

const get = (who: string, path: string) => call(api.url, 'GET', path, { token: tokens[who] });

async function auditRowOf(res: Res) {
  const requestId = res.headers.get('x-request-id');
  expect(requestId).toBeTruthy();
  const { rows } = await db.pool.query('SELECT user_id, role, city_code, action, target, result, status, detail FROM audit_log WHERE request_id = $1', [
    requestId,
  ]);
  expect(rows).toHaveLength(1);
  const row = rows[0];
  const text = JSON.stringify(row);
  expect(text).not.toMatch(FULL_ID);
  expect(text).not.toContain(REFUSED_NAME);
  expect(text).not.toMatch(/长春[0-9]|吉林[0-9]/);
  return row;
}

beforeAll(async () => {
  db = await createTestDatabase();
  await seedUsers(db.pool);
  await seedReadModel(db.pool);
  caseId = (await db.pool.query("SELECT case_id FROM case_file WHERE campaign_id = $1 AND city_code = '2201' ORDER BY seq LIMIT 1", [CAMPAIGN])).rows[0]
    .case_id;
  reportId = (await produceReport(db.pool, { campaignId: CAMPAIGN, cityCode: '2201', kind: 'investigation_table', requestedBy: 'coordinator' })).report
    .reportId;
  batchId = Number(
    (
      await db.pool.query(
        `INSERT INTO import_batch (source, file_name, checksum, imported_by, status, finished_at) VALUES ('registrations', 'reg.csv', 'x', 'coordinator', 'completed', now())
     RETURNING id`,
      )
    ).rows[0].id,
  );
  await db.pool.query(
    `INSERT INTO import_issue (batch_id, file, line, col, value, reason, severity) VALUES
       ($1, 'reg.csv', 2, '身份证号', $2, '与第 7 行 ' || $2 || ' 重复', 'rejected'),
       ($1, 'reg.csv', 3, '姓名', $3, '姓名含不允许的字符', 'rejected')`,
    [batchId, REFUSED_ID, REFUSED_NAME],
  );
  api = await startApi({ databaseUrl: db.url, fakeCommands: true });
  for (const u of ['coordinator', 'officer2201', 'auditor'] as const) tokens[u] = await login(api.url, u, USERS[u].password);
});

afterAll(async () => {
  await api?.stop();
  await db?.drop();
});

describe('reads of personal data', () => {
  it("audit a case's detail and a worklist: who read which case, which city's list", async () => {
    const detail = await get('officer2201', `/cases/${caseId}`);
    expect(detail.status).toBe(200);
    expect(await auditRowOf(detail)).toMatchObject({
      user_id: 'officer2201',
      role: 'city_officer',
      city_code: '2201',
      action: 'case.read',
      target: `caseId=${caseId}`,
      result: 'ok',
      status: 200,
      detail: { personalData: true },
    });
    const list = await get('officer2201', `/campaigns/${CAMPAIGN}/cities/2201/cases?pageSize=5`);
    expect(list.status).toBe(200);
    expect(await auditRowOf(list)).toMatchObject({
      user_id: 'officer2201',
      action: 'case.list',
      target: `campaignId=${CAMPAIGN},cityCode=2201`,
      result: 'ok',
      detail: { rows: 5, total: list.body.total, personalData: true },
    });
  });

  it('audit the intake lists', async () => {
    for (const [path, action] of [
      ['self-check-declarations', 'self_check.list'],
      ['deregistration-requests', 'deregistration.list'],
      ['complaints', 'complaint.list'],
    ]) {
      const r = await get('officer2201', `/campaigns/${CAMPAIGN}/cities/2201/${path}`);
      expect(r.status).toBe(200);
      expect(await auditRowOf(r)).toMatchObject({ user_id: 'officer2201', action, target: `campaignId=${CAMPAIGN},cityCode=2201`, result: 'ok' });
    }
  });

  it('audit a report download with the file served and whether it shows full ID numbers', async () => {
    const full = await get('officer2201', `/reports/${reportId}/download`);
    expect(full.status).toBe(200);
    expect(await auditRowOf(full)).toMatchObject({
      user_id: 'officer2201',
      action: 'report.download',
      target: `reportId=${reportId}`,
      result: 'ok',
      detail: { servedReportId: reportId, kind: 'investigation_table', masked: false, fullIdNumbers: true },
    });
    const masked = await get('auditor', `/reports/${reportId}/download`);
    expect(await auditRowOf(masked)).toMatchObject({ user_id: 'auditor', action: 'report.download', detail: { masked: true, fullIdNumbers: false } });
  });

  it('audit a codec decode by the number of payloads, never their content', async () => {
    const r = await call(api.url, 'POST', '/codec/decode', {
      token: tokens.auditor,
      body: { payloads: [{ metadata: { encoding: 'anNvbi9wbGFpbg==' }, data: Buffer.from(JSON.stringify(REFUSED_ID)).toString('base64') }] },
    });
    expect(r.status).toBe(200);
    expect(await auditRowOf(r)).toMatchObject({ user_id: 'auditor', action: 'codec.decode', target: 'payloads=1', result: 'ok' });
  });
});

describe("an import's issues.csv", () => {
  it('shows a coordinator the refused values as they were, and is audited', async () => {
    const r = await get('coordinator', `/imports/${batchId}/issues.csv`);
    expect(r.status).toBe(200);
    expect(r.text).toContain(REFUSED_ID);
    expect(r.text).toContain(REFUSED_NAME);
    expect(await auditRowOf(r)).toMatchObject({ user_id: 'coordinator', action: 'import.issues', target: `batchId=${batchId}`, result: 'ok' });
  });

  it('shows an auditor the refused values masked, in the value and in the reason, and is audited', async () => {
    const r = await get('auditor', `/imports/${batchId}/issues.csv`);
    expect(r.status).toBe(200);
    expect(r.text).not.toMatch(FULL_ID);
    expect(r.text).not.toContain(REFUSED_NAME);
    const lines = r.text.trim().split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toBe(
      `reg.csv,2,身份证号,${REFUSED_ID.slice(0, 6)}********${REFUSED_ID.slice(-4)},与第 7 行 ${REFUSED_ID.slice(0, 6)}********${REFUSED_ID.slice(-4)} 重复,rejected`,
    );
    expect(lines[2]).toBe('reg.csv,3,姓名,欧***,姓名含不允许的字符,rejected');
    expect(await auditRowOf(r)).toMatchObject({ user_id: 'auditor', action: 'import.issues', target: `batchId=${batchId}`, result: 'ok' });
  });
});
