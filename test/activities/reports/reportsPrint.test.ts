/**
 * The reports print: every kind is produced (from the report fixture's read model through
 * produceReport, and, for volume, a 48-row summary table and nine-city work report and notice
 * rendered from realistic data), converted to PDF by LibreOffice, and the PDF measured with
 * poppler's tools. Needs PostgreSQL (the fixture), LibreOffice and poppler-utils; no Temporal.
 * Under CI a missing tool fails the file; elsewhere the file is skipped with a message.
 */
import { cpSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { openPart, openZip } from '../../../dataImport/xlsxPackage';
import { chineseDate } from '../../../activities/reports/campaignInfo';
import type { DetailRow } from '../../../activities/reports/detailRows';
import { TEXT_WIDTH_TWIPS } from '../../../activities/reports/docxParts';
import { produceReport } from '../../../activities/reports/produceReport';
import { NOTICE_TABLE_HEADER, renderProgressNotice } from '../../../activities/reports/progressNoticeDocx';
import { reportFigures, SUMMARY_FIELDS, type CityFigures, type ReportFigures } from '../../../activities/reports/reportFigures';
import { PHASE_LABELS, submitterOf } from '../../../activities/reports/summaryLayout';
import { renderWorkReport } from '../../../activities/reports/workReportDocx';
import { writeSummaryTable } from '../../../activities/reports/writeSummaryTable';
import { JILIN_CITIES } from '../../../domain/cities';
import { maskIdNumber } from '../../../domain/idNumber';
import type { ReportKind } from '../../../domain/reportKind';
import { readReport } from '../../../readModel/reports';
import { fixtureIdNumber, fixtureUscc } from '../../support/caseFixtures';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { makeTempDir } from '../../support/tempDirs';
import { openWithExcelJS } from './readBack';
import { ALL_ID_NUMBERS, CAMPAIGN, seedReadModel } from './readModelFixture';
import {
  convertToPdf,
  isA4,
  linesHolding,
  missingPrintTools,
  overlappingWords,
  printedLines,
  readPrintedPdf,
  type PrintedPage,
  type PrintedPdf,
} from './printedPdf';

const AT = '2025-02-20T10:00:00+08:00';
const DATE = chineseDate('2025-02-20');
const MIN_PT = 9;

const missing = missingPrintTools();
if (process.env.CI && missing.length > 0) {
  throw new Error(`printing the reports needs ${missing.join(', ')}: .ci/run installs libreoffice-calc-nogui, libreoffice-writer-nogui and poppler-utils`);
}
if (missing.length > 0) {
  console.warn(`reportsPrint.test.ts skipped: ${missing.join(', ')} missing (apt-get install libreoffice-calc-nogui libreoffice-writer-nogui poppler-utils)`);
}
const suite = missing.length > 0 ? describe.skip : describe;

// ---- realistic data for volume -------------------------------------------------------------

const UNITS = [
  '吉林省长城建设集团有限公司',
  '中国建筑第八工程局有限公司东北分公司',
  '吉林市城建设计研究院有限责任公司',
  '四平市宏达建筑安装工程有限公司',
  '延边恒信工程监理咨询有限公司',
  '长春市政建设（集团）有限公司',
  '通化市第二建筑工程公司',
];
const NAMES = ['王建国', '李秀英', '张伟', '欧阳明辉', '刘洋', '陈静', '赵志强', '孙丽娟', '周杰', '吴海燕', '郑国栋', '司马文博'];
const CATEGORIES = ['一级注册建造师', '二级注册建造师', '注册监理工程师', '一级注册结构工程师', '二级注册建造师；注册造价工程师'];
const PROBLEMS = [
  '社保单位与注册单位不一致',
  '公积金单位与注册单位不一致；社保单位与注册单位不一致',
  '社保由人力资源服务机构代缴',
  '注册于多个单位；多处缴纳社保',
  '投诉举报',
];
const OUTCOMES: [string, string, string][] = [
  ['确认挂证', '撤销注册；3年内不予受理注册申请；个人不良行为记录；单位不良行为记录；列入资质动态核查', '否'],
  ['已整改', '社保/公积金转至注册单位，自查自纠期间整改到位，不再追究责任', '是'],
  ['核查无问题（总分公司）', '无需处理', '否'],
  ['移交其他部门（辽宁省住房和城乡建设厅）', '移交辽宁省住房和城乡建设厅处理', '否'],
  ['核查中', '', '否'],
];

/** 吉 and twelve digits, as the provincial registry numbers certificates. */
const certNumber = (i: number) => `吉${i % 2 ? 1 : 2}22${String(60_800_000 + i * 7919).padStart(9, '0')}`;

function bigTableRows(n: number): { rows: DetailRow[]; ids: string[]; certs: string[] } {
  const rows: DetailRow[] = [];
  const ids: string[] = [];
  const certs: string[] = [];
  for (let i = 0; i < n; i++) {
    const id = fixtureIdNumber(500 + i);
    const cats = CATEGORIES[i % CATEGORIES.length];
    const nums = cats.includes('；') ? [certNumber(i), certNumber(i + 1000)] : [certNumber(i)];
    const [conclusion, measures, inSelfCheck] = OUTCOMES[i % OUTCOMES.length];
    const city = JILIN_CITIES[i % JILIN_CITIES.length];
    ids.push(id);
    certs.push(...nums);
    rows.push([
      NAMES[i % NAMES.length],
      id,
      cats,
      nums.join('；'),
      UNITS[i % UNITS.length],
      UNITS[(i + 1) % UNITS.length],
      i % 3 === 0 ? '' : UNITS[(i + 2) % UNITS.length],
      PROBLEMS[i % PROBLEMS.length],
      conclusion === '核查中' ? '' : UNITS[(i + 1) % UNITS.length],
      conclusion,
      measures,
      conclusion === '核查中' ? '' : i % 4 === 0 ? `${city.name}住房和城乡建设局、吉林省住房和城乡建设厅` : `${city.name}住房和城乡建设局`,
      conclusion === '核查中' ? '' : `2024-12-${String(1 + (i % 28)).padStart(2, '0')}`,
      inSelfCheck,
      `${city.name}；案件编号${city.code}-${String(i + 1).padStart(6, '0')}${i % 5 === 4 ? '；结转理由：本人长期外派，正在补充调查材料' : ''}`,
    ]);
  }
  return { rows, ids, certs };
}

async function renderBigTable(rows: DetailRow[], cities: CityFigures[], totals: ReportFigures['totals']): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  async function* batches() {
    for (let i = 0; i < rows.length; i += 20) yield rows.slice(i, i + 20);
  }
  await writeSummaryTable([{ out, maskIds: false }], {
    heading: { submitter: submitterOf(null), phaseLabel: PHASE_LABELS.province_table, date: '2025-02-20', createdAt: AT },
    summary: { cities, totals },
    rows: batches(),
  });
  return Buffer.concat(chunks);
}

