/**
 * `npm run bench:screen -- --persons 200000 [--seed 1]`
 *
 * (a) project: `guazheng screen` end to end from the files, as a child process (wall time and
 *     its peak RSS);
 * (b) baseline: COPY of the same three files as plain text into fresh unlogged tables, plus one
 *     SQL statement comparing each person's latest social-insurance payer with the registration
 *     unit; no validation, no normalisation, no evidence.
 * Both against the same PostgreSQL (DATABASE_URL, else the embedded one), each in a fresh
 * database that is dropped afterwards. Data is generated once per persons+seed under bench/out/.
 * Last line: RESULT name=screen project=<s> baseline=<s> unit=s ratio=<project/baseline>
 */
import { spawn } from 'node:child_process';
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { openDatabase } from '../platform/openDatabase';
import { cachedDataset } from './support/dataset';

const ROOT = path.resolve(__dirname, '..');
const { values } = parseArgs({ options: { persons: { type: 'string', default: '200000' }, seed: { type: 'string', default: '1' } } });
const persons = Number(values.persons);
const seed = Number(values.seed);

async function withDatabase<T>(serverUrl: string, fn: (url: string) => Promise<T>): Promise<T> {
  const name = `gz_bench_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  try {
    return await fn(u.toString());
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

/** Runs the project's screen command; wall seconds and the child's peak RSS (kB). */
async function project(url: string, dir: string): Promise<{ seconds: number; rssKb: number; summary: string }> {
  const args = [
    path.join(ROOT, 'bin', 'guazheng.js'),
    'screen',
    '--registrations',
    path.join(dir, 'registrations.csv'),
    '--social-insurance',
    path.join(dir, 'social_insurance.csv'),
    '--housing-fund',
    path.join(dir, 'housing_fund.csv'),
    '--units',
    path.join(dir, 'units.csv'),
    '--public-sector',
    path.join(dir, 'public_sector_staff.csv'),
    '--out',
    path.join(dir, 'flags.csv'),
    '--rejects',
    path.join(dir, 'rejects.csv'),
  ];
  // GNU time reports the child's peak RSS exactly; without it, sample VmHWM from /proc.
  const gnuTime = existsSync('/usr/bin/time');
  const [cmd, argv] = gnuTime ? ['/usr/bin/time', ['-v', process.execPath, ...args]] : [process.execPath, args];
  const started = performance.now();
  const child = spawn(cmd, argv, { cwd: ROOT, env: { ...process.env, DATABASE_URL: url, GZ_SCREEN_TIMINGS: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let sampled = 0;
  child.stdout.on('data', (d) => {
    stdout += d;
  });
  child.stderr.on('data', (d) => {
    stderr += d;
  });
  const sampler = gnuTime
    ? undefined
    : setInterval(() => {
        try {
          const m = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
          if (m) sampled = Math.max(sampled, Number(m[1]));
        } catch {
          /* the process has ended */
        }
      }, 100);
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  const seconds = (performance.now() - started) / 1000;
  if (sampler) clearInterval(sampler);
  if (code !== 0) throw new Error(`screen exited ${code}: ${stderr.trim().split('\n').slice(-3).join(' | ')}`);
  const rss = gnuTime ? Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(stderr)?.[1] ?? 0) : sampled;
  const cpu = gnuTime ? ['User', 'System'].reduce((n, k) => n + Number(new RegExp(`${k} time \\(seconds\\): ([\\d.]+)`).exec(stderr)?.[1] ?? 0), 0) : NaN;
  const phases = [...stderr.matchAll(/^phase (\w+) ([\d.]+) s$/gm)].map((m) => `${m[1]} ${m[2]} s`).join(', ');
  return { seconds, rssKb: rss, summary: `${stdout.trim()}; ${phases}; node CPU ${cpu.toFixed(1)} s` };
}

const BASELINE_TABLES: Array<[string, string, string]> = [
  [
    'b_reg',
    'registrations.csv',
    'id_number text, name text, cert_category text, cert_number text, unit_name text, unit_code text, city_code text, registered_on text, status text',
  ],
  ['b_si', 'social_insurance.csv', 'id_number text, name text, unit_name text, unit_code text, region_code text, period text, insured_status text'],
  ['b_hf', 'housing_fund.csv', 'id_number text, unit_name text, unit_code text, period text'],
];

/** Plain COPY of the three files (side by side, one connection each) and one comparison query. */
async function baseline(url: string, dir: string): Promise<{ seconds: number; mismatched: number }> {
  const started = performance.now();
  await Promise.all(
    BASELINE_TABLES.map(async ([table, file, columns]) => {
      const c = new Client({ connectionString: url });
      await c.connect();
      try {
        await c.query(`CREATE UNLOGGED TABLE ${table} (${columns})`);
        await pipeline(createReadStream(path.join(dir, file)), c.query(copyFrom(`COPY ${table} FROM STDIN WITH (FORMAT csv, HEADER true)`)));
      } finally {
        await c.end();
      }
    }),
  );
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    const { rows } = await c.query<{ n: string }>(`
      SELECT count(*) AS n
      FROM b_reg r
      JOIN (SELECT DISTINCT ON (id_number) id_number, unit_name, unit_code FROM b_si ORDER BY id_number, period DESC) p
        ON p.id_number = r.id_number
      WHERE coalesce(r.status, '') NOT IN ('revoked', 'cancelled')
        AND p.unit_name IS DISTINCT FROM r.unit_name AND p.unit_code IS DISTINCT FROM r.unit_code`);
    return { seconds: (performance.now() - started) / 1000, mismatched: Number(rows[0].n) };
  } finally {
    await c.end();
  }
}

/** Flags written vs the generator's ground truth: persons whose reasons differ. */
function groundTruthMismatches(dir: string): number {
  const truth = new Map<string, string>();
  for (const line of readFileSync(path.join(dir, 'ground_truth.csv'), 'utf8').trim().split('\n').slice(1)) {
    const [id, reasons] = line.split(',');
    if (reasons) truth.set(id, reasons);
  }
  const got = new Map<string, string>();
  const lines = readFileSync(path.join(dir, 'flags.csv'), 'utf8').trim().split('\n');
  const col = lines[0].split(',').indexOf('reasons');
  // Unit names never contain commas in the generated data, so a plain split finds the column.
  for (const line of lines.slice(1)) {
    const cells = line.split(',');
    got.set(cells[0], cells[col]);
  }
  let wrong = 0;
  for (const id of new Set([...truth.keys(), ...got.keys()])) if (truth.get(id) !== got.get(id)) wrong++;
  return wrong;
}

async function main(): Promise<void> {
  const dir = await cachedDataset('screen', persons, seed, (line) => console.log(line));
  const db = await openDatabase();
  try {
    const p = await withDatabase(db.url, (url) => project(url, dir));
    console.log(`project:  ${p.seconds.toFixed(1)} s  (${p.summary})`);
    console.log(`peak RSS of the screen process: ${(p.rssKb / 1024).toFixed(0)} MB`);
    console.log(`ground truth: ${groundTruthMismatches(dir)} persons with other reasons than planted`);
    const b = await withDatabase(db.url, (url) => baseline(url, dir));
    console.log(`baseline: ${b.seconds.toFixed(1)} s  (${b.mismatched} latest payers differ from a registration unit by raw text)`);
    console.log(`RESULT name=screen project=${p.seconds.toFixed(2)} baseline=${b.seconds.toFixed(2)} unit=s ratio=${(p.seconds / b.seconds).toFixed(2)}`);
  } finally {
    await db.stop();
  }
}

main().catch((err) => {
  console.error(`bench:screen failed: ${(err as Error).message}`);
  process.exit(1);
});
