/** The fan-out bench's data. */
import type { Pool } from 'pg';

/** N flagged persons of one city in a snapshot and a screening run, written set-based. */
export async function seedScreening(pool: Pool, n: number, cityCode: string): Promise<number> {
  const snap = Number((await pool.query(`INSERT INTO data_snapshot (label) VALUES ('bench-fanout') RETURNING id`)).rows[0].id);
  const batch = async (source: string) => {
    const id = Number(
      (
        await pool.query(
          `INSERT INTO import_batch (source, file_name, checksum, imported_by, status) VALUES ($1, 'bench', 'bench', 'bench', 'completed') RETURNING id`,
          [source],
        )
      ).rows[0].id,
    );
    await pool.query('INSERT INTO data_snapshot_batch VALUES ($1, $2)', [snap, id]);
    return id;
  };
  const [reg, si] = [await batch('registrations'), await batch('social_insurance')];
  const person = `'2201021980' || lpad(g::text, 8, '0')`;
  await pool.query(
    `INSERT INTO registration (batch_id, line, id_number, name, cert_category, cert_number, unit_name, unit_name_norm, unit_code, city_code, status)
     SELECT $1, g + 1, ${person}, '人员' || g, 'CONSTRUCTOR_2', 'C' || g, '建设公司' || (g % 500), '建设公司' || (g % 500), NULL, $3, 'valid'
     FROM generate_series(1, $2) g`,
    [reg, n, cityCode],
  );
  await pool.query(
    `INSERT INTO social_insurance (batch_id, line, id_number, unit_name, unit_name_norm, region_code, period, insured_status)
     SELECT $1, g * 3 + m, ${person}, '其他公司' || (g % 700), '其他公司' || (g % 700), '220102', make_date(2024, 7 + m, 1), 'employed'
     FROM generate_series(1, $2) g, generate_series(1, 3) m`,
    [si, n],
  );
  const run = Number(
    (
      await pool.query(
        `INSERT INTO screening_run (snapshot_id, city_code, as_of, window_months, age_limit, risk_weights, persons_screened, persons_flagged)
     VALUES ($1, $2, '2024-10-01', 3, 65, '{}', $3, $3) RETURNING id`,
        [snap, cityCode, n],
      )
    ).rows[0].id,
  );
  await pool.query(
    `INSERT INTO screening_result (run_id, id_number, name, city_code, cert_categories, cert_numbers, reg_unit_names, reg_unit_codes,
                                   reasons, risk_score, ss_unit_name, ss_latest_period, evidence)
     SELECT $1, ${person}, '人员' || g, $3, '{CONSTRUCTOR_2}', ARRAY['C' || g], ARRAY['建设公司' || (g % 500)], '{""}',
            '{SS_UNIT_MISMATCH}', 40 + (g * 7919) % 60, '其他公司' || (g % 700), '2024-10', '{}'
     FROM generate_series(1, $2) g`,
    [run, n, cityCode],
  );
  return run;
}
