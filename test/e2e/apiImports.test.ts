/**
 * Uploads through the API (its own process) are imported by the worker: the upload answers 202 with
 * the import's id at once, the import's status route reports the result and the issues, an unusable
 * file ends the import failed with its Chinese reason, and the OpenAPI document describes each answer.
 */
import { randomBytes } from 'node:crypto';
import { usccCheckCharacter } from '../../domain/uscc';
import { fixtureIdNumber } from '../support/caseFixtures';
import { quietRuntime } from '../support/caseWorkflowEnv';
import type { TestDatabase } from '../support/database';
import { waitFor } from '../support/devServerCampaign';
import type { RunningApi } from './apiSupport/apiProcess';
import { startApiStack, type ApiStack } from './apiSupport/apiStack';
import { call, login } from './apiSupport/http';
import { USERS } from './apiSupport/seed';

const taskQueue = `api-imports-${randomBytes(4).toString('hex')}`;

let db: TestDatabase;
let api: RunningApi;
let stack: ApiStack;
let coordinator: string;
let supervisor: string;

beforeAll(async () => {
  quietRuntime();
  stack = await startApiStack({ taskQueue });
  ({ db, api } = stack);
  coordinator = await login(api.url, 'coordinator', USERS.coordinator.password);
  supervisor = await login(api.url, 'supervisor', USERS.supervisor.password);
});

afterAll(async () => {
  await stack?.stop();
});

async function finished(importId: string) {
  return waitFor(
    `import ${importId}`,
    async () => {
      const r = await call(api.url, 'GET', `/imports/jobs/${importId}`, { token: supervisor });
      expect(r.status).toBe(200);
      return r.body.status === 'completed' || r.body.status === 'failed' ? r.body : undefined;
    },
    120_000,
  );
}

