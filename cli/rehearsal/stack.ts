/**
 * The rehearsal's own stack, all in this process but PostgreSQL's server: a fresh database on the
 * project's server (DATABASE_URL, else the embedded one under GZ_DATA_DIR), the time-skipping test
 * server (the pinned binary from .venv), and the worker with the project's real workflows and
 * activities. Nothing is shared with a running `npm start`: its own database, its own Temporal.
 *
 * Time moves only when the rehearsal says so (advanceTo): the test server keeps time skipping
 * locked between the officers' actions and skips ahead while every workflow waits on a timer.
 */
import { randomBytes } from 'node:crypto';
import { Client } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { temporal } from '@temporalio/proto';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { Client as PgClient, type Pool } from 'pg';
import { createActivities } from '../../activities';
import { migrate } from '../../db/migrate';
import { loadConfig } from '../../platform/config';
import { createPool } from '../../platform/db';
import { openDatabase } from '../../platform/openDatabase';
import { dataConverterFor } from '../../platform/payloadCodec';
import { newPayloadKeyEntry } from '../../platform/payloadKeys';
import { SEARCH_ATTRIBUTES } from '../../platform/temporalDevServer';
import { WORKER_TUNING } from '../../platform/workerOptions';
import { temporalTestServerPath } from '../../scripts/tools';

export interface RehearsalStack {
  pool: Pool;
  client: Client;
  taskQueue: string;
  /** The test server's present (ms). */
  now(): Promise<number>;
  /** Lets the server skip ahead to `wallMs` (as far as the workflows let it). */
  advanceTo(wallMs: number): Promise<void>;
  /** Lets time skip until the workflow has closed (as the SDK's time-skipping client waits for a result). */
  awaitClosed(workflowId: string): Promise<void>;
  stop(): Promise<void>;
}

/** A database of its own on the project's server, so the rehearsal's numbers and cases stand alone. */
async function freshDatabase(serverUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `gz_rehearsal_${randomBytes(5).toString('hex')}`;
  const admin = new PgClient({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    async drop() {
      const c = new PgClient({ connectionString: serverUrl });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}

export async function startRehearsalStack(log: (line: string) => void, opts: { keepDatabase?: boolean } = {}): Promise<RehearsalStack> {
  try {
    Runtime.install({ logger: new DefaultLogger('ERROR'), telemetryOptions: { logging: { filter: { core: 'ERROR', other: 'ERROR' } } } });
  } catch {
    // Installed already (a test running the rehearsal in-process).
  }
  const server = await openDatabase();
  const stopping: (() => Promise<unknown>)[] = [() => server.stop()];
  const stop = async () => {
    for (const s of stopping.reverse()) await s().catch(() => undefined);
  };
  try {
    const db = await freshDatabase(server.url);
    if (!opts.keepDatabase) stopping.push(() => db.drop());
    else log(`database kept: ${new URL(db.url).pathname.slice(1)}`);
    const pool = createPool(db.url, { max: 10 });
    stopping.push(() => pool.end());
    await migrate(pool);
    log('database ready (migrated)');

    const env = await TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path: temporalTestServerPath() } } });
    stopping.push(() => env.teardown());
    // The time-skipping server knows no custom search attributes until they are added.
    await env.connection.operatorService.addSearchAttributes({
      namespace: env.namespace ?? 'default',
      searchAttributes: Object.fromEntries(Object.keys(SEARCH_ATTRIBUTES).map((k) => [k, temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD])),
    });
    // Payloads encrypted as in production, with a key that lives only as long as this process.
    const dataConverter = dataConverterFor(newPayloadKeyEntry());
    const taskQueue = `rehearsal-${randomBytes(3).toString('hex')}`;
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowsPath: require.resolve('../../workflows'),
      activities: createActivities({ pool, config: loadConfig({}) }),
      dataConverter,
      ...WORKER_TUNING,
    });
    const running = worker.run();
    stopping.push(async () => {
      worker.shutdown();
      await running;
    });
    log('time-skipping server and worker ready');
    const client = new Client({ connection: env.connection, dataConverter });
    return {
      pool,
      client,
      taskQueue,
      now: () => env.currentTimeMs(),
      async advanceTo(wallMs) {
        const gap = wallMs - (await env.currentTimeMs());
        if (gap > 0) await env.sleep(gap);
      },
      async awaitClosed(workflowId) {
        const testService = env.connection.testService!;
        await testService.unlockTimeSkipping({});
        try {
          await client.workflow.getHandle(workflowId).result();
        } finally {
          await testService.lockTimeSkipping({});
        }
      },
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
