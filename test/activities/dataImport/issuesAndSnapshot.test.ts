import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { importFile } from '../../../dataImport/importFile';
import { issuesStream, writeIssuesCsv, type ImportIssueRow } from '../../../dataImport/issues';
import { createSnapshot } from '../../../dataImport/snapshot';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { badCheckId, badUscc, SS_HEADER, tempDir, validId, writeCsv, type TempDir } from './fixtures';

describe('issues report and snapshots', () => {
  let db: TestDatabase;
  let tmp: TempDir;
  let batchA: number;
  let batchB: number;
  beforeAll(async () => {
    db = await createTestDatabase();
    tmp = tempDir();
    // Written out of order on purpose: the report sorts by file, then line.
    const b = writeCsv(tmp.file('b-ss.csv'), [
      SS_HEADER,
      [validId(1), '', '某公司', badUscc(1), '', '2024-09', ''],
      [badCheckId(2), '', '某公司,"引号"', '', '', '2024-09', ''],
    ]);
    const a = writeCsv(tmp.file('a-ss.csv'), [SS_HEADER, [validId(3), '', '某公司', '', '', '2024-09', ''], ['', '', '单位\n两行', '', '', 'x', '']]);
    batchB = (await importFile(db.pool, { source: 'social_insurance', filePath: b, importedBy: 't' })).batchId;
    batchA = (await importFile(db.pool, { source: 'social_insurance', filePath: a, importedBy: 't' })).batchId;
  });
  afterAll(async () => {
    await db.drop();
    tmp.remove();
  });

  it('writes file,line,column,value,reason,severity as UTF-8 CSV sorted by file and line', async () => {
    const out = tmp.file('rejects.csv');
    const n = await writeIssuesCsv(db.pool, [batchB, batchA], out);
    const text = readFileSync(out, 'utf8');
    expect(text.split('\n')[0]).toBe('file,line,column,value,reason,severity');
    const rows = parse<Record<string, string>>(text, { columns: true });
    expect(n).toBe(rows.length);
    expect(rows.map((r) => [r.file, r.line, r.column, r.severity])).toEqual([
      ['a-ss.csv', '3', 'id_number', 'rejected'],
      ['a-ss.csv', '3', 'period', 'rejected'],
      ['b-ss.csv', '2', 'unit_code', 'warning'],
      ['b-ss.csv', '3', 'id_number', 'rejected'],
    ]);
    expect(rows[3].value).toBe(badCheckId(2));
  });

  it('adds a byte-order mark on request, for Excel', async () => {
    const out = tmp.file('rejects-bom.csv');
    await writeIssuesCsv(db.pool, [batchA], out, { bom: true });
    expect(readFileSync(out).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });

  it('streams the same issues as objects', async () => {
    const seen: ImportIssueRow[] = [];
    for await (const i of issuesStream(db.pool, [batchA, batchB])) seen.push(i);
    expect(seen.map((i) => [i.file, i.line, i.column])).toEqual([
      ['a-ss.csv', 3, 'id_number'],
      ['a-ss.csv', 3, 'period'],
      ['b-ss.csv', 2, 'unit_code'],
      ['b-ss.csv', 3, 'id_number'],
    ]);
    expect(seen[2]).toEqual({
      file: 'b-ss.csv',
      line: 2,
      column: 'unit_code',
      value: badUscc(1),
      reason: expect.stringContaining('unified social credit code'),
      severity: 'warning',
    });
  });

  it('leaves the connection usable when a consumer stops reading early', async () => {
    for await (const _ of issuesStream(db.pool, [batchA, batchB])) break;
    const { rows } = await db.pool.query('SELECT 1 AS ok');
    expect(rows[0].ok).toBe(1);
  });

  it('creates a snapshot of completed batches', async () => {
    const id = await createSnapshot(db.pool, 'city 2201, 2024-11', [batchA, batchB, batchA]);
    const { rows } = await db.pool.query('SELECT batch_id::int AS b FROM data_snapshot_batch WHERE snapshot_id = $1 ORDER BY batch_id', [id]);
    expect(rows.map((r) => r.b)).toEqual([batchB, batchA].sort((x, y) => x - y));
  });

  it('refuses a snapshot of an unknown or failed batch', async () => {
    await expect(createSnapshot(db.pool, 'x', [999999])).rejects.toThrow(/unknown import batch 999999/);
    const failed = await db.pool.query(
      `INSERT INTO import_batch (source, file_name, checksum, imported_by, status) VALUES ('units', 'u.csv', '', 't', 'failed') RETURNING id`,
    );
    await expect(createSnapshot(db.pool, 'x', [batchA, Number(failed.rows[0].id)])).rejects.toThrow(/not completed/);
    await expect(createSnapshot(db.pool, 'x', [])).rejects.toThrow(/at least one/);
  });
});