describe('an upload through the API', () => {
  it('is stored and handed to the worker (202), which imports it; its status reports the result and the issues', async () => {
    const code = '91220101MA0000079';
    const good = code + usccCheckCharacter(code);
    const other = `${code.slice(0, 16)}8`;
    const csv = `unit_code,unit_name\n${good},长春测试建设有限公司\n${other}${usccCheckCharacter(other)},\n`;
    const r = await call(api.url, 'POST', '/imports?source=units&fileName=units-api.csv', { token: coordinator, raw: csv, contentType: 'text/csv' });
    expect(r.status).toBe(202);
    expect(r.body).toEqual({
      importId: expect.any(String),
      status: 'queued',
      source: 'units',
      fileName: 'units-api.csv',
      bytes: Buffer.byteLength(csv),
      statusUrl: `/imports/jobs/${r.body.importId}`,
    });
    expect(r.headers.get('location')).toBe(r.body.statusUrl);

    const job = await finished(r.body.importId);
    expect(job).toMatchObject({
      importId: r.body.importId,
      source: 'units',
      origin: 'upload',
      fileName: 'units-api.csv',
      requestedBy: expect.any(String),
      status: 'completed',
      attempts: 1,
      progress: { rowsRead: 2 },
      result: { rowsTotal: 2, rowsAccepted: 1, rowsRejected: 1, format: 'csv', encoding: 'utf-8' },
      error: null,
    });
    expect(job.issuesCsv).toBe(`/imports/${job.result.batchId}/issues.csv`);

    const issues = await call(api.url, 'GET', job.issuesCsv, { token: coordinator });
    expect(issues.status).toBe(200);
    expect(issues.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(issues.text.split('\r\n')[1]).toMatch(/^units-api\.csv,3,unit_name,,/);

    const batch = await call(api.url, 'GET', `/imports/${job.result.batchId}`, { token: supervisor });
    expect(batch.body).toMatchObject({
      batchId: job.result.batchId,
      importId: r.body.importId,
      status: 'completed',
      rowsAccepted: 1,
      format: 'csv',
      encoding: 'utf-8',
    });
  });

  it('of an unusable file ends the import failed, with its Chinese reason and nothing imported', async () => {
    const r = await call(api.url, 'POST', '/imports?source=registrations&fileName=no-id.csv', {
      token: coordinator,
      raw: '姓名,注册证书编号\n张三,吉1222020200001\n',
      contentType: 'text/csv',
    });
    expect(r.status).toBe(202);
    const job = await finished(r.body.importId);
    expect(job).toMatchObject({ status: 'failed', attempts: 1, result: null, issuesCsv: null });
    expect(job.error).toMatch(/^no-id\.csv: .*[\u4e00-\u9fff]/);
    expect(job.error).not.toContain('张三');
    const left = await db.pool.query(
      'SELECT (SELECT count(*) FROM import_batch WHERE import_id = $1)::int AS batches, (SELECT count(*) FROM data_import_upload WHERE import_id = $1)::int AS chunks',
      [r.body.importId],
    );
    expect(left.rows[0]).toEqual({ batches: 0, chunks: 0 });
  });

  it("of a city's 公积金中心 keeps its own city's fund rows and rejects another city's, naming the line and both cities", async () => {
    const uscc = (body: string) => body + usccCheckCharacter(body);
    const own = uscc('91220101MA0000080'); // registered in 长春市 (220101)
    const other = uscc('91220201MA0000081'); // registered in 吉林市 (220201)
    const csv =
      '身份证号,缴存单位,缴存单位统一社会信用代码,缴存年月\n' +
      `${fixtureIdNumber(951)},长春缴存单位有限公司,${own},2024-06\n` +
      `${fixtureIdNumber(952)},吉林市缴存单位有限公司,${other},2024-06\n` +
      `${fixtureIdNumber(953)},未填代码的缴存单位,,2024-06\n`;
    const fund = await login(api.url, 'fund2201', USERS.fund2201.password);
    const r = await call(api.url, 'POST', '/imports?source=housing_fund&fileName=fund-2201.csv', { token: fund, raw: csv, contentType: 'text/csv' });
    expect(r.status).toBe(202);
    const job = await finished(r.body.importId);
    // A row that names no city (no unit code) says nothing against it and is kept.
    expect(job).toMatchObject({ status: 'completed', result: { rowsTotal: 3, rowsAccepted: 2, rowsRejected: 1 } });
    const stored = await db.pool.query('SELECT unit_code FROM housing_fund WHERE batch_id = $1 ORDER BY line', [job.result.batchId]);
    expect(stored.rows.map((x) => x.unit_code)).toEqual([own, null]);
    const issues = await call(api.url, 'GET', job.issuesCsv, { token: coordinator });
    const rejected = issues.text.split('\r\n').filter((l) => l.endsWith(',rejected'));
    expect(rejected).toHaveLength(1);
    expect(rejected[0]).toMatch(/^fund-2201\.csv,3,unit_code,/);
    expect(rejected[0]).toContain('缴存单位统一社会信用代码的登记机关在吉林市，不是长春市的公积金缴存数据');

    // The 中心 reads its own upload's rejects (values masked), not another's.
    const mine = await call(api.url, 'GET', job.issuesCsv, { token: fund });
    expect(mine.status).toBe(200);
    expect(mine.text).toContain('登记机关在吉林市，不是长春市的公积金缴存数据');
    expect(mine.text).not.toContain(other);
    const batches = await db.pool.query<{ id: string }>(`SELECT id FROM import_batch WHERE imported_by <> 'fund2201' ORDER BY id LIMIT 1`);
    const theirs = await call(api.url, 'GET', `/imports/${batches.rows[0].id}/issues.csv`, { token: fund });
    expect(theirs.status).toBe(403);
    expect(JSON.stringify(theirs.body)).toContain('只能查看本中心上传文件的问题清单');

    // The province's coordinator loads any city's fund data: the same file is taken whole.
    const whole = await call(api.url, 'POST', '/imports?source=housing_fund&fileName=fund-all.csv', { token: coordinator, raw: csv, contentType: 'text/csv' });
    expect(await finished(whole.body.importId)).toMatchObject({ status: 'completed', result: { rowsTotal: 3, rowsAccepted: 3, rowsRejected: 0 } });
  });

  it('is described, answer by answer, in the OpenAPI document', async () => {
    const doc = (await call(api.url, 'GET', '/openapi.json')).body;
    const post = doc.paths['/imports'].post.responses['202'];
    expect(Object.keys(post.content['application/json'].schema.properties)).toEqual(['importId', 'status', 'source', 'fileName', 'bytes', 'statusUrl']);
    const job = doc.paths['/imports/jobs/{importId}'].get.responses['200'].content['application/json'].schema;
    expect(Object.keys(job.properties)).toEqual(expect.arrayContaining(['status', 'progress', 'result', 'error', 'issuesCsv']));
    expect(Object.keys(doc.paths['/imports/{batchId}/issues.csv'].get.responses['200'].content)).toEqual(['text/csv']);
  });
});
