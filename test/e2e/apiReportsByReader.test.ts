/**
 * Which report file each reader gets (issue 17, findings 2 and 4), for every report kind × role ×
 * city: the file is downloaded through the API and read back as its recipient would (SheetJS for
 * the .xlsx, mammoth for the .docx), and every full ID number and person's name in it must be one
 * the reader is entitled to. A coordinator gets every file in full; an officer gets their own
 * city's reports in full, the province's as the masked copy and another city's not at all;
 * supervisors and auditors get masked copies only (no full ID number, no name).
 */
import { produceReport } from '../../activities/reports/produceReport';
import type { ReportKind } from '../../domain/reportKind';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { docxText, FULL_ID, openWithSheetJS, sheetRows } from '../activities/reports/readBack';
import { CAMPAIGN, seedReadModel } from '../activities/reports/readModelFixture';
import { startApi, type RunningApi } from './apiSupport/apiProcess';
import { login } from './apiSupport/http';
import { seedUsers, USERS, type UserName } from './apiSupport/seed';

const AT = '2025-02-20T10:00:00+08:00';
const READERS: UserName[] = ['coordinator', 'officer2201', 'officer2202', 'supervisor', 'auditor'];
const REPORTS: { kind: ReportKind; cityCode?: string }[] = [
  { kind: 'self_check_table', cityCode: '2201' },
  { kind: 'self_check_table', cityCode: '2202' },
  { kind: 'investigation_table', cityCode: '2201' },
  { kind: 'investigation_table', cityCode: '2202' },
  { kind: 'city_work_report', cityCode: '2201' },
  { kind: 'city_work_report', cityCode: '2202' },
  { kind: 'province_table' },
  { kind: 'province_work_report' },
  { kind: 'progress_notice' },
];

interface Person {
  idNumber: string;
  name: string;
  cityCode: string;
}

let db: TestDatabase;
let api: RunningApi;
const tokens: Partial<Record<UserName, string>> = {};
const reportIds = new Map<string, string>();
let persons: Person[];

const label = (r: { kind: string; cityCode?: string }) => `${r.kind}${r.cityCode ? `/${r.cityCode}` : ''}`;

/** Every text a recipient reads in the file: each cell of each sheet, or the document's text. */
async function textOf(content: Buffer, contentType: string): Promise<string[]> {
  if (contentType.includes('spreadsheetml')) {
    const wb = openWithSheetJS(content);
    return wb.SheetNames.flatMap((n) => sheetRows(wb.Sheets[n]).flat());
  }
  return [await docxText(content)];
}

/** The persons whose full ID number and name the reader may see in this report. */
function entitled(reader: UserName, report: { cityCode?: string }): Set<string> {
  const u = USERS[reader];
  if (u.role === 'province_coordinator') return new Set(persons.map((p) => p.idNumber));
  if (u.role === 'city_officer' && report.cityCode === u.cityCode) {
    return new Set(persons.filter((p) => p.cityCode === u.cityCode).map((p) => p.idNumber));
  }
  return new Set();
}

beforeAll(async () => {
  db = await createTestDatabase();
  await seedUsers(db.pool);
  await seedReadModel(db.pool);
  for (const r of REPORTS) {
    const { report } = await produceReport(db.pool, { campaignId: CAMPAIGN, requestedBy: 'coordinator', at: AT, ...r });
    reportIds.set(label(r), report.reportId);
  }
  const { rows } = await db.pool.query<{ id_number: string; name: string; city_code: string }>('SELECT DISTINCT id_number, name, city_code FROM registration');
  persons = rows.map((r) => ({ idNumber: r.id_number, name: r.name, cityCode: r.city_code }));
  api = await startApi({ databaseUrl: db.url, fakeCommands: true });
  for (const u of READERS) tokens[u] = await login(api.url, u, USERS[u].password);
});

afterAll(async () => {
  await api?.stop();
  await db?.drop();
});

describe.each(REPORTS)('the report $kind $cityCode', (report) => {
  it.each(READERS)('reaches %s with the names and full ID numbers that reader may see, and no others', async (reader) => {
    const res = await fetch(`${api.url}/reports/${reportIds.get(label(report))}/download`, { headers: { authorization: `Bearer ${tokens[reader]}` } });
    const u = USERS[reader];
    if (u.role === 'city_officer' && report.cityCode && report.cityCode !== u.cityCode) {
      expect(res.status).toBe(403);
      expect(((await res.json()) as { code: string }).code).toBe('other_city');
      return;
    }
    expect(res.status).toBe(200);
    const contentType = res.headers.get('content-type') ?? '';
    const texts = await textOf(Buffer.from(await res.arrayBuffer()), contentType);
    const allowed = entitled(reader, report);
    const shownIds = new Set(texts.flatMap((t) => t.match(new RegExp(FULL_ID.source, 'g')) ?? []));
    // The flagged persons are named 长春1…, 吉林1… (names no other text contains); the extra staff share 员工, found by ID number only.
    const named = (p: Person) => /^(长春|吉林)[0-9]+$/.test(p.name) && texts.some((t) => new RegExp(`${p.name}(?![0-9])`).test(t));
    const shownPersons = persons.filter((p) => named(p) || shownIds.has(p.idNumber));
    expect(shownPersons.filter((p) => !allowed.has(p.idNumber)).map((p) => `${p.cityCode} ${p.name}`)).toEqual([]);
    expect([...shownIds].filter((id) => !allowed.has(id))).toEqual([]);
    if (contentType.includes('spreadsheetml') && allowed.size > 0) {
      // A reader entitled to the rows gets the full file: the test is not satisfied by an empty one.
      const cityRows = persons.filter((p) => allowed.has(p.idNumber) && (!report.cityCode || p.cityCode === report.cityCode));
      expect(shownPersons.length).toBeGreaterThan(0);
      expect(shownPersons.every((p) => cityRows.includes(p))).toBe(true);
    }
    if (contentType.includes('spreadsheetml') && allowed.size === 0) {
      // The masked copy still lists its rows, masked: 220102********0012, 长**.
      expect(texts.some((t) => /^[0-9]{6}\*{8}[0-9]{3}[0-9Xx]$/.test(t))).toBe(true);
      expect(texts.some((t) => /^\p{Script=Han}\*+$/u.test(t))).toBe(true);
    }
  });
});
