/**
 * A worker killed (SIGKILL) in the middle of the investigation, and a new one started, on the
 * dev server: every accepted decision is recorded exactly once and no penalty is doubled.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client, Connection, WorkflowUpdateStage, type WorkflowUpdateHandle } from '@temporalio/client';
import { listCaseIds } from '../../activities/cases/listCaseIds';
import { openCasesFromScreening } from '../../activities/cases/openCasesFromScreening';
import type { CaseDecisionInput } from '../../domain/outcomes';
import type { caseShardWorkflow } from '../../workflows/caseShard';
import { caseWorkflowId, decideCaseUpdate, type DecideCaseResult } from '../../workflows/messages/case';
import { fixtureIdNumber, fixtureUscc, seedScreenedCity } from '../support/caseFixtures';
import { bundleWorkflows, calendarAround, DAY, eventually } from '../support/caseWorkflowEnv';
import { createTestDatabase, type TestDatabase } from '../support/database';

const CAMPAIGN = 'worker-kill';
const CITY = '2204';
const CASES = 12;
const officer = { userId: 'officer-2204', role: 'city_officer' as const, cityCode: CITY };
const decisionFor = (i: number): CaseDecisionInput =>
  i % 2 === 0
    ? { outcome: 'VIOLATION', actualEmployer: { name: `实际工作单位${i}` }, evidence: '社保与公积金均由实际工作单位缴纳' }
    : { outcome: 'COMPLIANT', ground: 'DATA_LAG', justification: '社保转移在途' };

/** kill -9 of the worker's whole process group. */
function crash(child: ChildProcess): void {
  if (child.exitCode !== null || child.signalCode !== null || !child.pid) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

describe('a worker killed mid-investigation', () => {
  let db: TestDatabase;
  let client: Client;
  let dir: string;
  const children: ChildProcess[] = [];
  const taskQueue = `kill-${randomBytes(4).toString('hex')}`;

  function startWorkerProcess(): Promise<ChildProcess> {
    // `node --import tsx` runs the script in this very process (the tsx CLI would fork a child that
    // outlives a SIGKILL of its parent); its own process group lets one kill take everything.
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, '../support/caseWorkerProcess.ts')], {
      detached: true,
      env: {
        ...process.env,
        TEMPORAL_ADDRESS: process.env.TEST_TEMPORAL_ADDRESS,
        TASK_QUEUE: taskQueue,
        DATABASE_URL: db.url,
        WORKFLOW_BUNDLE: path.join(dir, 'workflows.js'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => {
      stderr += b.toString();
    });
    return new Promise((resolve, reject) => {
      child.stdout.on('data', (b: Buffer) => {
        if (b.toString().includes('ready')) resolve(child);
      });
      child.once('exit', (code) => reject(new Error(`worker process exited (${code}) before ready: ${stderr}`)));
    });
  }

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'gz-kill-'));
    const [database, bundle] = await Promise.all([createTestDatabase(), bundleWorkflows()]);
    db = database;
    writeFileSync(path.join(dir, 'workflows.js'), bundle.code);
    const regUnit = { name: '辽源某建设有限公司', code: fixtureUscc(50) };
    const { runId } = await seedScreenedCity(
      db.pool,
      CITY,
      Array.from({ length: CASES }, (_, i) => ({ idNumber: fixtureIdNumber(i + 1), regUnit })),
    );
    await openCasesFromScreening(db.pool, {
      campaignId: CAMPAIGN,
      cityCode: CITY,
      screeningRunId: runId,
      dueAt: new Date(Date.now() + 30 * DAY).toISOString(),
    });
    client = new Client({ connection: await Connection.connect({ address: process.env.TEST_TEMPORAL_ADDRESS! }) });
  });
  afterAll(async () => {
    for (const c of children) crash(c);
    await client?.connection.close();
    await db?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps every accepted decision exactly once and doubles no penalty', async () => {
    const first = await startWorkerProcess();
    const caseIds = await listCaseIds(db.pool, { campaignId: CAMPAIGN, cityCode: CITY, limit: CASES });
    const shard = await client.workflow.start<typeof caseShardWorkflow>('caseShardWorkflow', {
      taskQueue,
      workflowId: `campaign/${CAMPAIGN}/city/${CITY}/shard/0`,
      args: [
        {
          campaignId: CAMPAIGN,
          cityCode: CITY,
          shardIndex: 0,
          caseIds,
          caseSettings: { reminderAfterDays: 20, escalateAfterDays: 25 },
          calendar: calendarAround(Date.now()),
        },
      ],
    });
    const cases = caseIds.map((id) => client.workflow.getHandle(caseWorkflowId(CAMPAIGN, CITY, id)));
    await eventually(() => Promise.all(cases.map((c) => c.describe())), 60_000);
    const decide = (i: number): Promise<WorkflowUpdateHandle<DecideCaseResult>> =>
      cases[i].startUpdate(decideCaseUpdate, {
        args: [{ decision: decisionFor(i), officer }],
        updateId: `decide-${caseIds[i]}`,
        waitForStage: WorkflowUpdateStage.ACCEPTED,
      });

    // The first half in flight at once; the worker dies as soon as some are accepted.
    const firstHalf = Array.from({ length: CASES / 2 }, (_, i) => decide(i));
    await Promise.race(firstHalf);
    crash(first);
    const secondHalf = Array.from({ length: CASES / 2 }, (_, i) => decide(CASES / 2 + i));
    await startWorkerProcess();
    const handles = await Promise.all([...firstHalf, ...secondHalf]);
    // Redelivered decisions (a client retrying after the crash) are the same update.
    const resent = await Promise.all([0, 1, CASES - 1].map(decide));
    const results = await Promise.all(handles.map((h) => h.result()));
    for (const [k, i] of [0, 1, CASES - 1].entries()) expect(await resent[k].result()).toEqual(results[i]);

    expect(await client.workflow.result(shard.workflowId)).toMatchObject({
      closed: CASES,
      failed: 0,
      byOutcome: { VIOLATION: CASES / 2, COMPLIANT: CASES / 2 },
    });
    const log = await db.pool.query(`SELECT case_id, update_id FROM decision_log WHERE action = 'decide' ORDER BY case_id`);
    expect(log.rows).toEqual(caseIds.map((id) => ({ case_id: id, update_id: `decide-${id}` })));
    const recorded = await db.pool.query(`SELECT count(*)::int AS n FROM case_file WHERE status = 'closed' AND decision_update_id = 'decide-' || case_id`);
    expect(recorded.rows[0].n).toBe(CASES);
    // Each liable case started its city penalty procedure once, crash or not; no measure is in effect before its decision is served.
    // (Each procedure writes its row when it starts, after the decision that started it.)
    await eventually(async () => {
      const procedures = await db.pool.query(`SELECT case_id, count(*)::int AS n FROM penalty_procedure GROUP BY case_id ORDER BY case_id`);
      expect(procedures.rows).toEqual(caseIds.filter((_, i) => i % 2 === 0).map((id) => ({ case_id: id, n: 1 })));
    });
    expect((await db.pool.query('SELECT count(*)::int AS n FROM penalty')).rows[0].n).toBe(0);
    expect((await db.pool.query('SELECT count(*)::int AS n FROM registration_ban')).rows[0].n).toBe(0);
    for (const r of results) expect(r.penaltyIds).toEqual([]);
  });
});
