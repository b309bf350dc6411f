import { statSync, writeFileSync } from 'node:fs';
import { importFile } from '../../../dataImport/importFile';
import { REG_HEADER, REG_HEADER_ZH, SS_HEADER, SS_HEADER_ZH, importTestBed, validId, validUscc, writeCsv } from './fixtures';

describe('importFile with CSV', () => {
  const bed = importTestBed();
  const { issuesOf } = bed;

  it('imports registrations with English headers and normalises codes, labels and names', async () => {
    const file = writeCsv(bed.tmp.file('reg-en.csv'), [
      REG_HEADER,
      [validId(1), '张三', 'CONSTRUCTOR_1', 'C001', '吉林 建设（集团）有限公司', validUscc(1), '2201', '2020-05-01', ''],
      [validId(2), '李四', '一级注册建筑师', 'A002', 'abc设计院', '', '长春市', '', '注销'],
    ]);
    const res = await importFile(bed.db.pool, { source: 'registrations', filePath: file, importedBy: 'tester' });
    expect(res).toMatchObject({ source: 'registrations', fileName: 'reg-en.csv', rowsTotal: 2, rowsAccepted: 2, rowsRejected: 0, rowsWarned: 0 });
    const { rows } = await bed.db.pool.query('SELECT * FROM registration WHERE batch_id = $1 ORDER BY line', [res.batchId]);
    expect(rows.map((r) => [r.line, r.cert_category, r.unit_name_norm, r.unit_code, r.city_code, r.status])).toEqual([
      [2, 'CONSTRUCTOR_1', '吉林建设(集团)有限公司', validUscc(1), '2201', 'valid'],
      [3, 'ARCHITECT_1', 'ABC设计院', null, '2201', 'cancelled'],
    ]);
    const batch = (await bed.db.pool.query('SELECT * FROM import_batch WHERE id = $1', [res.batchId])).rows[0];
    expect(batch).toMatchObject({ status: 'completed', origin: 'file', file_name: 'reg-en.csv', imported_by: 'tester', rows_accepted: 2 });
    expect(batch.checksum).toMatch(/^[0-9a-f]{64}$/);
    expect(batch.finished_at).not.toBeNull();
  });

  it('accepts Chinese headers in any order with a BOM, ignores unknown columns and trims cells', async () => {
    const order = [6, 0, 5, 3, 1, 2, 4];
    const header = [...order.map((i) => SS_HEADER_ZH[i]), '备注'];
    const file = writeCsv(
      bed.tmp.file('ss-zh.csv'),
      [
        header,
        ['在职', validId(3), '2024-09', '', '王五', ' 某某建设有限公司 ', '220102', '备注内容'],
        ['退休', validId(4), '2024年8月', '', '赵六', '', '', ''],
      ],
      { bom: true },
    );
    const res = await importFile(bed.db.pool, { source: 'social_insurance', filePath: file, importedBy: 't' });
    expect(res).toMatchObject({ rowsTotal: 2, rowsAccepted: 2, rowsRejected: 0 });
    const { rows } = await bed.db.pool.query(
      "SELECT line, id_number, unit_name, region_code, to_char(period, 'YYYY-MM-DD') AS period, insured_status FROM social_insurance WHERE batch_id = $1 ORDER BY line",
      [res.batchId],
    );
    expect(rows).toEqual([
      { line: 2, id_number: validId(3), unit_name: '某某建设有限公司', region_code: '220102', period: '2024-09-01', insured_status: 'employed' },
      { line: 3, id_number: validId(4), unit_name: null, region_code: null, period: '2024-08-01', insured_status: 'retired' },
    ]);
  });

  it('numbers lines as a spreadsheet does when a quoted cell spans several physical lines', async () => {
    const file = writeCsv(bed.tmp.file('multiline.csv'), [
      SS_HEADER,
      [validId(5), '甲', '某公司\n第二行\n第三行', '', '', '2024-09', ''],
      [validId(6), '乙', '某公司', '', '', 'not-a-month', ''],
    ]);
    const res = await importFile(bed.db.pool, { source: 'social_insurance', filePath: file, importedBy: 't' });
    expect(res).toMatchObject({ rowsTotal: 2, rowsAccepted: 1, rowsRejected: 1 });
    expect(await issuesOf(res.batchId)).toEqual([
      { line: 3, col: 'period', value: 'not-a-month', reason: expect.stringContaining('malformed period'), severity: 'rejected' },
    ]);
    const stored = await bed.db.pool.query('SELECT unit_name FROM social_insurance WHERE batch_id = $1', [res.batchId]);
    expect(stored.rows[0].unit_name).toBe('某公司\n第二行\n第三行');
  });

  it('counts blank lines in line numbers but does not treat them as rows', async () => {
    const file = bed.tmp.file('blank.csv');
    writeFileSync(file, `${SS_HEADER.join(',')}\n\n${validId(7)},,某公司,,,2024-09,\n,,,,,,\n${validId(8)},,某公司,,,2024-13,\n`);
    const res = await importFile(bed.db.pool, { source: 'social_insurance', filePath: file, importedBy: 't' });
    expect(res).toMatchObject({ rowsTotal: 2, rowsAccepted: 1, rowsRejected: 1 });
    expect((await issuesOf(res.batchId)).map((i) => i.line)).toEqual([5]);
  });

  it('keeps Chinese-header registrations with a city given by name', async () => {
    const file = writeCsv(bed.tmp.file('reg-zh.csv'), [
      REG_HEADER_ZH,
      [validId(9), '周七', '注册监理工程师', 'S9', '某监理公司', '', '延边州', '2019/3/5', '有效'],
    ]);
    const res = await importFile(bed.db.pool, { source: 'registrations', filePath: file, importedBy: 't' });
    const { rows } = await bed.db.pool.query(
      "SELECT city_code, cert_category, to_char(registered_on, 'YYYY-MM-DD') AS d FROM registration WHERE batch_id = $1",
      [res.batchId],
    );
    expect(rows).toEqual([{ city_code: '2224', cert_category: 'SUPERVISOR', d: '2019-03-05' }]);
  });

  it('leaves no rows behind when an import fails mid-COPY, and a retry stores each row once', async () => {
    const rows: string[][] = [SS_HEADER];
    for (let i = 0; i < 3000; i++) rows.push([validId(i), '', `单位${i}`, '', '', '2024-09', '']);
    const file = writeCsv(bed.tmp.file('interrupted.csv'), rows);
    const boom = () => {
      throw new Error('worker lost');
    };
    await expect(importFile(bed.db.pool, { source: 'social_insurance', filePath: file, importedBy: 't', onProgress: boom })).rejects.toThrow('worker lost');
    const failed = (await bed.db.pool.query("SELECT id, status, error FROM import_batch WHERE file_name = 'interrupted.csv'")).rows;
    expect(failed).toEqual([{ id: expect.anything(), status: 'failed', error: expect.stringContaining('worker lost') }]);
    const left = await bed.db.pool.query('SELECT count(*)::int AS n FROM social_insurance WHERE batch_id = $1', [failed[0].id]);
    expect(left.rows[0].n).toBe(0);

    const res = await importFile(bed.db.pool, { source: 'social_insurance', filePath: file, importedBy: 't' });
    expect(res.rowsAccepted).toBe(3000);
    const all = await bed.db.pool.query(
      "SELECT count(*)::int AS n FROM social_insurance s JOIN import_batch b ON b.id = s.batch_id WHERE b.file_name = 'interrupted.csv'",
    );
    expect(all.rows[0].n).toBe(3000);
  });

  it('reports progress with rows and bytes, ending at the file size', async () => {
    const rows: string[][] = [SS_HEADER];
    for (let i = 0; i < 2500; i++) rows.push([validId(i), '', `单位${i}`, '', '', '2024-09', '']);
    const file = writeCsv(bed.tmp.file('progress.csv'), rows);
    const seen: { rows: number; bytesRead: number; totalBytes: number }[] = [];
    await importFile(bed.db.pool, { source: 'social_insurance', filePath: file, importedBy: 't', onProgress: (p) => seen.push(p) });
    const last = seen[seen.length - 1];
    expect(last.rows).toBe(2500);
    expect(last.bytesRead).toBe(last.totalBytes);
    expect(last.totalBytes).toBe(statSync(file).size);
  });
});
