import { Runtime, Worker, DefaultLogger } from '@temporalio/worker';
import { createActivities } from '../activities';
import { loadConfig } from '../platform/config';
import { createPool } from '../platform/db';
import { connectWorker, payloadDataConverter } from '../platform/temporalConnection';
import { WORKER_TUNING } from '../platform/workerOptions';

/**
 * The worker process: runs every workflow and activity on the project's task queue.
 * DATABASE_URL is always set here (npm start passes the embedded server's URL).
 */
async function main(): Promise<void> {
  process.umask(0o077); // what it writes (uploads, reports, import issues with ID numbers) is 0600, folders 0700
  const config = loadConfig();
  if (!config.DATABASE_URL) throw new Error('DATABASE_URL is not set (npm start sets it for the worker)');
  Runtime.install({ logger: new DefaultLogger(config.LOG_LEVEL === 'debug' ? 'DEBUG' : 'WARN') });
  const pool = createPool(config.DATABASE_URL);
  const connection = await connectWorker(config);
  const worker = await Worker.create({
    connection,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.TASK_QUEUE,
    workflowsPath: require.resolve('../workflows'),
    activities: createActivities({ pool, config }),
    dataConverter: payloadDataConverter(config),
    ...WORKER_TUNING,
  });
  // The SDK's Runtime already shuts the worker down gracefully on SIGINT/SIGTERM.
  console.log(`worker: polling task queue ${config.TASK_QUEUE} in namespace ${config.TEMPORAL_NAMESPACE}`);
  await worker.run();
  await connection.close();
  await pool.end();
}

main().catch((err) => {
  console.error(`worker: ${(err as Error).message}`);
  process.exit(1);
});
