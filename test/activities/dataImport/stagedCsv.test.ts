/**
 * The set-based CSV path (dataImport/stagedCsv.ts) against the streaming path: the same file
 * through both must give the same stored rows, issues, counts and checksum; files the staged path
 * cannot read exactly must fall back and still give today's results.
 */
import { writeFileSync } from 'node:fs';
import { importFile, STAGED_MIN_BYTES, type ImportFileOptions } from '../../../dataImport/importFile';
import { JILIN_CITIES } from '../../../domain/cities';
import { getSource, type SourceName } from '../../../domain/sources';
import { usccCheckCharacter } from '../../../domain/uscc';
import { REG_HEADER, SS_HEADER_ZH, badCheckId, badUscc, csvText, importTestBed, validId, validUscc } from './fixtures';

const TABLE: Record<string, string> = { social_insurance: 'social_insurance', registrations: 'registration', housing_fund: 'housing_fund' };

describe('staged CSV import', () => {
  const bed = importTestBed();

  async function outcome(source: SourceName, filePath: string, opts: Partial<ImportFileOptions>) {
    const paths: { path: string; reason?: string }[] = [];
    let res;
    try {
      res = await importFile(bed.db.pool, { source, filePath, importedBy: 't', ...opts, onPath: (path, reason) => paths.push({ path, reason }) });
    } catch (err) {
      const batches = (
        await bed.db.pool.query('SELECT status, checksum, rows_total, error FROM import_batch WHERE file_name = $1 ORDER BY id DESC LIMIT 1', [
          filePath.split('/').pop(),
        ])
      ).rows;
      return { error: String(err), batches, paths };
    }
    const { batchId, ...result } = res;
    const pool = bed.db.pool;
    const cols = getSource(source)
      .dbColumns.map((c) => `${c}::text`)
      .join(', ');
    const rows = (
      await pool.query({ text: `SELECT line, ${cols} FROM ${TABLE[source]} WHERE batch_id = $1 ORDER BY line`, values: [batchId], rowMode: 'array' })
    ).rows;
    const issues = (
      await pool.query({
        text: 'SELECT file, line, col, value, reason, severity FROM import_issue WHERE batch_id = $1 ORDER BY line, severity, col, reason, value',
        values: [batchId],
        rowMode: 'array',
      })
    ).rows;
    const batch = (
      await pool.query('SELECT status, checksum, rows_total, rows_accepted, rows_rejected, rows_warned, error FROM import_batch WHERE id = $1', [batchId])
    ).rows[0];
    return { result, rows, issues, batch, paths };
  }

  /** Imports the file through both paths; returns the staged outcome after checking it equals the streaming one. */
  async function bothPaths(source: SourceName, name: string, content: string | Buffer, opts: Partial<ImportFileOptions> = {}) {
    const file = bed.tmp.file(name);
    writeFileSync(file, content);
    const streaming = await outcome(source, file, { ...opts, stagedMinBytes: Infinity });
    const staged = await outcome(source, file, { ...opts, stagedMinBytes: 0 });
    // A file the streaming path refuses never reports a path.
    expect(streaming.paths).toEqual('error' in streaming ? [] : [{ path: 'streaming', reason: undefined }]);
    const { paths, ...stagedRest } = staged;
    const { paths: _p, ...streamingRest } = streaming;
    expect(stagedRest).toEqual(streamingRest);
    return { ...staged, path: paths[0] };
  }

  const unit = (n: number) => `吉林某建设有限公司${n}`;

  /** Social-insurance rows of the contract's bad-file cases, shuffled header, 10% bad rows. */
  function messySocialInsurance(n: number): string[][] {
    const order = [3, 6, 0, 5, 2, 1, 4];
    const header = [...order.map((i) => SS_HEADER_ZH[i]), '备注'];
    const rows: string[][] = [header];
    for (let i = 0; i < n; i++) {
      // id_number, name, unit_name, unit_code, region_code, period, insured_status
      let r = [validId(i), `人员${i % 7}`, unit(i % 13), validUscc(i % 13), '220102', `2024-${(i % 12) + 1}`, '在职'];
      switch (i % 20) {
        case 1:
          r[0] = badCheckId(i);
          break; // rejected
        case 2:
          r[5] = '2024-13';
          break; // rejected
        case 3:
          r[2] = '';
          r[3] = '';
          break; // employed without a unit: rejected by the row rule
        case 4:
          r[2] = '';
          r[3] = '';
          r[6] = '退休';
          break; // retired without a unit: stored
        case 5:
          r[3] = badUscc(i);
          break; // warning, stored
        case 6:
          r[4] = '2201';
          break; // warning, stored
        case 7:
          r[0] = `220102800101${String(i % 1000).padStart(3, '0')}`;
          break; // legacy 15-digit
        case 8:
          r[2] = `\u3000吉林（某）建设有限公司，分部${i % 3}\u00a0`;
          break; // full-width punctuation, U+3000, NBSP
        case 9:
          r[0] = ` ${r[0].toLowerCase()} `;
          r[5] = ' 2024年9月 ';
          break; // stray spaces
        case 10:
          r[6] = 'flexible';
          r[1] = '';
          break;
        case 11:
          r[6] = '不知道';
          break; // rejected
        case 12:
          r = ['', '', '', '', '', '', ''];
          break; // a blank row: not a record
        case 13:
          r[2] = '某公司,"总部"';
          break; // quoted cell with comma and escaped quotes: still RFC 4180
      }
      const cells = [...order.map((k) => r[k]), i % 17 === 0 ? '备注内容' : ''];
      rows.push(cells);
      // Exact duplicates of an earlier row.
      if (i % 50 === 0 && i > 0) rows.push([...cells]);
    }
    return rows;
  }

  it("gives the streaming path's rows, issues, counts and checksum for a messy social-insurance file", async () => {
    const o = await bothPaths('social_insurance', 'ss-messy.csv', csvText(messySocialInsurance(1000), { bom: true }));
    expect(o.path).toEqual({ path: 'staged', reason: undefined });
    // 200 planted rejections, plus the copies of planted bad rows among the duplicates.
    expect(o.result).toMatchObject({ rowsDuplicate: 19 });
    expect(o.result!.rowsRejected).toBeGreaterThanOrEqual(200);
    expect(o.result!.rowsWarned).toBeGreaterThan(100);
  });

  it('gives the same results with LF line ends, no BOM and no newline at the end', async () => {
    const text = csvText(messySocialInsurance(300), { eol: '\n' }).replace(/\n$/, '');
    const o = await bothPaths('social_insurance', 'ss-lf.csv', text);
    expect(o.path).toEqual({ path: 'staged', reason: undefined });
  });

  it('gives the same results for registrations with English headers and bad rows', async () => {
    const rows: string[][] = [REG_HEADER];
    for (let i = 0; i < 400; i++) {
      const r = [
        validId(i),
        `姓名${i}`,
        i % 2 ? 'CONSTRUCTOR_1' : '一级注册建筑师',
        `C${i}`,
        unit(i % 9),
        validUscc(i % 9),
        i % 3 ? '2201' : '长春市',
        '2020-05-01',
        i % 5 ? '' : '注销',
      ];
      if (i % 10 === 1) r[2] = '未知类别';
      if (i % 10 === 2) r[6] = '北京';
      if (i % 10 === 3) r[7] = '2020-02-30';
      if (i % 10 === 4) r[5] = badUscc(i);
      if (i % 10 === 5) r[1] = '';
      rows.push(r);
    }
    const o = await bothPaths('registrations', 'reg.csv', csvText(rows));
    expect(o.path).toEqual({ path: 'staged', reason: undefined });
    expect(o.result).toMatchObject({ rowsTotal: 400, rowsRejected: 160, rowsWarned: 40 });
  });

  it('gives the same results for housing fund with Chinese headers in another order', async () => {
    const rows: string[][] = [['缴存年月', '缴存单位', '身份证号', '缴存单位统一社会信用代码']];
    for (let i = 0; i < 300; i++) rows.push([i % 11 ? `2024/${(i % 12) + 1}` : '24-1', unit(i % 5), validId(i % 40), i % 7 ? validUscc(i % 5) : '']);
    const o = await bothPaths('housing_fund', 'hf.csv', csvText(rows));
    expect(o.path).toEqual({ path: 'staged', reason: undefined });
  });

  it("rejects another city's rows of a city's own fund upload on both paths, and keeps the rest", async () => {
    const otherCity = (n: number) => {
      const first17 = `91220201${String(n).padStart(9, '0')}`; // registered in 吉林市
      return first17 + usccCheckCharacter(first17)!;
    };
    const rows: string[][] = [['身份证号', '缴存单位', '缴存单位统一社会信用代码', '缴存年月']];
    for (let i = 0; i < 200; i++) rows.push([validId(i), unit(i % 5), i % 4 === 1 ? otherCity(i % 3) : i % 4 === 2 ? '' : validUscc(i % 5), '2024-06']);
    const o = await bothPaths('housing_fund', 'hf-own.csv', csvText(rows), { ownCity: JILIN_CITIES[0] });
    expect(o.path).toEqual({ path: 'staged', reason: undefined });
    expect(o.result).toMatchObject({ rowsTotal: 200, rowsRejected: 50, rowsAccepted: 150 });
    const rejected = (o.issues as unknown[][]).filter((x) => x[5] === 'rejected');
    expect(rejected).toHaveLength(50);
    expect(rejected[0].slice(1, 3)).toEqual([3, 'unit_code']);
    expect(String(rejected[0][4])).toContain('登记机关在吉林市，不是长春市的公积金缴存数据');
  });

  describe('falls back to the streaming path, with the same results, for', () => {
    const base = () => csvText(messySocialInsurance(60), { eol: '\n' });
    const lines = () => base().split('\n');
    const withLine = (at: number, line: string) => {
      const l = lines();
      l.splice(at, 0, line);
      return l.join('\n');
    };
    const padded = () => base() + Array.from({ length: 1200 }, (_, i) => lines()[(i % 50) + 2]).join('\n') + '\n';
    const cases: [string, () => string | Buffer, RegExp | undefined][] = [
      ['a blank line', () => withLine(5, ''), /COPY refused/],
      ['a ragged row', () => withLine(5, `${validId(1)},x`), /COPY refused/],
      ['a row with an extra cell', () => withLine(5, lines()[3] + ',多余'), /COPY refused/],
      ['a stray quote inside an unquoted cell', () => withLine(5, lines()[3].replace(unit(2), '某"公司')), /quote inside an unquoted cell/],
      ['text after a closing quote', () => withLine(5, lines()[3].replace(unit(2), '"某公司"分部')), /after a closing quote/],
      ['a quoted cell holding a line break', () => withLine(5, lines()[3].replace(unit(2), '"某公司\n分部"')), /line break/],
      // Past detectFormat's 64 KB probe, which refuses a file with a NUL near the start.
      ['a NUL byte', () => padded() + lines()[3].replace(unit(2), '某\0公司') + '\n', /COPY refused/],
      ['a bare carriage return in a cell', () => withLine(5, lines()[3].replace(unit(2), '某\r公司')), /COPY refused/],
      ['blank rows above the header', () => ',,,\n\n' + base(), undefined],
      ['a header cell with a stray quote', () => base().replace('备注', '备"注'), undefined],
    ];
    for (const [what, content, reason] of cases) {
      it(what, async () => {
        const o = await bothPaths('social_insurance', `fallback-${what.replace(/\W+/g, '-')}.csv`, content());
        expect(o.path.path).toBe('streaming');
        if (reason) expect(o.path.reason).toMatch(reason);
      });
    }

    it('bytes that are neither UTF-8 nor GB18030 after the first 64 KB (both refuse the file, naming the line)', async () => {
      const content = Buffer.concat([Buffer.from(padded()), Buffer.from(lines()[3].replace(unit(2), 'XX')), Buffer.from([0xff, 0xfe]), Buffer.from('\n')]);
      const o = await bothPaths('social_insurance', 'fallback-latin1.csv', content);
      expect(o).toMatchObject({ error: expect.stringMatching(/neither UTF-8 nor GB18030/), path: undefined });
    });

    it('an unclosed quote at the end (both refuse the file the same way)', async () => {
      const o = await bothPaths('social_insurance', 'fallback-unclosed.csv', base() + `${validId(3)},"某公司`);
      expect(o.path.path).toBe('streaming');
    });
  });

  it('uses the streaming path for small files and for sources without a staged spec', async () => {
    const file = bed.tmp.file('small.csv');
    writeFileSync(file, csvText(messySocialInsurance(20)));
    const paths: string[] = [];
    await importFile(bed.db.pool, {
      source: 'social_insurance',
      filePath: file,
      importedBy: 't',
      stagedMinBytes: STAGED_MIN_BYTES,
      onPath: (p) => paths.push(p),
    });
    const unitsFile = bed.tmp.file('units.csv');
    writeFileSync(
      unitsFile,
      csvText([
        ['统一社会信用代码', '单位名称'],
        [validUscc(1), '某公司'],
      ]),
    );
    await importFile(bed.db.pool, { source: 'units', filePath: unitsFile, importedBy: 't', stagedMinBytes: 0, onPath: (p) => paths.push(p) });
    expect(paths).toEqual(['streaming', 'streaming']);
  });

  it('refuses a file with a missing required column before opening a batch, as the streaming path does', async () => {
    const file = bed.tmp.file('missing-col.csv');
    writeFileSync(
      file,
      csvText([
        ['身份证号', '姓名'],
        [validId(1), '某'],
      ]),
    );
    const before = (await bed.db.pool.query('SELECT count(*)::int AS n FROM import_batch')).rows[0].n;
    await expect(importFile(bed.db.pool, { source: 'social_insurance', filePath: file, importedBy: 't', stagedMinBytes: 0 })).rejects.toThrow(/缺少必需的列/);
    expect((await bed.db.pool.query('SELECT count(*)::int AS n FROM import_batch')).rows[0].n).toBe(before);
  });

  it('has SQL row guards that agree with the JS rules on every combination of checked values', async () => {
    const si = getSource('social_insurance').staged!;
    const guard = si.rowGuard!;
    for (const unitName of [null, '某公司']) {
      for (const status of ['employed', 'retired', 'flexible']) {
        const { rows } = await bed.db.pool.query(
          `SELECT coalesce((${guard.sql}), false) AS ok FROM (SELECT $1::text AS unit_name, $2::text AS insured_status) r`,
          [unitName, status],
        );
        expect([unitName, status, rows[0].ok]).toEqual([unitName, status, guard.js({ unit_name: unitName, insured_status: status })]);
      }
    }
  });

  it('still refuses rows of a batch that does not exist, and keeps a batch that has rows (migration 008)', async () => {
    const pool = bed.db.pool;
    await expect(
      pool.query(`INSERT INTO housing_fund (batch_id, line, id_number, unit_name, unit_name_norm, period) VALUES (999999, 2, $1, 'x', 'X', '2024-09-01')`, [
        validId(1),
      ]),
    ).rejects.toMatchObject({ code: '23503' });
    const file = bed.tmp.file('kept.csv');
    writeFileSync(
      file,
      csvText([
        ['身份证号', '缴存单位', '缴存年月'],
        [validId(1), '某公司', '2024-09'],
      ]),
    );
    const { batchId } = await importFile(pool, { source: 'housing_fund', filePath: file, importedBy: 't' });
    await expect(pool.query('DELETE FROM import_batch WHERE id = $1', [batchId])).rejects.toMatchObject({ code: '23503' });
  });
});
