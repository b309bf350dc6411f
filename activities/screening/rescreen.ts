/**
 * Re-screening (issue 21 item 4): a new snapshot screened against the run of an earlier one, as a
 * diff. Only the persons whose input rows changed between the two snapshots are screened again;
 * every other person keeps the earlier run's result row, copied into the new run. The new run is
 * complete (every flagged person of the city), so later re-screenings and case opening read it
 * like any run.
 *
 * Which persons changed: for each person source (registrations, social insurance, housing fund),
 * the batches only the old snapshot has (removed) and only the new one has (added) are read, and
 * each person's rows are summed as 64-bit row hashes, + for added and − for removed. Rows of the
 * batches both snapshots share cancel out without being read, so a person is touched exactly when
 * the multiset of their rows differs (a hash collision aside, which would only leave a person's
 * earlier result in place). A re-imported file that changed for 5 % of persons touches those 5 %.
 *
 * A diff is only valid when everything else a result depends on is equal: the settings (window,
 * age limit, weights), the month screened (as_of) and the units and public-sector files. When one
 * of those differs the re-screening screens everyone (mode `full`); when no batch differs it
 * reuses the earlier run (mode `unchanged`).
 */
import type { Pool, PoolClient } from 'pg';
import { z } from 'zod';
import { CityCode } from '../../domain/cityCode';
import { DEFAULT_RISK_WEIGHTS, ScreeningSettings } from '../../domain/flags';
import { inTransaction } from '../../platform/transactions';
import { runScreening, screenInTransaction, SnapshotNotFoundError } from './runScreening';

export const RescreenInput = z.object({
  fromRunId: z.number().int().positive(),
  snapshotId: z.number().int().positive(),
  cityCode: CityCode.optional(),
  settings: ScreeningSettings,
});
export type RescreenInput = z.input<typeof RescreenInput>;

export type RescreenMode = 'diff' | 'full' | 'unchanged';

export interface RescreenSummary {
  mode: RescreenMode;
  fromRunId: number;
  fromSnapshotId: number;
  runId: number;
  personsTouched: number;
  personsScreened: number;
  personsFlagged: number;
}

/** The sources whose rows belong to one person, with the columns screening reads of each. */
const PERSON_SOURCES = [
  {
    source: 'registrations',
    table: 'registration',
    cols: 'x.name, x.cert_category, x.cert_number, x.unit_name, x.unit_name_norm, x.unit_code, x.city_code, x.registered_on, x.status',
  },
  {
    source: 'social_insurance',
    table: 'social_insurance',
    cols: 'x.unit_name, x.unit_name_norm, x.unit_code, x.region_code, x.period, x.insured_status',
    windowed: true,
  },
  { source: 'housing_fund', table: 'housing_fund', cols: 'x.unit_name, x.unit_name_norm, x.unit_code, x.period', windowed: true },
] as const satisfies readonly { source: string; table: string; cols: string; windowed?: boolean }[];
/** Sources every person's result depends on: a change there means screening everyone again. */
const SHARED_SOURCES = ['units', 'public_sector_staff'];

const RunRow = z.object({
  snapshot_id: z.coerce.number(),
  city_code: z.string().nullable(),
  as_of: z.string(),
  window_months: z.number(),
  age_limit: z.number(),
  risk_weights: z.record(z.string(), z.number()),
  persons_screened: z.number().nullable(),
  persons_flagged: z.number().nullable(),
});

type Batches = Map<string, number[]>;

async function batchesBySource(db: Pool | PoolClient, snapshotId: number): Promise<Batches> {
  const { rows } = await db.query<{ source: string; id: string }>(
    'SELECT b.source, b.id FROM data_snapshot_batch s JOIN import_batch b ON b.id = s.batch_id WHERE s.snapshot_id = $1',
    [snapshotId],
  );
  const out: Batches = new Map();
  for (const r of rows) out.set(r.source, [...(out.get(r.source) ?? []), Number(r.id)]);
  return out;
}

const minus = (a: number[] = [], b: number[] = []) => a.filter((x) => !b.includes(x));

/** The month a run of `snapshotId` would screen: the same rule as runScreening. */
async function asOfOf(db: PoolClient, snapshotId: number, settings: ScreeningSettings): Promise<string> {
  const { rows } = await db.query<{ as_of: string }>(
    `SELECT to_char(coalesce(
       to_date($2, 'YYYY-MM'),
       (SELECT max(period) FROM social_insurance WHERE batch_id IN (SELECT batch_id FROM data_snapshot_batch WHERE snapshot_id = $1)),
       (SELECT max(period) FROM housing_fund WHERE batch_id IN (SELECT batch_id FROM data_snapshot_batch WHERE snapshot_id = $1)),
       date_trunc('month', now() AT TIME ZONE 'Asia/Shanghai')::date), 'YYYY-MM-DD') AS as_of`,
    [snapshotId, settings.asOf ?? null],
  );
  return rows[0].as_of;
}

