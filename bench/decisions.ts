/**
 * `npm run bench:decisions`: officers' decisions per second and their latency through the whole
 * path (HTTP → API: token, access rule, case look-up, idempotency key, audit entry → the case
 * workflow's decideCase update → the read model, written before the update answers), with 50
 * concurrent clients, against a same-run baseline: the same decisions on the same kind of case
 * sent as raw Temporal updates from a client (no HTTP). Each path runs twice, alternately, on
 * fresh cases; the better run counts (the machine is shared).
 *
 * Services: DATABASE_URL's server (a throw-away database is created and dropped) and
 * TEMPORAL_ADDRESS when set; otherwise an embedded PostgreSQL and a Temporal dev server of its own.
 * The API runs as its own process (api/main.ts), as deployed; the worker runs in this process.
 * Options: --decisions N per run (default 400), --clients C (default 50), --worker-options JSON (overrides of
 * platform/workerOptions.ts, to try a tuning before changing it there).
 * Last line: RESULT name=decisions project=<decisions/s> baseline=<decisions/s> unit=ops/s ratio=<baseline/project>
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Client } from '@temporalio/client';
import { bundleWorkflowCode, DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import type { Pool } from 'pg';
import { createActivities } from '../activities';
import { recordCampaignStart } from '../activities/campaigns/recordCampaignStart';
import { createUser } from '../api/users/createUser';
import { migrate } from '../db/migrate';
import { addDays, shanghaiDate, type CampaignCalendar } from '../domain/calendar';
import { CampaignConfig } from '../domain/campaignConfig';
import { idCheckCharacter } from '../domain/idNumber';
import { loadConfig } from '../platform/config';
import { createPool } from '../platform/db';
import { dataConverterFor } from '../platform/payloadCodec';
import { newPayloadKeyEntry } from '../platform/payloadKeys';
import { freePort, waitForPort } from '../platform/ports';
import { WORKER_TUNING } from '../platform/workerOptions';
import { caseStateQuery, caseWorkflowId, decideCaseUpdate } from '../workflows/messages/case';
import { startBenchServices, stopOnSignals } from './support/services';

const ROOT = path.resolve(__dirname, '..');
const CAMPAIGN = `bench-dec-${randomBytes(3).toString('hex')}`;
const CITY = '2201';
const OFFICER = { userId: 'bench-officer', role: 'city_officer' as const, cityCode: CITY };
const DECISION = { outcome: 'TRANSFERRED' as const, receivingAuthority: '省人力资源和社会保障厅' };
const log = (line: string) => console.log(line);

const { values: opts } = parseArgs({
  options: { decisions: { type: 'string', default: '400' }, clients: { type: 'string', default: '50' }, 'worker-options': { type: 'string' } },
});
const PER_RUN = Number(opts.decisions);
const CLIENTS = Number(opts.clients);
const WARMUP = 20;

/**
 * CPU time (ms) of this process's tree by part: the worker and clients (this process), the API
 * process, the Temporal dev server and PostgreSQL (the rest: the embedded server's processes).
 * Linux /proc only; elsewhere undefined. Per decision, it says where the time goes even when the
 * machine is shared and the wall-clock figures are noisy.
 */
type CpuByPart = Record<'bench' | 'api' | 'temporal' | 'postgres', number>;
function cpuByPart(apiPid: number | undefined, temporalPid: number | undefined): CpuByPart | undefined {
  if (!existsSync('/proc/self/stat')) return undefined;
  const tick = 10; // ms: USER_HZ is 100 on Linux
  const ticks = (pid: number): number => {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // utime, stime, and cutime, cstime: the CPU of children that exited (a PostgreSQL backend or
      // autovacuum worker that ended during a run would otherwise take its time with it).
      return Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]);
    } catch {
      return 0;
    }
  };
  const children = (pid: number): number[] => {
    try {
      return readdirSync(`/proc/${pid}/task`).flatMap((t) => readFileSync(`/proc/${pid}/task/${t}/children`, 'utf8').split(' ').filter(Boolean).map(Number));
    } catch {
      return [];
    }
  };
  const tree = (pid: number): number[] => [pid, ...children(pid).flatMap(tree)];
  const out: CpuByPart = { bench: ticks(process.pid) * tick, api: 0, temporal: 0, postgres: 0 };
  for (const c of children(process.pid)) {
    const part = c === apiPid ? 'api' : c === temporalPid ? 'temporal' : 'postgres';
    for (const p of tree(c)) out[part] += ticks(p) * tick;
  }
  return out;
}

