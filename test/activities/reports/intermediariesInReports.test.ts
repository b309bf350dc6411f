/**
 * Issue 21 item 2: the intermediaries are counted in the investigation's summary table (its sheet
 * 中介服务机构查处情况, per city with the total) and in the work reports, the same way as the
 * console's figures (readModel/cityFigures.ts); the self-check table has no such sheet.
 */
import { produceReport } from '../../../activities/reports/produceReport';
import { INTERMEDIARY_SHEET } from '../../../activities/reports/writeSummaryTable';
import type { ReportKind } from '../../../domain/reportKind';
import { countCities } from '../../../readModel/cityFigures';
import { readReport } from '../../../readModel/reports';
import { createIntermediary, nameOnCase } from '../../../services/intermediaries';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { docxText, openWithSheetJS, sheetRows } from './readBack';
import { CAMPAIGN, seedReadModel } from './readModelFixture';

const AT = '2025-02-20T10:00:00+08:00';
const AT_2201 = { campaignId: CAMPAIGN, cityCode: '2201' };

describe('the reports count the intermediaries', () => {
  let db: TestDatabase;
  const produce = async (kind: ReportKind, cityCode?: string) =>
    (await readReport(db.pool, (await produceReport(db.pool, { campaignId: CAMPAIGN, kind, cityCode, requestedBy: 'test', at: AT })).report.reportId))!;

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedReadModel(db.pool);
    const caseId = (await db.pool.query(`SELECT case_id FROM case_file WHERE campaign_id = $1 AND city_code = '2201' ORDER BY case_id LIMIT 1`, [CAMPAIGN]))
      .rows[0].case_id as string;
    const broker = await createIntermediary(db.pool, AT_2201, { name: '某挂证中介', kind: 'broker' }, 'officer2201');
    const school = await createIntermediary(db.pool, AT_2201, { name: '某培训学校', kind: 'training' }, 'officer2201');
    await nameOnCase(db.pool, AT_2201, broker, caseId, '经办人认定其安排挂证', 'officer2201');
    await nameOnCase(db.pool, AT_2201, school, caseId, '经办人认定其安排挂证', 'officer2201');
    // Orders as their results leave them (the watch workflow has its own test): one escalated, one rectified, one open.
    await db.pool.query(
      `INSERT INTO intermediary_order (intermediary_id, issued_on, deadline, requirements, issued_by, status) VALUES
         ($1, '2024-12-01', '2024-12-15', '限期整改', 'officer2201', 'escalated'),
         ($2, '2024-12-01', '2024-12-15', '限期整改', 'officer2201', 'rectified'),
         ($2, '2025-01-05', '2025-03-15', '限期整改', 'officer2201', 'open')`,
      [broker, school],
    );
  });
  afterAll(async () => {
    await db.drop();
  });

  it('lists each city in the investigation table’s intermediary sheet, counted as the console counts them', async () => {
    const figures = (await countCities(db.pool, CAMPAIGN, ['2201'], 'investigation')).get('2201')!;
    expect(figures).toEqual(
      expect.objectContaining({ intermediaries: 2, intermediaryCases: 1, intermediaryOrders: 3, intermediariesRectified: 1, intermediariesEscalated: 1 }),
    );
    const report = await produce('investigation_table', '2201');
    const wb = openWithSheetJS(report.content);
    expect(wb.SheetNames).toContain(INTERMEDIARY_SHEET);
    const rows = sheetRows(wb.Sheets[INTERMEDIARY_SHEET]);
    expect(rows[2]).toEqual(['序号', '市（州）', '中介服务机构（家）', '涉及案件（件）', '责令限期整改（份）', '已整改', '逾期未整改', '移送行政处罚']);
    expect(rows[3]).toEqual(['1', '长春市', '2', '1', '3', '1', '0', '1']);
    expect(rows[4].slice(2)).toEqual(['2', '1', '3', '1', '0', '1']);
  });

  it('has no intermediary sheet in the self-check table', async () => {
    const report = await produce('self_check_table', '2201');
    expect(openWithSheetJS(report.content).SheetNames).not.toContain(INTERMEDIARY_SHEET);
  });

  it('says in the city and province work reports how many intermediaries were dealt with and how', async () => {
    const sentence = '查处安排“挂证”的中介服务机构2家，涉及案件1件；责令限期整改3份，已整改1份，逾期未整改0份，情节严重移送行政处罚1份，尚在整改期限内1份。';
    expect(await docxText((await produce('city_work_report', '2201')).content)).toContain(sentence);
    expect(await docxText((await produce('province_work_report')).content)).toContain(sentence);
  });
});
