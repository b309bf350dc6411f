/**
 * `guazheng screen` (DATA-CONTRACT "The screen command", a stable interface): imports the files,
 * snapshots them, runs the same runScreening the campaign uses, and streams flags.csv out of
 * PostgreSQL. One summary line on stdout; exit 2 with one line on unusable input.
 */
import { existsSync, statSync } from 'node:fs';
import { userInfo } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Pool } from 'pg';
import { migrate } from '../db/migrate';
import { IsoMonth } from '../domain/calendar';
import { importFile, UnusableFileError, type ImportProgress, type ImportResult, type SourceName } from '../dataImport/importFile';
import { copyCsvToFile } from '../dataImport/copyCsv';
import { writeIssuesCsv } from '../dataImport/issues';
import { terminalProgress } from '../dataImport/progress';
import { ENCODING_LABELS } from '../dataImport/textEncoding';
import { createSnapshot } from '../dataImport/snapshot';
import { runScreening } from '../activities/screening/runScreening';
import { createPool } from '../platform/db';
import { openDatabase } from '../platform/openDatabase';
import type { CliCommand, OptionValues } from './command';

/** flags.csv columns, in the contract's order. */
export const FLAGS_COLUMNS = [
  'id_number',
  'name',
  'city_code',
  'cert_categories',
  'cert_numbers',
  'reg_unit_names',
  'reg_unit_codes',
  'reasons',
  'risk_score',
  'ss_unit_name',
  'ss_unit_code',
  'ss_region_code',
  'ss_latest_period',
  'fund_unit_name',
  'fund_unit_code',
  'fund_latest_period',
] as const;

const INPUTS: ReadonlyArray<{ option: string; source: SourceName; required: boolean }> = [
  { option: 'registrations', source: 'registrations', required: true },
  { option: 'social-insurance', source: 'social_insurance', required: true },
  { option: 'housing-fund', source: 'housing_fund', required: true },
  { option: 'units', source: 'units', required: false },
  { option: 'public-sector', source: 'public_sector_staff', required: false },
];

const USAGE =
  'usage: screen --registrations FILE --social-insurance FILE --housing-fund FILE [--units FILE] ' +
  '[--public-sector FILE] [--as-of YYYY-MM] [--window N] --out flags.csv [--rejects rejects.csv]';

class InputError extends Error {}

export const command: CliCommand = {
  summary: 'import the input files and write flags.csv (DATA-CONTRACT "The screen command")',
  options: {
    registrations: { type: 'string' },
    'social-insurance': { type: 'string' },
    'housing-fund': { type: 'string' },
    units: { type: 'string' },
    'public-sector': { type: 'string' },
    'as-of': { type: 'string' },
    window: { type: 'string' },
    out: { type: 'string' },
    rejects: { type: 'string' },
  },
  async run(values: OptionValues): Promise<number> {
    try {
      return await screen(values);
    } catch (err) {
      if (err instanceof InputError || err instanceof UnusableFileError) {
        process.stderr.write(`guazheng: screen: ${err.message}\n`);
        return 2;
      }
      throw err;
    }
  },
};

interface ScreenArgs {
  files: Array<{ source: SourceName; filePath: string }>;
  asOf?: string;
  windowMonths: number;
  out: string;
  rejects?: string;
}

function parse(values: OptionValues): ScreenArgs {
  const str = (k: string) => (typeof values[k] === 'string' && values[k] !== '' ? values[k] : undefined);
  const files: ScreenArgs['files'] = [];
  for (const input of INPUTS) {
    const filePath = str(input.option);
    if (filePath === undefined) {
      if (input.required) throw new InputError(`--${input.option} FILE is required; ${USAGE}`);
      continue;
    }
    if (!existsSync(filePath) || !statSync(filePath).isFile()) throw new InputError(`${input.option} file not found: ${filePath}`);
    files.push({ source: input.source, filePath });
  }
  const out = str('out');
  if (out === undefined) throw new InputError(`--out FILE is required; ${USAGE}`);
  const asOf = str('as-of');
  if (asOf !== undefined && !IsoMonth.safeParse(asOf).success) throw new InputError(`--as-of must be YYYY-MM, got "${asOf}"`);
  const window = str('window') ?? '3';
  if (!/^\d+$/.test(window) || Number(window) < 1 || Number(window) > 60)
    throw new InputError(`--window must be a whole number of months from 1 to 60, got "${window}"`);
  for (const target of [out, str('rejects')]) {
    if (target !== undefined && !existsSync(path.dirname(path.resolve(target))))
      throw new InputError(`output directory does not exist: ${path.dirname(target)}`);
  }
  return { files, asOf, windowMonths: Number(window), out, rejects: str('rejects') };
}

