import { importFile } from '../../../dataImport/importFile';
import { badBirthId, badCheckId, badUscc, REG_HEADER, SS_HEADER, importTestBed, validId, validUscc, writeCsv } from './fixtures';

describe('importFile rejections and warnings', () => {
  const bed = importTestBed();
  const { issuesOf } = bed;

  const regRow = (over: Partial<Record<string, string>>, n: number): string[] => {
    const base: Record<string, string> = {
      id_number: validId(n),
      name: '张三',
      cert_category: 'COST_1',
      cert_number: `N${n}`,
      unit_name: '某公司',
      unit_code: '',
      city_code: '2201',
      registered_on: '',
      status: '',
    };
    const r: Record<string, string | undefined> = { ...base, ...over };
    return REG_HEADER.map((h) => r[h] ?? '');
  };

  it('rejects each contract reason with file, line, column, value and a bilingual reason', async () => {
    const file = writeCsv(bed.tmp.file('reasons.csv'), [
      REG_HEADER,
      regRow({ name: '' }, 1), // 2 empty required cell
      regRow({ id_number: badCheckId(2) }, 2), // 3 bad check character
      regRow({ id_number: badBirthId() }, 3), // 4 impossible birth date
      regRow({ registered_on: '2024-02-30' }, 4), // 5 malformed date
      regRow({ city_code: '北京市' }, 5), // 6 unknown city
      regRow({ cert_category: '注册会计师' }, 6), // 7 unknown category
      regRow({ status: 'suspended' }, 7), // 8 unknown status
      regRow({}, 8), // 9 fine
    ]);
    const res = await importFile(bed.db.pool, { source: 'registrations', filePath: file, importedBy: 't' });
    expect(res).toMatchObject({ rowsTotal: 8, rowsAccepted: 1, rowsRejected: 7, rowsWarned: 0 });
    const issues = await issuesOf(res.batchId);
    expect(issues.map((i) => [i.line, i.col, i.value, i.severity])).toEqual([
      [2, 'name', '', 'rejected'],
      [3, 'id_number', badCheckId(2), 'rejected'],
      [4, 'id_number', badBirthId(), 'rejected'],
      [5, 'registered_on', '2024-02-30', 'rejected'],
      [6, 'city_code', '北京市', 'rejected'],
      [7, 'cert_category', '注册会计师', 'rejected'],
      [8, 'status', 'suspended', 'rejected'],
    ]);
    expect(issues.map((i) => i.reason)).toEqual([
      expect.stringContaining('required value is empty'),
      expect.stringContaining('check character'),
      expect.stringContaining('birth date'),
      expect.stringContaining('malformed date'),
      expect.stringContaining('unknown city'),
      expect.stringContaining('unknown certificate category'),
      expect.stringContaining('unknown registration status'),
    ]);
    for (const i of issues) {
      // Chinese first, English in parentheses; never the person's data.
      expect(i.reason).toMatch(/^\P{ASCII}.*\(.+\)$/u);
      expect(i.reason).not.toContain(validId(2).slice(0, 17));
      expect(i.reason).not.toContain('张三');
    }
  });

  it('rejects a malformed period and an unknown insured status in social insurance', async () => {
    const file = writeCsv(bed.tmp.file('ss-reasons.csv'), [
      SS_HEADER,
      [validId(1), '', '某公司', '', '', '2024/13', ''],
      [validId(2), '', '某公司', '', '', '2024-09', '失业'],
      [validId(3), '', '', '', '', '2024-09', '在职'],
      [validId(4), '', '', '', '', '2024-09', '灵活就业'],
    ]);
    const res = await importFile(bed.db.pool, { source: 'social_insurance', filePath: file, importedBy: 't' });
    expect(res).toMatchObject({ rowsTotal: 4, rowsAccepted: 1, rowsRejected: 3 });
    expect((await issuesOf(res.batchId)).map((i) => [i.line, i.col, i.reason])).toEqual([
      [2, 'period', expect.stringContaining('malformed period')],
      [3, 'insured_status', expect.stringContaining('unknown insured status')],
      [4, 'unit_name', expect.stringContaining('unit required unless retired or flexible')],
    ]);
  });

  it('keeps a row whose unit code fails its check, stores the code as NULL and warns', async () => {
    const file = writeCsv(bed.tmp.file('uscc.csv'), [REG_HEADER, regRow({ unit_code: badUscc(1) }, 1), regRow({ unit_code: validUscc(2) }, 2)]);
    const res = await importFile(bed.db.pool, { source: 'registrations', filePath: file, importedBy: 't' });
    expect(res).toMatchObject({ rowsTotal: 2, rowsAccepted: 2, rowsRejected: 0, rowsWarned: 1 });
    const { rows } = await bed.db.pool.query('SELECT line, unit_code FROM registration WHERE batch_id = $1 ORDER BY line', [res.batchId]);
    expect(rows).toEqual([
      { line: 2, unit_code: null },
      { line: 3, unit_code: validUscc(2) },
    ]);
    expect(await issuesOf(res.batchId)).toEqual([
      { line: 2, col: 'unit_code', value: badUscc(1), reason: expect.stringContaining('unit matched by name'), severity: 'warning' },
    ]);
  });

  it('imports the valid 90% of a file with 10% bad rows and reports every bad one', async () => {
    const rows: string[][] = [SS_HEADER];
    const bad = new Set<number>();
    for (let i = 0; i < 2000; i++) {
      const isBad = i % 10 === 7;
      if (isBad) bad.add(i + 2);
      rows.push([isBad ? badCheckId(i) : validId(i), '', `单位${i % 37}`, '', '220102', `2024-${String((i % 12) + 1).padStart(2, '0')}`, '']);
    }
    const res = await importFile(bed.db.pool, { source: 'social_insurance', filePath: writeCsv(bed.tmp.file('ten-percent.csv'), rows), importedBy: 't' });
    expect(res).toMatchObject({ rowsTotal: 2000, rowsAccepted: 1800, rowsRejected: 200 });
    const reported = new Set((await issuesOf(res.batchId)).map((i) => i.line));
    expect(reported).toEqual(bad);
    const stored = await bed.db.pool.query('SELECT count(*)::int AS n FROM social_insurance WHERE batch_id = $1 AND line = ANY($2)', [res.batchId, [...bad]]);
    expect(stored.rows[0].n).toBe(0);
  });

  it('stores a repeated identical row once and reports each later copy as a duplicate of the first', async () => {
    const row = [validId(1), '甲', '某公司', '', '', '2024-09', ''];
    const res = await importFile(bed.db.pool, {
      source: 'social_insurance',
      filePath: writeCsv(bed.tmp.file('dups.csv'), [
        SS_HEADER,
        row,
        [validId(2), '乙', '某公司', '', '', '2024-09', ''],
        row,
        [...row.slice(0, 5), '2024-9', '在职'],
      ]),
      importedBy: 't',
    });
    expect(res).toMatchObject({ rowsTotal: 4, rowsAccepted: 2, rowsRejected: 0, rowsWarned: 2, rowsDuplicate: 2 });
    const { rows } = await bed.db.pool.query('SELECT line FROM social_insurance WHERE batch_id = $1 ORDER BY line', [res.batchId]);
    expect(rows.map((r) => r.line)).toEqual([2, 3]);
    expect((await issuesOf(res.batchId)).map((i) => [i.line, i.reason, i.severity])).toEqual([
      [4, expect.stringContaining('duplicate of line 2'), 'warning'],
      [5, expect.stringContaining('duplicate of line 2'), 'warning'],
    ]);
    const batch = await bed.db.pool.query('SELECT rows_accepted, rows_warned FROM import_batch WHERE id = $1', [res.batchId]);
    expect(batch.rows[0]).toEqual({ rows_accepted: 2, rows_warned: 2 });
  });

  it('converts a 15-digit legacy ID number to 18 characters', async () => {
    const legacy = '220102800101123';
    const res = await importFile(bed.db.pool, {
      source: 'housing_fund',
      filePath: writeCsv(bed.tmp.file('fund.csv'), [
        ['身份证号', '缴存单位', '缴存年月'],
        [legacy, '某公司', '202409'],
      ]),
      importedBy: 't',
    });
    expect(res.rowsAccepted).toBe(1);
    const { rows } = await bed.db.pool.query('SELECT id_number FROM housing_fund WHERE batch_id = $1', [res.batchId]);
    expect(rows[0].id_number).toHaveLength(18);
    expect(rows[0].id_number.slice(0, 17)).toBe('22010219800101123');
  });
});
