/**
 * `npm run bench:fanout -- --cases 20000`: the time to open N cases in one city (cases in the
 * read model, case shards, one case workflow per case with its evidence) and to close them all
 * by officers' decisions (decideCase updates: decision, penalties, close), against a same-run
 * baseline on the same server: N minimal child workflows under the same number of shard parents,
 * each completed by a trivial update. Both sides send their updates from this process with the
 * same concurrency and run on a worker in this process.
 *
 * Services: TEMPORAL_ADDRESS when set, else a Temporal dev server of its own (in memory);
 * DATABASE_URL's server when set (a throw-away database), else an embedded PostgreSQL.
 * Options: --cases N (default 2000), --shard-size S (default 500), --concurrency C (default 64),
 * --rounds R (default 1: the sides alternate R times, each keeps its best), --only baseline|project.
 * Prints the largest history (events) of any workflow of the run. Last line:
 * RESULT name=fanout project=<s> baseline=<s> unit=s ratio=<project/baseline>
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { Client, Connection, ServiceError, WorkflowNotFoundError, WorkflowUpdateRPCTimeoutOrCancelledError } from '@temporalio/client';
import { bundleWorkflowCode, DefaultLogger, NativeConnection, Runtime, Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import type { Pool } from 'pg';
import { createActivities } from '../activities';
import { listCaseIds } from '../activities/cases/listCaseIds';
import { openCasesFromScreening } from '../activities/cases/openCasesFromScreening';
import { migrate } from '../db/migrate';
import { addDays, shanghaiDate, type CampaignCalendar } from '../domain/calendar';
import type { CaseDecisionInput } from '../domain/outcomes';
import { loadConfig } from '../platform/config';
import { createPool } from '../platform/db';
import { caseWorkflowId, CaseSearchAttributes as SA, decideCaseUpdate } from '../workflows/messages/case';
import { SHARD_TASK_TIMEOUT } from '../workflows/messages/caseShard';
import { seedScreening } from './fanoutSetup';
import { startBenchServices, stopOnSignals, type BenchServices } from './support/services';
import { WORKER_TUNING } from '../platform/workerOptions';

const { values: opts } = parseArgs({
  options: {
    cases: { type: 'string', default: '2000' },
    'shard-size': { type: 'string', default: '500' },
    concurrency: { type: 'string', default: '64' },
    only: { type: 'string' },
    rounds: { type: 'string', default: '1' },
  },
});
const N = Number(opts.cases);
const SHARD = Number(opts['shard-size']);
const CONCURRENCY = Number(opts.concurrency);
const ROUNDS = Number(opts.rounds);
const RUN = randomBytes(3).toString('hex');
const CAMPAIGN = `bench-fanout-${RUN}`; // one campaign per round: `${CAMPAIGN}-<round>`
const CITY = '2201';
const OFFICER = { userId: 'bench-officer', role: 'city_officer' as const, cityCode: CITY };
const log = (line: string) => console.log(line);
const seconds = (ms: number) => (ms / 1000).toFixed(1);

/**
 * Under load the server pushes back (RESOURCE_EXHAUSTED, UNAVAILABLE) or an update call outlives
 * its deadline: the client resends, with the same update id, as an API would.
 */
function transient(err: unknown): boolean {
  if (err instanceof WorkflowUpdateRPCTimeoutOrCancelledError) return true;
  const cause = (err as { cause?: { code?: number; details?: string } }).cause;
  // FAILED_PRECONDITION while the workflow's last task failed: the task is retried, then the update goes through.
  const taskFailed = cause?.code === 9 && /Workflow Task in failed state/.test(cause.details ?? '');
  return err instanceof ServiceError && (cause?.code === 8 || cause?.code === 14 || taskFailed);
}

/** Runs `task` over 0..n-1 with `c` in flight; a workflow not started yet is retried shortly. */
async function pool_(n: number, c: number, task: (i: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(c, n) }, async () => {
      for (let i = next++; i < n; i = next++) {
        for (;;) {
          try {
            await task(i);
            break;
          } catch (err) {
            if (!(err instanceof WorkflowNotFoundError) && !transient(err)) {
              const cause = (err as { cause?: { code?: number; details?: string } }).cause;
              throw new Error(`update ${i} failed: ${(err as Error).message} (${cause?.code}: ${cause?.details})`, { cause: err });
            }
            await new Promise((r) => setTimeout(r, 200));
          }
        }
      }
    }),
  );
}

function decisionFor(i: number, today: string): CaseDecisionInput {
  const k = i % 10;
  if (k < 3) return { outcome: 'VIOLATION', actualEmployer: { name: `实际工作单位${i % 700}` }, evidence: '社保由实际工作单位缴纳' };
  if (k < 8) return { outcome: 'COMPLIANT', ground: 'DATA_LAG', justification: '社保转移在途' };
  if (k < 9) return { outcome: 'TRANSFERRED', receivingAuthority: '省人力资源和社会保障厅' };
  return { outcome: 'DEREGISTERED', deregisteredOn: today };
}