/** With GZ_SCREEN_TIMINGS set, each phase's duration goes to stderr (the benchmark reads it). */
async function phase<T>(name: string, fn: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await fn();
  if (process.env.GZ_SCREEN_TIMINGS) process.stderr.write(`phase ${name} ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  return result;
}

async function screen(values: OptionValues): Promise<number> {
  const started = performance.now();
  const args = parse(values);
  const db = await openDatabase();
  const pool = createPool(db.url);
  try {
    await migrate(pool);
    const imports = await phase('import', () => importAll(pool, args.files));
    const batchIds = imports.map((r) => r.batchId);
    const snapshotId = await createSnapshot(pool, `screen ${new Date().toISOString()}`, batchIds);
    const run = await phase('screening', () =>
      runScreening(pool, {
        snapshotId,
        settings: { asOf: args.asOf, windowMonths: args.windowMonths, ageLimit: 65, riskWeights: {} },
      }),
    );
    await phase('output', async () => {
      await writeFlagsCsv(pool, run.runId, args.out);
      if (args.rejects) await writeIssuesCsv(pool, batchIds, args.rejects);
    });
    const rejected = imports.reduce((n, r) => n + r.rowsRejected, 0);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const perFile = imports.map(fileSummary).join('; ');
    process.stdout.write(`screened ${run.personsScreened} persons, flagged ${run.personsFlagged}, rejected ${rejected} rows, ${seconds} s; ${perFile}\n`);
    return 0;
  } finally {
    await pool.end();
    await db.stop();
  }
}

/** `social_insurance.csv: CSV GB18030, 120 rows, 2 rejected, 1 warned`: how each file was read, after the totals. */
function fileSummary(r: ImportResult): string {
  const how = r.read ? [r.read.format.toUpperCase(), r.read.encoding && ENCODING_LABELS[r.read.encoding]].filter(Boolean).join(' ') : '';
  return `${r.fileName}: ${how}, ${r.rowsTotal} rows, ${r.rowsRejected} rejected, ${r.rowsWarned} warned`;
}

/**
 * Imports the files side by side: while PostgreSQL sorts and deduplicates one file's rows, node
 * parses the next. One progress bar (on a terminal) over the bytes of all files.
 */
async function importAll(pool: Pool, files: ScreenArgs['files']) {
  const progress = terminalProgress('importing');
  const seen = new Map<string, ImportProgress>();
  const onProgress = (file: string) => (p: ImportProgress) => {
    seen.set(file, p);
    const all = [...seen.values()];
    progress.onProgress({
      rows: all.reduce((n, x) => n + x.rows, 0),
      bytesRead: all.reduce((n, x) => n + x.bytesRead, 0),
      totalBytes: files.reduce((n, f) => n + statSync(f.filePath).size, 0),
    });
  };
  const importedBy = `guazheng screen (${userInfo().username})`;
  const results = await Promise.allSettled(
    files.map((f) => importFile(pool, { source: f.source, filePath: f.filePath, importedBy, onProgress: onProgress(f.filePath) })),
  );
  progress.done();
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
  return results.map((r) => (r as PromiseFulfilledResult<Awaited<ReturnType<typeof importFile>>>).value);
}

/** Streams the run's results to CSV in the contract's order, straight from PostgreSQL. */
export async function writeFlagsCsv(pool: Pool, runId: number, outPath: string): Promise<number> {
  if (!Number.isSafeInteger(runId)) throw new Error('run id must be an integer');
  // COPY takes no parameters; runId is checked above. nullif: an absent value is an empty cell, not "".
  const sql = `COPY (
    SELECT id_number, name, city_code,
           array_to_string(cert_categories, ';') AS cert_categories, array_to_string(cert_numbers, ';') AS cert_numbers,
           array_to_string(reg_unit_names, ';') AS reg_unit_names, nullif(array_to_string(reg_unit_codes, ';'), '') AS reg_unit_codes,
           array_to_string(reasons, ';') AS reasons, risk_score,
           ss_unit_name, nullif(ss_unit_code, '') AS ss_unit_code, ss_region_code, ss_latest_period,
           fund_unit_name, nullif(fund_unit_code, '') AS fund_unit_code, fund_latest_period
    FROM screening_result WHERE run_id = ${runId}
    ORDER BY risk_score DESC, id_number COLLATE "C") TO STDOUT WITH (FORMAT csv, HEADER)`;
  const client = await pool.connect();
  try {
    // Names and unit names come from other departments' files: each cell passes the formula rule.
    return await copyCsvToFile(client, sql, outPath);
  } finally {
    client.release();
  }
}
