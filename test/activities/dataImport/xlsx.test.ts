import { importFile } from '../../../dataImport/importFile';
import { REG_HEADER_ZH, SS_HEADER, importTestBed, validId, writeCsv, writeXlsx } from './fixtures';

describe('importFile with XLSX', () => {
  const bed = importTestBed();

  it('reads Date cells as YYYY-MM in a period column and YYYY-MM-DD in a date column', async () => {
    const file = await writeXlsx(bed.tmp.file('dates.xlsx'), [
      ['id_number', 'unit_name', 'start_date', 'end_date'],
      [validId(1), '某公司', new Date(Date.UTC(2021, 2, 15)), new Date(Date.UTC(2024, 2, 14))],
    ]);
    const res = await importFile(bed.db.pool, { source: 'labor_contracts', filePath: file, importedBy: 't' });
    expect(res).toMatchObject({ rowsAccepted: 1, rowsRejected: 0 });
    const lc = await bed.db.pool.query(
      "SELECT to_char(start_date, 'YYYY-MM-DD') s, to_char(end_date, 'YYYY-MM-DD') e FROM labor_contract WHERE batch_id = $1",
      [res.batchId],
    );
    expect(lc.rows).toEqual([{ s: '2021-03-15', e: '2024-03-14' }]);

    const ss = await writeXlsx(bed.tmp.file('ss-dates.xlsx'), [SS_HEADER, [validId(2), '', '某公司', '', 220102, new Date(Date.UTC(2024, 8, 1)), '在职']], {
      dateFormat: 'yyyy-mm',
    });
    const r2 = await importFile(bed.db.pool, { source: 'social_insurance', filePath: ss, importedBy: 't' });
    const rows = await bed.db.pool.query("SELECT region_code, to_char(period, 'YYYY-MM-DD') p FROM social_insurance WHERE batch_id = $1", [r2.batchId]);
    expect(rows.rows).toEqual([{ region_code: '220102', p: '2024-09-01' }]);
  });

  it('reads rich text, numbers and formulas as text, and uses only the first sheet', async () => {
    const file = await writeXlsx(
      bed.tmp.file('rich.xlsx'),
      [
        REG_HEADER_ZH,
        [
          validId(3),
          { richText: [{ text: '张' }, { font: { bold: true }, text: '三' }] },
          '一级注册造价工程师',
          12345,
          { formula: '"某"&"公司"', result: '某公司' },
          '',
          2201,
          '',
          '',
        ],
      ],
      { extraSheets: [[REG_HEADER_ZH, [validId(4), '李四', 'COST_1', 'X', '别的公司', '', '2201', '', '']]] },
    );
    const res = await importFile(bed.db.pool, { source: 'registrations', filePath: file, importedBy: 't' });
    expect(res).toMatchObject({ rowsTotal: 1, rowsAccepted: 1 });
    const { rows } = await bed.db.pool.query('SELECT line, name, cert_number, unit_name, city_code FROM registration WHERE batch_id = $1', [res.batchId]);
    expect(rows).toEqual([{ line: 2, name: '张三', cert_number: '12345', unit_name: '某公司', city_code: '2201' }]);
  });

  it('reports rejected rows by their sheet row number, counting blank rows above', async () => {
    const file = await writeXlsx(bed.tmp.file('lines.xlsx'), [
      [],
      SS_HEADER,
      [validId(5), '', '某公司', '', '', '2024-09', ''],
      [],
      [validId(6), '', '某公司', '', '', '2024-99', ''],
    ]);
    const res = await importFile(bed.db.pool, { source: 'social_insurance', filePath: file, importedBy: 't' });
    expect(res).toMatchObject({ rowsTotal: 2, rowsAccepted: 1, rowsRejected: 1 });
    const issues = await bed.db.pool.query('SELECT line, col FROM import_issue WHERE batch_id = $1', [res.batchId]);
    expect(issues.rows).toEqual([{ line: 5, col: 'period' }]);
    const kept = await bed.db.pool.query('SELECT line FROM social_insurance WHERE batch_id = $1', [res.batchId]);
    expect(kept.rows).toEqual([{ line: 3 }]);
  });

  it('gives the same rows from a CSV and an XLSX of the same sheet', async () => {
    const data = [SS_HEADER, [validId(7), '甲', '某 公司', '', '220102', '2024-09', '退休'], [validId(8), '乙', '', '', '', '2024-08', '灵活就业']];
    const a = await importFile(bed.db.pool, { source: 'social_insurance', filePath: writeCsv(bed.tmp.file('same.csv'), data), importedBy: 't' });
    const b = await importFile(bed.db.pool, { source: 'social_insurance', filePath: await writeXlsx(bed.tmp.file('same.xlsx'), data), importedBy: 't' });
    const q =
      'SELECT line, id_number, name, unit_name, unit_name_norm, region_code, period, insured_status FROM social_insurance WHERE batch_id = $1 ORDER BY line';
    expect((await bed.db.pool.query(q, [b.batchId])).rows).toEqual((await bed.db.pool.query(q, [a.batchId])).rows);
  });
});
