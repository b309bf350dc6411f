import type * as XLSX from '@e965/xlsx';
import { produceReport } from '../../../activities/reports/produceReport';
import { reportFigures } from '../../../activities/reports/reportFigures';
import { readReport, type StoredReport } from '../../../readModel/reports';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { detailRows, mergesOf, openWithExcelJS, openWithSheetJS, sheetRows } from './readBack';
import { CAMPAIGN, EXPECTED, P, seedReadModel } from './readModelFixture';

const AT = '2025-02-20T10:00:00+08:00';
const HEADER_MERGES = ['A1:P1', 'A2:H2', 'I2:L2', 'M2:P2', 'A3:A4', 'B3:H3', 'I3:I4', 'J3:K3', 'L3:O3', 'P3:P4'];
const SUMMARY_HEADER = [
  '序号',
  '市（州）',
  '比对人数',
  '信息不一致人数',
  '已核查',
  '确认挂证',
  '自查自纠整改',
  '注销注册',
  '撤销注册',
  '不良行为记录',
  '其他处理',
  '尚未办结',
];
const COUNT_KEYS = [
  'screened',
  'flagged',
  'verified',
  'confirmedHanging',
  'selfCorrected',
  'deregistered',
  'revoked',
  'badConduct',
  'otherPenalties',
  'stillOpen',
] as const;

