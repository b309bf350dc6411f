/**
 * Small hand-built inputs for screening tests: rows are written as CSV files and go through the
 * real importers, so a test sees exactly what `guazheng screen` would.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Pool } from 'pg';
import { importFile } from '../../../dataImport/importFile';
import { createSnapshot } from '../../../dataImport/snapshot';
import { runScreening, type ScreeningRunSummary } from '../../../activities/screening/runScreening';
import { idCheckCharacter } from '../../../domain/idNumber';
import { usccCheckCharacter } from '../../../domain/uscc';
import type { ScreeningSettings } from '../../../domain/flags';
import { makeTempDir } from '../../support/tempDirs';

type Row = Record<string, string | undefined>;
export interface Fixture {
  registrations: Row[];
  social_insurance?: Row[];
  housing_fund?: Row[];
  units?: Row[];
  public_sector_staff?: Row[];
}

/** A valid 18-digit ID number: person `n`, born on `birth` (YYYY-MM-DD), registered in Changchun. */
export function idNumber(n: number, birth = '1980-01-01'): string {
  const first17 = `220102${birth.replace(/-/g, '')}${String(n % 1000).padStart(3, '0')}`;
  return first17 + idCheckCharacter(first17);
}

/** A valid USCC for unit `n`; prefix 91 enterprise, 11 government organ, 12 public institution. */
export function uscc(n: number, prefix = '91'): string {
  const first17 = `${prefix}220102${String(n).padStart(9, '0')}`;
  return first17 + usccCheckCharacter(first17);
}

/** Registration row with the usual defaults; override any column. */
export const reg = (id: string, unit: string, extra: Row = {}): Row => ({
  id_number: id,
  name: '张三',
  cert_category: 'CONSTRUCTOR_1',
  cert_number: `C-${id.slice(-6)}-${unit.length}`,
  unit_name: unit,
  unit_code: '',
  city_code: '2201',
  registered_on: '2020-01-01',
  status: 'valid',
  ...extra,
});

/** Social-insurance rows for each month in `months` (YYYY-MM). */
export const si = (id: string, unit: string, months: string[], extra: Row = {}): Row[] =>
  months.map((period) => ({ id_number: id, name: '', unit_name: unit, unit_code: '', region_code: '220102', period, insured_status: '', ...extra }));

/** Housing-fund rows for each month in `months`. */
export const fund = (id: string, unit: string, months: string[], extra: Row = {}): Row[] =>
  months.map((period) => ({ id_number: id, unit_name: unit, unit_code: '', period, ...extra }));

export const WINDOW = ['2024-08', '2024-09', '2024-10'];

const COLUMNS: Record<keyof Fixture, string[]> = {
  registrations: ['id_number', 'name', 'cert_category', 'cert_number', 'unit_name', 'unit_code', 'city_code', 'registered_on', 'status'],
  social_insurance: ['id_number', 'name', 'unit_name', 'unit_code', 'region_code', 'period', 'insured_status'],
  housing_fund: ['id_number', 'unit_name', 'unit_code', 'period'],
  units: ['unit_code', 'unit_name', 'unit_kind', 'branch_of', 'parent_code'],
  public_sector_staff: ['id_number', 'employer_name', 'employer_code'],
};

const cell = (v: string | undefined) => (v === undefined ? '' : /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

export function writeCsv(dir: string, name: string, columns: string[], rows: Row[]): string {
  const file = path.join(dir, name);
  writeFileSync(file, [columns.join(','), ...rows.map((r) => columns.map((c) => cell(r[c])).join(','))].join('\n') + '\n');
  return file;
}

/** Imports the fixture's files as batches; returns their ids. Each source may be given as several files. */
export async function importFixture(pool: Pool, fixture: Fixture | Fixture[]): Promise<number[]> {
  const parts = Array.isArray(fixture) ? fixture : [fixture];
  const dir = makeTempDir('gz-screen-');
  const ids: number[] = [];
  for (const [i, part] of parts.entries()) {
    for (const source of Object.keys(COLUMNS) as Array<keyof Fixture>) {
      const rows = part[source];
      if (rows === undefined) continue;
      const file = writeCsv(dir, `${source}-${i}.csv`, COLUMNS[source], rows);
      const r = await importFile(pool, { source: source, filePath: file, importedBy: 'test' });
      ids.push(r.batchId);
    }
  }
  return ids;
}

export interface ResultRow {
  id_number: string;
  name: string;
  city_code: string;
  cert_categories: string[];
  cert_numbers: string[];
  reg_unit_names: string[];
  reg_unit_codes: string[];
  reasons: string[];
  risk_score: number;
  ss_unit_name: string | null;
  ss_unit_code: string | null;
  ss_region_code: string | null;
  ss_latest_period: string | null;
  fund_unit_name: string | null;
  fund_unit_code: string | null;
  fund_latest_period: string | null;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the jsonb evidence, whose fields each test reads as it needs
  evidence: Record<string, any>;
}

export interface Screened {
  summary: ScreeningRunSummary;
  byId: Map<string, ResultRow>;
  /** The person's reasons, [] when not flagged (or not screened). */
  reasons(id: string): string[];
}

/** Imports, snapshots and screens a fixture with the given settings. */
export async function screen(pool: Pool, fixture: Fixture | Fixture[], settings: Partial<ScreeningSettings> = {}, cityCode?: string): Promise<Screened> {
  const batches = await importFixture(pool, fixture);
  const snapshotId = await createSnapshot(pool, 'test', batches);
  const summary = await runScreening(pool, { snapshotId, cityCode, settings: { windowMonths: 3, ageLimit: 65, riskWeights: {}, ...settings } });
  const { rows } = await pool.query<ResultRow>('SELECT * FROM screening_result WHERE run_id = $1', [summary.runId]);
  const byId = new Map(rows.map((r) => [r.id_number, r]));
  return { summary, byId, reasons: (id) => byId.get(id)?.reasons ?? [] };
}
