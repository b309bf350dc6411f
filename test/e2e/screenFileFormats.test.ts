/**
 * The same people in every file format officials and other systems produce (issue 22): UTF-8 CSV
 * with and without a byte-order mark, GB18030 CSV with Chinese headers, XLSX from exceljs, from
 * openpyxl (normal and write-only mode: inline strings, worksheets stored before the workbook part)
 * and from LibreOffice (converting a CSV) all give `guazheng screen` byte-identical flags.csv and the
 * same rejects apart from the file names. LibreOffice's default CSV conversion turns 18-digit IDs
 * into numbers: those rows are rejected for exactly that reason, and 15-digit legacy IDs survive.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdirSync, renameSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { idCheckCharacter } from '../../domain/idNumber';
import { NUMBER_LOST_DIGITS } from '../../domain/spreadsheetNumbers';
import { openpyxlPython } from '../../scripts/tools';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { idNumber, uscc } from '../activities/screening/fixtures';
import { makeTempDir } from '../support/tempDirs';

const ROOT = path.resolve(__dirname, '..', '..');
const HOME = '吉林宏达建设有限公司';
const OTHER = '长春鑫源工程咨询有限公司';

/** A date cell (written as a date by the spreadsheet writers) and its text in the CSV twin. */
interface DateCell {
  date: string;
  fmt: string;
  text: string;
}
/** A number cell (written as a number by the spreadsheet writers) and its digits in the CSV twin. */
interface IntCell {
  int: string;
}
type Cell = string | DateCell | IntCell;
type Table = Cell[][];

const A = idNumber(31);
// Ends in X: text to any spreadsheet.
const B = idNumber(32);
const C = idNumber(33);
// A legacy 15-digit ID: a number cell holds it exactly.
const LEGACY = '220102800101123';
const LEGACY_18 = '22010219800101123' + idCheckCharacter('22010219800101123');
const legacy: IntCell = { int: LEGACY };
const month = (ym: string): DateCell => ({ date: `${ym}-01`, fmt: 'yyyy-mm', text: ym });
const day = (ymd: string): DateCell => ({ date: ymd, fmt: 'yyyy-mm-dd', text: ymd });
const MONTHS = ['2024-08', '2024-09', '2024-10'];

const TABLES: Record<'registrations' | 'social_insurance' | 'housing_fund', Table> = {
  registrations: [
    ['身份证号', '姓名', '注册类别', '注册证书编号', '注册单位', '注册单位统一社会信用代码', '所在市州', '注册日期', '注册状态'],
    [A, '张三', '一级注册建造师', 'A1', HOME, '', '长春市', day('2020-01-01'), '有效'],
    [B, '李四', 'COST_1', 'B1', HOME, uscc(41), '2201', day('2019-03-15'), ''],
    [B, '李四', 'COST_1', 'B2', OTHER, '', '2201', '2021年6月1日', ''],
    // A mistyped unit code: kept, with a warning.
    [C, '王五', 'CONSTRUCTOR_2', 'C1', HOME, uscc(42).slice(0, 17) + (uscc(42)[17] === '0' ? '1' : '0'), '2201', '', ''],
    [legacy, '赵六', 'CONSTRUCTOR_1', 'L1', HOME, '', '2201', day('2018-05-20'), ''],
  ],
  social_insurance: [
    ['身份证号', '姓名', '参保单位', '参保单位统一社会信用代码', '参保地', '缴费年月', '参保状态'],
    ...MONTHS.map((m) => [A, '张三', OTHER, '', '220102', month(m), '在职']),
    ...MONTHS.map((m) => [B, '李四', HOME, '', '220102', m.replace('-', ''), '']),
    ...MONTHS.map((m) => [legacy, '赵六', HOME, '', '110105', month(m), '']),
    // A malformed month: rejected in every format.
    [C, '王五', HOME, '', '220102', '2024-13', ''],
  ],
  housing_fund: [
    ['身份证号', '缴存单位', '缴存单位统一社会信用代码', '缴存年月'],
    ...MONTHS.map((m) => [A, OTHER, '', month(m)]),
    ...MONTHS.map((m) => [legacy, OTHER, '', `${m.slice(0, 4)}年${Number(m.slice(5))}月`]),
  ],
};
type Source = keyof typeof TABLES;
const OPTIONS: Record<Source, string> = { registrations: '--registrations', social_insurance: '--social-insurance', housing_fund: '--housing-fund' };