async function withWorker<T>(stack: BenchServices, pool: Pool, bundle: WorkflowBundleWithSourceMap, taskQueue: string, fn: () => Promise<T>): Promise<T> {
  const connection = await NativeConnection.connect({ address: stack.temporalAddress });
  const worker = await Worker.create({
    connection,
    taskQueue,
    workflowBundle: bundle,
    activities: createActivities({ pool, config: loadConfig({}) }),
    // The deployed worker's settings, for both sides: a 1,000-workflow cache, 10 workflow task
    // slots, a 30 s isolate execution timeout (platform/workerOptions.ts says why; this bench
    // measured them first).
    ...WORKER_TUNING,
  });
  const running = worker.run();
  try {
    return await fn();
  } finally {
    worker.shutdown();
    await running;
    await connection.close();
  }
}

async function runBaseline(client: Client, taskQueue: string, runTag: string): Promise<number> {
  const t0 = performance.now();
  const shards = Math.ceil(N / SHARD);
  const handles = await Promise.all(
    Array.from({ length: shards }, (_, s) =>
      client.workflow.start('baselineShardWorkflow', {
        taskQueue,
        workflowId: `baseline-${runTag}/shard/${s}`,
        workflowTaskTimeout: SHARD_TASK_TIMEOUT,
        args: [{ prefix: `baseline-${runTag}/shard/${s}`, count: Math.min(SHARD, N - s * SHARD) }],
      }),
    ),
  );
  await pool_(N, CONCURRENCY, (i) =>
    client.workflow.getHandle(`baseline-${runTag}/shard/${Math.floor(i / SHARD)}/${i % SHARD}`).executeUpdate('finish', { updateId: `finish-${i}` }),
  );
  log(`baseline: every update answered after ${seconds(performance.now() - t0)} s`);
  await Promise.all(handles.map((h) => h.result()));
  return performance.now() - t0;
}

async function runProject(client: Client, pool: Pool, taskQueue: string, runId: number, calendar: CampaignCalendar, campaignId: string): Promise<number> {
  const t0 = performance.now();
  const dueAt = new Date(Date.now() + 60 * 86_400_000).toISOString();
  const opened = await openCasesFromScreening(pool, { campaignId, cityCode: CITY, screeningRunId: runId, dueAt, shardSize: SHARD });
  log(`project: ${opened.opened} cases in the read model with their evidence after ${seconds(performance.now() - t0)} s`);
  const caseIds: string[] = [];
  const shards = [];
  for (let s = 0, after: string | undefined; ; s++) {
    const page = await listCaseIds(pool, { campaignId, cityCode: CITY, afterCaseId: after, limit: SHARD });
    if (page.length === 0) break;
    caseIds.push(...page);
    after = page[page.length - 1];
    shards.push(
      client.workflow.start('caseShardWorkflow', {
        taskQueue,
        workflowId: `campaign/${campaignId}/city/${CITY}/shard/${s}`,
        workflowTaskTimeout: SHARD_TASK_TIMEOUT,
        args: [{ campaignId, cityCode: CITY, shardIndex: s, caseIds: page, caseSettings: { reminderAfterDays: 7, escalateAfterDays: 14 }, calendar, dueAt }],
        typedSearchAttributes: [
          { key: SA.campaignId, value: campaignId },
          { key: SA.cityCode, value: CITY },
          { key: SA.phase, value: 'investigation' },
        ],
      }),
    );
  }
  const handles = await Promise.all(shards);
  log(`project: ${handles.length} shards started after ${seconds(performance.now() - t0)} s`);
  const today = shanghaiDate(new Date());
  await pool_(caseIds.length, CONCURRENCY, (i) =>
    client.workflow
      .getHandle(caseWorkflowId(campaignId, CITY, caseIds[i]))
      .executeUpdate(decideCaseUpdate, {
        args: [{ decision: decisionFor(i, today), officer: OFFICER }],
        updateId: `decide-${caseIds[i]}`,
      })
      .catch(async (err) => {
        await explainFailedTask(client, caseWorkflowId(campaignId, CITY, caseIds[i]));
        throw err;
      }),
  );

  log(`project: every decision answered after ${seconds(performance.now() - t0)} s`);
  const results = await Promise.all(handles.map((h) => h.result() as Promise<{ closed: number; failed: number }>));
  const closed = results.reduce((a, r) => a + r.closed, 0);
  if (closed !== N) throw new Error(`only ${closed} of ${N} cases closed (${results.reduce((a, r) => a + r.failed, 0)} failed)`);
  return performance.now() - t0;
}

