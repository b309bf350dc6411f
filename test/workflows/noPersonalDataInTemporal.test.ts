/**
 * Personal data never reaches Temporal: a campaign runs on the dev server with generated data until
 * cases are open and decided, then every workflow of the campaign (ids, search attributes, memos,
 * every payload of every history event) is searched for every ID number and name in the data files.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { bundleWorkflowCode, DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { parse } from 'csv-parse/sync';
import { createActivities } from '../../activities';
import type { AppConfig } from '../../platform/config';
import { ensureDemoCampaign } from '../../services/demo';
import { caseWorkflowId, decideCaseUpdate } from '../../workflows/messages/case';
import { createTestDatabase, type TestDatabase } from '../support/database';

const MINUTES_PER_DAY = 0.005; // 0.3 s per campaign day: cases open about 20 s after the launch

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 180_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Every text a history holds: its JSON, plus each payload's bytes decoded (the JSON has them in base64). */
function textsOf(node: unknown, out: string[] = []): string[] {
  if (typeof node === 'string') out.push(node);
  else if (Array.isArray(node)) node.forEach((n) => textsOf(n, out));
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if ((k === 'data' || k === 'encoding') && typeof v === 'string') out.push(Buffer.from(v, 'base64').toString('utf8'));
      textsOf(v, out);
    }
  }
  return out;
}

function column(file: string, names: string[]): string[] {
  const rows = parse(readFileSync(file), { columns: true, bom: true, skip_empty_lines: true }) as Record<string, string>[];
  return rows.flatMap((r) => names.map((n) => (r[n] ?? '').trim())).filter((v) => v.length >= 2);
}

describe('personal data in Temporal', () => {
  const id = `pii-${randomBytes(3).toString('hex')}`;
  const taskQueue = `pii-test-${id}`;
  let db: TestDatabase;
  let connection: Connection;
  let client: Client;
  let worker: Worker;
  let running: Promise<void>;
  let dataDir: string;

  beforeAll(async () => {
    try { Runtime.install({ logger: new DefaultLogger('ERROR') }); } catch { /* installed by another suite in this process */ }
    const address = process.env.TEST_TEMPORAL_ADDRESS!;
    let nativeConnection: NativeConnection;
    [db, connection, nativeConnection] = await Promise.all([createTestDatabase(), Connection.connect({ address }), NativeConnection.connect({ address })]);
    client = new Client({ connection });
    dataDir = mkdtempSync(path.join(tmpdir(), 'gz-pii-'));
    worker = await Worker.create({
      connection: nativeConnection, taskQueue,
      workflowBundle: await bundleWorkflowCode({ workflowsPath: require.resolve('../../workflows'), logger: new DefaultLogger('ERROR') }),
      activities: createActivities({ pool: db.pool, config: {} as AppConfig }),
    });
    running = worker.run();
  });

  afterAll(async () => {
    for await (const wf of client.workflow.list({ query: `CampaignId = '${id}' AND ExecutionStatus = 'Running'` })) {
      await client.workflow.getHandle(wf.workflowId).terminate('test over').catch(() => undefined);
    }
    worker?.shutdown();
    await running;
    await connection?.close();
    await db?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('appears in no workflow id, search attribute, memo or payload of a campaign with open and decided cases', async () => {
    const config = { dataDir, TASK_QUEUE: taskQueue } as AppConfig;
    await ensureDemoCampaign({ client, pool: db.pool, config, log: () => undefined, campaignId: id, minutesPerDay: MINUTES_PER_DAY, startDelayMs: 1_000, persons: 150 });
    const q = async (sql: string, args: unknown[] = []) => (await db.pool.query(sql, args)).rows;
    const open = await waitFor('open cases', async () => {
      const rows = await q("SELECT case_id, city_code FROM case_file WHERE campaign_id = $1 AND status = 'open' ORDER BY case_id LIMIT 3", [id]);
      return rows.length === 3 ? rows : undefined;
    });
    // Officers decide: a violation naming the actual employer, as the data contract requires.
    for (const c of open) {
      const handle = client.workflow.getHandle(caseWorkflowId(id, c.city_code, c.case_id));
      // The case row is written before its shard starts the case's workflow.
      await waitFor('the case workflow', async () => (await handle.describe().then(() => true, () => undefined)));
      await handle.executeUpdate(decideCaseUpdate, {
        args: [{ decision: { outcome: 'VIOLATION', actualEmployer: { name: '吉林省某实际用工建筑有限公司' }, evidence: '社保由实际用工单位缴纳，注册单位未缴纳' }, officer: { userId: `officer-${c.city_code}`, role: 'city_officer', cityCode: c.city_code } }],
      });
    }
    await waitFor('decisions recorded', async () => ((await q("SELECT count(*)::int n FROM case_file WHERE campaign_id = $1 AND outcome IS NOT NULL", [id]))[0].n >= 3 ? true : undefined));

    const files = path.join(dataDir, id); // where the demo writes its generated files
    const idNumbers = new Set([
      ...column(path.join(files, 'registrations.csv'), ['身份证号', 'id_number']),
      ...(await q('SELECT DISTINCT id_number FROM registration')).map((r) => r.id_number as string),
    ]);
    const names = new Set([
      ...column(path.join(files, 'registrations.csv'), ['姓名', 'name']),
      ...(await q('SELECT DISTINCT name FROM registration')).map((r) => r.name as string),
    ]);
    expect(idNumbers.size).toBeGreaterThan(100);
    expect(names.size).toBeGreaterThan(50);

    // The scanner itself sees a name hidden in a base64 payload (so an empty result means something).
    const someName = [...names][0];
    expect(textsOf({ payloads: [{ data: Buffer.from(JSON.stringify({ note: someName })).toString('base64') }] }).join('\n')).toContain(someName);

    const workflows: string[] = [];
    for await (const wf of client.workflow.list({ query: `CampaignId = '${id}'` })) workflows.push(wf.workflowId);
    expect(workflows.length).toBeGreaterThan(9 + 3); // campaign, nine cities, shards, cases
    const leaks: string[] = [];
    for (const workflowId of workflows) {
      const handle = client.workflow.getHandle(workflowId);
      const [history, description] = await Promise.all([handle.fetchHistory(), handle.describe()]);
      const texts = textsOf(history)
        .concat(workflowId, JSON.stringify(description.searchAttributes ?? {}), JSON.stringify(await description.memo ?? {}))
        .join('\n');
      for (const v of idNumbers) if (texts.includes(v)) leaks.push(`${workflowId}: an ID number`);
      for (const v of names) if (texts.includes(v)) leaks.push(`${workflowId}: a name`);
    }
    expect(leaks).toEqual([]);
  }, 300_000);
});