const isDate = (c: Cell): c is DateCell => typeof c === 'object' && 'date' in c;
const textOf = (c: Cell) => (typeof c === 'string' ? c : isDate(c) ? c.text : c.int);
const csvCell = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
const csvText = (t: Table) => t.map((r) => r.map((c) => csvCell(textOf(c))).join(',')).join('\r\n') + '\r\n';

async function writeExcelJs(file: string, t: Table): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('数据');
  for (const r of t) {
    const row = ws.addRow(r.map((c) => (typeof c === 'string' ? c : isDate(c) ? new Date(`${c.date}T00:00:00Z`) : Number(c.int))));
    r.forEach((c, i) => {
      if (isDate(c)) row.getCell(i + 1).numFmt = c.fmt;
    });
  }
  wb.addWorksheet('说明').addRow(['这一页不是数据']);
  await wb.xlsx.writeFile(file);
}

// Normal mode keeps the sheet in memory; write-only mode streams rows out as WriteOnlyCells.
const OPENPYXL = `
import datetime, json, sys
import openpyxl
from openpyxl.cell import WriteOnlyCell
spec, out, mode = json.load(open(sys.argv[1], encoding='utf-8')), sys.argv[2], sys.argv[3]
wb = openpyxl.Workbook(write_only=(mode == 'write-only'))
ws = wb.create_sheet('数据') if mode == 'write-only' else wb.active
def value(c):
    if isinstance(c, dict) and 'date' in c: return datetime.date.fromisoformat(c['date']), c['fmt']
    if isinstance(c, dict) and 'int' in c: return int(c['int']), None
    return (c if c != '' else None), None
for row in spec:
    if mode == 'write-only':
        cells = []
        for c in row:
            v, fmt = value(c)
            cell = WriteOnlyCell(ws, value=v)
            if fmt: cell.number_format = fmt
            cells.append(cell)
        ws.append(cells)
    else:
        ws.append([value(c)[0] for c in row])
        for c, cell in zip(row, ws[ws.max_row]):
            fmt = value(c)[1]
            if fmt: cell.number_format = fmt
wb.create_sheet('说明').append(['这一页不是数据'])
wb.save(out)
`;

function writeOpenpyxl(dir: string, file: string, t: Table, mode: 'normal' | 'write-only'): void {
  const script = path.join(dir, 'write.py');
  writeFileSync(script, OPENPYXL);
  const spec = path.join(dir, `${path.basename(file)}.json`);
  writeFileSync(spec, JSON.stringify(t));
  const r = spawnSync(openpyxlPython(), [script, spec, file, mode], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`openpyxl: ${r.stderr}`);
}

const sofficeAvailable = spawnSync('sh', ['-c', 'command -v soffice']).status === 0;
// .ci/run installs LibreOffice, so CI never leaves its cases out; a developer's machine without it does.
if (process.env.CI && !sofficeAvailable) throw new Error('LibreOffice (soffice) is missing: .ci/run installs libreoffice-calc-nogui');

/** LibreOffice's CSV import (UTF-8, comma, quote), optionally with the code columns (1 and 6) imported as text. */
function writeLibreOffice(file: string, t: Table, idAsText: boolean): void {
  const work = makeTempDir('gz-soffice-');
  const csv = path.join(work, `${path.basename(file, '.xlsx')}.csv`);
  writeFileSync(csv, csvText(t));
  const filter = `CSV:44,34,76,1${idAsText ? ',1/2/6/2' : ''}`;
  const r = spawnSync(
    'soffice',
    [`-env:UserInstallation=file://${work}/profile`, '--headless', `--infilter=${filter}`, '--convert-to', 'xlsx', '--outdir', work, csv],
    {
      encoding: 'utf8',
      timeout: 120_000,
    },
  );
  if (r.status !== 0) throw new Error(`soffice: ${r.stderr}`);
  renameSync(path.join(work, path.basename(file)), file);
}