/** Why a workflow task failed (the last failure in the history), for a bench that stops on one. */
async function explainFailedTask(client: Client, workflowId: string): Promise<void> {
  try {
    const history = await client.workflow.getHandle(workflowId).fetchHistory();
    const failed = (history.events ?? []).filter((e) => e.workflowTaskFailedEventAttributes).pop();
    const a = failed?.workflowTaskFailedEventAttributes;
    if (a) log(`${workflowId}: workflow task failed (cause ${a.cause}): ${a.failure?.message} ${a.failure?.stackTrace ?? ''}`);
  } catch {
    // best effort
  }
}

/** Workflows of the run whose history holds a failed workflow task (then retried). */
async function countFailedTasks(client: Client, taskQueue: string): Promise<number> {
  let n = 0;
  for await (const w of client.workflow.list({ query: `TaskQueue = '${taskQueue}'` })) {
    const history = await client.workflow.getHandle(w.workflowId, w.runId).fetchHistory();
    const failed = (history.events ?? []).filter((e) => e.workflowTaskFailedEventAttributes);
    if (failed.length > 0) {
      if (n === 0) await explainFailedTask(client, w.workflowId);
      n++;
    }
  }
  return n;
}

/** The longest history among the run's workflows (visibility, after the runs settle). */
async function largestHistory(client: Client, taskQueues: string[]): Promise<{ events: number; workflowId: string; type: string }> {
  let best = { events: 0, workflowId: '', type: '' };
  for (const q of taskQueues) {
    for await (const w of client.workflow.list({ query: `TaskQueue = '${q}'` })) {
      if ((w.historyLength ?? 0) > best.events) best = { events: w.historyLength ?? 0, workflowId: w.workflowId, type: w.type };
    }
  }
  return best;
}

async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('ERROR') });
  log(`fanout: ${N} cases, shards of ${SHARD}, ${CONCURRENCY} updates in flight`);
  const stack = await startBenchServices({ tag: `fanout${RUN}` });
  stopOnSignals(stack.kill);
  const pool = createPool(stack.databaseUrl, { max: 20 });
  try {
    await migrate(pool);
    const [runId, bundle] = await Promise.all([
      seedScreening(pool, N, CITY),
      bundleWorkflowCode({ workflowsPath: require.resolve('./fanoutWorkflows'), logger: new DefaultLogger('ERROR') }),
    ]);
    const client = new Client({ connection: await Connection.connect({ address: stack.temporalAddress }) });
    const today = shanghaiDate(new Date());
    const calendar: CampaignCalendar = {
      selfCheck: { start: addDays(today, -90), deadline: addDays(today, -30) },
      progressNotice: { date: addDays(today, -25) },
      investigation: { start: addDays(today, -29), deadline: addDays(today, 60) },
      provincialVerification: { start: addDays(today, 61), deadline: addDays(today, 88) },
    };
    // On a shared machine the load of other processes swings from run to run: with --rounds R
    // the two sides alternate R times and each keeps its best run.
    let baseline = Infinity;
    let project = Infinity;
    const queues = { baseline: [] as string[], project: [] as string[] };
    for (let r = 1; r <= ROUNDS; r++) {
      const tag = ROUNDS > 1 ? ` (round ${r})` : '';
      const q = { baseline: `fanout-baseline-${RUN}-${r}`, project: `fanout-project-${RUN}-${r}` };
      queues.baseline.push(q.baseline);
      queues.project.push(q.project);
      if (opts.only !== 'project') {
        const b = await withWorker(stack, pool, bundle, q.baseline, () => runBaseline(client, q.baseline, `${RUN}-${r}`));
        log(`baseline: ${N} minimal children started and completed by an update in ${seconds(b)} s${tag}`);
        baseline = Math.min(baseline, b);
      }
      if (opts.only !== 'baseline') {
        const p = await withWorker(stack, pool, bundle, q.project, () => runProject(client, pool, q.project, runId, calendar, `${CAMPAIGN}-${r}`));
        log(`project: ${N} cases opened (shards, case workflows, evidence) and closed by decisions in ${seconds(p)} s${tag}`);
        project = Math.min(project, p);
      }
    }
    // After the timing: which workflows needed a retried workflow task (a busy machine).
    let failedTasks = 0;
    if (N <= 5000) for (const q of queues.project) failedTasks += await countFailedTasks(client, q);
    if (failedTasks > 0) log(`project: ${failedTasks} workflows had a failed workflow task, retried`);
    const largest = await largestHistory(client, [...queues.baseline, ...queues.project]);
    log(`largest history: ${largest.events} events (${largest.type} ${largest.workflowId})`);
    await client.connection.close();
    // With --only one side has no time: no ratio can be given (run both sides, or compare two runs).
    if (opts.only) log(`${opts.only} only: ${seconds(opts.only === 'project' ? project : baseline)} s (no RESULT line without both sides)`);
    else log(`RESULT name=fanout project=${seconds(project)} baseline=${seconds(baseline)} unit=s ratio=${(project / baseline).toFixed(2)}`);
  } finally {
    await pool.end();
    await stack.stop();
  }
}

main().catch((err) => {
  console.error(`bench:fanout: ${(err as Error).stack ?? err}`);
  process.exit(1);
});