/** The fixture's figures spread over the nine cities, with six-digit counts and two units under on-site check per city. */
function nineCities(f: ReportFigures): ReportFigures {
  const cities: CityFigures[] = JILIN_CITIES.map((c, i) => ({
    ...f.cities[i % f.cities.length],
    cityCode: c.code,
    cityName: c.name,
    screened: 102_345 + i * 9_871,
    flagged: 1_234 + i * 87,
    verified: 1_100 + i * 80,
    onsiteUnits: [0, 1].map((k) => ({
      cityCode: c.code,
      unitName: UNITS[(i + k) % UNITS.length],
      unitCode: fixtureUscc(100 + i * 2 + k),
      violations: 3 + k,
      staffTotal: 25 + i,
      status: k ? ('closed' as const) : ('in_progress' as const),
      findings: `抽查该单位在建项目${2 + k}个，项目负责人、技术负责人${k ? '均' : '部分'}未到岗履职，已调取考勤和劳动合同`,
      result: k ? '已责令单位限期整改，相关人员移交注册地处理' : null,
    })),
    supervision:
      i % 3 === 0
        ? [
            {
              cityCode: c.code,
              reason: '逾期报送自查自纠汇总表',
              status: 'closed' as const,
              findings: '自查工作部署迟缓，已约谈分管负责人',
              result: '已限期整改并按期报送',
            },
          ]
        : [],
    openItems: [{ kind: 'open_cases', count: 2 + i, text: `尚有${2 + i}人未作出核查结论；1件案件经说明理由结转办理` }],
  }));
  // Every count of the totals is the sum of the cities' (penalties by kind are the fixture's).
  const counts = Object.keys(f.totals).filter((k) => typeof f.totals[k as keyof ReportFigures['totals']] === 'number' && k !== 'onsiteUnits');
  const sums = Object.fromEntries(counts.map((k) => [k, cities.reduce((n, c) => n + (c[k as keyof CityFigures] as number), 0)]));
  return { ...f, cities, totals: { ...f.totals, ...sums, onsiteUnits: cities.length * 2 } };
}

