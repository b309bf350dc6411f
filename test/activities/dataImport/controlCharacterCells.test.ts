/**
 * A cell holding a control character (a NUL PostgreSQL cannot store, an escape, a bidi override)
 * is a rejected row with a Chinese reason, by either import path, not a failed import.
 */
import { importFile } from '../../../dataImport/importFile';
import { importTestBed, SS_HEADER, validId, writeCsv, writeXlsx } from './fixtures';

describe('control characters in file cells', () => {
  const bed = importTestBed();
  const rows = [
    SS_HEADER,
    [validId(1), '张三', '某公司', '', '', '2024-09', ''],
    [validId(2), '李\u0007四', '某公司', '', '', '2024-09', ''],
    [validId(3), '王五', '某\u202E公司', '', '', '2024-09', ''],
    [validId(4), '赵六', '某公司\u001B', '', '', '2024-09', ''],
  ];
  const expectedIssues = [
    { line: 3, col: 'name', value: '李<U+0007>四', reason: expect.stringMatching(/控制字符.*第2个字符.*\(control character\)$/), severity: 'rejected' },
    { line: 4, col: 'unit_name', value: '某<U+202E>公司', reason: expect.stringMatching(/双向控制符/), severity: 'rejected' },
    { line: 5, col: 'unit_name', value: '某公司<U+001B>', reason: expect.stringMatching(/控制字符/), severity: 'rejected' },
  ];

  it.each([
    ['streaming', Infinity],
    ['staged', 0],
  ])('rejects the row with a reason on the %s CSV path and stores the rest', async (_path, stagedMinBytes) => {
    const file = writeCsv(bed.tmp.file(`ctl-${_path}.csv`), rows);
    const res = await importFile(bed.db.pool, { source: 'social_insurance', filePath: file, importedBy: 't', stagedMinBytes });
    expect(res).toMatchObject({ rowsTotal: 4, rowsAccepted: 1, rowsRejected: 3 });
    expect(await bed.issuesOf(res.batchId)).toEqual(expectedIssues);
    const stored = await bed.db.pool.query('SELECT name FROM social_insurance WHERE batch_id = $1', [res.batchId]);
    expect(stored.rows).toEqual([{ name: '张三' }]);
  });

  it('rejects the row with a reason in an .xlsx file (XML carries no C0 controls; bidi and zero-width characters it does)', async () => {
    const file = await writeXlsx(bed.tmp.file('ctl.xlsx'), [
      SS_HEADER,
      [validId(1), '张三', '某公司', '', '', '2024-09', ''],
      [validId(3), '王五', '某\u202E公司', '', '', '2024-09', ''],
      [validId(5), '钱\u200B七', '某公司', '', '', '2024-09', ''],
    ]);
    const res = await importFile(bed.db.pool, { source: 'social_insurance', filePath: file, importedBy: 't' });
    expect(res).toMatchObject({ rowsTotal: 3, rowsAccepted: 1, rowsRejected: 2 });
    expect(await bed.issuesOf(res.batchId)).toEqual([
      { line: 3, col: 'unit_name', value: '某<U+202E>公司', reason: expect.stringMatching(/双向控制符/), severity: 'rejected' },
      { line: 4, col: 'name', value: '钱<U+200B>七', reason: expect.stringMatching(/零宽字符/), severity: 'rejected' },
    ]);
  });

  it('refuses a CSV file holding NUL bytes as not a text file (a UTF-16 or binary file), before reading any row', async () => {
    const file = writeCsv(bed.tmp.file('ctl-nul.csv'), [SS_HEADER, [validId(2), '李\u0000四', '某公司', '', '', '2024-09', '']]);
    await expect(importFile(bed.db.pool, { source: 'social_insurance', filePath: file, importedBy: 't' })).rejects.toMatchObject({ code: 'UnusableFile' });
  });
});
