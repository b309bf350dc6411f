/**
 * Issue 20: the work reports print what the supervision tasks and the on-site checks found and how
 * they were closed, never 排查中: the city's report its units' checks, the province's report the
 * checks and each supervision of a lagging city.
 */
import { produceReport } from '../../../activities/reports/produceReport';
import type { ReportKind } from '../../../domain/reportKind';
import { readReport } from '../../../readModel/reports';
import { assignTaskOwner, closeTask, recordTaskFindings } from '../../../services/workedTasks';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { docxTables, docxText } from './readBack';
import { CAMPAIGN, seedReadModel } from './readModelFixture';

const AT = '2025-02-20T10:00:00+08:00';
const ONSITE_FOUND = '抽查在建项目2个，项目负责人未到岗履职，已调取考勤记录和劳动合同';
const ONSITE_RESULT = '已责令该单位限期整改，相关人员移交注册地处理';
const SUPERVISION_FOUND = '自查工作部署迟缓，申报受理台账不全，已约谈分管负责人';
const SUPERVISION_RESULT = '已限期整改，补报自查自纠汇总表';

describe('the work reports print the tasks’ findings and results', () => {
  let db: TestDatabase;
  const produce = async (kind: ReportKind, cityCode?: string) =>
    (await readReport(db.pool, (await produceReport(db.pool, { campaignId: CAMPAIGN, kind, cityCode, requestedBy: 'test', at: AT })).report.reportId))!;

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedReadModel(db.pool);
    await db.pool.query(
      `INSERT INTO app_user (username, display_name, role, city_code, password_hash) VALUES
         ('officer2201', '长春经办人', 'city_officer', '2201', 'x'), ('coordinator', '省级协调人', 'province_coordinator', NULL, 'x')`,
    );
    const onsite = (await db.pool.query(`SELECT id FROM onsite_check_task WHERE campaign_id = $1`, [CAMPAIGN])).rows[0].id as string;
    const ref = { campaignId: CAMPAIGN, cityCode: '2201', taskId: Number(onsite) };
    await assignTaskOwner(db.pool, 'onsite', ref, { owner: 'officer2201', dueDate: '2025-01-20', by: 'officer2201' });
    await recordTaskFindings(db.pool, 'onsite', ref, { findings: ONSITE_FOUND, by: 'officer2201' });
    await closeTask(db.pool, 'onsite', ref, { result: ONSITE_RESULT, by: 'officer2201' });

    // The fixture's 通报 found 吉林市 lagging: its supervision task is there.
    const sup = await db.pool.query(`SELECT id FROM supervision_task WHERE campaign_id = $1 AND city_code = '2202'`, [CAMPAIGN]);
    const supRef = { campaignId: CAMPAIGN, taskId: Number(sup.rows[0].id) };
    await assignTaskOwner(db.pool, 'supervision', supRef, { owner: 'coordinator', dueDate: '2024-11-30', by: 'coordinator' });
    await recordTaskFindings(db.pool, 'supervision', supRef, { findings: SUPERVISION_FOUND, by: 'coordinator' });
    await closeTask(db.pool, 'supervision', supRef, { result: SUPERVISION_RESULT, by: 'coordinator' });
  });
  afterAll(async () => {
    await db.drop();
  });

  it("prints the on-site check's findings and result in the city's work report, and no longer lists it as open", async () => {
    const report = await produce('city_work_report', '2201');
    const [, , , onsite] = await docxTables(report.content);
    expect(onsite[0]).toEqual(['市（州）', '单位名称', '统一社会信用代码', '确认挂证人数', '注册人员数', '办理状态']);
    expect(onsite.slice(1)).toEqual([['长春市', '吉林省某某建设有限公司', expect.stringMatching(/^91/), '2', '5', '已办结']]);
    const text = await docxText(report.content);
    expect(text).toContain(`长春市：吉林省某某建设有限公司，核查发现${ONSITE_FOUND}，办理结果${ONSITE_RESULT}。`);
    expect(text).not.toContain('排查中');
    expect(text).not.toContain('到岗履职排查尚未完成');
    expect(text).toContain('已办结1家');
  });

  it("prints each supervision task of a lagging city, with its findings and result, in the province's work report", async () => {
    const report = await produce('province_work_report');
    const tables = await docxTables(report.content);
    const supervision = tables.find((t) => t[0][0] === '市（州）' && t[0][1] === '督办原因')!;
    expect(supervision.slice(1)).toEqual([['吉林市', expect.stringContaining('逾期报送自查自纠汇总表'), SUPERVISION_FOUND, SUPERVISION_RESULT]]);
    const onsite = tables.find((t) => t[0].includes('办理状态'))!;
    expect(onsite.slice(1)).toEqual([['长春市', '吉林省某某建设有限公司', expect.stringMatching(/^91/), '2', '5', '已办结']]);
    const text = await docxText(report.content);
    expect(text).toContain(`吉林省某某建设有限公司，核查发现${ONSITE_FOUND}，办理结果${ONSITE_RESULT}。`);
    expect(text).toContain('七、现场调研督办');
    expect(text).toContain('八、尚未办结事项');
    expect(text).not.toContain('现场调研督办事项尚未办结');
  });
});