// ---- what is printed ------------------------------------------------------------------------

type Printed = { file: string; pdf: PrintedPdf; xlsx: boolean; content: Buffer };

suite('printed reports (LibreOffice to PDF, measured with poppler)', () => {
  let db: TestDatabase;
  const printed = new Map<string, Printed>();
  const ids = { full: [...ALL_ID_NUMBERS], big: [] as string[], certs: [] as string[], usccs: [] as string[] };
  const xlsxFiles = () => [...printed.values()].filter((p) => p.xlsx);
  const docxFiles = () => [...printed.values()].filter((p) => !p.xlsx);

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedReadModel(db.pool);
    const dir = makeTempDir('gz-print-');
    const files = new Map<string, { path: string; xlsx: boolean }>();
    const save = async (name: string, content: Buffer, xlsx: boolean) => {
      const file = path.join(dir, `${name}.${xlsx ? 'xlsx' : 'docx'}`);
      await writeFile(file, content);
      files.set(name, { path: file, xlsx });
    };
    const produce = async (kind: ReportKind, cityCode?: string) => {
      const r = await produceReport(db.pool, { campaignId: CAMPAIGN, kind, cityCode, requestedBy: 'test', at: AT });
      await save(kind, (await readReport(db.pool, r.report.reportId))!.content, r.report.format === 'xlsx');
      if (r.maskedReportId) await save(`${kind}-masked`, (await readReport(db.pool, r.maskedReportId))!.content, true);
    };
    await produce('province_table');
    await produce('investigation_table', '2201');
    await produce('self_check_table', '2201');
    await produce('city_work_report', '2201');
    await produce('province_work_report');
    await produce('progress_notice');

    const investigation = nineCities(await reportFigures(db.pool, { campaignId: CAMPAIGN, phase: 'provincialVerification', at: AT }));
    const selfCheck = nineCities(await reportFigures(db.pool, { campaignId: CAMPAIGN, phase: 'progressNotice', at: AT }));
    const big = bigTableRows(48);
    ids.big = big.ids;
    ids.certs = big.certs;
    ids.usccs = investigation.cities.flatMap((c) => c.onsiteUnits.map((u) => u.unitCode!));
    await save('big_table', await renderBigTable(big.rows, investigation.cities, investigation.totals), true);
    await save('nine_city_work_report', await renderWorkReport({ investigation, selfCheck }), false);
    await save(
      'yanbian_work_report',
      await renderWorkReport({ cityName: '延边朝鲜族自治州', investigation: { ...investigation, cities: [investigation.cities[8]] }, selfCheck }),
      false,
    );
    const lagging = new Map([
      ['2202', ['逾期报送自查自纠汇总表']],
      ['2224', ['自查自纠申报受理进度明显滞后于全省平均水平', '未按期报送自查自纠汇总表']],
    ]);
    await save('nine_city_notice', await renderProgressNotice({ figures: selfCheck, lagging }), false);

    const pdfs = convertToPdf(
      [...files.values()].map((f) => f.path),
      dir,
    );
    for (const [name, f] of files) {
      printed.set(name, { file: name, pdf: readPrintedPdf(pdfs.get(f.path)!), xlsx: f.xlsx, content: await readFile(f.path) });
    }
    // PRINT_KEEP=<folder>: keep the files and their PDFs there, to look at them.
    if (process.env.PRINT_KEEP) cpSync(dir, process.env.PRINT_KEEP, { recursive: true, filter: (f) => !f.includes('lo-profile') });
  }, 600_000);
  afterAll(async () => {
    await db?.drop();
  });

  /** The detail pages of a summary table (the per-city sheet's pages list 比对人数; the intermediaries' sheet has its title). */
  const detailPages = (p: Printed) => p.pdf.pages.filter((page) => !page.layout.includes('比对人数') && !page.layout.includes('中介服务机构查处情况'));
  const allText = (p: Printed) => p.pdf.pages.map((page) => page.layout).join('\n');
  const nonEmptyLines = (page: PrintedPage) =>
    page.layout
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !/^—\s*\d+\s*—$/.test(l));

  it('prints each summary table on A4 landscape, all sixteen columns on every page, the header on every page', () => {
    expect(
      xlsxFiles()
        .map((p) => p.file)
        .sort(),
    ).toEqual(
      [
        'big_table',
        'investigation_table',
        'investigation_table-masked',
        'province_table',
        'province_table-masked',
        'self_check_table',
        'self_check_table-masked',
      ].sort(),
    );
    for (const p of xlsxFiles()) {
      for (const page of p.pdf.pages) expect({ file: p.file, a4Landscape: isA4(page, true) }).toEqual({ file: p.file, a4Landscape: true });
      const pages = detailPages(p);
      for (const page of pages) {
        // The first and the last column's headers on each page: no column went to a page of its own.
        expect({ file: p.file, header: ['序号', '身份证号', '处理措施', '备注'].filter((h) => !page.layout.includes(h)) }).toEqual({
          file: p.file,
          header: [],
        });
      }
      // The per-city sheet fits one page, and so does the investigation's intermediaries' sheet (written by renderSummaryTable for the investigation's and the province's tables).
      const intermediaryPages = p.pdf.pages.filter((page) => page.layout.includes('中介服务机构查处情况')).length;
      expect({ file: p.file, intermediaryPages }).toEqual({ file: p.file, intermediaryPages: /^(investigation|province)_table/.test(p.file) ? 1 : 0 });
      expect(p.pdf.pages.length - pages.length).toBe(1 + intermediaryPages);
    }
    const big = printed.get('big_table')!;
    // 48 rows of up to six lines each: about five rows a page, the header repeated on each.
    expect(detailPages(big).length).toBeGreaterThanOrEqual(6);
    expect(detailPages(big).length).toBeLessThanOrEqual(16);
    expect(printed.get('province_table')!.pdf.pages.length).toBeLessThanOrEqual(7);
  });

  it('prints no text smaller than 9 pt and no text over other text (rows as high as their wrapped text)', async () => {
    for (const p of printed.values()) {
      expect({ file: p.file, scaling: p.pdf.scalingOperators }).toEqual({ file: p.file, scaling: 0 });
      expect({ file: p.file, smallest: p.pdf.fontSizes[0] >= MIN_PT - 0.01 ? 'ok' : p.pdf.fontSizes[0] }).toEqual({ file: p.file, smallest: 'ok' });
      for (const [i, page] of p.pdf.pages.entries())
        expect({ file: p.file, page: i + 1, overlaps: overlappingWords(page) }).toEqual({ file: p.file, page: i + 1, overlaps: [] });
    }
    // What the file itself says: printed at 100 %, fitted to one page wide at most, and no font under 9 pt.
    for (const name of ['province_table', 'big_table']) {
      const wb = await openWithExcelJS(printed.get(name)!.content);
      for (const ws of wb.worksheets) {
        expect(ws.pageSetup).toMatchObject({ scale: 100, fitToWidth: 1 });
        ws.eachRow((row) => row.eachCell((c) => expect(c.font?.size ?? 11).toBeGreaterThanOrEqual(MIN_PT)));
      }
    }
  });

  it('prints every ID number, certificate number, credit code and date whole on one line', () => {
    const wholeIn = (p: Printed, s: string) => p.pdf.pages.some((page) => linesHolding(page, s).length > 0);
    const broken = (p: Printed, list: string[]) => list.filter((s) => !wholeIn(p, s));
    expect(broken(printed.get('province_table')!, ids.full)).toEqual([]);
    expect(broken(printed.get('province_table-masked')!, ids.full.map(maskIdNumber))).toEqual([]);
    expect(broken(printed.get('big_table')!, [...ids.big, ...ids.certs])).toEqual([]);
    expect(broken(printed.get('big_table')!, ['2024-12-01', '2024-12-28'])).toEqual([]);
    expect(broken(printed.get('nine_city_work_report')!, ids.usccs)).toEqual([]);
    expect(broken(printed.get('nine_city_work_report')!, ['2024-10-31', '2025-01-31'])).toEqual([]);
    expect(broken(printed.get('province_work_report')!, [fixtureUscc(1), '2024-11-02', '2025-01-28'])).toEqual([]);
    expect(broken(printed.get('nine_city_notice')!, ['2024-10-30', '2024-11-02'])).toEqual([]);
  });

  it('puts 填表人, 负责人 and the date under both sheets of every summary table, on one line', () => {
    for (const p of xlsxFiles()) {
      const lines = p.pdf.pages.flatMap((page) => linesHolding(page, '负责人：'));
      expect({ file: p.file, sheets: lines.length }).toEqual({ file: p.file, sheets: 2 });
      for (const l of lines) expect(l).toMatch(new RegExp(`填表人：.*负责人：.*填报日期：${DATE}`));
    }
  });

  it('prints the .docx reports on A4 portrait in fixed tables exactly as wide as the text block', async () => {
    expect(docxFiles().length).toBe(6);
    for (const p of docxFiles()) {
      for (const page of p.pdf.pages) expect({ file: p.file, a4Portrait: isA4(page, false) }).toEqual({ file: p.file, a4Portrait: true });
      const xml = await documentXml(p.content);
      const tables = [...xml.matchAll(/<w:tbl>(.*?)<\/w:tbl>/gs)].map((m) => m[1]);
      expect(tables.length).toBeGreaterThan(0);
      for (const t of tables) {
        expect(t).toContain('<w:tblLayout w:type="fixed"/>');
        const grid = [...t.matchAll(/<w:gridCol w:w="(\d+)"/g)].map((m) => Number(m[1]));
        expect({ file: p.file, width: grid.reduce((a, b) => a + b, 0) }).toEqual({ file: p.file, width: TEXT_WIDTH_TWIPS });
      }
    }
    expect(printed.get('progress_notice')!.pdf.pages.length).toBeLessThanOrEqual(2);
    expect(printed.get('city_work_report')!.pdf.pages.length).toBeLessThanOrEqual(4);
    expect(printed.get('province_work_report')!.pdf.pages.length).toBeLessThanOrEqual(4);
    // Six pages of figures and tables, and (issue 20) what the fixture's 18 on-site checks and 3
    // supervisions found, in sentences: about three more.
    expect(printed.get('nine_city_work_report')!.pdf.pages.length).toBeLessThanOrEqual(9);
    expect(printed.get('nine_city_notice')!.pdf.pages.length).toBeLessThanOrEqual(3);
  });

  it('prints no table header a character a line: at least three characters a line on average, 市（州） on one', () => {
    const headers = [
      ...NOTICE_TABLE_HEADER,
      ...SUMMARY_FIELDS.map(([, l]) => l),
      '报送事项',
      '截止日期',
      '报送日期',
      '市（州）实施',
      '省级实施',
      '单位名称',
      '统一社会信用代码',
      '确认挂证人数',
      '注册人员数',
      '办理状态',
      '督办原因',
      '督办发现',
      '办理结果',
    ];
    for (const p of docxFiles()) {
      for (const label of headers) {
        const lines = p.pdf.pages.map((page) => printedLines(page, label)).filter((n) => n !== undefined);
        for (const n of lines) expect({ file: p.file, label, lines: n }).toEqual({ file: p.file, label, lines: expect.any(Number) });
        const worst = Math.max(0, ...lines);
        expect({ file: p.file, label, fits: worst <= Math.max(1, Math.ceil([...label].length / 3)) }).toEqual({ file: p.file, label, fits: true });
      }
      expect(p.pdf.pages.some((page) => printedLines(page, '市（州）') === 1)).toBe(true);
    }
  });

  it('keeps the date with the issuing body, and never alone: the last page holds the end of the text, the issuer and the date', () => {
    for (const p of docxFiles()) {
      const last = p.pdf.pages.at(-1)!;
      const lines = nonEmptyLines(last);
      const issuer =
        p.file === 'city_work_report' ? submitterOf('长春市') : p.file === 'yanbian_work_report' ? submitterOf('延边朝鲜族自治州') : submitterOf(null);
      // pdftotext puts a space where the font changes (2025 年 2 月 20 日): compared without spaces.
      const page = lines.join('').replace(/\s+/g, '');
      expect({ file: p.file, endsWithSignature: page.endsWith(issuer + DATE) }).toEqual({ file: p.file, endsWithSignature: true });
      // More than the signature on that page: the end of the text before it (a sentence's 。).
      const before = page.slice(0, -(issuer + DATE).length);
      expect({ file: p.file, textBefore: before.length >= 10 && before.endsWith('。') }).toEqual({ file: p.file, textBefore: true });
      expect(allText(p).replace(/\s+/g, '').split(DATE).length - 1).toBe(1);
    }
  });
});

/** word/document.xml of a .docx. */
async function documentXml(content: Buffer): Promise<string> {
  const dir = makeTempDir('gz-docx-');
  const file = path.join(dir, 'd.docx');
  await writeFile(file, content);
  const z = await openZip(file);
  try {
    const entry = z.entries.get('word/document.xml')!;
    const chunks: Buffer[] = [];
    for await (const c of await openPart(z, entry)) chunks.push(c as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  } finally {
    z.zip.close();
  }
}