/**
 * Whether the new snapshot screens the same month as the earlier run, reading as little as it can:
 * with as_of set, nothing; else the latest social-insurance month is the earlier one when no added
 * batch goes past it and some batch (added, or shared, where one row at that month is enough) still
 * reaches it. Anything less clear is answered by computing the month in full.
 */
async function sameAsOf(db: PoolClient, snapshotId: number, settings: ScreeningSettings, fromAsOf: string, oldB: Batches, newB: Batches): Promise<boolean> {
  if (settings.asOf) return `${settings.asOf}-01` === fromAsOf;
  const added = minus(newB.get('social_insurance'), oldB.get('social_insurance'));
  const shared = (newB.get('social_insurance') ?? []).filter((b) => (oldB.get('social_insurance') ?? []).includes(b));
  const { rows } = await db.query<{ added_max: string | null; shared_reaches: boolean }>(
    `SELECT to_char((SELECT max(period) FROM social_insurance WHERE batch_id = ANY ($1::bigint[])), 'YYYY-MM-DD') AS added_max,
            EXISTS (SELECT 1 FROM social_insurance WHERE batch_id = ANY ($2::bigint[]) AND period = $3::date) AS shared_reaches`,
    [added, shared, fromAsOf],
  );
  const { added_max: addedMax, shared_reaches: sharedReaches } = rows[0];
  if (addedMax !== null && addedMax > fromAsOf) return false;
  if (addedMax === fromAsOf || sharedReaches) return true;
  return (await asOfOf(db, snapshotId, settings)) === fromAsOf;
}

const sameWeights = (a: Record<string, number>, b: Record<string, number>) => Object.keys({ ...a, ...b }).every((k) => a[k] === b[k]);

