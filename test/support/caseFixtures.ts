/**
 * A screened city without running the importers or the screening: one snapshot of import
 * batches, the persons' rows in each source, a screening run and its flagged results, written
 * straight into the tables those steps fill. Case tests start from here.
 */
import type { Pool } from 'pg';
import { idCheckCharacter } from '../../domain/idNumber';
import { normaliseUnitName } from '../../domain/unitMatching';
import { usccCheckCharacter } from '../../domain/uscc';

/** A valid 18-digit ID number, born 1980-01-01, made unique by n. */
export function fixtureIdNumber(n: number): string {
  const first17 = `22010219800101${String(n % 1000).padStart(3, '0')}`;
  return first17 + idCheckCharacter(first17);
}

/** A valid USCC; prefix '91' = enterprise, '11' = government organ, '12' = public institution. */
export function fixtureUscc(n: number, prefix = '91'): string {
  const first17 = `${prefix}220101MA${String(n).padStart(7, '0')}`;
  return first17 + usccCheckCharacter(first17)!;
}

export interface FixtureUnit {
  name: string;
  code: string;
  kind?: 'enterprise' | 'government' | 'public_institution' | 'hr_agency';
  parentCode?: string;
}

export interface FixturePerson {
  idNumber: string;
  name?: string;
  regUnit: FixtureUnit;
  reasons?: string[];
  riskScore?: number;
  /** Who pays social insurance in each month of the window (default: the registration unit). */
  ssUnit?: FixtureUnit;
  publicSectorEmployer?: FixtureUnit;
  examUnit?: FixtureUnit;
  contractUnit?: FixtureUnit;
}

export interface ScreenedCity {
  snapshotId: number;
  runId: number;
}

const MONTHS = ['2024-08-01', '2024-09-01', '2024-10-01'];

async function batch(pool: Pool, source: string): Promise<number> {
  const { rows } = await pool.query<{ id: string }>(
    `INSERT INTO import_batch (source, file_name, checksum, imported_by, status, finished_at)
     VALUES ($1, $1 || '.csv', md5(random()::text), 'fixture', 'completed', now()) RETURNING id`,
    [source],
  );
  return Number(rows[0].id);
}

/** Extra valid registrations at a unit (its staff), for the pronounced-hanging share. */
export async function addStaff(pool: Pool, snapshotId: number, unit: FixtureUnit, idNumbers: string[], cityCode: string): Promise<void> {
  const b = await batch(pool, 'registrations');
  await pool.query('INSERT INTO data_snapshot_batch (snapshot_id, batch_id) VALUES ($1, $2)', [snapshotId, b]);
  for (const [i, id] of idNumbers.entries()) {
    await pool.query(
      `INSERT INTO registration (batch_id, line, id_number, name, cert_category, cert_number, unit_name, unit_name_norm, unit_code, city_code, status)
       VALUES ($1, $2, $3, '员工', 'CONSTRUCTOR_2', $4, $5, $6, $7, $8, 'valid')`,
      [b, i + 2, id, `STAFF-${i}`, unit.name, normaliseUnitName(unit.name), unit.code, cityCode],
    );
  }
}