/** n open cases in one city, written set-based (no screening needed to decide a case). */
async function seedCases(pool: Pool, n: number, calendar: CampaignCalendar): Promise<string[]> {
  const snapshotId = Number((await pool.query(`INSERT INTO data_snapshot (label) VALUES ('bench-decisions') RETURNING id`)).rows[0].id);
  const config = CampaignConfig.parse({ id: CAMPAIGN, name: '决定基准测试', cities: [CITY], calendar, dataSources: { snapshotId } });
  await recordCampaignStart(pool, { config, snapshotId, launchedBy: 'bench', workflowId: `campaign/${CAMPAIGN}`, at: new Date().toISOString() });
  const ids = Array.from({ length: n }, (_, i) => {
    const first17 = `220102${1960 + (i % 40)}0101${String(i % 1000).padStart(3, '0')}`.slice(0, 14) + String(Math.floor(i / 40) % 1000).padStart(3, '0');
    return first17 + idCheckCharacter(first17);
  });
  if (new Set(ids).size !== n) throw new Error('bench seed made duplicate ID numbers: lower --decisions');
  await pool.query(
    `INSERT INTO case_file (case_id, case_no, campaign_id, city_code, seq, id_number, origin, reasons, risk_score, due_at, evidence_at)
     SELECT $1 || '-' || $2 || '-' || lpad(i::text, 6, '0'), $2 || '-' || lpad(i::text, 6, '0'), $1, $2, i, ($3::text[])[i],
            'complaint', '{SS_UNIT_MISMATCH}', 40, now() + interval '60 days', now()
     FROM generate_series(1, $4) i`,
    [CAMPAIGN, CITY, ids, n],
  );
  return (await pool.query<{ case_id: string }>('SELECT case_id FROM case_file WHERE campaign_id = $1 ORDER BY seq', [CAMPAIGN])).rows.map((r) => r.case_id);
}

