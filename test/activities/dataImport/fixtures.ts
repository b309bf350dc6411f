import { createTestDatabase, type TestDatabase } from '../../support/database';
/** Test data built in os.tmpdir(): valid ID numbers and USCCs, CSV and XLSX writers. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { idCheckCharacter } from '../../../domain/idNumber';
import { usccCheckCharacter } from '../../../domain/uscc';

/** A valid 18-digit ID for person n (born 1980-01-01 plus n days' worth of sequence). */
export function validId(n: number, birth = '19800101'): string {
  const first17 = `220102${birth}${String(n % 1000).padStart(3, '0')}`;
  return first17 + idCheckCharacter(first17);
}

/** The same first 17 digits with a wrong check character. */
export function badCheckId(n: number): string {
  const good = validId(n);
  const wrong = '0123456789X'.split('').find((c) => c !== good[17])!;
  return good.slice(0, 17) + wrong;
}

/** An ID whose check character is right but whose birth date (Feb 30) is impossible. */
export function badBirthId(): string {
  const first17 = '22010219800230123';
  return first17 + idCheckCharacter(first17);
}

export function validUscc(n: number, prefix = '91'): string {
  const first17 = `${prefix}220101${String(n).padStart(9, '0')}`;
  return first17 + usccCheckCharacter(first17)!;
}

export function badUscc(n: number): string {
  const good = validUscc(n);
  return good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
}

export interface ImportTestBed {
  readonly db: TestDatabase;
  readonly tmp: TempDir;
  /** The batch's rejections and warnings, in line and column order. */
  issuesOf: (batchId: number) => Promise<{ line: number; col: string; value: string; reason: string; severity: string }[]>;
}

/** A database and a temporary folder of its own for one test file, made before and removed after its tests. */
export function importTestBed(): ImportTestBed {
  let db: TestDatabase | undefined;
  let tmp: TempDir | undefined;
  beforeAll(async () => {
    db = await createTestDatabase();
    tmp = tempDir();
  });
  afterAll(async () => {
    await db?.drop();
    tmp?.remove();
  });
  return {
    get db() {
      return db!;
    },
    get tmp() {
      return tmp!;
    },
    issuesOf: async (batchId) =>
      (await db!.pool.query('SELECT line, col, value, reason, severity FROM import_issue WHERE batch_id = $1 ORDER BY line, col', [batchId])).rows,
  };
}

export interface TempDir {
  dir: string;
  file(name: string): string;
  remove(): void;
}

export function tempDir(): TempDir {
  const dir = mkdtempSync(path.join(tmpdir(), 'gz-import-test-'));
  return { dir, file: (name) => path.join(dir, name), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

function csvCell(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

export function csvText(rows: readonly (readonly string[])[], opts: { bom?: boolean; eol?: string } = {}): string {
  const eol = opts.eol ?? '\r\n';
  return (opts.bom ? '\uFEFF' : '') + rows.map((r) => r.map(csvCell).join(',')).join(eol) + eol;
}

export function writeCsv(filePath: string, rows: readonly (readonly string[])[], opts: { bom?: boolean; eol?: string } = {}): string {
  writeFileSync(filePath, csvText(rows, opts), 'utf8');
  return filePath;
}

/** The first sheet holds `rows`; `extraSheets` adds more sheets after it. */
export async function writeXlsx(
  filePath: string,
  rows: readonly (readonly unknown[])[],
  opts: { extraSheets?: unknown[][][]; dateFormat?: string } = {},
): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('数据');
  for (const r of rows) {
    const row = ws.addRow([...r]);
    row.eachCell((cell) => {
      if (cell.value instanceof Date) cell.numFmt = opts.dateFormat ?? 'yyyy-mm-dd';
    });
  }
  (opts.extraSheets ?? []).forEach((sheet, i) => {
    const extra = wb.addWorksheet(`其他${i + 1}`);
    for (const r of sheet) extra.addRow(r);
  });
  await wb.xlsx.writeFile(filePath);
  return filePath;
}

export const SS_HEADER = ['id_number', 'name', 'unit_name', 'unit_code', 'region_code', 'period', 'insured_status'];
export const SS_HEADER_ZH = ['身份证号', '姓名', '参保单位', '参保单位统一社会信用代码', '参保地', '缴费年月', '参保状态'];
export const REG_HEADER = ['id_number', 'name', 'cert_category', 'cert_number', 'unit_name', 'unit_code', 'city_code', 'registered_on', 'status'];
export const REG_HEADER_ZH = ['身份证号', '姓名', '注册类别', '注册证书编号', '注册单位', '注册单位统一社会信用代码', '所在市州', '注册日期', '注册状态'];
