import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { importFile, UnusableFileError } from '../../../dataImport/importFile';
import { SS_HEADER, importTestBed, validId, writeCsv, writeXlsx } from './fixtures';

describe('importFile refuses unusable files and imports nothing from them', () => {
  const bed = importTestBed();

  const counts = async () =>
    (
      await bed.db.pool.query(`SELECT (SELECT count(*) FROM social_insurance)::int AS rows, (SELECT count(*) FROM import_issue)::int AS issues,
       (SELECT count(*) FROM import_batch WHERE status = 'completed')::int AS completed`)
    ).rows[0];

  async function expectUnusable(filePath: string, file: string, column?: string, message?: RegExp) {
    const before = await counts();
    const err = await importFile(bed.db.pool, { source: 'social_insurance', filePath, importedBy: 't' }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(UnusableFileError);
    const e = err as UnusableFileError;
    expect(e.file).toBe(file);
    expect(e.column).toBe(column);
    expect(e.message).toContain(file);
    if (column) expect(e.message).toContain(column);
    if (message) expect(e.message).toMatch(message);
    expect(await counts()).toEqual(before);
  }

  it('names the file when it does not exist', async () => {
    await expectUnusable(bed.tmp.file('nope.csv'), 'nope.csv', undefined, /missing or unreadable/);
  });

  it('refuses an empty file', async () => {
    writeFileSync(bed.tmp.file('empty.csv'), '');
    await expectUnusable(bed.tmp.file('empty.csv'), 'empty.csv', undefined, /empty file/);
  });

  it('refuses a file of blank lines as having no header row', async () => {
    writeFileSync(bed.tmp.file('blank.csv'), '\uFEFF\r\n\r\n');
    await expectUnusable(bed.tmp.file('blank.csv'), 'blank.csv', undefined, /no header row/);
  });

  it('names the first missing required column, also when the header row is absent and data starts at line 1', async () => {
    writeCsv(bed.tmp.file('nohead.csv'), [[validId(1), '', '某公司', '', '', '2024-09', '']]);
    await expectUnusable(bed.tmp.file('nohead.csv'), 'nohead.csv', 'id_number', /missing required column/);
    writeCsv(bed.tmp.file('noperiod.csv'), [SS_HEADER.filter((h) => h !== 'period'), [validId(1), '', '某公司', '', '', '']]);
    await expectUnusable(bed.tmp.file('noperiod.csv'), 'noperiod.csv', 'period', /缴费年月/);
  });

  it('refuses a header that names one column twice', async () => {
    writeCsv(bed.tmp.file('twice.csv'), [
      [...SS_HEADER, '身份证号'],
      [validId(1), '', '某公司', '', '', '2024-09', '', validId(2)],
    ]);
    await expectUnusable(bed.tmp.file('twice.csv'), 'twice.csv', 'id_number', /more than once/);
  });

  it('refuses binary garbage, whatever its extension', async () => {
    const garbage = Buffer.concat([randomBytes(4096), Buffer.from([0, 0, 0])]);
    writeFileSync(bed.tmp.file('garbage.csv'), garbage);
    await expectUnusable(bed.tmp.file('garbage.csv'), 'garbage.csv', undefined, /not a CSV or XLSX/);
    writeFileSync(bed.tmp.file('garbage.xlsx'), garbage);
    await expectUnusable(bed.tmp.file('garbage.xlsx'), 'garbage.xlsx', undefined, /damaged XLSX/);
  });

  it('refuses a CSV in neither UTF-8 nor GB18030, naming the first line that is neither, and imports nothing', async () => {
    // 0xFF starts no character in either encoding; the lines above it are plain ASCII.
    const content = Buffer.concat([Buffer.from(`${SS_HEADER.join(',')}\r\n${validId(1)},,某公司,,,2024-09,\r\n`), Buffer.from([0x41, 0xff, 0x0d, 0x0a])]);
    writeFileSync(bed.tmp.file('latin.csv'), content);
    await expectUnusable(bed.tmp.file('latin.csv'), 'latin.csv', undefined, /第3行.*neither UTF-8 nor GB18030/);
  });

  it('refuses a UTF-16 text file, saying it is UTF-16', async () => {
    writeFileSync(bed.tmp.file('utf16.csv'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(SS_HEADER.join(','), 'utf16le')]));
    await expectUnusable(bed.tmp.file('utf16.csv'), 'utf16.csv', undefined, /UTF-16/);
  });

  it('refuses a truncated XLSX and imports none of its rows', async () => {
    const rows: unknown[][] = [SS_HEADER];
    for (let i = 0; i < 500; i++) rows.push([validId(i), '', `单位${i}`, '', '', '2024-09', '']);
    const full = await writeXlsx(bed.tmp.file('full.xlsx'), rows);
    const bytes = readFileSync(full);
    for (const cut of [0.5, 0.9, 0.999]) {
      writeFileSync(bed.tmp.file('cut.xlsx'), bytes.subarray(0, Math.floor(bytes.length * cut)));
      await expectUnusable(bed.tmp.file('cut.xlsx'), 'cut.xlsx', undefined, /truncated or damaged XLSX/);
    }
  });

  it('refuses an XLSX whose zip directory is intact but whose sheet data is corrupt', async () => {
    const full = await writeXlsx(bed.tmp.file('full2.xlsx'), [SS_HEADER, [validId(1), '', '某公司', '', '', '2024-09', '']]);
    const bytes = Buffer.from(readFileSync(full));
    // Scramble the middle (compressed entries) but keep the end-of-directory record.
    for (let i = 200; i < bytes.length - 200; i++) bytes[i] ^= 0x5a;
    writeFileSync(bed.tmp.file('scrambled.xlsx'), bytes);
    await expectUnusable(bed.tmp.file('scrambled.xlsx'), 'scrambled.xlsx', undefined, /damaged XLSX|missing required column|no header/);
  });

  it('marks the batch failed and keeps no rows when the CSV breaks after the header', async () => {
    const body = `${SS_HEADER.join(',')}\n${validId(1)},,某公司,,,2024-09,\n${validId(2)},,"unterminated,,,2024-09,\n`;
    writeFileSync(bed.tmp.file('broken.csv'), body);
    await expectUnusable(bed.tmp.file('broken.csv'), 'broken.csv', undefined, /malformed CSV at line 3/);
    const failed = await bed.db.pool.query("SELECT status, error, finished_at FROM import_batch WHERE file_name = 'broken.csv'");
    expect(failed.rows).toEqual([{ status: 'failed', error: expect.stringContaining('malformed CSV'), finished_at: expect.any(Date) }]);
  });
});
