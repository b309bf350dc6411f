import { produceReport } from '../../../activities/reports/produceReport';
import type { ReportKind } from '../../../domain/reportKind';
import { readReport } from '../../../readModel/reports';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { docxTables, docxText, FULL_ID, openWithSheetJS, sheetRows } from './readBack';
import { CAMPAIGN, EXPECTED, seedReadModel } from './readModelFixture';

const AT = '2025-02-20T10:00:00+08:00';

describe('the work reports (工作报告) and the progress notice (通报)', () => {
  let db: TestDatabase;
  const produce = async (kind: ReportKind, cityCode?: string) =>
    (await readReport(db.pool, (await produceReport(db.pool, { campaignId: CAMPAIGN, kind, cityCode, requestedBy: 'test', at: AT })).report.reportId))!;
  /** Sheet 2 of a summary table down to its 合计 row (the signature line follows), without the 序号 column: [市（州）, ten counts]. */
  const perCitySheet = async (kind: ReportKind, cityCode?: string) => {
    const wb = openWithSheetJS((await produce(kind, cityCode)).content);
    const rows = sheetRows(wb.Sheets[wb.SheetNames[1]]);
    return rows.slice(3, rows.findIndex((r) => r[0] === '合计') + 1).map((r) => (r[0] === '合计' ? ['合计', ...r.slice(2)] : r.slice(1)));
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedReadModel(db.pool);
  });
  afterAll(async () => {
    await db.drop();
  });

  it("prints in the province's work report exactly the figures of the province summary table, totals included", async () => {
    const xlsx = await perCitySheet('province_table');
    const report = await produce('province_work_report');
    const [figures] = await docxTables(report.content);
    expect(figures.slice(1)).toEqual(xlsx);
    expect(figures.at(-1)![0]).toBe('合计');
    expect(report.meta.fileName).toBe('吉林省-专项治理工作报告-v1.docx');
  });

  it("prints in a city's work report exactly the figures of its investigation table", async () => {
    const xlsx = await perCitySheet('investigation_table', '2201');
    const [figures] = await docxTables((await produce('city_work_report', '2201')).content);
    expect(figures.slice(1)).toEqual([xlsx[0]]);
    expect(xlsx[1]).toEqual(['合计', ...xlsx[0].slice(1)]);
  });

  it("lists in a city's work report each case it carried over, with the date, who carried it over and why", async () => {
    const report = await produce('city_work_report', '2201');
    const tables = await docxTables(report.content);
    const carried = tables.find((t) => t[0]?.[0] === '案件编号');
    const { rows } = await db.pool.query(`SELECT case_no FROM case_file WHERE campaign_id = $1 AND status = 'carried_over' AND city_code = '2201'`, [CAMPAIGN]);
    expect(rows).toHaveLength(1);
    expect(carried).toEqual([
      ['案件编号', '结转日期', '经办人', '结转理由'],
      [rows[0].case_no, '2025-01-20', 'officer-2201', '本人长期外派，正在补充调查材料'],
    ]);
    const text = await docxText(report.content);
    expect(text).toContain('经说明理由结转办理的案件1件，列于表5。');
    // A city without carried-over cases prints no such table.
    const other = await docxTables((await produce('city_work_report', '2202')).content);
    expect(other.find((t) => t[0]?.[0] === '案件编号')).toBeUndefined();
  });

  it('reports lateness, penalties by kind, the units under on-site check and the open items', async () => {
    const report = await produce('province_work_report');
    const [, lateness, penalties, onsite] = await docxTables(report.content);
    expect(lateness).toEqual(
      expect.arrayContaining([
        ['吉林市', '自查自纠汇总表', '2024-10-31', '2024-11-02', '逾期报送'],
        ['吉林市', '排查工作报告和汇总表', '2025-01-31', '—', '逾期未报送'],
        ['长春市', '排查工作报告和汇总表', '2025-01-31', '2025-01-28', '按期报送，已审核通过'],
      ]),
    );
    expect(penalties).toEqual(
      expect.arrayContaining([
        ['撤销注册', '4', '0', '4'],
        ['单位不良行为记录', '3', '1', '4'],
        ['合计', '19', '1', '20'],
      ]),
    );
    expect(onsite.slice(1)).toEqual([['长春市', '吉林省某某建设有限公司', expect.stringMatching(/^91/), '2', '5', '待分派']]);
    const text = await docxText(report.content);
    expect(text).toContain('长春市：尚有2人未作出核查结论；1件案件经说明理由结转办理');
    expect(text).not.toContain('核查发现');
    expect(text).toContain('吉林市：尚有1人未作出核查结论；1件注销申请尚未办结');
    expect(text).not.toMatch(FULL_ID);
  });

  it("lists each city's self-check progress in the notice, with the cities the campaign found lagging", async () => {
    const notice = await produce('progress_notice');
    const [progress] = await docxTables(notice.content);
    const total = progress.at(-1)!;
    const sc = EXPECTED.selfCheck;
    expect(total.slice(0, 5)).toEqual([
      '合计',
      String(sc['2201'].rows + sc['2202'].rows),
      String(sc['2201'].selfCorrected + sc['2202'].selfCorrected),
      String(sc['2201'].deregistered + sc['2202'].deregistered),
      '1',
    ]);
    const jilin = progress.find((r) => r[0] === '吉林市')!;
    expect(jilin.slice(5, 7)).toEqual(['2024-11-02', '逾期报送']);
    expect(jilin[7]).toMatch(/^进展不力：.*逾期报送自查自纠汇总表/);
    const text = await docxText(notice.content);
    expect(text).toContain('关于各市（州）工程建设领域专业技术人员违规“挂证”行为自查自纠工作进展情况的通报');
    expect(text).toContain('吉林市自查自纠工作进展不力');
  });
});
