/**
 * `npm run bench:import-xlsx -- --rows 1000000`: a social-insurance file imported as XLSX (shared
 * strings, as Excel and exceljs write it) against the same rows as a UTF-8 CSV, in the same run and
 * the same database, each through importFile as a user's import takes it. Targets (issue 22):
 * ratio ≤ 4 and a peak RSS of at most 400 MB while the XLSX imports (each import runs in a process of
 * its own, so the figure is the import's alone).
 *
 * Database: DATABASE_URL's server (a throw-away database is created and dropped), else an
 * embedded PostgreSQL under data/bench-import-xlsx-postgres.
 * Last line: RESULT name=import_xlsx project=<s> baseline=<s> unit=s ratio=<xlsx/csv>; peak RSS above it.
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { importFile } from '../dataImport/importFile';
import { idCheckCharacter } from '../domain/idNumber';
import { createPool } from '../platform/db';
import { withThrowAwayDatabase } from './support/throwAwayDatabase';

const HEADER = ['身份证号', '姓名', '参保单位', '参保单位统一社会信用代码', '参保地', '缴费年月', '参保状态'];
const SURNAMES = ['张', '王', '李', '刘', '陈', '杨', '赵', '黄', '周', '吴'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋'];

function argRows(): number {
  const i = process.argv.indexOf('--rows');
  const n = i >= 0 ? Number(process.argv[i + 1]) : 100_000;
  if (!Number.isInteger(n) || n < 1) throw new Error('--rows takes a positive integer');
  return n;
}

/** Row i: a person per 12 rows (one year of contributions), about a thousand units. */
function row(i: number): string[] {
  const person = Math.floor(i / 12);
  const born = new Date(Date.UTC(1960, 0, 1) + (person % 15000) * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '');
  const first17 = `220102${born}${String(Math.floor(person / 15000) % 1000).padStart(3, '0')}`;
  return [
    first17 + idCheckCharacter(first17),
    SURNAMES[person % 10] + GIVEN[Math.floor(person / 10) % 10],
    `吉林省第${person % 997}建筑工程有限公司`,
    '',
    '220102',
    `2024-${String((i % 12) + 1).padStart(2, '0')}`,
    '在职',
  ];
}

async function writeCsv(file: string, rows: number): Promise<void> {
  const out = createWriteStream(file);
  const write = async (line: string) => {
    if (!out.write(line)) await once(out, 'drain');
  };
  await write(`${HEADER.join(',')}\n`);
  for (let i = 0; i < rows; i++) await write(`${row(i).join(',')}\n`);
  out.end();
  await once(out, 'finish');
}

async function writeXlsx(file: string, rows: number): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true });
  const ws = wb.addWorksheet('社保缴费');
  ws.addRow(HEADER).commit();
  for (let i = 0; i < rows; i++) ws.addRow(row(i)).commit();
  ws.commit();
  await wb.commit();
}

/**
 * One import in a process of its own, so its peak RSS is the import's alone (the parent has just
 * generated a million rows with exceljs, whose memory the process does not give back).
 */
async function importChild(filePath: string, url: string): Promise<void> {
  const pool = createPool(url);
  try {
    const started = performance.now();
    const result = await importFile(pool, { source: 'social_insurance', filePath, importedBy: 'bench' });
    const seconds = (performance.now() - started) / 1000;
    process.stdout.write(
      JSON.stringify({ seconds, rowsAccepted: result.rowsAccepted, fileName: result.fileName, peakRss: process.resourceUsage().maxRSS * 1024 }),
    );
  } finally {
    await pool.end();
  }
}

interface ChildImport {
  seconds: number;
  rowsAccepted: number;
  fileName: string;
  peakRss: number;
}

function timedImport(filePath: string, url: string): ChildImport {
  const r = spawnSync(process.execPath, ['--require', 'tsx/cjs', __filename, '--import-child', filePath, url], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (r.status !== 0) throw new Error(`import of ${path.basename(filePath)} failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as ChildImport;
}

async function main(): Promise<void> {
  const rows = argRows();
  const dir = mkdtempSync(path.join(tmpdir(), 'gz-bench-xlsx-'));
  try {
    await withThrowAwayDatabase('bench-import-xlsx', async (_pool, url) => {
      const csv = path.join(dir, 'social_insurance.csv');
      const xlsx = path.join(dir, 'social_insurance.xlsx');
      await writeCsv(csv, rows);
      await writeXlsx(xlsx, rows);
      const mb = (b: number) => (b / 1024 / 1024).toFixed(0);
      console.log(`${rows} rows: CSV ${mb(statSync(csv).size)} MB, XLSX ${mb(statSync(xlsx).size)} MB`);
      const base = timedImport(csv, url);
      const proj = timedImport(xlsx, url);
      for (const r of [base, proj]) {
        if (r.rowsAccepted !== rows) throw new Error(`${r.fileName}: ${r.rowsAccepted} rows stored, expected ${rows}`);
      }
      console.log(
        `CSV ${base.seconds.toFixed(2)} s (${Math.round(rows / base.seconds)} rows/s), XLSX ${proj.seconds.toFixed(2)} s (${Math.round(rows / proj.seconds)} rows/s)`,
      );
      console.log(`peak RSS of the importing process: XLSX ${mb(proj.peakRss)} MB, CSV ${mb(base.peakRss)} MB`);
      console.log(
        `RESULT name=import_xlsx project=${proj.seconds.toFixed(2)} baseline=${base.seconds.toFixed(2)} unit=s ratio=${(proj.seconds / base.seconds).toFixed(2)}`,
      );
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--import-child') {
  importChild(process.argv[3], process.argv[4]).catch((err) => {
    console.error((err as Error).message);
    process.exit(1);
  });
} else {
  main().catch((err) => {
    console.error(`bench:import-xlsx failed: ${(err as Error).message}`);
    process.exit(1);
  });
}
