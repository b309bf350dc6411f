/**
 * `npm run bench:report -- --rows 100000`: the province-wide summary table (汇总表) streamed from
 * PostgreSQL (figures, cursor, two sheets, styles, merges) against a same-run baseline: exceljs's
 * streaming writer with its default options (no styles, no shared strings) writing the same
 * number of rows and columns of plain strings. Both write into the same hashing sink. Each runs
 * five times, alternately, and the fastest run of each counts (the machine is shared).
 *
 * Database: DATABASE_URL's server (a throw-away database is created and dropped), else an
 * embedded PostgreSQL under data/bench-report-postgres.
 * Last line: RESULT name=report project=<s> baseline=<s> unit=s ratio=<r>; peak RSS above it.
 */
import { createHash } from 'node:crypto';
import v8 from 'node:v8';
import vm from 'node:vm';
import { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { loadCampaign } from '../activities/reports/campaignInfo';
import { renderSummaryTable } from '../activities/reports/renderSummaryTable';
import { createPool } from '../platform/db';
import { SEED_CALENDAR } from '../domain/calendar';
import { JILIN_CITIES } from '../domain/cities';
import { withThrowAwayDatabase } from './support/throwAwayDatabase';

const BENCH_CAMPAIGN = 'bench-report';
const BENCH_CITIES = JILIN_CITIES.map((c) => c.code);

/**
 * N cases spread over the nine cities, screened, with the outcomes of a late investigation:
 * 40% violations (five penalties each), the rest compliant, rectified, deregistered, transferred,
 * carried over or open. Set-based, so 100,000 cases take seconds.
 */
async function seedBenchCases(pool: ReturnType<typeof createPool>, n: number): Promise<{ penalties: number }> {
  const snap = (await pool.query(`INSERT INTO data_snapshot (label) VALUES ('bench') RETURNING id`)).rows[0].id;
  await pool.query(
    `INSERT INTO campaign (id, name, config, calendar, snapshot_id, workflow_id, launched_by)
     VALUES ($1, '报表基准测试', $2, $3, $4, 'campaign/' || $1, 'bench')`,
    [BENCH_CAMPAIGN, JSON.stringify({ cities: BENCH_CITIES, clock: { kind: 'calendar' } }), JSON.stringify(SEED_CALENDAR), snap],
  );
  const run = (
    await pool.query(
      `INSERT INTO screening_run (snapshot_id, as_of, window_months, age_limit, risk_weights, finished_at, persons_screened, persons_flagged)
     VALUES ($1, '2024-10-01', 3, 65, '{}', now(), $2, $3) RETURNING id`,
      [snap, n * 5, n],
    )
  ).rows[0].id;
  await pool.query(
    `INSERT INTO city_progress (campaign_id, city_code, screening_run_id, persons_screened, persons_flagged)
     SELECT $1, c, $2, $3 * 5 / 9, $3 / 9 FROM unnest($4::text[]) c`,
    [BENCH_CAMPAIGN, run, n, BENCH_CITIES],
  );
  await pool.query(
    `INSERT INTO screening_result (run_id, id_number, name, city_code, cert_categories, cert_numbers, reg_unit_names, reg_unit_codes,
                                   reasons, risk_score, ss_unit_name, ss_latest_period, fund_unit_name, fund_latest_period, evidence)
     SELECT $1, '220102' || to_char(date '1960-01-01' + (i % 30000)::int, 'YYYYMMDD') || lpad((i / 30000)::text, 3, '0') || (i % 10)::text,
            (ARRAY['张','王','李','刘','陈','杨','赵','黄','周','吴'])[i % 10 + 1] || (ARRAY['伟','芳','娜','敏','静','丽','强','磊','军','洋'])[i / 10 % 10 + 1],
            ($2::text[])[i % 9 + 1],
            ARRAY[(ARRAY['CONSTRUCTOR_1','CONSTRUCTOR_2','SUPERVISOR','COST_1','ARCHITECT_2'])[i % 5 + 1]],
            ARRAY['吉' || lpad(i::text, 9, '0')], ARRAY['吉林省第' || i % 997 || '建筑工程有限公司'], ARRAY[''],
            CASE WHEN i % 2 = 0 THEN '{FUND_UNIT_MISMATCH,SS_UNIT_MISMATCH}'::text[] ELSE '{SS_UNIT_MISMATCH}' END, 40 + i % 50,
            '长春' || i % 991 || '建设集团有限公司', '2024-10', CASE WHEN i % 2 = 0 THEN '长春' || i % 991 || '建设集团有限公司' END,
            CASE WHEN i % 2 = 0 THEN '2024-10' END, '{}'
     FROM generate_series(0, $3 - 1) i`,
    [run, BENCH_CITIES, n],
  );
  await pool.query(
    `INSERT INTO case_file (case_id, case_no, campaign_id, city_code, seq, id_number, origin, screening_run_id, reasons, risk_score,
                            status, outcome, decision, liability, decided_on, carry_over_reason)
     SELECT $1 || '-' || r.city_code || '-' || lpad(x.seq::text, 6, '0'), r.city_code || '-' || lpad(x.seq::text, 6, '0'), $1, r.city_code,
            x.seq, r.id_number, 'screening', $2, r.reasons, r.risk_score,
            CASE WHEN x.k = 8 THEN 'carried_over' WHEN x.k = 9 THEN 'open' ELSE 'closed' END,
            CASE WHEN x.k < 4 THEN 'VIOLATION' WHEN x.k = 4 THEN 'COMPLIANT' WHEN x.k = 5 THEN 'RECTIFIED' WHEN x.k = 6 THEN 'DEREGISTERED'
                 WHEN x.k = 7 THEN 'TRANSFERRED' END,
            CASE WHEN x.k < 4 THEN jsonb_build_object('outcome', 'VIOLATION', 'actualEmployer', jsonb_build_object('name', r.ss_unit_name))
                 WHEN x.k = 4 THEN '{"outcome":"COMPLIANT","ground":"BRANCH"}'
                 WHEN x.k = 5 THEN '{"outcome":"RECTIFIED","how":"moved_contributions","rectifiedOn":"2024-10-20"}'
                 WHEN x.k = 6 THEN '{"outcome":"DEREGISTERED"}'
                 WHEN x.k = 7 THEN '{"outcome":"TRANSFERRED","receivingAuthority":"辽宁省住房和城乡建设厅"}' END::jsonb,
            CASE WHEN x.k < 4 THEN 'liable' WHEN x.k = 5 THEN 'exempt' WHEN x.k < 8 THEN 'none' END,
            CASE WHEN x.k < 8 THEN date '2024-12-01' + (x.seq % 60)::int END,
            CASE WHEN x.k = 8 THEN '当事人长期外派，正在补充调查材料' END
     FROM (SELECT id_number, city_code, reasons, risk_score, ss_unit_name,
                  row_number() OVER (PARTITION BY city_code ORDER BY id_number) AS seq FROM screening_result WHERE run_id = $2) r
     CROSS JOIN LATERAL (SELECT r.seq, (r.seq % 10)::int AS k) x`,
    [BENCH_CAMPAIGN, run],
  );
  const pen = await pool.query(
    `INSERT INTO penalty (penalty_id, case_id, kind, level, imposed_on, target, published)
     SELECT c.case_id || ':' || k, c.case_id, k, 'city', c.decided_on, CASE WHEN k = 'BAD_CONDUCT_UNIT' OR k = 'DYNAMIC_QUALIFICATION_CHECK' THEN 'unit' ELSE 'person' END,
            k LIKE 'BAD_CONDUCT%'
     FROM case_file c CROSS JOIN unnest(ARRAY['REVOKE_REGISTRATION','REGISTRATION_BAN_3Y','BAD_CONDUCT_PERSON','BAD_CONDUCT_UNIT','DYNAMIC_QUALIFICATION_CHECK']) k
     WHERE c.campaign_id = $1 AND c.outcome = 'VIOLATION'`,
    [BENCH_CAMPAIGN],
  );
  await pool.query('ANALYZE');
  return { penalties: pen.rowCount ?? 0 };
}

const RUNS = 5;

function argRows(): number {
  const i = process.argv.indexOf('--rows');
  const n = i >= 0 ? Number(process.argv[i + 1]) : 100_000;
  if (!Number.isInteger(n) || n < 1) throw new Error('--rows takes a positive integer');
  return n;
}

/** Counts and hashes what it is given, keeps nothing: both writers pay the same for output. */
function hashingSink(): Writable & { bytes: () => number } {
  const hash = createHash('sha256');
  let bytes = 0;
  const sink = new Writable({
    write(chunk: Buffer, _enc, cb) {
      bytes += chunk.length;
      hash.update(chunk);
      cb();
    },
  });
  return Object.assign(sink, { bytes: () => bytes });
}

/** Peak RSS while each side runs (sampled), and over the whole process (the OS's high-water mark). */
const peaks = { baseline: 0, project: 0, styled: 0 };
let sampling: keyof typeof peaks | null = null;
const sampler = setInterval(() => {
  if (sampling) peaks[sampling] = Math.max(peaks[sampling], process.memoryUsage.rss());
}, 25);

// A full collection between runs, so one side's garbage does not count in the other's RSS.
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

async function timed<T>(fn: () => Promise<T>): Promise<{ seconds: number; value: T }> {
  const t0 = process.hrtime.bigint();
  const value = await fn();
  return { seconds: Number(process.hrtime.bigint() - t0) / 1e9, value };
}

/** The writer as it comes (no styles, no shared strings); `styled`: with styles on, as the form needs. */
async function baseline(rows: number, styled = false): Promise<number> {
  const sink = hashingSink();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter(styled ? { stream: sink, useStyles: true } : { stream: sink });
  const ws = wb.addWorksheet('sheet');
  const values: (string | number)[] = new Array(16);
  for (let i = 1; i <= rows; i++) {
    // Plain strings of about the lengths the real rows carry.
    values[0] = i;
    values[1] = `姓名${i % 1000}`;
    values[2] = `2201021960${String(100000 + (i % 900000)).padStart(8, '0')}`;
    values[3] = '一级注册建造师';
    values[4] = `吉${String(i).padStart(9, '0')}`;
    values[5] = `吉林省第${i % 997}建筑工程有限公司`;
    values[6] = `长春${i % 991}建设集团有限公司`;
    values[7] = i % 2 ? `长春${i % 991}建设集团有限公司` : '';
    values[8] = '公积金单位与注册单位不一致；社保单位与注册单位不一致';
    values[9] = `长春${i % 991}建设集团有限公司`;
    values[10] = '确认挂证';
    values[11] = '撤销注册；3年内不予受理注册申请；个人不良行为记录；单位不良行为记录；列入资质动态核查';
    values[12] = '长春市住房和城乡建设局';
    values[13] = '2024-12-01';
    values[14] = '否';
    values[15] = `长春市；案件编号2201-${String(i).padStart(6, '0')}`;
    ws.addRow(values).commit();
    if (i % 2000 === 0) await new Promise(setImmediate); // as the project yields between fetches
  }
  ws.commit();
  await wb.commit();
  return sink.bytes();
}

async function project(pool: ReturnType<typeof createPool>): Promise<{ bytes: number; detailRows: number }> {
  const sink = hashingSink();
  const campaign = await loadCampaign(pool, BENCH_CAMPAIGN);
  const { detailRows } = await renderSummaryTable(pool, {
    campaign,
    kind: 'province_table',
    at: new Date().toISOString(),
    outputs: [{ out: sink, maskIds: false }],
  });
  return { bytes: sink.bytes(), detailRows };
}

async function main(): Promise<void> {
  const rows = argRows();
  try {
    await withThrowAwayDatabase('bench-report', async (pool) => {
      const seeded = await timed(() => seedBenchCases(pool, rows));
      console.log(`seeded ${rows} cases (${seeded.value.penalties} penalties) in ${seeded.seconds.toFixed(1)} s`);
      const b: number[] = [];
      const p: number[] = [];
      const st: number[] = [];
      for (let run = 0; run < RUNS; run++) {
        gc();
        sampling = 'project';
        const proj = await timed(() => project(pool));
        p.push(proj.seconds);
        gc();
        sampling = 'baseline';
        const base = await timed(() => baseline(rows));
        b.push(base.seconds);
        gc();
        sampling = 'styled';
        const styled = await timed(() => baseline(rows, true));
        st.push(styled.seconds);
        sampling = null;
        if (proj.value.detailRows !== rows) throw new Error(`the table has ${proj.value.detailRows} rows, expected ${rows}`);
        console.log(
          `run ${run + 1}: baseline ${base.seconds.toFixed(2)} s (${(base.value / 1e6).toFixed(1)} MB), ` +
            `project ${proj.seconds.toFixed(2)} s (${(proj.value.bytes / 1e6).toFixed(1)} MB), baseline with styles on ${styled.seconds.toFixed(2)} s`,
        );
      }
      const project_s = Math.min(...p);
      const baseline_s = Math.min(...b);
      const styled_s = Math.min(...st);
      console.log(`for reference, against the writer with styles on (useStyles, as the form needs): ratio ${(project_s / styled_s).toFixed(2)}`);
      const mb = (b: number) => (b / 1024 / 1024).toFixed(0);
      console.log(
        `peak RSS: ${mb(process.resourceUsage().maxRSS * 1024)} MB (process); while writing: project ${mb(peaks.project)} MB, ` +
          `baseline ${mb(peaks.baseline)} MB`,
      );
      console.log(`RESULT name=report project=${project_s.toFixed(2)} baseline=${baseline_s.toFixed(2)} unit=s ratio=${(project_s / baseline_s).toFixed(2)}`);
    });
  } finally {
    clearInterval(sampler);
  }
}

main().catch((err) => {
  console.error(`bench:report failed: ${(err as Error).message}`);
  process.exit(1);
});