describe('the summary table (汇总表)', () => {
  let db: TestDatabase;
  const files: Record<'province' | 'city' | 'selfCheck', StoredReport> = {} as never;
  const sheets = (r: StoredReport): XLSX.WorkSheet[] => {
    const wb = openWithSheetJS(r.content);
    return wb.SheetNames.map((n) => wb.Sheets[n]);
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedReadModel(db.pool);
    const make = async (kind: 'province_table' | 'investigation_table' | 'self_check_table', cityCode?: string) =>
      (await readReport(db.pool, (await produceReport(db.pool, { campaignId: CAMPAIGN, cityCode, kind, requestedBy: 'test', at: AT })).report.reportId))!;
    files.province = await make('province_table');
    files.city = await make('investigation_table', '2201');
    files.selfCheck = await make('self_check_table', '2201');
  });
  afterAll(async () => {
    await db.drop();
  });

  it('counts the hand-worked figures for every city', async () => {
    const f = await reportFigures(db.pool, { campaignId: CAMPAIGN, phase: 'provincialVerification', at: AT });
    for (const c of f.cities) expect(c).toMatchObject(EXPECTED.investigation[c.cityCode as '2201' | '2202']);
    const sc = await reportFigures(db.pool, { campaignId: CAMPAIGN, phase: 'selfCheck', at: AT });
    for (const c of sc.cities) expect(c).toMatchObject(EXPECTED.selfCheck[c.cityCode as '2201' | '2202']);
    const kinds = Object.values(f.totals.penaltiesByKind).reduce((n, p) => n + p.city + p.province, 0);
    expect(kinds).toBe(f.totals.revoked + f.totals.badConduct + f.totals.otherPenalties);
  });

  it('prints the form: title, 报送单位 line, the two-level header with merged cells, and the footer', async () => {
    const rows = sheetRows(sheets(files.province)[0]);
    expect(rows[0][0]).toBe('工程建设领域专业技术人员“挂证”等违法违规行为处理情况汇总表');
    expect(rows[1][0]).toBe('报送单位（盖章）：吉林省住房和城乡建设厅、吉林省人力资源和社会保障厅');
    expect(rows[1][12]).toBe('填报日期：2025年2月20日');
    expect(rows[2].filter(Boolean)).toEqual(['序号', '专业技术人员', '问题类型', '核查情况', '处理情况', '备注']);
    // A group of one column is merged down over row 4, so its row-4 cell is empty.
    expect(rows[3]).toEqual([
      '',
      '姓名',
      '身份证号',
      '注册类别',
      '注册证书编号',
      '注册单位',
      '社保缴纳单位',
      '公积金缴存单位',
      '',
      '实际工作单位',
      '核查结论',
      '处理措施',
      '处理机关',
      '处理日期',
      '是否自查自纠期间整改',
      '',
    ]);
    const footerRow = 4 + 17 + 1;
    expect(rows[footerRow].filter(Boolean)).toEqual(['填表人：', '负责人：', '填报日期：2025年2月20日']);
    const footerMerges = [`A${footerRow + 1}:E${footerRow + 1}`, `F${footerRow + 1}:J${footerRow + 1}`, `K${footerRow + 1}:P${footerRow + 1}`];
    expect(mergesOf(sheets(files.province)[0])).toEqual([...HEADER_MERGES, ...footerMerges].sort());
    const ws = (await openWithExcelJS(files.province.content)).worksheets[0];
    expect((ws.model as unknown as { merges: string[] }).merges.sort()).toEqual([...HEADER_MERGES, ...footerMerges].sort());
  });

  it('freezes the header and prints A4 landscape with the header rows repeated on every page', async () => {
    const wb = await openWithExcelJS(files.province.content);
    const [detail, perCity] = wb.worksheets;
    expect(detail.views[0]).toMatchObject({ state: 'frozen', ySplit: 4 });
    expect(detail.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', printTitlesRow: '3:4', fitToWidth: 1 });
    expect(perCity.pageSetup).toMatchObject({ orientation: 'landscape', printTitlesRow: '3:3' });
    // The ID column holds 18 digits of 9 pt Times New Roman (docs/reports.md, "Printing").
    expect(detail.getColumn(3).width).toBe(14.5);
    const names = openWithSheetJS(files.province.content).Workbook?.Names ?? [];
    expect(names).toEqual(expect.arrayContaining([expect.objectContaining({ Name: '_xlnm.Print_Titles', Sheet: 0, Ref: "'汇总表'!$3:$4" })]));
    expect(sheets(files.province)[0]['!cols']?.[2]?.wch ?? sheets(files.province)[0]['!cols']?.[2]?.width).toBeGreaterThan(13);
  });

  it('lists every case and every self-check subject without a case once, numbered, ID numbers as text', async () => {
    const rows = detailRows(sheetRows(sheets(files.province)[0]));
    expect(rows).toHaveLength(EXPECTED.investigation['2201'].rows + EXPECTED.investigation['2202'].rows);
    expect(rows.map((r) => r[0])).toEqual(rows.map((_, i) => String(i + 1)));
    const ids = rows
      .map((r) => r[2])
      .filter(Boolean)
      .sort();
    expect(ids).toEqual([...P.a, P.c1, P.x1, P.x2, ...P.b, P.y1].sort());
    const ws = (await openWithExcelJS(files.province.content)).worksheets[0];
    expect(ws.getCell('C5').value).toBe(P.a[0]);
    expect(ws.getCell('C5').numFmt).toBe('@');
    const violation = rows.find((r) => r[2] === P.a[1])!;
    expect(violation.slice(9, 15)).toEqual([
      '长春某设计院有限公司',
      '确认挂证',
      '撤销注册；3年内不予受理注册申请；个人不良行为记录；单位不良行为记录；列入资质动态核查',
      '长春市住房和城乡建设局',
      '2024-12-01',
      '否',
    ]);
    const exempt = rows.find((r) => r[2] === P.a[0])!;
    expect(exempt[14]).toBe('是');
    // Within phase 1: a1 (exempt case), x1 and the unit (corrected), x2 (deregistered), y1 (applied to deregister).
    expect(
      rows
        .filter((r) => r[14] === '是')
        .map((r) => r[2])
        .sort(),
    ).toEqual(['', P.a[0], P.x1, P.x2, P.y1].sort());
  });

  it('sums the per-city sheet in a totals row that both readers see', async () => {
    const rows = sheetRows(sheets(files.province)[1]);
    expect(rows[2]).toEqual(SUMMARY_HEADER);
    const line = (code: '2201' | '2202') => COUNT_KEYS.map((k) => String(EXPECTED.investigation[code][k]));
    expect(rows[3]).toEqual(['1', '长春市', ...line('2201')]);
    expect(rows[4]).toEqual(['2', '吉林市', ...line('2202')]);
    const totals = COUNT_KEYS.map((k) => String(EXPECTED.investigation['2201'][k] + EXPECTED.investigation['2202'][k]));
    expect(rows[5]).toEqual(['合计', '', ...totals]);
    expect(sheets(files.province)[1]['C6'].f).toBe('SUM(C4:C5)');
    const perCity = (await openWithExcelJS(files.province.content)).worksheets[1];
    expect(perCity.getCell('C6').value).toEqual({ formula: 'SUM(C4:C5)', result: Number(totals[0]) });
  });

  it("limits a city's table to its own rows, and its self-check table to phase 1's subjects", () => {
    const city = detailRows(sheetRows(sheets(files.city)[0]));
    expect(city).toHaveLength(EXPECTED.investigation['2201'].rows);
    expect(
      sheetRows(sheets(files.city)[1])
        .slice(3)
        .map((r) => r[0]),
    ).toEqual(['1', '合计', '', '填表人：', '会签：长春市：未记录住建、人社两部门会签']);
    expect(sheetRows(sheets(files.city)[0])[1][0]).toBe('报送单位（盖章）：长春市住房和城乡建设局、长春市人力资源和社会保障局');
    const selfCheck = detailRows(sheetRows(sheets(files.selfCheck)[0]));
    expect(selfCheck).toHaveLength(EXPECTED.selfCheck['2201'].rows);
    expect(
      selfCheck
        .map((r) => r[2])
        .filter(Boolean)
        .sort(),
    ).toEqual([P.a[0], P.x1, P.x2].sort());
    expect(selfCheck.map((r) => r[10])).toEqual(expect.arrayContaining(['已注销', '自查自纠已整改']));
    expect(sheetRows(sheets(files.selfCheck)[1])[3].slice(6, 8)).toEqual(['3', '1']);
  });
});
