/**
 * `npm run bench:rescreen -- --persons 200000 [--seed S] [--changed 0.05]`
 *
 * Re-screening on fresh data (issue 21): the social-insurance file arrives again during the
 * campaign, changed for 5 % of persons (for half of them the latest month's contributions are gone,
 * for the other half the paying unit is another one), and forms a new snapshot with the other
 * files' batches.
 *
 * Setup (not timed): generate N persons (cached under bench/out/rescreen-p<N>-s<S>), import the
 * seven files, snapshot, screen the province (the previous run); write the changed social-insurance
 * file, import it and snapshot again.
 * (a) baseline: screening the new snapshot from scratch (runScreening, the whole province);
 * (b) project: re-screening the new snapshot against the previous run (activities/screening/
 *     rescreen.ts: only the persons whose rows changed are screened again) plus the comparison of
 *     the two runs (newly flagged, no longer flagged, changed reasons).
 * Both in the same run on the same database. The bench checks that both runs flag the same persons
 * with the same reasons and risk scores, and fails otherwise.
 * Last line: RESULT name=rescreen project=<s> baseline=<s> unit=s ratio=<project/baseline>
 */
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import type { Pool } from 'pg';
import { rescreen, RUN_CHANGES_SQL } from '../activities/screening/rescreen';
import { runScreening } from '../activities/screening/runScreening';
import { importFile } from '../dataImport/importFile';
import { createSnapshot } from '../dataImport/snapshot';
import { migrate } from '../db/migrate';
import { createPool } from '../platform/db';
import { cachedDataset, DATASET_FILES } from './support/dataset';
import { startBenchServices, stopOnSignals } from './support/services';

const { values } = parseArgs({
  options: { persons: { type: 'string', default: '200000' }, seed: { type: 'string', default: '1' }, changed: { type: 'string', default: '0.05' } },
});
const PERSONS = Number(values.persons);
const SEED = Number(values.seed);
const CHANGED = Number(values.changed);
const SETTINGS = { windowMonths: 3, ageLimit: 65 };

const T0 = performance.now();
const log = (line: string) => console.log(`[rescreen ${((performance.now() - T0) / 1000).toFixed(1).padStart(6)} s] ${line}`);
const seconds = (since: number) => (performance.now() - since) / 1000;

/** Deterministic choice of the changed persons: a hash of the ID number below the share. */
function chosen(idNumber: string): 0 | 1 | 2 {
  let h = 2166136261;
  for (let i = 0; i < idNumber.length; i++) h = Math.imul(h ^ idNumber.charCodeAt(i), 16777619) >>> 0;
  const x = h / 2 ** 32;
  if (x >= CHANGED) return 0;
  return x < CHANGED / 2 ? 1 : 2;
}

/**
 * The social-insurance file again, changed for the chosen persons: kind 1 loses its latest month
 * (`latest`), kind 2 has every row's unit replaced by an unknown one. A plain CSV line split is
 * enough: datagen's social-insurance file quotes no field with a comma.
 */
async function writeChangedSocialInsurance(dir: string): Promise<{ file: string; persons: number }> {
  const src = path.join(dir, 'social_insurance.csv');
  const file = path.join(dir, `social_insurance.changed-${CHANGED}.csv`);
  const lines = createInterface({ input: createReadStream(src, 'utf8'), crlfDelay: Infinity });
  let header: string[] | undefined;
  const rows: string[][] = [];
  let latest = '';
  for await (const line of lines) {
    if (!header) {
      header = line.split(',');
      continue;
    }
    if (line === '') continue;
    const cells = line.split(',');
    rows.push(cells);
  }
  if (!header) throw new Error('social_insurance.csv is empty');
  const col = (name: string) => {
    const i = header.indexOf(name);
    if (i < 0) throw new Error(`social_insurance.csv has no column ${name} (${header.join(',')})`);
    return i;
  };
  const [idC, periodC, unitNameC, unitCodeC] = [col('id_number'), col('period'), col('unit_name'), col('unit_code')];
  for (const r of rows) if ((r[periodC] ?? '') > latest) latest = r[periodC];
  const touched = new Set<string>();
  const out = createWriteStream(file, 'utf8');
  out.write(`${header.join(',')}\n`);
  for (const r of rows) {
    const id = (r[idC] ?? '').toUpperCase();
    const kind = chosen(id);
    if (kind !== 0) touched.add(id);
    if (kind === 1 && r[periodC] === latest) continue;
    if (kind === 2) {
      r[unitNameC] = '吉林省复筛测试无关单位有限公司';
      r[unitCodeC] = '';
    }
    if (!out.write(`${r.join(',')}\n`)) await new Promise<void>((res) => out.once('drain', () => res()));
  }
  await new Promise<void>((res, rej) => out.end((err?: Error | null) => (err ? rej(err) : res())));
  return { file, persons: touched.size };
}