/** Screens `snapshotId` against the run `fromRunId` (same city), as a diff when it may. */
export async function rescreen(pool: Pool, raw: RescreenInput): Promise<RescreenSummary> {
  const input = RescreenInput.parse(raw);
  const fromRow = await pool.query(
    `SELECT snapshot_id, city_code, to_char(as_of, 'YYYY-MM-DD') AS as_of, window_months, age_limit, risk_weights, persons_screened, persons_flagged
     FROM screening_run WHERE id = $1`,
    [input.fromRunId],
  );
  if (!fromRow.rows[0]) throw new Error(`screening run ${input.fromRunId} does not exist`);
  const from = RunRow.parse(fromRow.rows[0]);
  const cityCode = input.cityCode ?? from.city_code?.trim() ?? null;
  if ((from.city_code?.trim() ?? null) !== cityCode) throw new Error(`screening run ${input.fromRunId} is not of the same scope`);
  const exists = await pool.query('SELECT 1 FROM data_snapshot WHERE id = $1', [input.snapshotId]);
  if (exists.rowCount === 0) throw new SnapshotNotFoundError(input.snapshotId);

  const [oldB, newB] = await Promise.all([batchesBySource(pool, from.snapshot_id), batchesBySource(pool, input.snapshotId)]);
  const sources = new Set([...oldB.keys(), ...newB.keys()]);
  const changedSources = [...sources].filter((s) => minus(oldB.get(s), newB.get(s)).length + minus(newB.get(s), oldB.get(s)).length > 0);
  const base = { fromRunId: input.fromRunId, fromSnapshotId: from.snapshot_id };
  if (changedSources.length === 0 && input.snapshotId === from.snapshot_id) {
    return {
      ...base,
      mode: 'unchanged',
      runId: input.fromRunId,
      personsTouched: 0,
      personsScreened: from.persons_screened ?? 0,
      personsFlagged: from.persons_flagged ?? 0,
    };
  }
  const weights = { ...DEFAULT_RISK_WEIGHTS, ...input.settings.riskWeights };
  const full = async (): Promise<RescreenSummary> => {
    const r = await runScreening(pool, { snapshotId: input.snapshotId, ...(cityCode ? { cityCode } : {}), settings: input.settings });
    return { ...base, mode: 'full', runId: r.runId, personsTouched: r.personsScreened, personsScreened: r.personsScreened, personsFlagged: r.personsFlagged };
  };
  if (
    changedSources.some((s) => SHARED_SOURCES.includes(s)) ||
    from.window_months !== input.settings.windowMonths ||
    from.age_limit !== input.settings.ageLimit ||
    !sameWeights(from.risk_weights, weights)
  ) {
    return full();
  }

  return inTransaction(pool, async (client) => {
    if (!(await sameAsOf(client, input.snapshotId, input.settings, from.as_of, oldB, newB))) return null;
    await client.query("SET LOCAL work_mem = '256MB'");
    await client.query('SET LOCAL jit = off');
    let touched = 0;
    let screenedBefore = 0;
    // The month is known to be the earlier run's: the run need not look for it again.
    const settings = { ...input.settings, asOf: from.as_of.slice(0, 7) };
    const summary = await screenInTransaction(client, input.snapshotId, cityCode, settings, {
      subset: async (c) => {
        // Each distinct row of the changed batches, counted +1 per added and -1 per removed batch row:
        // a row whose counts differ changed the person's data (rows of shared batches cancel unread).
        // Contributions outside the window screened (the same for both runs) change nothing.
        const parts = PERSON_SOURCES.flatMap((src) => {
          const { source, table, cols } = src;
          const window = 'windowed' in src ? ` AND x.period BETWEEN (SELECT window_start FROM scr_param) AND (SELECT as_of FROM scr_param)` : '';
          const added = minus(newB.get(source), oldB.get(source));
          const removed = minus(oldB.get(source), newB.get(source));
          if (added.length + removed.length === 0) return [];
          return [
            `SELECT x.id_number::text AS id_number
             FROM ${table} x WHERE x.batch_id = ANY ('{${[...added, ...removed].join(',')}}'::bigint[])${window}
             GROUP BY x.id_number, ${cols}
             HAVING sum(CASE WHEN x.batch_id = ANY ('{${added.join(',')}}'::bigint[]) THEN 1 ELSE -1 END) <> 0`,
          ];
        });
        const t0 = Date.now();
        // Hash aggregation: sorting these rows by text keys in the database's collation is many times slower.
        await c.query('SET LOCAL enable_sort = off');
        if (parts.length > 0) await c.query(`INSERT INTO scr_only SELECT DISTINCT id_number FROM (${parts.join(' UNION ALL ')}) u`);
        await c.query('SET LOCAL enable_sort = on');
        if (process.env.GZ_SCREEN_TIMINGS) process.stderr.write(`rescreen digest ${(Date.now() - t0) / 1000} s\n`);
        // A few persons' registrations: the index on (id_number, batch_id) is the plan here.
        await c.query('SET LOCAL enable_nestloop = on');
        touched = (await c.query<{ n: number }>('SELECT count(*)::int AS n FROM scr_only')).rows[0].n;
        // Of the touched persons, those the earlier run screened (first valid registration in its scope).
        screenedBefore = (
          await c.query<{ n: number }>(
            `SELECT count(*)::int AS n FROM (
               SELECT DISTINCT ON (r.id_number) r.city_code
               FROM registration r JOIN scr_only o ON o.id_number = r.id_number::text
               WHERE r.batch_id IN (SELECT batch_id FROM data_snapshot_batch WHERE snapshot_id = $1) AND r.status = 'valid'
               ORDER BY r.id_number, r.registered_on NULLS LAST, r.batch_id, r.line, r.cert_number COLLATE "C") f
             WHERE $2::text IS NULL OR f.city_code = $2`,
            [from.snapshot_id, cityCode],
          )
        ).rows[0].n;
        await c.query('SET LOCAL enable_nestloop = off');
      },
      after: async (c, runId) => {
        // Everyone untouched keeps the earlier result, evidence and all.
        await c.query(
          `INSERT INTO screening_result
           SELECT $1, r.id_number, r.name, r.city_code, r.cert_categories, r.cert_numbers, r.reg_unit_names, r.reg_unit_codes,
                  r.reasons, r.risk_score, r.ss_unit_name, r.ss_unit_code, r.ss_region_code, r.ss_latest_period,
                  r.fund_unit_name, r.fund_unit_code, r.fund_latest_period, r.evidence
           FROM screening_result r
           WHERE r.run_id = $2 AND NOT EXISTS (SELECT 1 FROM scr_only o WHERE o.id_number = r.id_number::text)`,
          [runId, input.fromRunId],
        );
      },
    });
    const counts = await client.query<{ screened: number; flagged: number }>(
      `UPDATE screening_run SET persons_screened = $2, persons_flagged = (SELECT count(*) FROM screening_result WHERE run_id = $1)
       WHERE id = $1 RETURNING persons_screened AS screened, persons_flagged AS flagged`,
      [summary.runId, (from.persons_screened ?? 0) - screenedBefore + summary.personsScreened],
    );
    return {
      ...base,
      mode: 'diff' as const,
      runId: summary.runId,
      personsTouched: touched,
      personsScreened: counts.rows[0].screened,
      personsFlagged: counts.rows[0].flagged,
    };
  }).then((r) => r ?? full());
}

/**
 * The differences between two runs' results (one row per person whose flags differ), for the
 * re-screening's report. Persons a diff did not touch have identical rows and drop out.
 */
export const RUN_CHANGES_SQL = `
SELECT coalesce(n.id_number, o.id_number) AS id_number,
       CASE WHEN o.id_number IS NULL THEN 'newly_flagged' WHEN n.id_number IS NULL THEN 'no_longer_flagged' ELSE 'reasons_changed' END AS change,
       coalesce(o.reasons, '{}') AS reasons_before, coalesce(n.reasons, '{}') AS reasons_after
FROM (SELECT id_number, reasons FROM screening_result WHERE run_id = $1) o
FULL JOIN (SELECT id_number, reasons FROM screening_result WHERE run_id = $2) n ON n.id_number = o.id_number
WHERE o.id_number IS NULL OR n.id_number IS NULL OR o.reasons <> n.reasons`;