type Writer = (dir: string, file: string, t: Table) => void | Promise<void>;
const WRITERS: Record<string, { ext: string; write: Writer }> = {
  'csv-utf8': { ext: 'csv', write: (_d, f, t) => writeFileSync(f, csvText(t)) },
  'csv-utf8-bom': { ext: 'csv', write: (_d, f, t) => writeFileSync(f, `\uFEFF${csvText(t)}`) },
  'csv-gb18030': { ext: 'csv', write: (_d, f, t) => writeFileSync(f, iconv.encode(csvText(t), 'gb18030')) },
  'xlsx-exceljs': { ext: 'xlsx', write: (_d, f, t) => writeExcelJs(f, t) },
  'xlsx-openpyxl': { ext: 'xlsx', write: (d, f, t) => writeOpenpyxl(d, f, t, 'normal') },
  'xlsx-openpyxl-write-only': { ext: 'xlsx', write: (d, f, t) => writeOpenpyxl(d, f, t, 'write-only') },
  ...(sofficeAvailable ? { 'xlsx-libreoffice-text-ids': { ext: 'xlsx', write: (_d: string, f: string, t: Table) => writeLibreOffice(f, t, true) } } : {}),
};

describe('guazheng screen reads the same people from every file format alike', () => {
  let db: TestDatabase;
  let root: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    root = makeTempDir('gz-formats-');
  });
  afterAll(async () => {
    await db.drop();
  });

  async function screen(variant: string, write: Writer, ext: string) {
    const dir = path.join(root, variant);
    mkdirSync(dir);
    const args = ['screen'];
    for (const source of Object.keys(TABLES) as Source[]) {
      const file = path.join(dir, `${source}.${ext}`);
      await write(dir, file, TABLES[source]);
      args.push(OPTIONS[source], file);
    }
    const out = path.join(dir, 'flags.csv');
    const rejects = path.join(dir, 'rejects.csv');
    const r = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'guazheng.js'), ...args, '--out', out, '--rejects', rejects], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: db.url },
      encoding: 'utf8',
      timeout: 120_000,
    });
    return {
      code: r.status,
      stdout: r.stdout,
      stderr: r.stderr,
      flags: readFileSync(out),
      // Apart from the file names (the first column).
      rejects: readFileSync(rejects, 'utf8')
        .trimEnd()
        .split('\n')
        .map((l) => l.slice(l.indexOf(',') + 1)),
    };
  }

  it('gives byte-identical flags.csv and the same rejects for every format, and says how each file was read', async () => {
    const base = await screen('baseline', WRITERS['csv-utf8'].write, 'csv');
    expect({ code: base.code, stderr: base.stderr }).toEqual({ code: 0, stderr: '' });
    const flagged = base.flags
      .toString('utf8')
      .trimEnd()
      .split('\n')
      .slice(1)
      .map((l) => l.split(',')[0]);
    // The legacy ID is screened under its 18-digit form (outside Jilin in the window).
    expect(flagged.sort()).toEqual([A, B, C, LEGACY_18].sort());
    expect(base.rejects.slice(1)).toEqual([expect.stringMatching(/^5,unit_code,.*,warning$/), expect.stringMatching(/^11,period,2024-13,.*,rejected$/)]);

    for (const [variant, w] of Object.entries(WRITERS)) {
      const r = await screen(variant, w.write, w.ext);
      expect({ variant, code: r.code, stderr: r.stderr }).toEqual({ variant, code: 0, stderr: '' });
      expect({ variant, equal: r.flags.equals(base.flags) }).toEqual({ variant, equal: true });
      expect({ variant, rejects: r.rejects }).toEqual({ variant, rejects: base.rejects });
      const how = variant === 'csv-gb18030' ? 'CSV GB18030' : w.ext === 'csv' ? 'CSV UTF-8' : 'XLSX';
      expect(r.stdout).toContain(`social_insurance.${w.ext}: ${how}, 10 rows, 1 rejected, 0 warned`);
    }
  });

  (sofficeAvailable ? it : it.skip)('rejects the 18-digit IDs LibreOffice turned into numbers for that reason, and keeps the 15-digit legacy ID', async () => {
    expect(B.at(-1)).toBe('X');
    const r = await screen('xlsx-libreoffice-default', (_d, f, t) => writeLibreOffice(f, t, false), 'xlsx');
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
    const rejected = r.rejects.slice(1).filter((l) => l.endsWith(',rejected') && l.split(',')[1] === 'id_number');
    // Every row of A and C in the three files; B's ID ends in X (text to any spreadsheet), the legacy ID fits a number.
    expect(rejected).toHaveLength(2 + 4 + 3);
    for (const l of rejected) expect(l).toContain(NUMBER_LOST_DIGITS);
    const flags = r.flags.toString('utf8').trimEnd().split('\n');
    expect(
      flags
        .slice(1)
        .map((l) => l.split(',')[0])
        .sort(),
    ).toEqual([B, LEGACY_18].sort());
  });
});
