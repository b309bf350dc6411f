/**
 * CSV text encodings (DATA-CONTRACT "Input files"): UTF-8 with or without a byte-order mark and
 * GB18030/GBK are detected per file and recorded on the batch; the rows are the same.
 */
import { writeFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { importFile } from '../../../dataImport/importFile';
import { findImport, requestImport } from '../../../dataImport/importRecords';
import { SS_HEADER_ZH, importTestBed, validId } from './fixtures';

describe('importFile with CSV in UTF-8 and GB18030', () => {
  const bed = importTestBed();
  const rows = [
    SS_HEADER_ZH,
    [validId(1), '张三', '吉林省某建设有限公司', '', '220102', '2024年9月', '在职'],
    [validId(2), '李四', '', '', '', '2024-13', '退休'],
  ];
  const text = rows.map((r) => r.join(',')).join('\r\n') + '\r\n';
  const q =
    'SELECT line, id_number, name, unit_name, unit_name_norm, region_code, period, insured_status FROM social_insurance WHERE batch_id = $1 ORDER BY line';

  it('reads a GB18030 file with Chinese headers as its UTF-8 twin and records which encoding each used', async () => {
    const utf8 = bed.tmp.file('ss-utf8.csv');
    writeFileSync(utf8, `\uFEFF${text}`);
    const gb = bed.tmp.file('ss-gb18030.csv');
    writeFileSync(gb, iconv.encode(text, 'gb18030'));
    const a = await importFile(bed.db.pool, { source: 'social_insurance', filePath: utf8, importedBy: 't' });
    const b = await importFile(bed.db.pool, { source: 'social_insurance', filePath: gb, importedBy: 't' });
    expect(a.read).toEqual({ format: 'csv', encoding: 'utf-8' });
    expect(b.read).toEqual({ format: 'csv', encoding: 'gb18030' });
    expect(b).toMatchObject({ rowsTotal: 2, rowsAccepted: 1, rowsRejected: 1 });
    expect((await bed.db.pool.query(q, [b.batchId])).rows).toEqual((await bed.db.pool.query(q, [a.batchId])).rows);
    expect((await bed.issuesOf(b.batchId)).map((i) => [i.line, i.col, i.value])).toEqual([[3, 'period', '2024-13']]);
    const stored = await bed.db.pool.query('SELECT id, file_format, encoding FROM import_batch WHERE id = ANY($1) ORDER BY id', [[a.batchId, b.batchId]]);
    expect(stored.rows.map((r) => [r.file_format, r.encoding])).toEqual([
      ['csv', 'utf-8'],
      ['csv', 'gb18030'],
    ]);
  });

  it('stages a GB18030 file with COPY … ENCODING, with the rows, issues and checksum of the streaming path', async () => {
    const many = [
      SS_HEADER_ZH,
      ...Array.from({ length: 300 }, (_, i) => [
        i % 7 === 3 ? `${validId(i)}9` : validId(i),
        `人员${i % 11}`,
        i % 5 === 2 ? '' : `吉林省第${i % 13}建筑（集团）有限公司`,
        '',
        '220102',
        i % 9 === 4 ? '2024-13' : `2024年${(i % 12) + 1}月`,
        i % 5 === 2 ? '退休' : '在职',
      ]),
    ];
    const gb = bed.tmp.file('ss-gb18030-staged.csv');
    writeFileSync(gb, iconv.encode(many.map((r) => r.join(',')).join('\r\n') + '\r\n', 'gb18030'));
    const outcome = async (stagedMinBytes: number) => {
      const paths: string[] = [];
      const r = await importFile(bed.db.pool, { source: 'social_insurance', filePath: gb, importedBy: 't', stagedMinBytes, onPath: (p) => paths.push(p) });
      const rows = (await bed.db.pool.query(q, [r.batchId])).rows;
      const issues = (await bed.issuesOf(r.batchId)).map(({ line, col, value, reason, severity }) => [line, col, value, reason, severity]);
      const checksum = (await bed.db.pool.query('SELECT checksum FROM import_batch WHERE id = $1', [r.batchId])).rows[0].checksum;
      const { batchId: _b, ...counts } = r;
      return { paths, counts, rows, issues, checksum };
    };
    const staged = await outcome(0);
    const streaming = await outcome(Infinity);
    expect([staged.paths, streaming.paths]).toEqual([['staged'], ['streaming']]);
    expect(staged.counts).toMatchObject({ rowsTotal: 300, read: { format: 'csv', encoding: 'gb18030' } });
    // Bad check characters, an impossible month, employed rows without a unit: the rows that go back through checkRow.
    expect(staged.counts.rowsRejected).toBeGreaterThan(50);
    expect(staged.rows.length).toBeGreaterThan(200);
    expect({ ...staged, paths: [] }).toEqual({ ...streaming, paths: [] });
  });

  it('reports the encoding in the import record the API answers with', async () => {
    const gb = bed.tmp.file('upload-gb18030.csv');
    writeFileSync(gb, iconv.encode(text, 'gb18030'));
    const importId = '5f1d1b7e-3c1a-4d5e-9a53-0d9b1c2e8a11';
    await requestImport(bed.db.pool, { importId, source: 'social_insurance', origin: 'file', fileName: 'upload-gb18030.csv', requestedBy: 't' });
    const r = await importFile(bed.db.pool, { source: 'social_insurance', filePath: gb, importedBy: 't', importId });
    await bed.db.pool.query(`UPDATE data_import SET status = 'completed', batch_id = $2 WHERE id = $1`, [importId, r.batchId]);
    expect((await findImport(bed.db.pool, importId))?.result).toMatchObject({ rowsAccepted: 1, format: 'csv', encoding: 'gb18030' });
  });

  it('decides on the whole file: GBK text after 64 KB of plain ASCII is read as GB18030, not garbled as UTF-8', async () => {
    const padding = Array.from({ length: 2000 }, (_, i) => `${validId(100 + i)},,Unit ${i},,,2024-09,`).join('\r\n');
    const file = bed.tmp.file('late-chinese.csv');
    const ascii = `id_number,name,unit_name,unit_code,region_code,period,insured_status\r\n${padding}\r\n`;
    expect(ascii.length).toBeGreaterThan(64 * 1024);
    writeFileSync(file, Buffer.concat([Buffer.from(ascii), iconv.encode(`${validId(9)},王五,长春某公司,,,2024-09,\r\n`, 'gbk')]));
    const r = await importFile(bed.db.pool, { source: 'social_insurance', filePath: file, importedBy: 't', stagedMinBytes: Infinity });
    expect(r.read).toEqual({ format: 'csv', encoding: 'gb18030' });
    const named = await bed.db.pool.query('SELECT name, unit_name FROM social_insurance WHERE batch_id = $1 AND name IS NOT NULL', [r.batchId]);
    expect(named.rows).toEqual([{ name: '王五', unit_name: '长春某公司' }]);
  });
});
