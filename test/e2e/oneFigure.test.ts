/**
 * Issue 18, "one figure, one definition": the console once said 长春市 确认挂证 3 where the 汇总表
 * and the 工作报告 said 10. Here every city's figures as the API answers them (the campaign
 * overview, the city page, the worklist's totals) are compared with what the reports compute and
 * print for the same campaign, a campaign with decided, exempt, late-corrected, carried-over and
 * complaint cases and self-check subjects in two cities. Any difference fails.
 */
import { produceReport } from '../../activities/reports/produceReport';
import { reportFigures, type ReportFigures } from '../../activities/reports/reportFigures';
import type { ReportKind } from '../../domain/reportKind';
import { SUMMARY_FIELDS } from '../../domain/summaryFigures';
import { CityCounts } from '../../readModel/cityFigures';
import { readReport } from '../../readModel/reports';
import { WorklistFigure } from '../../readModel/worklist';
import { docxTables, openWithSheetJS, sheetRows } from '../activities/reports/readBack';
import { CAMPAIGN, EXPECTED, seedReadModel } from '../activities/reports/readModelFixture';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { startApi, type RunningApi } from './apiSupport/apiProcess';
import { call, logInEveryone } from './apiSupport/http';
import { seedUsers, type UserName } from './apiSupport/seed';

const CITIES = ['2201', '2202'] as const;
const FIGURE_KEYS = Object.keys(CityCounts.shape) as (keyof CityCounts)[];
const figuresOf = (c: CityCounts) => Object.fromEntries(FIGURE_KEYS.map((k) => [k, c[k]]));

let db: TestDatabase;
let api: RunningApi;
let report: ReportFigures;
const tokens: Partial<Record<UserName, string>> = {};
const get = async (who: UserName, path: string) => {
  const r = await call(api.url, 'GET', path, { token: tokens[who] });
  if (r.status !== 200) throw new Error(`${who} GET ${path}: ${r.status} ${r.text}`);
  return r.body;
};

beforeAll(async () => {
  db = await createTestDatabase();
  await seedUsers(db.pool);
  await seedReadModel(db.pool);
  api = await startApi({ databaseUrl: db.url, fakeCommands: true });
  Object.assign(tokens, await logInEveryone(api.url));
  report = await reportFigures(db.pool, { campaignId: CAMPAIGN, phase: 'investigation' });
});

afterAll(async () => {
  await api?.stop();
  await db?.drop();
});

const reportCity = (code: string) => report.cities.find((c) => c.cityCode === code)!;

it('the fixture holds the case that misled the console: a city whose confirmed figure is not its VIOLATION decisions', async () => {
  // 吉林市: one VIOLATION and one correction after the self-check deadline, both liable.
  const violations = await get('coordinator', `/campaigns/${CAMPAIGN}/cities/2202/cases?outcome=VIOLATION&pageSize=1`);
  expect(violations.total).toBe(1);
  expect(reportCity('2202').confirmedHanging).toBe(2);
});

it("answers in the campaign overview every city's figures and their total exactly as the reports compute them", async () => {
  for (const who of ['coordinator', 'supervisor', 'auditor'] as const) {
    const campaign = await get(who, `/campaigns/${CAMPAIGN}`);
    expect(campaign.cityProgress.map((p: { cityCode: string }) => p.cityCode)).toEqual([...CITIES]);
    for (const p of campaign.cityProgress) {
      const r = reportCity(p.cityCode);
      expect(p.figures).toEqual(figuresOf(r));
      expect(p.figures).toMatchObject(EXPECTED.investigation[p.cityCode as (typeof CITIES)[number]]);
      expect([p.casesOpened, p.casesClosed, p.casesCarriedOver, p.personsFlagged]).toEqual([r.cases, r.verified, r.carriedOver, r.flagged]);
    }
    expect(campaign.totals).toEqual(figuresOf(report.totals));
  }
  // A city officer's overview: their own city, the same figures.
  const own = await get('officer2202', `/campaigns/${CAMPAIGN}`);
  expect(own.cityProgress.map((p: { figures: unknown }) => p.figures)).toEqual([figuresOf(reportCity('2202'))]);
});

it("answers on each city's page the report's figures, to every role that may read it", async () => {
  for (const code of CITIES) {
    for (const who of ['coordinator', 'supervisor', 'auditor', code === '2201' ? 'officer2201' : 'officer2202'] as const) {
      const city = await get(who, `/campaigns/${CAMPAIGN}/cities/${code}`);
      expect(city.figures).toEqual(figuresOf(reportCity(code)));
    }
  }
});

it("lists in the worklist, filtered by a figure, exactly the figure's cases: its total is the report's figure", async () => {
  for (const code of CITIES) {
    for (const figure of WorklistFigure.options) {
      const list = await get('coordinator', `/campaigns/${CAMPAIGN}/cities/${code}/cases?figure=${figure}&pageSize=1`);
      expect({ code, figure, total: list.total }).toEqual({ code, figure, total: reportCity(code)[figure] });
    }
  }
});

it('prints in the 汇总表 and the 工作报告 the figures the API answers', async () => {
  const produce = async (kind: ReportKind) =>
    (await readReport(db.pool, (await produceReport(db.pool, { campaignId: CAMPAIGN, kind, requestedBy: 'test' })).report.reportId))!;
  const campaign = await get('coordinator', `/campaigns/${CAMPAIGN}`);
  const apiRows = campaign.cityProgress.map((p: { figures: Record<string, number> }) => SUMMARY_FIELDS.map(([k]) => String(p.figures[k])));
  const apiTotal = SUMMARY_FIELDS.map(([k]) => String(campaign.totals[k]));
  // The table's second sheet: 序号, 市（州）, then the ten figures, down to its 合计 line (the signature lines follow).
  const wb = openWithSheetJS((await produce('province_table')).content);
  const body = sheetRows(wb.Sheets[wb.SheetNames[1]]).slice(3);
  const sheet = body.slice(0, body.findIndex((r) => r.includes('合计')) + 1);
  expect(sheet.map((r) => r.slice(2))).toEqual([...apiRows, apiTotal]);
  // The province's work report, table 1: 市（州） then the ten figures, 合计 last.
  const [figures] = await docxTables((await produce('province_work_report')).content);
  expect(figures.slice(1).map((r) => r.slice(1))).toEqual([...apiRows, apiTotal]);
});
