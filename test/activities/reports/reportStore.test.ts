import { createHash } from 'node:crypto';
import { produceReport } from '../../../activities/reports/produceReport';
import { reportForRole } from '../../../readModel/reportForRole';
import { listReports, readReport } from '../../../readModel/reports';
import { maskIdNumber } from '../../../domain/idNumber';
import { maskPersonName } from '../../../domain/maskPersonalData';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { docxText, FULL_ID, openWithSheetJS, sheetRows } from './readBack';
import { ALL_ID_NUMBERS, CAMPAIGN, seedReadModel } from './readModelFixture';

const AT = '2025-02-20T10:00:00+08:00';
/** The fixture's persons are named 长春1…, 吉林1… (readModelFixture), its extra staff 员工 (addStaff). */
const PERSON_NAMES = ['员工', ...Array.from({ length: 20 }, (_, i) => [`长春${i + 1}`, `吉林${i + 1}`]).flat()];
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('the report store', () => {
  let db: TestDatabase;
  const base = { campaignId: CAMPAIGN, requestedBy: 'officer-2201', at: AT };

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedReadModel(db.pool);
  });
  afterAll(async () => {
    await db.drop();
  });

  it('stores each report with its campaign, city, phase, version, creation time and a checksum of its bytes', async () => {
    const { report, created } = await produceReport(db.pool, { ...base, cityCode: '2201', kind: 'investigation_table' });
    expect(created).toBe(true);
    expect(report).toMatchObject({
      campaignId: CAMPAIGN,
      cityCode: '2201',
      kind: 'investigation_table',
      phase: 'investigation',
      version: 1,
      format: 'xlsx',
      fileName: '长春市-排查汇总表-v1.xlsx',
      createdAt: new Date(AT).toISOString(),
      createdBy: 'officer-2201',
      asOfDate: '2025-02-20',
      masked: false,
      hasIdNumbers: true,
    });
    const stored = (await readReport(db.pool, report.reportId))!;
    expect(stored.content.length).toBe(report.byteSize);
    expect(sha256(stored.content)).toBe(report.checksum);
  });

  it('returns the stored report when a request is retried, and makes a new version when regenerated on demand', async () => {
    const key = { ...base, cityCode: '2202', kind: 'investigation_table' as const, requestId: 'campaign/report-test/city/2202/report/investigation/1' };
    const first = await produceReport(db.pool, key);
    const retry = await produceReport(db.pool, key);
    expect(retry).toEqual({ ...first, created: false });
    const again = await produceReport(db.pool, { ...base, cityCode: '2202', kind: 'investigation_table' });
    expect(again.report).toMatchObject({ version: 2, fileName: '吉林市-排查汇总表-v2.xlsx' });
    const pinned = await produceReport(db.pool, { ...base, cityCode: '2202', kind: 'investigation_table', version: 7 });
    expect((await produceReport(db.pool, { ...base, cityCode: '2202', kind: 'investigation_table', version: 7 })).report.reportId).toBe(pinned.report.reportId);
    expect((await produceReport(db.pool, { ...base, cityCode: '2202', kind: 'investigation_table' })).report.version).toBe(8);
  });

  it("lists a city's reports with the province's, newest first, and leaves out the masked copies", async () => {
    await produceReport(db.pool, { ...base, kind: 'province_work_report' });
    const listed = await listReports(db.pool, { campaignId: CAMPAIGN, cityCode: '2201' });
    expect(listed.map((r) => r.fileName)).toEqual(['吉林省-专项治理工作报告-v1.docx', '长春市-排查汇总表-v1.xlsx']);
    const all = await listReports(db.pool, { campaignId: CAMPAIGN, includeMasked: true, kind: 'investigation_table' });
    expect(all.filter((r) => r.masked).map((r) => r.fileName)).toContain('长春市-排查汇总表-v1-脱敏.xlsx');
  });

  it('serves readers without the right to personal data a copy that masks every ID number and name and differs in nothing else', async () => {
    const { report } = await produceReport(db.pool, { ...base, kind: 'province_table' });
    const full = (await reportForRole(db.pool, report.reportId, { fullFileFor: () => true }))!;
    const masked = (await reportForRole(db.pool, report.reportId, { fullFileFor: () => false }))!;
    expect(full.meta.reportId).toBe(report.reportId);
    expect(masked.meta).toMatchObject({
      masked: true,
      maskedFrom: report.reportId,
      version: report.version,
      hasIdNumbers: false,
      fileName: '吉林省-全省汇总表-v1-脱敏.xlsx',
    });
    const a = openWithSheetJS(full.content);
    const b = openWithSheetJS(masked.content);
    expect(b.SheetNames).toEqual(a.SheetNames);
    for (const name of a.SheetNames) {
      const fullRows = sheetRows(a.Sheets[name]);
      const maskedRows = sheetRows(b.Sheets[name]);
      expect(maskedRows.flat().filter((v) => FULL_ID.test(v))).toEqual([]);
      expect(maskedRows.flat().filter((v) => PERSON_NAMES.includes(v))).toEqual([]);
      expect(maskedRows).toEqual(
        fullRows.map((r) => r.map((v) => (ALL_ID_NUMBERS.includes(v) ? maskIdNumber(v) : PERSON_NAMES.includes(v) ? maskPersonName(v) : v))),
      );
    }
    expect(sheetRows(b.Sheets[b.SheetNames[0]]).flat()).toContain('220102********0012');
    expect(sheetRows(b.Sheets[b.SheetNames[0]]).flat()).toContain('长**');
    expect(
      sheetRows(a.Sheets[a.SheetNames[0]])
        .flat()
        .filter((v) => FULL_ID.test(v)),
    ).toHaveLength(ALL_ID_NUMBERS.length);
  });

  it('serves a .docx report to every role as it is: it shows no ID numbers', async () => {
    const { report, maskedReportId } = await produceReport(db.pool, { ...base, cityCode: '2201', kind: 'city_work_report' });
    expect(maskedReportId).toBeNull();
    const served = (await reportForRole(db.pool, report.reportId, { fullFileFor: () => false }))!;
    expect(served.meta.reportId).toBe(report.reportId);
    expect(await docxText(served.content)).not.toMatch(FULL_ID);
    expect(await reportForRole(db.pool, '999999', { fullFileFor: () => false })).toBeUndefined();
  });

  it("refuses a province report for a city, a city's report without one, and a city outside the campaign", async () => {
    await expect(produceReport(db.pool, { ...base, cityCode: '2201', kind: 'province_table' })).rejects.toThrow(/no cityCode/);
    await expect(produceReport(db.pool, { ...base, kind: 'self_check_table' })).rejects.toThrow(/cityCode is required/);
    await expect(produceReport(db.pool, { ...base, cityCode: '2224', kind: 'self_check_table' })).rejects.toThrow(/not in campaign/);
  });
});