function startApiProcess(env: NodeJS.ProcessEnv): ChildProcess {
  // GZ_BENCH_API_CPU_PROF=<dir>: a V8 CPU profile of the API process, written when it stops.
  const prof = process.env.GZ_BENCH_API_CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir', process.env.GZ_BENCH_API_CPU_PROF] : [];
  return spawn(process.execPath, [...prof, '--require', 'tsx/cjs', path.join(ROOT, 'api', 'main.ts')], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

interface RunResult {
  perSecond: number;
  p50: number;
  p99: number;
  /** CPU ms per decision by part, when /proc tells. */
  cpu?: CpuByPart;
}

const cpuText = (c: CpuByPart | undefined) =>
  c
    ? `cpu ms/decision: worker+clients ${c.bench.toFixed(1)}, api ${c.api.toFixed(1)}, temporal ${c.temporal.toFixed(1)}, postgres ${c.postgres.toFixed(1)}`
    : '';

/** `clients` loops share one queue of cases; each decision's latency is measured on its own. */
async function runClients(
  caseIds: string[],
  clients: number,
  decide: (caseId: string) => Promise<void>,
  cpu?: () => CpuByPart | undefined,
): Promise<RunResult> {
  const latencies: number[] = [];
  let next = 0;
  const cpu0 = cpu?.();
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      for (let i = next++; i < caseIds.length; i = next++) {
        const s = performance.now();
        await decide(caseIds[i]);
        latencies.push(performance.now() - s);
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  const cpu1 = cpu?.();
  const perDecision =
    cpu0 && cpu1
      ? (Object.fromEntries(Object.keys(cpu0).map((k) => [k, (cpu1[k as keyof CpuByPart] - cpu0[k as keyof CpuByPart]) / caseIds.length])) as CpuByPart)
      : undefined;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
  return { perSecond: caseIds.length / seconds, p50: at(0.5), p99: at(0.99), cpu: perDecision };
}

async function main(): Promise<void> {
  try {
    // Overload warnings (slow workflow tasks while 1,600 cases start) are expected here: errors only.
    Runtime.install({ logger: new DefaultLogger('ERROR'), telemetryOptions: { logging: { filter: { core: 'ERROR', other: 'ERROR' } } } });
  } catch {
    /* installed */
  }
  const stack = await startBenchServices({ tag: `decisions${randomBytes(4).toString('hex')}` });
  stopOnSignals(stack.kill);
  const pool = createPool(stack.databaseUrl, { max: 20 });
  const taskQueue = `bench-decisions-${randomBytes(3).toString('hex')}`;
  let api: ChildProcess | undefined;
  let worker: Worker | undefined;
  let running: Promise<void> | undefined;
  try {
    await migrate(pool);
    await createUser(pool, { username: OFFICER.userId, role: 'city_officer', cityCode: CITY, password: 'bench-password-1' });
    const today = shanghaiDate(new Date());
    const calendar: CampaignCalendar = {
      selfCheck: { start: addDays(today, -90), deadline: addDays(today, -30) },
      progressNotice: { date: addDays(today, -25) },
      investigation: { start: addDays(today, -29), deadline: addDays(today, 60) },
      provincialVerification: { start: addDays(today, 61), deadline: addDays(today, 88) },
    };
    const total = 2 * WARMUP + 4 * PER_RUN;
    const caseIds = await seedCases(pool, total, calendar);
    log(`bench: ${total} cases seeded; ${PER_RUN} decisions per run, ${CLIENTS} concurrent clients`);

    // Payloads are encrypted as in production: the worker, this client and the API share one key.
    const payloadKeys = newPayloadKeyEntry();
    const dataConverter = dataConverterFor(payloadKeys);
    const connection = await NativeConnection.connect({ address: stack.temporalAddress });
    const bundle = await bundleWorkflowCode({ workflowsPath: require.resolve('../workflows'), logger: new DefaultLogger('WARN') });
    const tuning = { ...WORKER_TUNING, ...(opts['worker-options'] ? (JSON.parse(opts['worker-options']) as object) : {}) };
    log(`bench: worker tuning ${JSON.stringify(tuning)}`);
    worker = await Worker.create({
      connection,
      taskQueue,
      workflowBundle: bundle,
      activities: createActivities({ pool, config: loadConfig({}) }),
      dataConverter,
      ...tuning,
    });
    running = worker.run();
    // The baseline's client connects the way the API's does (a native connection of its own).
    const client = new Client({ connection: await NativeConnection.connect({ address: stack.temporalAddress }), dataConverter });
    const handle = (caseId: string) => client.workflow.getHandle(caseWorkflowId(CAMPAIGN, CITY, caseId));
    for (let i = 0; i < caseIds.length; i += 100) {
      await Promise.all(
        caseIds.slice(i, i + 100).map((caseId) =>
          client.workflow.start('caseWorkflow', {
            taskQueue,
            workflowId: caseWorkflowId(CAMPAIGN, CITY, caseId),
            args: [{ campaignId: CAMPAIGN, cityCode: CITY, caseId, settings: { reminderAfterDays: 30, escalateAfterDays: 45 }, calendar }],
          }),
        ),
      );
    }
    // A query can time out while a loaded machine works through the starts: asked again.
    const statusOf = (caseId: string) =>
      handle(caseId)
        .query(caseStateQuery)
        .then(
          (s) => s.status,
          () => 'unanswered',
        );
    for (const caseId of caseIds) {
      while ((await statusOf(caseId)) !== 'open') await new Promise((r) => setTimeout(r, 50));
    }
    log(`bench: ${caseIds.length} case workflows open`);

    const apiPort = await freePort();
    api = startApiProcess({
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      DATABASE_URL: stack.databaseUrl,
      TEMPORAL_ADDRESS: stack.temporalAddress,
      TASK_QUEUE: taskQueue,
      API_PORT: String(apiPort),
      GZ_DATA_DIR: path.join(stack.tmpDir, 'api'),
      GZ_PAYLOAD_KEYS: payloadKeys,
      GZ_RATE_LIMIT_USER_PER_MINUTE: '10000000',
      GZ_RATE_LIMIT_IP_PER_MINUTE: '10000000',
    });
    await waitForPort(apiPort, 60_000);
    const base = `http://127.0.0.1:${apiPort}`;
    const loginRes = await fetch(`${base}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: OFFICER.userId, password: 'bench-password-1' }),
    });
    const { accessToken } = (await loginRes.json()) as { accessToken: string };

    const viaApi = async (caseId: string) => {
      const r = await fetch(`${base}/cases/${caseId}/decision`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}`, 'idempotency-key': `bench-api-${caseId}` },
        body: JSON.stringify(DECISION),
      });
      if (r.status !== 200) throw new Error(`API decision on ${caseId}: ${r.status} ${await r.text()}`);
      await r.arrayBuffer().catch(() => undefined);
    };
    const viaTemporal = async (caseId: string) => {
      await handle(caseId).executeUpdate(decideCaseUpdate, { args: [{ decision: DECISION, officer: OFFICER }], updateId: `bench-raw-${caseId}` });
    };

    let cursor = 0;
    const take = (n: number) => caseIds.slice(cursor, (cursor += n));
    await runClients(take(WARMUP), Math.min(CLIENTS, WARMUP), viaTemporal);
    await runClients(take(WARMUP), Math.min(CLIENTS, WARMUP), viaApi);
    const cpu = () => cpuByPart(api?.pid, stack.temporalPid());
    const baseline: RunResult[] = [];
    const project: RunResult[] = [];
    for (let round = 1; round <= 2; round++) {
      baseline.push(await runClients(take(PER_RUN), CLIENTS, viaTemporal, cpu));
      project.push(await runClients(take(PER_RUN), CLIENTS, viaApi, cpu));
      const b = baseline[round - 1];
      const p = project[round - 1];
      log(
        `round ${round}: baseline ${b.perSecond.toFixed(1)}/s p50 ${b.p50.toFixed(0)} ms p99 ${b.p99.toFixed(0)} ms | ` +
          `project ${p.perSecond.toFixed(1)}/s p50 ${p.p50.toFixed(0)} ms p99 ${p.p99.toFixed(0)} ms`,
      );
      if (b.cpu) log(`  baseline ${cpuText(b.cpu)}`);
      if (p.cpu) log(`  project  ${cpuText(p.cpu)}`);
    }
    const recorded = await pool.query(`SELECT count(*)::int AS n FROM decision_log WHERE case_id LIKE $1 || '-%'`, [CAMPAIGN]);
    if (recorded.rows[0].n !== cursor) throw new Error(`read model holds ${recorded.rows[0].n} decisions, expected ${cursor}`);
    const best = (rs: RunResult[]) => rs.reduce((a, b) => (b.perSecond > a.perSecond ? b : a));
    const b = best(baseline);
    const p = best(project);
    log(`baseline (raw Temporal updates): ${b.perSecond.toFixed(1)} decisions/s, p50 ${b.p50.toFixed(0)} ms, p99 ${b.p99.toFixed(0)} ms`);
    log(`project (HTTP API → update → read model): ${p.perSecond.toFixed(1)} decisions/s, p50 ${p.p50.toFixed(0)} ms, p99 ${p.p99.toFixed(0)} ms`);
    log(`every decision recorded once: ${recorded.rows[0].n} rows in decision_log`);
    await client.connection.close();
    console.log(
      `RESULT name=decisions project=${p.perSecond.toFixed(1)} baseline=${b.perSecond.toFixed(1)} unit=ops/s ratio=${(b.perSecond / p.perSecond).toFixed(2)}`,
    );
  } finally {
    if (api && api.exitCode === null) {
      // Waited for (at most 10 s), so it closes its connections before the servers stop.
      const exited = new Promise((r) => api!.once('exit', r));
      api.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000).unref())]);
    }
    worker?.shutdown();
    await running?.catch(() => undefined);
    await pool.end();
    await stack.stop();
  }
}

main().catch((err) => {
  console.error(`bench: ${(err as Error).stack ?? String(err)}`);
  process.exit(1);
});
