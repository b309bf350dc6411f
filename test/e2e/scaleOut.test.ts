/**
 * Scale-out: two worker processes on one task queue share one campaign (both poll, both run its
 * activities), and when one is killed (SIGKILL) mid-investigation the other completes it.
 * Real time on the suite's dev server, a compressed calendar (0.18 s per campaign day).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { bundleWorkflows } from '../support/caseWorkflowEnv';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { launchCompressedCampaign } from './faultSupport/compressedCampaign';
import { waitFor } from './faultSupport/waitFor';
import { startWorkerProcess, type WorkerProcess } from './faultSupport/workerProcess';

const ID = `scale-${randomBytes(3).toString('hex')}`;
const TASK_QUEUE = `scale-out-${ID}`;

describe('two workers on one task queue', () => {
  let dir: string;
  let db: TestDatabase;
  let connection: Connection;
  let client: Client;
  const workers: WorkerProcess[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'gz-scale-'));
    const [database, bundle] = await Promise.all([createTestDatabase(), bundleWorkflows()]);
    db = database;
    writeFileSync(path.join(dir, 'workflows.js'), bundle.code);
    connection = await Connection.connect({ address: process.env.TEST_TEMPORAL_ADDRESS! });
    client = new Client({ connection });
    const settings = { address: process.env.TEST_TEMPORAL_ADDRESS!, taskQueue: TASK_QUEUE, databaseUrl: db.url, bundlePath: path.join(dir, 'workflows.js') };
    workers.push(...(await Promise.all([startWorkerProcess(settings), startWorkerProcess(settings)])));
  });

  afterAll(async () => {
    // Case workflows outlive the campaign: stop them on the shared server.
    for await (const wf of client.workflow.list({ query: `CampaignId = '${ID}' AND ExecutionStatus = 'Running'` })) {
      await client.workflow
        .getHandle(wf.workflowId)
        .terminate('test over')
        .catch(() => undefined);
    }
    await Promise.all(workers.map((w) => w.stop()));
    await connection?.close();
    await db?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Identities of the workers that ran activities or workflow tasks in a workflow's history. */
  async function identitiesIn(workflowId: string): Promise<Set<string>> {
    const ids = new Set<string>();
    const history = await client.workflow.getHandle(workflowId).fetchHistory();
    for (const e of history.events ?? []) {
      const identity = e.activityTaskStartedEventAttributes?.identity ?? e.workflowTaskCompletedEventAttributes?.identity;
      if (identity) ids.add(identity);
    }
    return ids;
  }

  const phase = async () => (await db.pool.query('SELECT phase FROM campaign WHERE id = $1', [ID])).rows[0]?.phase as string | undefined;

  it('share one campaign; killed mid-investigation, one worker completes it', async () => {
    const [a, b] = workers;
    const identity = (w: WorkerProcess) => new RegExp(`^${w.pid}@`);
    // Both poll the queue, for workflow and for activity tasks.
    for (const type of [temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW, temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_ACTIVITY]) {
      const pollers = await waitFor(
        'both pollers',
        async () => {
          const r = await connection.workflowService.describeTaskQueue({ namespace: 'default', taskQueue: { name: TASK_QUEUE }, taskQueueType: type });
          const ids = (r.pollers ?? []).map((p) => p.identity ?? '');
          return ids.some((i) => identity(a).test(i)) && ids.some((i) => identity(b).test(i)) ? ids : undefined;
        },
        20_000,
      );
      expect(pollers.length).toBeGreaterThanOrEqual(2);
    }

    await launchCompressedCampaign({
      client,
      pool: db.pool,
      taskQueue: TASK_QUEUE,
      id: ID,
      dataDir: path.join(dir, 'data'),
      persons: 200,
      minutesPerDay: 0.003,
      startDelayMs: 1_000,
    });
    // Mid-investigation: every city has screened and opened its cases (a bulk screening in flight on a
    // killed worker would only resume after its 2-minute heartbeat timeout).
    await waitFor(
      'every city investigating',
      async () => {
        const { rows } = await db.pool.query("SELECT count(*)::int n FROM city_progress WHERE campaign_id = $1 AND phase NOT IN ('selfCheck', 'screening')", [
          ID,
        ]);
        return rows[0].n === 9 ? true : undefined;
      },
      60_000,
    );
    expect((await db.pool.query('SELECT count(*)::int n FROM case_file WHERE campaign_id = $1', [ID])).rows[0].n).toBeGreaterThan(0);

    // Both workers did the campaign's work: the nine cities' histories name both identities.
    const cities = (await db.pool.query('SELECT city_code FROM city_progress WHERE campaign_id = $1', [ID])).rows.map(
      (r) => `campaign/${ID}/city/${r.city_code}`,
    );
    expect(cities).toHaveLength(9);
    const seen = new Set<string>();
    for (const id of [`campaign/${ID}`, ...cities]) for (const i of await identitiesIn(id)) seen.add(i);
    expect([...seen].some((i) => identity(a).test(i))).toBe(true);
    expect([...seen].some((i) => identity(b).test(i))).toBe(true);

    // kill -9 one of them in the middle of the investigation; the other finishes the calendar.
    expect(await phase()).not.toBe('completed');
    a.crash();
    await waitFor('the campaign completed', async () => ((await phase()) === 'completed' ? true : undefined), 90_000, 500).catch(async (err) => {
      const rows = (await db.pool.query('SELECT city_code, phase FROM city_progress WHERE campaign_id = $1', [ID])).rows;
      const d = await client.workflow.getHandle(`campaign/${ID}`).describe();
      const c = await client.workflow.getHandle(cities[0]).describe();
      throw new Error(
        `${err} | campaign ${await phase()} ${JSON.stringify(rows)} pending ${JSON.stringify(d.raw.pendingActivities)} ${JSON.stringify(d.raw.pendingChildren?.length)} city0 ${c.status.name} ${JSON.stringify(c.raw.pendingActivities)}`,
      );
    });
    // The read model says completed one workflow task before the run ends: the workflow's own status follows.
    await waitFor(
      'the campaign workflow completed',
      async () => ((await client.workflow.getHandle(`campaign/${ID}`).describe()).status.name === 'COMPLETED' ? true : undefined),
      30_000,
      500,
    );
    // Work after the kill was done by the survivor alone.
    const closing = await client.workflow.getHandle(`campaign/${ID}`).fetchHistory();
    const last = [...(closing.events ?? [])].reverse().find((e) => e.workflowTaskCompletedEventAttributes?.identity);
    expect(last!.workflowTaskCompletedEventAttributes!.identity).toMatch(identity(b));
    expect(b.child.exitCode).toBeNull();
  });
});
