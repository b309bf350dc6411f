/**
 * The real processes an API test stands on: a test database, the workflows and activities in an
 * in-process worker, a Temporal client, and the API in its own process, all sharing the test file's
 * payload key (encryption is on by default). stop() undoes all of it, whatever started.
 */
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { createActivities } from '../../../activities';
import { loadConfig } from '../../../platform/config';
import { bundleWorkflows } from '../../support/caseWorkflowEnv';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { testDataConverter } from '../../support/payloadKeys';
import { startApi, type RunningApi } from './apiProcess';
import { seedUsers } from './seed';

export interface ApiStack {
  db: TestDatabase;
  client: Client;
  api: RunningApi;
  stop(): Promise<void>;
}

export async function startApiStack(opts: { taskQueue: string; apiEnv?: Record<string, string> }): Promise<ApiStack> {
  const address = process.env.TEST_TEMPORAL_ADDRESS!;
  const [db, bundle] = await Promise.all([createTestDatabase(), bundleWorkflows()]);
  const nativeConnection = await NativeConnection.connect({ address });
  const worker = await Worker.create({
    connection: nativeConnection,
    taskQueue: opts.taskQueue,
    workflowBundle: bundle,
    activities: createActivities({ pool: db.pool, config: loadConfig({}) }),
    dataConverter: testDataConverter(),
  });
  const running = worker.run();
  const client = new Client({ connection: await Connection.connect({ address }), dataConverter: testDataConverter() });
  await seedUsers(db.pool);
  const api = await startApi({ databaseUrl: db.url, taskQueue: opts.taskQueue, ...(opts.apiEnv ? { env: opts.apiEnv } : {}) });
  return {
    db,
    client,
    api,
    async stop() {
      await api.stop();
      worker.shutdown();
      await running.catch(() => undefined);
      await client.connection.close();
      await nativeConnection.close();
      await db.drop();
    },
  };
}
