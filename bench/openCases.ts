/**
 * `npm run bench:open-cases -- --persons 200000 [--seed S]`
 *
 * Phase 2's first step at provincial scale, as the campaign runs it: every city opens its cases
 * at once (nine `openCasesFromScreening` side by side), each freezing registrations and gathering
 * nine kinds of evidence per case in chunks of 5,000. This is what the 200,000-person soak waited
 * on for minutes (docs/deployment.md, "Soak").
 *
 * Setup (not timed in the ratio): generate N persons (cached under bench/out/open-cases-p<N>-s<S>),
 * import the seven files, snapshot, screen each city.
 * (a) project: the nine cities' openCasesFromScreening, concurrently; checks every case got every
 *     kind of evidence;
 * (b) baseline: the same flagged persons' rows of the same six sources copied as plain JSON into an
 *     unlogged table, one connection per city side by side: no windows, no grouping, no upsert.
 * Then, on the opened cases with every third one made liable (as a VIOLATION decision does), the
 * step each city runs when it submits its investigation report:
 * (c) project: the nine cities' checkPronouncedHanging, concurrently (units with pronounced
 *     hanging: liable cases per registration unit against the unit's registered staff);
 * (d) baseline: each city counting the snapshot's valid registrations per unit code, side by side.
 * PostgreSQL: DATABASE_URL's server (a throw-away database on it), else an embedded one.
 * Result lines: RESULT name=open-cases … and RESULT name=pronounced-hanging project=<s> baseline=<s> unit=s ratio=<project/baseline>
 */
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import type { Pool } from 'pg';
import { checkPronouncedHanging } from '../activities/cases/checkPronouncedHanging';
import { openCasesFromScreening } from '../activities/cases/openCasesFromScreening';
import { EVIDENCE_KINDS } from '../activities/cases/evidenceSql';
import { importFile } from '../dataImport/importFile';
import { createSnapshot } from '../dataImport/snapshot';
import { runScreening } from '../activities/screening/runScreening';
import { migrate } from '../db/migrate';
import { JILIN_CITIES } from '../domain/cities';
import { ScreeningSettings } from '../domain/flags';
import { createPool } from '../platform/db';
import { cachedDataset, DATASET_FILES } from './support/dataset';
import { startBenchServices, stopOnSignals } from './support/services';

const { values } = parseArgs({ options: { persons: { type: 'string', default: '200000' }, seed: { type: 'string', default: '1' } } });
const PERSONS = Number(values.persons);
const SEED = Number(values.seed);
const CAMPAIGN = 'bench-open-cases';
/** The sources the evidence reads per person, as (table, label). */
const PERSON_SOURCES = [
  ['registration', 'registrations'],
  ['social_insurance', 'social_insurance'],
  ['housing_fund', 'housing_fund'],
  ['exam_application', 'exam_applications'],
  ['labor_contract', 'labor_contracts'],
  ['public_sector_staff', 'public_sector'],
] as const;

const T0 = performance.now();
const log = (line: string) => console.log(`[open-cases ${((performance.now() - T0) / 1000).toFixed(1).padStart(6)} s] ${line}`);
const seconds = (since: number) => (performance.now() - since) / 1000;

interface CityRun {
  cityCode: string;
  runId: number;
}

async function setUp(pool: Pool, dir: string): Promise<CityRun[]> {
  await migrate(pool);
  const batchIds: number[] = [];
  for (const [source, file] of DATASET_FILES) {
    const r = await importFile(pool, { source, filePath: path.join(dir, file), importedBy: 'bench' });
    batchIds.push(r.batchId);
  }
  const snapshotId = await createSnapshot(pool, 'bench:open-cases', batchIds);
  await pool.query(
    `INSERT INTO campaign (id, name, config, calendar, snapshot_id, workflow_id, launched_by)
     VALUES ($1, 'bench', '{}', '{}', $2, $3, 'bench')`,
    [CAMPAIGN, snapshotId, `campaign/${CAMPAIGN}`],
  );
  const runs: CityRun[] = [];
  for (const city of JILIN_CITIES) {
    const r = await runScreening(pool, { snapshotId, cityCode: city.code, settings: ScreeningSettings.parse({}) });
    runs.push({ cityCode: city.code, runId: r.runId });
  }
  return runs;
}

async function project(pool: Pool, runs: CityRun[]): Promise<{ seconds: number; cases: number; perCity: string }> {
  const started = performance.now();
  const perCity = await Promise.all(
    runs.map(async (r) => {
      const t = performance.now();
      const opened = await openCasesFromScreening(pool, {
        campaignId: CAMPAIGN,
        cityCode: r.cityCode,
        screeningRunId: r.runId,
        dueAt: '2025-01-31T16:00:00.000Z',
        shardSize: 500,
      });
      return `${r.cityCode} ${opened.opened} in ${seconds(t).toFixed(1)} s`;
    }),
  );
  const wall = seconds(started);
  const { rows } = await pool.query<{ cases: number; short: number }>(
    `SELECT count(*)::int AS cases, count(*) FILTER (WHERE n < $2)::int AS short
     FROM (SELECT c.case_id, count(v.kind) AS n FROM case_file c LEFT JOIN case_evidence v ON v.case_id = c.case_id
           WHERE c.campaign_id = $1 GROUP BY c.case_id) x`,
    [CAMPAIGN, EVIDENCE_KINDS.length],
  );
  if (rows[0].short > 0) throw new Error(`${rows[0].short} of ${rows[0].cases} cases lack some of the ${EVIDENCE_KINDS.length} kinds of evidence`);
  return { seconds: wall, cases: rows[0].cases, perCity: perCity.join(', ') };
}

