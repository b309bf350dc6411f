import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { createActivities } from '../../activities';
import type { AppConfig } from '../../platform/config';
import { createTestDatabase, type TestDatabase } from './database';
import { sharedWorkflowBundle } from './workflowBundle';

/** Polls until the probe returns a value (the dev server runs in real time). */
export async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 90_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

export interface DevServerCampaignHarness {
  /** A fresh campaign id, also the demo's data folder name under dataDir. */
  campaignId: string;
  taskQueue: string;
  db: TestDatabase;
  client: Client;
  dataDir: string;
  /** Config for services (demo, launch) pointing at this harness's task queue and data folder. */
  config: AppConfig;
  /** Terminates the campaign's running workflows on the shared server, stops the worker, drops the database. */
  stop(): Promise<void>;
}

/**
 * A worker running the project's workflows and activities on the suite's dev server, on a task queue
 * and database of its own, for tests that run a campaign in real time on a compressed clock.
 */
export async function startDevServerCampaignHarness(prefix: string): Promise<DevServerCampaignHarness> {
  try {
    Runtime.install({ logger: new DefaultLogger('ERROR') });
  } catch {
    /* installed by another suite in this process */
  }
  const campaignId = `${prefix}-${randomBytes(3).toString('hex')}`;
  const taskQueue = `${prefix}-test-${campaignId}`;
  const address = process.env.TEST_TEMPORAL_ADDRESS!;
  const [db, connection, nativeConnection] = await Promise.all([createTestDatabase(), Connection.connect({ address }), NativeConnection.connect({ address })]);
  const client = new Client({ connection });
  const dataDir = mkdtempSync(path.join(tmpdir(), `gz-${prefix}-`));
  const worker = await Worker.create({
    connection: nativeConnection,
    taskQueue,
    workflowBundle: await sharedWorkflowBundle(),
    activities: createActivities({ pool: db.pool, config: {} as AppConfig }),
  });
  const running = worker.run();
  return {
    campaignId,
    taskQueue,
    db,
    client,
    dataDir,
    config: { dataDir, TASK_QUEUE: taskQueue } as AppConfig,
    async stop() {
      // Shards and cases outlive the campaign on the shared server: stop what is still running.
      for await (const wf of client.workflow.list({ query: `CampaignId = '${campaignId}' AND ExecutionStatus = 'Running'` })) {
        await client.workflow
          .getHandle(wf.workflowId)
          .terminate('test over')
          .catch(() => undefined);
      }
      worker.shutdown();
      await running;
      await connection.close();
      await nativeConnection.close();
      await db.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
