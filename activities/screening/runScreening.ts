/**
 * Screening (DATA-CONTRACT "Screening semantics") as set-based SQL over one data snapshot.
 * The `screen` command and the campaign's city workflows both call this, so a person's flags
 * are the same on the command line and inside a campaign.
 */
import { performance } from 'node:perf_hooks';
import type { Pool, PoolClient } from 'pg';
import { z } from 'zod';
import { CityCode } from '../../domain/cityCode';
import { DomainError } from '../../domain/errors';
import { DEFAULT_RISK_WEIGHTS, ScreeningSettings, type FlagCode } from '../../domain/flags';
import { inTransaction } from '../../platform/transactions';
import { SCREENING_STEPS, screeningSql } from './sqlFiles';

export const RunScreeningInput = z.object({
  snapshotId: z.number().int().positive(),
  cityCode: CityCode.optional(),
  settings: ScreeningSettings,
});
export type RunScreeningInput = z.input<typeof RunScreeningInput>;

export interface ScreeningRunSummary {
  runId: number;
  /** The month screened, YYYY-MM (the settings' asOf, else the latest social-insurance period). */
  asOf: string;
  windowMonths: number;
  personsScreened: number;
  personsFlagged: number;
}

export class SnapshotNotFoundError extends DomainError {
  constructor(snapshotId: number) {
    super('SnapshotNotFound', `data snapshot ${snapshotId} does not exist`);
  }
}

// Sized for ~5M input rows: hash joins and aggregates stay in memory instead of spilling.
const WORK_MEM = '256MB';

/** Screens every person with a valid registration in the snapshot (or one city's) and stores the flagged ones. */
export async function runScreening(pool: Pool, input: RunScreeningInput): Promise<ScreeningRunSummary> {
  const { snapshotId, cityCode, settings } = RunScreeningInput.parse(input);
  return inTransaction(pool, (client) => screenInTransaction(client, snapshotId, cityCode ?? null, settings));
}

/**
 * Hooks of a partial run (activities/screening/rescreen.ts): `subset` fills the run's `scr_only`
 * table (one `id_number` per person to screen) before the steps, so only those persons are
 * screened; `after` runs once the steps are done, while the run's working tables still exist.
 */
export interface PartialRun {
  subset: (client: PoolClient) => Promise<void>;
  after: (client: PoolClient, runId: number) => Promise<void>;
}