export async function seedScreenedCity(pool: Pool, cityCode: string, persons: FixturePerson[]): Promise<ScreenedCity> {
  const snap = await pool.query<{ id: string }>(`INSERT INTO data_snapshot (label) VALUES ('fixture') RETURNING id`);
  const snapshotId = Number(snap.rows[0].id);
  const sources = ['registrations', 'social_insurance', 'units', 'public_sector_staff', 'exam_applications', 'labor_contracts'];
  const ids: Record<string, number> = {};
  for (const s of sources) {
    ids[s] = await batch(pool, s);
    await pool.query('INSERT INTO data_snapshot_batch (snapshot_id, batch_id) VALUES ($1, $2)', [snapshotId, ids[s]]);
  }
  const units = new Map<string, FixtureUnit>();
  for (const p of persons) {
    for (const u of [p.regUnit, p.ssUnit, p.publicSectorEmployer, p.examUnit, p.contractUnit]) if (u) units.set(u.code, u);
  }
  let line = 2;
  for (const u of units.values()) {
    await pool.query(`INSERT INTO unit (batch_id, line, unit_code, unit_name, unit_name_norm, unit_kind, parent_code) VALUES ($1, $2, $3, $4, $5, $6, $7)`, [
      ids.units,
      line++,
      u.code,
      u.name,
      normaliseUnitName(u.name),
      u.kind ?? 'enterprise',
      u.parentCode ?? null,
    ]);
  }
  const run = await pool.query<{ id: string }>(
    `INSERT INTO screening_run (snapshot_id, city_code, as_of, window_months, age_limit, risk_weights, finished_at, persons_screened, persons_flagged)
     VALUES ($1, $2, '2024-10-01', 3, 65, '{}', now(), $3, $3) RETURNING id`,
    [snapshotId, cityCode, persons.length],
  );
  const runId = Number(run.rows[0].id);
  for (const [i, p] of persons.entries()) {
    const name = p.name ?? `测试${i}`;
    const ss = p.ssUnit ?? p.regUnit;
    await pool.query(
      `INSERT INTO registration (batch_id, line, id_number, name, cert_category, cert_number, unit_name, unit_name_norm, unit_code, city_code, status)
       VALUES ($1, $2, $3, $4, 'CONSTRUCTOR_2', $5, $6, $7, $8, $9, 'valid')`,
      [
        ids.registrations,
        i + 2,
        p.idNumber,
        name,
        `吉222${String(i).padStart(6, '0')}`,
        p.regUnit.name,
        normaliseUnitName(p.regUnit.name),
        p.regUnit.code,
        cityCode,
      ],
    );
    for (const [m, period] of MONTHS.entries()) {
      await pool.query(
        `INSERT INTO social_insurance (batch_id, line, id_number, unit_name, unit_name_norm, unit_code, region_code, period, insured_status)
         VALUES ($1, $2, $3, $4, $5, $6, '220102', $7, 'employed')`,
        [ids.social_insurance, i * 3 + m + 2, p.idNumber, ss.name, normaliseUnitName(ss.name), ss.code, period],
      );
    }
    if (p.publicSectorEmployer) {
      await pool.query(
        `INSERT INTO public_sector_staff (batch_id, line, id_number, employer_name, employer_name_norm, employer_code) VALUES ($1, $2, $3, $4, $5, $6)`,
        [ids.public_sector_staff, i + 2, p.idNumber, p.publicSectorEmployer.name, normaliseUnitName(p.publicSectorEmployer.name), p.publicSectorEmployer.code],
      );
    }
    if (p.examUnit) {
      await pool.query(
        `INSERT INTO exam_application (batch_id, line, id_number, exam_year, cert_category, unit_name, unit_name_norm, unit_code)
         VALUES ($1, $2, $3, 2019, 'CONSTRUCTOR_2', $4, $5, $6)`,
        [ids.exam_applications, i + 2, p.idNumber, p.examUnit.name, normaliseUnitName(p.examUnit.name), p.examUnit.code],
      );
    }
    if (p.contractUnit) {
      await pool.query(
        `INSERT INTO labor_contract (batch_id, line, id_number, unit_name, unit_name_norm, unit_code, start_date)
         VALUES ($1, $2, $3, $4, $5, $6, '2021-03-01')`,
        [ids.labor_contracts, i + 2, p.idNumber, p.contractUnit.name, normaliseUnitName(p.contractUnit.name), p.contractUnit.code],
      );
    }
    const detail = {
      registrations: [{ unitName: p.regUnit.name, unitCode: p.regUnit.code, unitKind: p.regUnit.kind ?? 'enterprise' }],
      socialInsurance: {
        latestPeriod: '2024-10',
        latestPayers: [{ unitName: ss.name, unitCode: ss.code, status: 'employed', unitKind: ss.kind ?? 'enterprise' }],
        units: [{ unitName: ss.name, unitCode: ss.code, unitKind: ss.kind ?? 'enterprise', periods: ['2024-08', '2024-09', '2024-10'] }],
      },
      housingFund: { latestPeriod: null, absent: true, units: [] },
      publicSectorStaff: p.publicSectorEmployer ? [{ employerName: p.publicSectorEmployer.name, employerCode: p.publicSectorEmployer.code }] : [],
    };
    await pool.query(
      `INSERT INTO screening_result (run_id, id_number, name, city_code, cert_categories, cert_numbers, reg_unit_names, reg_unit_codes,
                                     reasons, risk_score, ss_unit_name, ss_unit_code, ss_region_code, ss_latest_period, evidence)
       VALUES ($1, $2, $3, $4, '{CONSTRUCTOR_2}', ARRAY[$5], ARRAY[$6], ARRAY[$7], $8, $9, $10, $11, '220102', '2024-10', $12)`,
      [
        runId,
        p.idNumber,
        name,
        cityCode,
        `吉222${String(i).padStart(6, '0')}`,
        p.regUnit.name,
        p.regUnit.code,
        p.reasons ?? ['SS_UNIT_MISMATCH'],
        p.riskScore ?? 40,
        ss.name,
        ss.code,
        JSON.stringify(detail),
      ],
    );
  }
  return { snapshotId, runId };
}
