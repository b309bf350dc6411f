/**
 * Issue 21: the 汇总表 and the work reports carry both departments' sign-offs (who, in which role, when),
 * the province's also both provincial reviews, and the province's table names both ministries.
 */
import { produceReport } from '../../../activities/reports/produceReport';
import { recordReviewPart, recordSignoff } from '../../../activities/submissions/recordSignoff';
import { recordSubmission } from '../../../activities/submissions/recordSubmission';
import { recordReview } from '../../../activities/submissions/reviewSubmission';
import { createUser } from '../../../api/users/createUser';
import type { ReportKind } from '../../../domain/reportKind';
import { readReport } from '../../../readModel/reports';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { docxText, openWithSheetJS, sheetRows } from './readBack';
import { CAMPAIGN, seedReadModel } from './readModelFixture';

const AT = '2025-02-20T10:00:00+08:00';

describe("both departments' sign-offs in the reports", () => {
  let db: TestDatabase;
  const produce = async (kind: ReportKind, cityCode?: string) =>
    (await readReport(db.pool, (await produceReport(db.pool, { campaignId: CAMPAIGN, kind, cityCode, requestedBy: 'test', at: AT })).report.reportId))!;
  /** The lines under the per-city sheet's signature line. */
  const notesOf = async (kind: ReportKind, cityCode?: string) => {
    const wb = openWithSheetJS((await produce(kind, cityCode)).content);
    const rows = sheetRows(wb.Sheets[wb.SheetNames[1]]);
    return rows.slice(rows.findIndex((r) => r.some((c) => c.startsWith('填表人'))) + 1).map((r) => r.filter(Boolean).join(''));
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedReadModel(db.pool);
    await createUser(db.pool, { username: 'officer-2202', displayName: '王住建', role: 'city_officer', cityCode: '2202', password: 'pw-officer-2202-x' });
    await createUser(db.pool, { username: 'hr-2202', displayName: '李人社', role: 'city_hr_officer', cityCode: '2202', password: 'pw-hr-2202-xxxx' });
    await createUser(db.pool, { username: 'hr22', displayName: '赵省人社', role: 'province_hr_coordinator', password: 'pw-hr-22-xxxxxx' });
    // 吉林市's investigation report: 住建 submits, 人社 signs; 省人社厅 and 省住建厅 approve their parts.
    const v = { campaignId: CAMPAIGN, cityCode: '2202', kind: 'investigation' as const, version: 1 };
    await recordSubmission(db.pool, {
      ...v,
      submittedAt: '2025-02-01T09:00:00+08:00',
      submittedBy: 'officer-2202',
      late: true,
      awaitingSignature: true,
      signedRole: 'city_officer',
    });
    await recordSignoff(db.pool, { ...v, signedBy: 'hr-2202', signedRole: 'city_hr_officer', at: '2025-02-02T15:30:00+08:00', late: true });
    await recordReviewPart(db.pool, { ...v, department: 'hr', decision: 'approve', reviewedBy: 'hr22', at: '2025-02-10T10:00:00+08:00' });
    await recordReviewPart(db.pool, { ...v, department: 'housing', decision: 'approve', reviewedBy: 'coordinator', at: '2025-02-11T10:00:00+08:00' });
    await recordReview(db.pool, { ...v, decision: 'approve', reviewedBy: 'coordinator', at: '2025-02-11T10:00:00+08:00' });
  });
  afterAll(async () => {
    await db.drop();
  });

  it("puts both sign-offs, with names, roles and times, under the city's 汇总表 and in its work report", async () => {
    const signed = '吉林市：市（州）住建局 王住建（officer-2202） 2025年2月1日 09:00会签；市（州）人社局 李人社（hr-2202） 2025年2月2日 15:30会签';
    expect(await notesOf('investigation_table', '2202')).toEqual([`会签：${signed}`]);
    const text = await docxText((await produce('city_work_report', '2202')).content);
    expect(text).toContain('两部门会签情况');
    expect(text).toContain(signed);
    // A city's report shows no provincial review.
    expect(text).not.toContain('赵省人社');
  });

  it("adds both provincial reviews to the province's table and report, and addresses the table to both ministries", async () => {
    const notes = await notesOf('province_table');
    expect(notes[0]).toBe('会签：长春市：未记录住建、人社两部门会签');
    expect(notes[1]).toContain('吉林省人力资源和社会保障厅 赵省人社（hr22） 2025年2月10日 10:00审核通过');
    expect(notes[1]).toContain('吉林省住房和城乡建设厅 coordinator（coordinator） 2025年2月11日 10:00审核通过');
    expect(notes.at(-1)).toBe('报送：住房和城乡建设部、人力资源和社会保障部');
    const text = await docxText((await produce('province_work_report')).content);
    expect(text).toContain('住房和城乡建设部、人力资源和社会保障部：');
    expect(text).toContain('两部门会签和审核情况');
    expect(text).toContain('市（州）人社局 李人社（hr-2202） 2025年2月2日 15:30会签');
  });
});