/** The same run inside the caller's transaction (the re-screening's diff uses it with `partial`). */
export async function screenInTransaction(
  client: PoolClient,
  snapshotId: number,
  cityCode: string | null,
  settings: ScreeningSettings,
  partial?: PartialRun,
): Promise<ScreeningRunSummary> {
  const weights: Record<FlagCode, number> = { ...DEFAULT_RISK_WEIGHTS, ...settings.riskWeights };
  await client.query(`SET LOCAL work_mem = '${WORK_MEM}'`);
  // A bulk pipeline over unindexed temp tables: hashing is always right, and the planner's
  // guesses for grouped intermediate results (200 rows) would otherwise pick nested loops that
  // rescan tens of thousands of times.
  await client.query('SET LOCAL enable_nestloop = off');
  await client.query('SET LOCAL enable_mergejoin = off');
  // JIT compiles each statement's expressions once the planner's cost passes jit_above_cost,
  // which these statements always do, and the planner's guesses for temp tables make that cost
  // large: on a server built with LLVM (PostgreSQL 15 here) the flags statement alone took 3.1 s
  // with JIT and 0.3 s without at 20,000 persons. Builds without LLVM ignore the setting.
  await client.query('SET LOCAL jit = off');
  // The ANALYZEs of the temp tables only need row counts and rough distinct counts (to pick
  // the hashed side and hash aggregation); a 3,000-row sample gives those at a tenth of the
  // cost of the default 30,000 rows.
  await client.query('SET LOCAL default_statistics_target = 10');
  const batches = await client.query<{ ids: string[] | null }>(
    `SELECT array_agg(b.batch_id ORDER BY b.batch_id) AS ids FROM data_snapshot_batch b WHERE b.snapshot_id = $1`,
    [snapshotId],
  );
  const exists = await client.query('SELECT 1 FROM data_snapshot WHERE id = $1', [snapshotId]);
  if (exists.rowCount === 0) throw new SnapshotNotFoundError(snapshotId);
  const batchIds = batches.rows[0]?.ids ?? [];

  // as_of: the setting, else the latest social-insurance period of the snapshot; with no
  // social-insurance rows at all, the latest housing-fund period, else the current month in China.
  const asOfRow = await client.query<{ as_of: string }>(
    `SELECT to_char(coalesce(
       to_date($2, 'YYYY-MM'),
       (SELECT max(period) FROM social_insurance WHERE batch_id = ANY ($1::bigint[])),
       (SELECT max(period) FROM housing_fund WHERE batch_id = ANY ($1::bigint[])),
       date_trunc('month', now() AT TIME ZONE 'Asia/Shanghai')::date), 'YYYY-MM-DD') AS as_of`,
    [batchIds, settings.asOf ?? null],
  );
  const asOf = asOfRow.rows[0].as_of;

  const run = await client.query<{ id: string }>(
    `INSERT INTO screening_run (snapshot_id, city_code, as_of, window_months, age_limit, risk_weights)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [snapshotId, cityCode, asOf, settings.windowMonths, settings.ageLimit, JSON.stringify(weights)],
  );
  const runId = Number(run.rows[0].id);

  // The run's working tables live in a schema of its own, unlogged (no WAL), created and dropped
  // inside this transaction: a failed run leaves nothing behind. Not temp tables: PostgreSQL never
  // scans a temp table in parallel, and on a multi-core server the large aggregates below do.
  const scratch = `scr_run_${runId}`;
  await client.query(`CREATE SCHEMA ${scratch}`);
  await client.query(`SET LOCAL search_path = ${scratch}, public`);
  await client.query(
    `CREATE UNLOGGED TABLE scr_param AS
    SELECT $1::bigint AS run_id, $2::bigint[] AS batches, $3::text AS city_code,
           $4::date AS as_of, ($4::date + interval '1 month' - interval '1 day')::date AS as_of_end,
           ($4::date - make_interval(months => $5::int - 1))::date AS window_start, $5::int AS window_months,
           $6::int AS age_limit, $7::jsonb AS weights, $8::boolean AS subset`,
    [runId, batchIds, cityCode, asOf, settings.windowMonths, settings.ageLimit, JSON.stringify(weights), partial !== undefined],
  );
  // The persons a partial run screens (empty and unread in a full run).
  await client.query('CREATE UNLOGGED TABLE scr_only (id_number text PRIMARY KEY)');
  if (partial) {
    const t = performance.now();
    await partial.subset(client);
    await client.query('ANALYZE scr_only');
    stepTiming('subset', t);
  }

  for (const step of SCREENING_STEPS) {
    const t = performance.now();
    await client.query(screeningSql(step));
    stepTiming(step, t);
    if (step === 'units') await assertNoUnitKeyCollision(client);
  }

  const done = await client.query<{ screened: number; flagged: number }>(
    `UPDATE screening_run SET finished_at = clock_timestamp(),
       persons_screened = (SELECT count(*) FROM scr_person), persons_flagged = (SELECT count(*) FROM scr_flagged)
     WHERE id = $1 RETURNING persons_screened AS screened, persons_flagged AS flagged`,
    [runId],
  );
  if (partial) {
    const t = performance.now();
    await partial.after(client, runId);
    stepTiming('after', t);
  }
  await client.query(`DROP SCHEMA ${scratch} CASCADE`);
  return {
    runId,
    asOf: asOf.slice(0, 7),
    windowMonths: settings.windowMonths,
    personsScreened: done.rows[0].screened,
    personsFlagged: done.rows[0].flagged,
  };
}

/** With GZ_SCREEN_TIMINGS set, each step's duration goes to stderr (the benches read it). */
function stepTiming(step: string, started: number): void {
  if (process.env.GZ_SCREEN_TIMINGS) process.stderr.write(`screening step ${step} ${((performance.now() - started) / 1000).toFixed(2)} s\n`);
}

/**
 * Unit references are joined by a 64-bit hash of (code, name). A collision (about 1 in 10^10 for
 * 50,000 distinct references) would silently make two units one, so it stops the run instead.
 */
async function assertNoUnitKeyCollision(client: PoolClient): Promise<void> {
  const { rows } = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM scr_ref WHERE collision');
  if (rows[0].n > 0) throw new Error('screening stopped: two unit references share a hash key; please report this');
}