async function baseline(pool: Pool, runs: CityRun[]): Promise<{ seconds: number; rows: number }> {
  await pool.query('CREATE UNLOGGED TABLE bench_person_rows (id_number text, source text, row jsonb)');
  const started = performance.now();
  await Promise.all(
    runs.map(async (r) => {
      for (const [table, label] of PERSON_SOURCES) {
        await pool.query(
          `INSERT INTO bench_person_rows (id_number, source, row)
         SELECT f.id_number, $2, to_jsonb(t) FROM screening_result f
         JOIN screening_run s ON s.id = f.run_id
         JOIN data_snapshot_batch b ON b.snapshot_id = s.snapshot_id
         JOIN ${table} t ON t.batch_id = b.batch_id AND t.id_number = f.id_number
         WHERE f.run_id = $1`,
          [r.runId, label],
        );
      }
    }),
  );
  const wall = seconds(started);
  const { rows } = await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM bench_person_rows');
  return { seconds: wall, rows: rows[0].n };
}

/** (c): every third case made liable, then the nine cities' check at once. */
async function pronouncedHanging(pool: Pool, runs: CityRun[]): Promise<{ seconds: number; units: number; perCity: string }> {
  await pool.query(`UPDATE case_file SET status = 'closed', outcome = 'VIOLATION', liability = 'liable' WHERE campaign_id = $1 AND seq % 3 = 0`, [CAMPAIGN]);
  // As autovacuum would after tens of thousands of decisions: the check reads liable cases by campaign and city.
  await pool.query('ANALYZE case_file');
  const started = performance.now();
  const perCity = await Promise.all(
    runs.map(async (r) => {
      const t = performance.now();
      const res = await checkPronouncedHanging(pool, { campaignId: CAMPAIGN, cityCode: r.cityCode, minViolations: 3, minShare: 0.3 });
      return { text: `${r.cityCode} ${res.units} units in ${seconds(t).toFixed(1)} s`, units: res.units };
    }),
  );
  return { seconds: seconds(started), units: perCity.reduce((n, c) => n + c.units, 0), perCity: perCity.map((c) => c.text).join(', ') };
}

/** (d): the staff of every unit of the snapshot, by code, once per city side by side. */
async function staffBaseline(pool: Pool, runs: CityRun[]): Promise<{ seconds: number }> {
  const started = performance.now();
  await Promise.all(
    runs.map((r) =>
      pool.query(
        `SELECT g.unit_code, count(DISTINCT g.id_number) FROM registration g
     WHERE g.status = 'valid' AND g.batch_id IN (SELECT b.batch_id FROM data_snapshot_batch b JOIN screening_run s ON s.snapshot_id = b.snapshot_id WHERE s.id = $1)
     GROUP BY g.unit_code`,
        [r.runId],
      ),
    ),
  );
  return { seconds: seconds(started) };
}

async function main(): Promise<void> {
  const dir = await cachedDataset('open-cases', PERSONS, SEED, log);
  const services = await startBenchServices({ tag: 'opencases', withoutTemporal: true, log });
  stopOnSignals(services.kill);
  const pool = createPool(services.databaseUrl, { max: 20 });
  try {
    const t = performance.now();
    const runs = await setUp(pool, dir);
    log(`setup: ${PERSONS} persons imported, snapshotted and screened in ${seconds(t).toFixed(1)} s`);
    const p = await project(pool, runs);
    log(`project: ${p.cases} cases opened with all ${EVIDENCE_KINDS.length} kinds of evidence in ${p.seconds.toFixed(1)} s (${p.perCity})`);
    const b = await baseline(pool, runs);
    log(`baseline: ${b.rows} source rows of the same persons copied in ${b.seconds.toFixed(1)} s`);
    console.log(`RESULT name=open-cases project=${p.seconds.toFixed(2)} baseline=${b.seconds.toFixed(2)} unit=s ratio=${(p.seconds / b.seconds).toFixed(2)}`);
    const h = await pronouncedHanging(pool, runs);
    log(`project: pronounced hanging checked in nine cities in ${h.seconds.toFixed(1)} s, ${h.units} units with a task (${h.perCity})`);
    const sb = await staffBaseline(pool, runs);
    log(`baseline: every unit's staff counted nine times in ${sb.seconds.toFixed(1)} s`);
    console.log(
      `RESULT name=pronounced-hanging project=${h.seconds.toFixed(2)} baseline=${sb.seconds.toFixed(2)} unit=s ratio=${(h.seconds / sb.seconds).toFixed(2)}`,
    );
  } finally {
    await pool.end();
    await services.stop();
  }
}

main().catch((err) => {
  console.error(`bench:open-cases failed: ${(err as Error).message}`);
  process.exit(1);
});