async function setUp(pool: Pool, dir: string) {
  await migrate(pool);
  const batches = new Map<string, number>();
  for (const [source, file] of DATASET_FILES) {
    const r = await importFile(pool, { source, filePath: path.join(dir, file), importedBy: 'bench' });
    batches.set(source, r.batchId);
  }
  const before = await createSnapshot(pool, 'bench:rescreen:before', [...batches.values()]);
  const prev = await runScreening(pool, { snapshotId: before, settings: SETTINGS });
  log(`previous run: ${prev.personsScreened} screened, ${prev.personsFlagged} flagged`);
  const changed = existsSync(path.join(dir, `social_insurance.changed-${CHANGED}.csv`))
    ? { file: path.join(dir, `social_insurance.changed-${CHANGED}.csv`), persons: -1 }
    : await writeChangedSocialInsurance(dir);
  const fresh = await importFile(pool, { source: 'social_insurance', filePath: changed.file, importedBy: 'bench' });
  batches.set('social_insurance', fresh.batchId);
  const after = await createSnapshot(pool, 'bench:rescreen:after', [...batches.values()]);
  log(`new snapshot: social insurance imported again${changed.persons >= 0 ? `, changed for ${changed.persons} persons` : ''}`);
  // Both timed runs start from the same state: the tables' statistics are current.
  await pool.query('ANALYZE');
  return { prevRunId: prev.runId, snapshotId: after };
}

async function compare(pool: Pool, a: number, b: number): Promise<number> {
  const { rows } = await pool.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM (SELECT id_number, reasons, risk_score FROM screening_result WHERE run_id = $1) x
     FULL JOIN (SELECT id_number, reasons, risk_score FROM screening_result WHERE run_id = $2) y ON y.id_number = x.id_number
     WHERE x.id_number IS NULL OR y.id_number IS NULL OR x.reasons <> y.reasons OR x.risk_score <> y.risk_score`,
    [a, b],
  );
  return rows[0].n;
}

async function main(): Promise<void> {
  const dir = await cachedDataset('rescreen', PERSONS, SEED, log);
  const services = await startBenchServices({ tag: 'rescreen', withoutTemporal: true, log });
  stopOnSignals(services.kill);
  const pool = createPool(services.databaseUrl, { max: 4 });
  try {
    const t = performance.now();
    const { prevRunId, snapshotId } = await setUp(pool, dir);
    log(`setup: ${PERSONS} persons imported, screened, re-imported in ${seconds(t).toFixed(1)} s`);

    const b0 = performance.now();
    const full = await runScreening(pool, { snapshotId, settings: SETTINGS });
    const baseline = seconds(b0);
    log(`baseline: screened ${full.personsScreened} persons from scratch, ${full.personsFlagged} flagged, in ${baseline.toFixed(2)} s`);

    const p0 = performance.now();
    const diff = await rescreen(pool, { fromRunId: prevRunId, snapshotId, settings: SETTINGS });
    const changes = await pool.query<{ change: string; n: number }>(`SELECT change, count(*)::int AS n FROM (${RUN_CHANGES_SQL}) c GROUP BY change`, [
      prevRunId,
      diff.runId,
    ]);
    const project = seconds(p0);
    const byKind = Object.fromEntries(changes.rows.map((r) => [r.change, r.n]));
    log(
      `project: re-screened (${diff.mode}) ${diff.personsTouched} changed persons, ${diff.personsScreened} screened, ${diff.personsFlagged} flagged, ` +
        `in ${project.toFixed(2)} s; changes ${JSON.stringify(byKind)}`,
    );
    if (diff.mode !== 'diff') throw new Error(`the re-screening ran as ${diff.mode}, not as a diff`);
    const mismatches = await compare(pool, full.runId, diff.runId);
    if (mismatches > 0 || full.personsScreened !== diff.personsScreened) {
      throw new Error(`the re-screening differs from the full screening: ${mismatches} persons, screened ${diff.personsScreened} vs ${full.personsScreened}`);
    }
    log('check: the re-screening flags the same persons with the same reasons and scores as the full screening');
    console.log(`RESULT name=rescreen project=${project.toFixed(2)} baseline=${baseline.toFixed(2)} unit=s ratio=${(project / baseline).toFixed(2)}`);
  } finally {
    await pool.end();
    await services.stop();
  }
}

main().catch((err) => {
  console.error(`bench:rescreen failed: ${(err as Error).message}`);
  process.exit(1);
});
